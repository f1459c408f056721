package io.logwarden.evidence;

import io.logwarden.schema.Alert;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alerts with a state published in the period, each counted once by alert id at its latest
 * state there (the alerts topic holds every state: OPEN, then UPDATED under the same id).
 */
final class AlertTally {

  /** Alerts of one rule and severity, and the matching events their latest states count. */
  record RuleCount(long alerts, long events) {}

  private record Latest(String rule, String severity, long count, long detectedAt, int partition, long offset) {
    boolean isAfter(Latest other) {
      if (detectedAt != other.detectedAt) {
        return detectedAt > other.detectedAt;
      }
      return partition != other.partition ? partition > other.partition : offset > other.offset;
    }
  }

  private final Map<String, Latest> byId = new HashMap<>();
  private final Map<String, Long> undecodable = new TreeMap<>();

  void accept(Alert alert, int partition, long offset) {
    Latest state = new Latest(alert.getRuleId(), alert.getSeverity().name(), alert.getCount(),
        alert.getDetectedAt().toEpochMilli(), partition, offset);
    byId.merge(alert.getAlertId(), state, (old, now) -> now.isAfter(old) ? now : old);
  }

  void undecodable(String topic) {
    undecodable.merge(topic, 1L, Long::sum);
  }

  long alerts() {
    return byId.size();
  }

  /** Rule id to severity to counts, both sorted. */
  Map<String, Map<String, RuleCount>> byRule() {
    Map<String, Map<String, RuleCount>> rules = new TreeMap<>();
    for (Latest latest : byId.values()) {
      rules.computeIfAbsent(latest.rule(), rule -> new TreeMap<>()).merge(latest.severity(),
          new RuleCount(1, latest.count()), (a, b) -> new RuleCount(a.alerts() + b.alerts(), a.events() + b.events()));
    }
    return rules;
  }

  Map<String, Long> undecodable() {
    return undecodable;
  }
}
