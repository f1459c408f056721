package io.logwarden.detect;

import io.logwarden.detect.rules.DetectionRule;
import io.logwarden.detect.rules.KeyField;
import io.logwarden.detect.rules.RuleType;
import io.logwarden.schema.Alert;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.detect.DetectionSignal;
import io.logwarden.schema.detect.SignalStep;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * Reduces an event to what one rule needs of it: nothing when the rule does not match it, else one
 * signal per key it is correlated under, keyed by that key, so the rule's repartition topic brings
 * every signal of a key to the same task.
 */
public final class SignalExtractor {

  private final DetectionRule rule;

  public SignalExtractor(DetectionRule rule) {
    this.rule = rule;
  }

  /** The signals of an event, keyed by correlation key; empty when the rule ignores the event. */
  public List<KeyValue<String, DetectionSignal>> signals(LogEvent event, long time) {
    if (rule.type() != RuleType.SEQUENCE) {
      if (!rule.match().matches(event)) {
        return List.of();
      }
      KeyField field = rule.keyFieldOf(event);
      if (field == null) {
        return List.of();
      }
      String key = field.of(event);
      String distinct = rule.distinct() == null ? null : rule.distinct().of(event);
      return List.of(KeyValue.pair(key, signal(event.getEventId(), time, key, key, field, distinct, SignalStep.MATCH)));
    }
    List<KeyValue<String, DetectionSignal>> signals = new ArrayList<>(2);
    if (!rule.followsAlerts() && rule.match().matches(event)) {
      addPerKey(signals, event, time, SignalStep.FIRST);
    }
    if (rule.then().matches(event)) {
      addPerKey(signals, event, time, SignalStep.THEN);
    }
    return signals;
  }

  /** The first-step signal of another rule's alert, for a sequence that follows alerts; keyed by the alert's key. */
  public static KeyValue<String, DetectionSignal> fromAlert(Alert alert) {
    String field = alert.getKeyField() == null ? "" : alert.getKeyField();
    DetectionSignal signal = signal(alert.getAlertId(), alert.getDetectedAt().toEpochMilli(),
        alert.getKey(), alert.getKey(), null, null, SignalStep.FIRST);
    signal.setKeyField(field);
    return KeyValue.pair(alert.getKey(), signal);
  }

  // A sequence is checked on every key field the event has; the alert is raised under the first.
  private void addPerKey(List<KeyValue<String, DetectionSignal>> signals, LogEvent event, long time, SignalStep step) {
    KeyField alertField = rule.keyFieldOf(event);
    if (alertField == null) {
      return;
    }
    String alertKey = alertField.of(event);
    for (KeyField field : rule.key()) {
      String key = field.of(event);
      if (key != null) {
        signals.add(KeyValue.pair(key, signal(event.getEventId(), time, key, alertKey, alertField, null, step)));
      }
    }
  }

  private static DetectionSignal signal(
      String eventId, long time, String key, String alertKey, KeyField field, String distinct, SignalStep step) {
    return DetectionSignal.newBuilder()
        .setEventId(eventId)
        .setTime(time)
        .setKey(key)
        .setAlertKey(alertKey)
        .setKeyField(field == null ? "" : field.fieldName())
        .setDistinct(distinct)
        .setStep(step)
        .build();
  }
}
