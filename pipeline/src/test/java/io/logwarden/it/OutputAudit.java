package io.logwarden.it;

import io.logwarden.detect.AlertEvents;
import io.logwarden.it.ReliabilityWorkload.ExpectedAlert;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.topics.TopicReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * What the output topics hold, read with {@code read_committed}, against what the workload must
 * make: each expected (id, topic) exactly once, no id where it does not belong, no dead letter, and
 * for each expected alert exactly one alert id whose records (in the alerts topic, and as events in
 * the store that keeps alerts, the same) keep the alert guarantee with coalesced updates: OPEN once
 * first, each UPDATED once in order with rising counts the alert went through, at most one CLOSED
 * last at the final count (see {@link #coalescedProblem}).
 */
public final class OutputAudit {

  private final List<String> missing = new ArrayList<>();
  private final List<String> duplicated = new ArrayList<>();
  private final List<String> unexpected = new ArrayList<>();
  private final List<String> alertProblems = new ArrayList<>();
  private final Map<String, Long> recordsByTopic = new TreeMap<>();
  private long expectedPairs;
  private long foundPairs;
  private long duplicateRecords;
  private long alertRecords;
  private long alertsComplete;
  private long alertsAtFinalCount;
  private long alertsExpected;
  private int deadLetters;

  private OutputAudit() {}

  /**
   * Reads every output topic to its end and compares.
   *
   * @param destinations each produced id and the topics its event must reach
   * @param alerts the alerts that must be raised, and no other
   */
  public static OutputAudit read(Map<String, Object> client, Map<String, Set<String>> destinations,
      List<ExpectedAlert> alerts, Duration timeout) {
    OutputAudit audit = new OutputAudit();
    Deserializer<LogEvent> events = LogwardenSerdes.logEvent().deserializer();
    Deserializer<Alert> alertValues = LogwardenSerdes.alert().deserializer();
    Map<String, List<ConsumerRecord<byte[], byte[]>>> topics;
    try (TopicReader reader = new TopicReader(client)) {
      topics = reader.readAll(ReliabilityWorkload.OUTPUT_TOPICS, timeout);
    }
    // (id, topic) -> how many records
    Map<String, Map<String, Integer>> seen = new HashMap<>();
    Map<String, List<Long>> alertEventCounts = new HashMap<>();
    for (Map.Entry<String, List<ConsumerRecord<byte[], byte[]>>> entry : topics.entrySet()) {
      String topic = entry.getKey();
      audit.recordsByTopic.put(topic, (long) entry.getValue().size());
      if (topic.equals(ReliabilityWorkload.ALERTS)) {
        continue;
      }
      if (topic.equals(ReliabilityWorkload.DLQ)) {
        audit.deadLetters = entry.getValue().size();
        continue;
      }
      for (ConsumerRecord<byte[], byte[]> record : entry.getValue()) {
        LogEvent event = events.deserialize(topic, record.value());
        if (AlertEvents.ACTION.equals(event.getAction())) {
          // Records of one alert id share a key, so a partition, so this is their order.
          alertEventCounts.computeIfAbsent(event.getEventId(), id -> new ArrayList<>())
              .add(Long.parseLong(event.getAttributes().get("alert.count")));
          continue;
        }
        seen.computeIfAbsent(event.getEventId(), id -> new HashMap<>()).merge(topic, 1, Integer::sum);
      }
    }
    for (Map.Entry<String, Set<String>> entry : destinations.entrySet()) {
      Map<String, Integer> found = seen.getOrDefault(entry.getKey(), Map.of());
      for (String topic : entry.getValue()) {
        audit.expectedPairs++;
        int n = found.getOrDefault(topic, 0);
        if (n == 0) {
          audit.missing.add(entry.getKey() + " in " + topic);
        } else {
          audit.foundPairs++;
          if (n > 1) {
            audit.duplicated.add(entry.getKey() + " " + n + " times in " + topic);
            audit.duplicateRecords += n - 1;
          }
        }
      }
    }
    seen.forEach((id, found) -> found.forEach((topic, n) -> {
      if (!destinations.getOrDefault(id, Set.of()).contains(topic)) {
        audit.unexpected.add(id + " in " + topic);
      }
    }));
    audit.checkAlerts(topics.get(ReliabilityWorkload.ALERTS), alertValues, alerts, alertEventCounts);
    return audit;
  }

  private void checkAlerts(List<ConsumerRecord<byte[], byte[]>> records, Deserializer<Alert> values,
      List<ExpectedAlert> expected, Map<String, List<Long>> alertEventCounts) {
    // (rule, key) -> alert id -> its records in order
    Map<String, Map<String, List<Alert>>> byRuleAndKey = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      Alert alert = values.deserialize(ReliabilityWorkload.ALERTS, record.value());
      alertRecords++;
      byRuleAndKey.computeIfAbsent(alert.getRuleId() + " " + alert.getKey(), k -> new LinkedHashMap<>())
          .computeIfAbsent(alert.getAlertId(), id -> new ArrayList<>()).add(alert);
    }
    alertsExpected = expected.size();
    for (ExpectedAlert want : expected) {
      String ruleAndKey = want.ruleId() + " " + want.key();
      Map<String, List<Alert>> ids = byRuleAndKey.remove(ruleAndKey);
      Long finalCount = want.counts().get(want.counts().size() - 1);
      if (ids != null && ids.entrySet().stream().anyMatch(e -> e.getValue().stream()
          .anyMatch(a -> a.getCount() == finalCount) && alertEventCounts.getOrDefault(e.getKey(), List.of()).contains(finalCount))) {
        alertsAtFinalCount++;
      }
      if (ids == null) {
        alertProblems.add("no alert " + ruleAndKey);
        continue;
      }
      if (ids.size() != 1) {
        alertProblems.add(ids.size() + " alert ids for " + ruleAndKey);
        continue;
      }
      String alertId = ids.keySet().iterator().next();
      List<Alert> states = ids.get(alertId);
      List<Long> counts = states.stream().map(Alert::getCount).toList();
      List<AlertStatus> statuses = states.stream().map(Alert::getStatus).toList();
      boolean ok = true;
      String problem = coalescedProblem(statuses, counts, want.counts());
      if (problem != null) {
        alertProblems.add(ruleAndKey + " (" + alertId + "): records " + statuses + " " + counts + ": " + problem
            + " (every count: " + want.counts() + ")");
        ok = false;
      }
      List<Long> asEvents = alertEventCounts.getOrDefault(alertId, List.of());
      if (!asEvents.equals(counts)) {
        alertProblems.add(ruleAndKey + " (" + alertId + "): as events in the store " + asEvents + ", in the alerts topic "
            + counts);
        ok = false;
      }
      if (ok) {
        alertsComplete++;
      }
    }
    byRuleAndKey.forEach((ruleAndKey, ids) -> alertProblems.add("unexpected alert " + ruleAndKey + " " + ids.keySet()));
  }

  /**
   * What is wrong with one alert's records against the guarantee with coalesced updates (each
   * update a record with an update_interval of 0): OPEN once, first, with the opening count; each
   * UPDATED once, in order, with a count the alert went through, counts rising; at most one CLOSED,
   * last, with the exact final count. Null when nothing is.
   */
  static String coalescedProblem(List<AlertStatus> statuses, List<Long> counts, List<Long> every) {
    if (statuses.isEmpty() || statuses.get(0) != AlertStatus.OPEN || !counts.get(0).equals(every.get(0))) {
      return "not opened once with count " + every.get(0);
    }
    int at = 0;
    for (int i = 1; i < statuses.size(); i++) {
      AlertStatus status = statuses.get(i);
      if (status == AlertStatus.CLOSED) {
        if (i != statuses.size() - 1 || !counts.get(i).equals(every.get(every.size() - 1))) {
          return "CLOSED not last or not at the final count " + every.get(every.size() - 1);
        }
        continue;
      }
      if (status != AlertStatus.UPDATED) {
        return "a second " + status;
      }
      int next = every.subList(at + 1, every.size()).indexOf(counts.get(i));
      if (next < 0) {
        return "UPDATED count " + counts.get(i) + " repeated, out of order or never reached";
      }
      at += 1 + next;
    }
    return null;
  }

  /** Nothing missing, duplicated, misplaced or dead-lettered, and every alert as the guarantee says. */
  public boolean exact() {
    return missing.isEmpty() && duplicated.isEmpty() && unexpected.isEmpty() && alertProblems.isEmpty()
        && deadLetters == 0;
  }

  /**
   * Every expected (id, topic) is there and every expected alert has reached its final count, in the
   * alerts topic and in the store (there may be more: {@link #exact()} says).
   */
  public boolean complete() {
    return missing.isEmpty() && alertsAtFinalCount == alertsExpected;
  }

  public List<String> missing() {
    return missing;
  }

  public List<String> duplicated() {
    return duplicated;
  }

  public List<String> unexpected() {
    return unexpected;
  }

  public List<String> alertProblems() {
    return alertProblems;
  }

  public int deadLetters() {
    return deadLetters;
  }

  /** A few lines of figures and the first problems of each kind. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    text.append("records by topic: ").append(recordsByTopic).append('\n');
    text.append("expected (id, topic) pairs: ").append(expectedPairs).append(", found: ").append(foundPairs)
        .append(", missing: ").append(missing.size()).append(", duplicate records: ").append(duplicateRecords)
        .append(", ids where they do not belong: ").append(unexpected.size()).append(", dead letters: ")
        .append(deadLetters).append('\n');
    text.append("alert records: ").append(alertRecords).append(", expected alerts exactly right: ")
        .append(alertsComplete).append(", at their final count: ").append(alertsAtFinalCount).append(" of ")
        .append(alertsExpected).append(", alert problems: ").append(alertProblems.size()).append('\n');
    appendFirst(text, "missing", missing);
    appendFirst(text, "duplicated", duplicated);
    appendFirst(text, "unexpected", unexpected);
    appendFirst(text, "alert problem", alertProblems);
    return text.toString();
  }

  private static void appendFirst(StringBuilder text, String what, List<String> items) {
    items.stream().limit(5).forEach(item -> text.append("  ").append(what).append(": ").append(item).append('\n'));
  }
}
