package io.logwarden.benchmarks.flood;

import io.logwarden.benchmarks.flood.FloodReference.Expected;
import io.logwarden.benchmarks.flood.FloodReference.RuleNumbers;
import io.logwarden.redact.Pseudonymizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The alerts read against the reference's: every expected OPEN alert (rule, key, opening time) must
 * be there, with the expected count, distinct count and first_seen; an alert on a key of the flood
 * that the reference does not expect is unexpected. Alerts on other keys are the background's.
 *
 * <p>Keys: the pipeline pseudonymizes addresses and users before detection, so the flood's plain
 * addresses and users are mapped to their pseudonyms with the product's {@link Pseudonymizer} under
 * the benchmark's key (the same key the topologies run with): the only product code the check uses.
 *
 * <p>Records per alert: for each alert of the flood, the records read under its id against
 * 2 + (last_seen − first_seen) ÷ update_interval + log2(count ÷ threshold), with count the largest
 * count its records carried (for password spraying its distinct count, the measure its escalation
 * steps are taken on).
 */
final class AlertCheck {

  /**
   * One rule's comparison. Present: {@code exact} (the expected opening time, count, distinct count and
   * first_seen), {@code sameTime} (the expected opening time, another count or first_seen) or
   * {@code later} (opened after the expected time, within the rule's grace: the contract's outcome when
   * the events that complete the window arrive out of order, within the grace; {@code medianDelayMs} and
   * {@code maxDelayMs} by how much). {@code keysAlerted}: of the {@code keys} with an expected alert,
   * those with an alert of the rule read at all, whenever it opened.
   */
  record RuleResult(String ruleId, long expected, long exact, long sameTime, long later, long missing,
      long unexpected, long keys, long keysAlerted, long medianDelayMs, long maxDelayMs) {

    long present() {
      return exact + sameTime + later;
    }
  }

  /**
   * The records of one rule's alerts on the flood's keys.
   *
   * @param violations alerts with more records than the bound
   * @param violationsIfClosed the same, counting for each alert not yet CLOSED the CLOSED record still to come
   * @param notClosed alerts without a CLOSED record read
   */
  record Records(String ruleId, long alerts, int max, double median, int p99, long violations, long violationsIfClosed,
      long notClosed, long escalations, long total, double worstRatio) {}

  record Result(Map<String, RuleResult> byRule, Map<String, Records> records, Records allRecords, List<String> missing,
      List<String> differing, List<String> later, List<String> unexpected, List<String> violations,
      long backgroundAlerts, Map<String, Long> backgroundByRule, long withoutOpen, long changedIds) {

    long expected() {
      return byRule.values().stream().mapToLong(RuleResult::expected).sum();
    }

    long missingCount() {
      return byRule.values().stream().mapToLong(RuleResult::missing).sum();
    }

    long exactCount() {
      return byRule.values().stream().mapToLong(RuleResult::exact).sum();
    }

    long sameTimeCount() {
      return byRule.values().stream().mapToLong(RuleResult::sameTime).sum();
    }

    long laterCount() {
      return byRule.values().stream().mapToLong(RuleResult::later).sum();
    }

    long unexpectedCount() {
      return byRule.values().stream().mapToLong(RuleResult::unexpected).sum();
    }

    long keys() {
      return byRule.values().stream().mapToLong(RuleResult::keys).sum();
    }

    long keysAlerted() {
      return byRule.values().stream().mapToLong(RuleResult::keysAlerted).sum();
    }
  }

  private static final int SHOWN = 10;

  private final FloodPlan plan;
  private final List<Expected> expected;
  private final long startMs;
  private final String[] addressKeys;
  private final String[] userKeys;
  private final Map<String, String> plain = new HashMap<>();

