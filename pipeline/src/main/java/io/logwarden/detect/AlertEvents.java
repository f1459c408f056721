package io.logwarden.detect;

import io.logwarden.detect.rules.KeyField;
import io.logwarden.schema.Actor;
import io.logwarden.schema.Alert;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Origin;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.Redaction;
import io.logwarden.schema.Severity;
import io.logwarden.schema.Source;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An alert as a {@link LogEvent}, for the store that keeps alerts (the policy keeps them in Better
 * Stack for 30 days): each topic carries one schema. The event id is the alert id, so the store
 * topic, compacted by event id, keeps each alert's latest state.
 */
public final class AlertEvents {

  /** The action of an alert event. */
  public static final String ACTION = "alert";
  /** The origin format of an alert event; its origin topic is the alerts topic. */
  public static final String FORMAT = "alert";

  private AlertEvents() {}

  /**
   * @param alertsTopic the alerts topic, named as the event's origin
   * @param keyId the pseudonymization key id the alert's key was made with, or null
   */
  public static LogEvent toLogEvent(Alert alert, String alertsTopic, String keyId) {
    Actor actor = new Actor(null, null, null);
    Source source = new Source(null, null, null);
    KeyField field = alert.getKeyField() == null ? null : KeyField.byName(alert.getKeyField());
    if (field != null) {
      switch (field) {
        case USER -> actor.setUser(alert.getKey());
        case SERVICE -> actor.setService(alert.getKey());
        case PROCESS -> actor.setProcess(alert.getKey());
        case HOST -> source.setHost(alert.getKey());
        case SOURCE_ADDRESS -> source.setAddress(alert.getKey());
      }
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("alert.id", alert.getAlertId());
    attributes.put("alert.rule_id", alert.getRuleId());
    attributes.put("alert.title", alert.getTitle());
    attributes.put("alert.severity", alert.getSeverity().name());
    attributes.put("alert.attack", String.join(",", alert.getAttack()));
    attributes.put("alert.key", alert.getKey());
    if (alert.getKeyField() != null) {
      attributes.put("alert.key_field", alert.getKeyField());
    }
    attributes.put("alert.count", Long.toString(alert.getCount()));
    if (alert.getDistinctCount() != null) {
      attributes.put("alert.distinct_count", Long.toString(alert.getDistinctCount()));
    }
    attributes.put("alert.first_seen", alert.getFirstSeen().toString());
    attributes.put("alert.last_seen", alert.getLastSeen().toString());
    attributes.put("alert.window_start", alert.getWindowStart().toString());
    attributes.put("alert.window_end", alert.getWindowEnd().toString());
    attributes.put("alert.status", alert.getStatus().name());
    attributes.put("alert.sample_event_ids", String.join(",", alert.getSampleEventIds()));
    return LogEvent.newBuilder()
        .setEventId(alert.getAlertId())
        .setEventTime(alert.getDetectedAt())
        .setObservedTime(alert.getDetectedAt())
        .setCategory(Category.SECURITY)
        .setAction(ACTION)
        .setOutcome(Outcome.UNKNOWN)
        .setSeverityNumber(severityNumber(alert.getSeverity()))
        .setSeverityText(alert.getSeverity().name())
        .setActor(actor)
        .setSource(source)
        .setMessage(alert.getSummary())
        .setAttributes(attributes)
        .setOrigin(new Origin(alertsTopic, -1, -1L, 0, FORMAT))
        .setRedaction(new Redaction(new HashMap<>(), keyId))
        .setFlags(List.of())
        .build();
  }

  // On the OpenTelemetry scale: LOW info, MEDIUM warn, HIGH error, CRITICAL fatal.
  private static int severityNumber(Severity severity) {
    return switch (severity) {
      case LOW -> 9;
      case MEDIUM -> 13;
      case HIGH -> 17;
      case CRITICAL -> 21;
      case UNKNOWN -> 9;
    };
  }
}
