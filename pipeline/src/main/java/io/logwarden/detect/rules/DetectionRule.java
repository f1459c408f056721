package io.logwarden.detect.rules;

import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One correlation rule, as the rules file states it (see {@code docs/detection-rules.md}).
 *
 * <p>The window of length {@code window} that ends at an event at time t holds the matching events
 * with times in (t − window, t]. An alert opens when the condition first holds for a (rule, key);
 * for {@code suppression} of event time after the opening, matching events for that key update the
 * open alert instead of opening another.
 *
 * @param id rule id, written into alerts, e.g. {@code auth.brute_force.source}
 * @param title short human title
 * @param severity alert severity
 * @param attack MITRE ATT&CK technique ids
 * @param type what the rule counts
 * @param inputStore null to read the security-events topic; else the id of the store whose topic
 *     the rule reads (e.g. {@code sentry} for error events)
 * @param match the events counted (for a sequence: the first step's events; null when the first step
 *     is other rules' alerts)
 * @param key the fields the rule correlates on; the first one an event has is its key (a sequence's
 *     second step is checked against each of them)
 * @param distinct for distinct counts: the field whose distinct values are counted
 * @param threshold events (count, sequence's first step) or distinct values that make the condition hold
 * @param window the sliding window's length
 * @param then a sequence's second step, else null
 * @param afterAlerts for a sequence whose first step is an alert of other rules: their ids (keyed by
 *     the alert's key); else empty
 * @param suppression how long after an alert opens the same key cannot open another
 * @param grace how late (behind stream time) an event may arrive and still be counted
 * @param updateInterval at most one UPDATED record per this much event time for an open alert
 *     (zero: one per matching event); a count crossing an escalation step goes out at once
 * @param signalCap signals kept whole (event id, value) per key and window; past it a key's signals are
 *     kept as counts per millisecond, so counts stay exact while the state per key stays bounded (see
 *     docs/detection-rules.md); distinct-count rules track at most this many distinct values
 * @param summary the one-line summary template: {count}, {distinct}, {key}, {threshold}, {window}
 */
public record DetectionRule(
    String id,
    String title,
    Severity severity,
    List<String> attack,
    RuleType type,
    String inputStore,
    EventCondition match,
    List<KeyField> key,
    KeyField distinct,
    int threshold,
    Duration window,
    EventCondition then,
    List<String> afterAlerts,
    Duration suppression,
    Duration grace,
    Duration updateInterval,
    int signalCap,
    String summary) {

  public DetectionRule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(severity, "severity");
    attack = List.copyOf(attack);
    Objects.requireNonNull(type, "type");
    key = List.copyOf(key);
    afterAlerts = List.copyOf(afterAlerts);
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(suppression, "suppression");
    Objects.requireNonNull(grace, "grace");
    Objects.requireNonNull(updateInterval, "updateInterval");
    Objects.requireNonNull(summary, "summary");
    if (key.isEmpty()) {
      throw new IllegalArgumentException(id + ": a rule needs a key field");
    }
    if (threshold < 1) {
      throw new IllegalArgumentException(id + ": threshold must be at least 1");
    }
    if (signalCap < Math.max(threshold, MIN_SIGNAL_CAP)) {
      throw new IllegalArgumentException(id + ": signal_cap must be at least the threshold and at least " + MIN_SIGNAL_CAP);
    }
    if (window.toMillis() < 1) {
      throw new IllegalArgumentException(id + ": window must be at least 1 ms");
    }
    if (type == RuleType.DISTINCT_COUNT && distinct == null) {
      throw new IllegalArgumentException(id + ": a distinct count needs a distinct field");
    }
    if (type == RuleType.SEQUENCE && then == null) {
      throw new IllegalArgumentException(id + ": a sequence needs a then step");
    }
    if (match == null && (type != RuleType.SEQUENCE || afterAlerts.isEmpty())) {
      throw new IllegalArgumentException(id + ": a rule needs a match unless it follows other rules' alerts");
    }
  }

  /** The default {@code signal_cap}. */
  public static final int DEFAULT_SIGNAL_CAP = 1_000;
  /** The smallest {@code signal_cap}: an alert's samples (up to 10 event ids) are always whole signals. */
  public static final int MIN_SIGNAL_CAP = 10;

  /** Whether the rule's first step is other rules' alerts rather than events. */
  public boolean followsAlerts() {
    return !afterAlerts.isEmpty();
  }

  /** The field of the key an event is correlated under: the first key field it has, or null. */
  public KeyField keyFieldOf(LogEvent event) {
    for (KeyField field : key) {
      if (field.of(event) != null) {
        return field;
      }
    }
    return null;
  }

  /** This rule with another {@code update_interval}. */
  public DetectionRule withUpdateInterval(Duration interval) {
    return new DetectionRule(id, title, severity, attack, type, inputStore, match, key, distinct, threshold, window, then,
        afterAlerts, suppression, grace, interval, signalCap, summary);
  }

  /** This rule with another {@code signal_cap}. */
  public DetectionRule withSignalCap(int cap) {
    return new DetectionRule(id, title, severity, attack, type, inputStore, match, key, distinct, threshold, window, then,
        afterAlerts, suppression, grace, updateInterval, cap, summary);
  }
}