  AlertCheck(FloodPlan plan, List<Expected> expected, long startMs, Pseudonymizer pseudonymizer) {
    this.plan = plan;
    this.expected = expected;
    this.startMs = startMs;
    this.addressKeys = new String[plan.settings().addresses()];
    for (int a = 0; a < addressKeys.length; a++) {
      addressKeys[a] = pseudonymizer.pseudonym(plan.addressText(a));
      plain.put(addressKeys[a], plan.addressText(a));
    }
    this.userKeys = new String[plan.settings().users()];
    for (int u = 0; u < userKeys.length; u++) {
      userKeys[u] = pseudonymizer.pseudonym(plan.userName(u));
      plain.put(userKeys[u], plan.userName(u));
    }
  }

  private String keyOf(Expected e) {
    return e.byAddress() ? addressKeys[e.key()] : userKeys[e.key()];
  }

  private static String id(String ruleId, String key, long openedAt) {
    return ruleId + " " + key + " " + openedAt;
  }

  /** The OPEN alerts read, per "rule key", in opening order. */
  private static Map<String, List<AlertLog.Entry>> openedByRuleAndKey(List<AlertLog.Entry> entries) {
    Map<String, List<AlertLog.Entry>> opened = new HashMap<>();
    for (AlertLog.Entry entry : entries) {
      if (entry.openedAt != null) {
        opened.computeIfAbsent(entry.ruleId + " " + entry.key, k -> new ArrayList<>()).add(entry);
      }
    }
    opened.values().forEach(list -> list.sort(java.util.Comparator.comparingLong(e -> e.openedAt)));
    return opened;
  }

  /**
   * Pairs each expected alert with the first alert read of its rule and key, not paired yet, that opened
   * at its opening time or up to the rule's grace after it (null: none).
   */
  private Map<Expected, AlertLog.Entry> pair(Map<String, List<AlertLog.Entry>> opened) {
    Map<Expected, AlertLog.Entry> pairs = new HashMap<>();
    Set<AlertLog.Entry> taken = new HashSet<>();
    for (Expected e : expected) {
      long at = startMs + e.openedAt();
      long grace = FloodReference.NUMBERS.get(e.ruleId()).graceMs();
      for (AlertLog.Entry entry : opened.getOrDefault(e.ruleId() + " " + keyOf(e), List.of())) {
        if (entry.openedAt >= at && entry.openedAt <= at + grace && taken.add(entry)) {
          pairs.put(e, entry);
          break;
        }
      }
    }
    return pairs;
  }

  /** Whether every expected alert has an OPEN record among {@code entries} (within the grace after its time). */
  boolean allPresent(List<AlertLog.Entry> entries) {
    return pair(openedByRuleAndKey(entries)).size() == expected.size();
  }

  /** Whether every alert on the flood's keys has its CLOSED record. */
  boolean allClosed(List<AlertLog.Entry> entries) {
    return entries.stream().filter(e -> plain.containsKey(e.key)).allMatch(AlertLog.Entry::closed);
  }

