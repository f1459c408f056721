package io.logwarden.detect;

import io.logwarden.detect.rules.DetectionRule;
import io.logwarden.detect.rules.RuleType;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.detect.RuleKeyState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;

/** Builds a rule's alert records from the state of one key. */
final class AlertFactory {

  private final DetectionRule rule;
  private final String window;

  AlertFactory(DetectionRule rule) {
    this.rule = rule;
    this.window = humanDuration(rule.window());
  }

  /**
   * The alert's record with {@code status}, as the key's state last recorded it: its count (and
   * distinct count) in the window ending at {@code alert_window_end}.
   */
  Alert build(String key, RuleKeyState state, AlertStatus status) {
    long width = rule.window().toMillis();
    long count = state.getAlertCount();
    Long distinct = state.getAlertDistinct();
    long windowEnd = state.getAlertWindowEnd();
    boolean distinctRule = rule.type() == RuleType.DISTINCT_COUNT;
    boolean capped = distinctRule && state.getAlertDistinctCapped();
    return Alert.newBuilder()
        .setAlertId(state.getAlertId())
        .setRuleId(rule.id())
        .setTitle(rule.title())
        .setSeverity(rule.severity())
        .setAttack(new ArrayList<>(rule.attack()))
        .setKey(key)
        .setKeyField(state.getKeyField().isEmpty() ? null : state.getKeyField())
        .setCount(count)
        .setDistinctCount(distinctRule ? distinct : null)
        .setDistinctCountCapped(distinctRule ? capped : null)
        .setFirstSeen(Instant.ofEpochMilli(state.getFirstSeen()))
        .setLastSeen(Instant.ofEpochMilli(state.getLastSeen()))
        .setWindowStart(Instant.ofEpochMilli(windowEnd - width))
        .setWindowEnd(Instant.ofEpochMilli(windowEnd))
        .setSampleEventIds(new ArrayList<>(state.getSamples()))
        .setStatus(status)
        .setSummary(summary(key, count, distinct, capped))
        .setDetectedAt(Instant.ofEpochMilli(Math.max(state.getLastSeen(), windowEnd)))
        .build();
  }

  private String summary(String key, long count, Long distinct, boolean capped) {
    String distinctText = distinct == null ? "" : (capped ? "at least " : "") + distinct;
    return rule.summary()
        .replace("{count}", Long.toString(count))
        .replace("{distinct}", distinctText)
        .replace("{key}", key)
        .replace("{threshold}", Integer.toString(rule.threshold()))
        .replace("{window}", window);
  }

  /** 120 s, 10 min, 2 h: whole minutes from 5 minutes up, whole hours from 2 hours up. */
  static String humanDuration(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis + " ms";
    }
    long seconds = millis / 1000;
    if (seconds >= 7200 && seconds % 3600 == 0) {
      return seconds / 3600 + " h";
    }
    if (seconds >= 300 && seconds % 60 == 0) {
      return seconds / 60 + " min";
    }
    return seconds + " s";
  }
}