  Result check(List<AlertLog.Entry> entries) {
    long withoutOpen = entries.stream().filter(e -> e.openedAt == null && plain.containsKey(e.key)).count();
    long changedIds = entries.stream().filter(e -> e.keyOrRuleChanged).count();
    Map<String, List<AlertLog.Entry>> opened = openedByRuleAndKey(entries);
    Map<Expected, AlertLog.Entry> pairs = pair(opened);
    // expected, exact, same time, later within grace, missing, unexpected
    Map<String, long[]> tallies = new LinkedHashMap<>();
    FloodReference.RULES.forEach(rule -> tallies.put(rule, new long[6]));
    Map<String, List<Long>> delays = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    List<String> shifted = new ArrayList<>();
    for (Expected e : expected) {
      long[] tally = tallies.get(e.ruleId());
      tally[0]++;
      String key = keyOf(e);
      long at = startMs + e.openedAt();
      AlertLog.Entry found = pairs.get(e);
      String expectedText = e.ruleId() + " " + plain.get(key) + " opening " + Instant.ofEpochMilli(at) + " count "
          + e.count() + (e.distinct() == null ? "" : " distinct " + e.distinct()) + " first_seen "
          + Instant.ofEpochMilli(startMs + e.firstSeen());
      if (found == null) {
        tally[4]++;
        if (missing.size() < SHOWN) {
          missing.add(expectedText + alertsOfKey(opened.get(e.ruleId() + " " + key)));
        }
        continue;
      }
      String read = "; read: opened " + Instant.ofEpochMilli(found.openedAt) + " count " + found.openCount
          + (found.openDistinct == null ? "" : " distinct " + found.openDistinct) + " first_seen "
          + Instant.ofEpochMilli(found.openFirstSeen);
      if (found.openedAt != at) {
        tally[3]++;
        delays.computeIfAbsent(e.ruleId(), r -> new ArrayList<>()).add(found.openedAt - at);
        if (shifted.size() < SHOWN) {
          shifted.add(expectedText + read);
        }
      } else if (found.openCount == e.count() && java.util.Objects.equals(found.openDistinct, e.distinct())
          && found.openFirstSeen == startMs + e.firstSeen()) {
        tally[1]++;
      } else {
        tally[2]++;
        if (differing.size() < SHOWN) {
          differing.add(expectedText + read);
        }
      }
    }
    Set<AlertLog.Entry> paired = new HashSet<>(pairs.values());
    List<String> unexpected = new ArrayList<>();
    Map<String, Long> background = new TreeMap<>();
    long backgroundAlerts = 0;
    for (AlertLog.Entry entry : entries) {
      if (entry.openedAt == null || paired.contains(entry)) {
        continue;
      }
      if (plain.containsKey(entry.key)) {
        tallies.computeIfAbsent(entry.ruleId, r -> new long[6])[5]++;
        if (unexpected.size() < SHOWN) {
          unexpected.add(entry.ruleId + " " + plain.get(entry.key) + " opened " + Instant.ofEpochMilli(entry.openedAt)
              + " count " + entry.openCount + (entry.openDistinct == null ? "" : " distinct " + entry.openDistinct));
        }
      } else {
        backgroundAlerts++;
        background.merge(entry.ruleId, 1L, Long::sum);
      }
    }
    Set<String> alertedKeys = new HashSet<>();
    for (AlertLog.Entry entry : entries) {
      if (entry.openedAt != null) {
        alertedKeys.add(entry.ruleId + " " + entry.key);
      }
    }
    Map<String, Set<String>> expectedKeys = new HashMap<>();
    for (Expected e : expected) {
      expectedKeys.computeIfAbsent(e.ruleId(), r -> new HashSet<>()).add(e.ruleId() + " " + keyOf(e));
    }
    Map<String, RuleResult> byRule = new LinkedHashMap<>();
    tallies.forEach((rule, t) -> {
      Set<String> keys = expectedKeys.getOrDefault(rule, Set.of());
      List<Long> late = new ArrayList<>(delays.getOrDefault(rule, List.of()));
      late.sort(null);
      byRule.put(rule, new RuleResult(rule, t[0], t[1], t[2], t[3], t[4], t[5], keys.size(),
          keys.stream().filter(alertedKeys::contains).count(), late.isEmpty() ? 0 : late.get(late.size() / 2),
          late.isEmpty() ? 0 : late.get(late.size() - 1)));
    });

    // Records per alert, on the flood's keys.
    Map<String, List<AlertLog.Entry>> floodAlerts = new LinkedHashMap<>();
    FloodReference.RULES.forEach(rule -> floodAlerts.put(rule, new ArrayList<>()));
    for (AlertLog.Entry entry : entries) {
      if (plain.containsKey(entry.key) && FloodReference.NUMBERS.containsKey(entry.ruleId)) {
        floodAlerts.get(entry.ruleId).add(entry);
      }
    }
    Map<String, Records> records = new LinkedHashMap<>();
    List<String> violations = new ArrayList<>();
    List<AlertLog.Entry> all = new ArrayList<>();
    floodAlerts.forEach((rule, list) -> {
      records.put(rule, records(rule, list, violations));
      all.addAll(list);
    });
    Records allRecords = records("all", all, new ArrayList<>());
    return new Result(byRule, records, allRecords, missing, differing, shifted, unexpected, violations,
        backgroundAlerts, background, withoutOpen, changedIds);
  }

  /** The records bound of one alert. */
  static double bound(RuleNumbers rule, AlertLog.Entry entry) {
    long measure = rule.id().equals(FloodReference.PASSWORD_SPRAYING) ? entry.maxDistinct : entry.maxCount;
    double escalations = measure <= 0 ? 0 : Math.log((double) measure / rule.threshold()) / Math.log(2);
    return 2 + (double) (entry.lastSeen - entry.firstSeen) / rule.updateIntervalMs() + escalations;
  }

  private Records records(String ruleId, List<AlertLog.Entry> alerts, List<String> violations) {
    int[] counts = new int[alerts.size()];
    long violating = 0;
    long violatingIfClosed = 0;
    long notClosed = 0;
    long escalations = 0;
    long total = 0;
    double worst = 0;
    List<Object[]> worstFirst = new ArrayList<>();
    for (int i = 0; i < alerts.size(); i++) {
      AlertLog.Entry entry = alerts.get(i);
      counts[i] = entry.records;
      total += entry.records;
      escalations += entry.escalations;
      RuleNumbers rule = FloodReference.NUMBERS.get(entry.ruleId);
      double bound = bound(rule, entry);
      worst = Math.max(worst, entry.records / bound);
      if (entry.records > bound) {
        violating++;
        worstFirst.add(new Object[] {entry.records / bound, entry, bound});
      }
      if (!entry.closed()) {
        notClosed++;
      }
      if (entry.records + (entry.closed() ? 0 : 1) > bound) {
        violatingIfClosed++;
      }
    }
    worstFirst.sort((x, y) -> Double.compare((double) y[0], (double) x[0]));
    for (Object[] v : worstFirst.subList(0, Math.min(SHOWN, worstFirst.size()))) {
      violations.add(describe((AlertLog.Entry) v[1], (double) v[2]));
    }
    Arrays.sort(counts);
    int n = counts.length;
    double median = n == 0 ? 0 : n % 2 == 1 ? counts[n / 2] : (counts[n / 2 - 1] + counts[n / 2]) / 2.0;
    int p99 = n == 0 ? 0 : counts[Math.max(0, (int) Math.ceil(0.99 * n) - 1)];
    return new Records(ruleId, n, n == 0 ? 0 : counts[n - 1], median, p99, violating, violatingIfClosed, notClosed,
        escalations, total, worst);
  }

  /** An alert over its bound, with its records: status and detected_at from the opening, in seconds. */
  private String describe(AlertLog.Entry entry, double bound) {
    StringBuilder trail = new StringBuilder();
    long open = entry.openedAt == null ? entry.detectedAt[0] : entry.openedAt;
    for (int i = 0; i < entry.records; i++) {
      trail.append(i == 0 ? "" : " ").append(entry.statuses.charAt(i))
          .append(String.format(java.util.Locale.ROOT, "%+.1f", (entry.detectedAt[i] - open) / 1e3));
    }
    boolean spraying = entry.ruleId.equals(FloodReference.PASSWORD_SPRAYING);
    return String.format(java.util.Locale.ROOT,
        "%s %s opened %s: %d records > bound %.2f (last_seen − first_seen %.1f s, largest %s %d); records (O OPEN, "
            + "E escalation step, U UPDATED, C CLOSED; detected_at, s after the opening): %s",
        entry.ruleId, plain.get(entry.key), Instant.ofEpochMilli(open), entry.records, bound,
        (entry.lastSeen - entry.firstSeen) / 1e3, spraying ? "distinct count" : "count",
        spraying ? entry.maxDistinct : entry.maxCount, trail);
  }

  /** For a missing alert: the alerts of its rule and key that were read instead. */
  private static String alertsOfKey(List<AlertLog.Entry> opened) {
    StringBuilder text = new StringBuilder();
    for (AlertLog.Entry entry : opened == null ? List.<AlertLog.Entry>of() : opened) {
      text.append(text.length() == 0 ? "; read instead: opened " : ", opened ")
          .append(Instant.ofEpochMilli(entry.openedAt)).append(" count ").append(entry.openCount);
    }
    return text.length() == 0 ? "; no alert of the rule for the key read" : text.toString();
  }
}
