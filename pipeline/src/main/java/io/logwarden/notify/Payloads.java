package io.logwarden.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.Severity;
import io.logwarden.schema.serde.AvroJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What each kind of destination is sent for a notification, as JSON trees. Pure: the same
 * notification gives the same payload.
 */
public final class Payloads {

  /** The field of a webhook body, and of PagerDuty's custom details, that carries the idempotency key. */
  public static final String IDEMPOTENCY_FIELD = "idempotency_key";
  /** The {@code client} PagerDuty shows for the events logwarden sends. */
  static final String CLIENT = "logwarden";
  /** Slack's limits: a header's text, a section's text, a field's text (Block Kit reference). */
  static final int SLACK_HEADER_CHARS = 150;
  static final int SLACK_SECTION_CHARS = 3000;
  static final int SLACK_FIELD_CHARS = 2000;
  /** PagerDuty's summary is cut at 1024 characters by PagerDuty itself; cut it here, visibly. */
  static final int PAGERDUTY_SUMMARY_CHARS = 1024;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Payloads() {}

  /** The line a file destination writes: exactly {@link AvroJson#toJson} of the alert, without a newline. */
  public static String fileLine(Alert alert) {
    return AvroJson.toJson(alert);
  }

  /** A webhook's body: the alert as plain JSON, plus {@value #IDEMPOTENCY_FIELD}. */
  public static ObjectNode webhook(Notification notification) {
    ObjectNode body = AvroJson.toJsonNode(notification.alert());
    body.put(IDEMPOTENCY_FIELD, notification.idempotencyKey());
    return body;
  }

  /**
   * A PagerDuty Events API v2 event: {@code trigger} for OPEN and escalations (again under the same
   * {@code dedup_key}, which PagerDuty folds into the open alert), {@code resolve} for CLOSED. The
   * {@code dedup_key} is the alert id, so every state of an alert is one PagerDuty alert.
   */
  public static ObjectNode pagerDuty(Notification notification, String routingKey) {
    Alert alert = notification.alert();
    ObjectNode event = NODES.objectNode();
    event.put("routing_key", routingKey);
    event.put("dedup_key", alert.getAlertId());
    if (notification.trigger() == Trigger.CLOSED) {
      event.put("event_action", "resolve");
      return event;
    }
    event.put("event_action", "trigger");
    event.put("client", CLIENT);
    ObjectNode payload = event.putObject("payload");
    payload.put("summary", cut(headline(alert), PAGERDUTY_SUMMARY_CHARS));
    payload.put("source", alert.getKey());
    payload.put("severity", pagerDutySeverity(alert.getSeverity()));
    payload.put("timestamp", alert.getDetectedAt().toString());
    if (alert.getKeyField() != null) {
      payload.put("component", alert.getKeyField());
    }
    payload.put("class", alert.getRuleId());
    ObjectNode details = AvroJson.toJsonNode(alert);
    details.put(IDEMPOTENCY_FIELD, notification.idempotencyKey());
    payload.set("custom_details", details);
    return event;
  }

  /**
   * PagerDuty's severities are {@code critical}, {@code error}, {@code warning} and {@code info}:
   * CRITICAL is critical, HIGH error, MEDIUM warning, LOW info; a severity this build does not know
   * is sent as critical rather than played down.
   */
  public static String pagerDutySeverity(Severity severity) {
    if (severity == null) {
      return "critical";
    }
    return switch (severity) {
      case LOW -> "info";
      case MEDIUM -> "warning";
      case HIGH -> "error";
      case CRITICAL, UNKNOWN -> "critical";
    };
  }

  /**
   * A Slack incoming-webhook message: {@code text} (what notifications and screen readers show) and
   * Block Kit blocks: a header with the severity and the rule's title, the summary, the facts as
   * two-column fields (rule, severity, status, key, count, first and last seen, ATT&CK), and a
   * context line with the alert id and the idempotency key. Text from the alert is escaped
   * ({@code &}, {@code <}, {@code >}), so a key can never mention {@code @channel} or form a link.
   */
  public static ObjectNode slack(Notification notification) {
    Alert alert = notification.alert();
    ObjectNode message = NODES.objectNode();
    message.put("text", escape(emoji(alert) + " " + headline(alert)));
    ArrayNode blocks = message.putArray("blocks");

    ObjectNode header = blocks.addObject();
    header.put("type", "header");
    ObjectNode headerText = header.putObject("text");
    headerText.put("type", "plain_text");
    headerText.put("text", cut(emoji(alert) + " " + severity(alert) + " · " + alert.getTitle(), SLACK_HEADER_CHARS));
    headerText.put("emoji", true);

    ObjectNode summary = blocks.addObject();
    summary.put("type", "section");
    summary.set("text", mrkdwn(cut((notification.test() ? "_Test notification from logwarden: no alert was raised._\n" : "")
        + escape(alert.getSummary()), SLACK_SECTION_CHARS)));

    ObjectNode facts = blocks.addObject();
    facts.put("type", "section");
    ArrayNode fields = facts.putArray("fields");
    fields.add(field("Rule", "`" + escape(alert.getRuleId()) + "`"));
    fields.add(field("Severity", severity(alert)));
    fields.add(field("Status", status(alert)));
    fields.add(field("Key", (alert.getKeyField() == null ? "" : escape(alert.getKeyField()) + " ")
        + "`" + escape(alert.getKey()) + "`"));
    fields.add(field("Count", count(alert)));
    fields.add(field("First seen", date(alert.getFirstSeen())));
    fields.add(field("Last seen", date(alert.getLastSeen())));
    if (!alert.getAttack().isEmpty()) {
      fields.add(field("ATT&amp;CK", escape(String.join(", ", alert.getAttack()))));
    }

    ObjectNode context = blocks.addObject();
    context.put("type", "context");
    context.putArray("elements").add(mrkdwn("logwarden · alert `" + escape(alert.getAlertId()) + "` · "
        + IDEMPOTENCY_FIELD.replace('_', ' ') + " `" + escape(notification.idempotencyKey()) + "`"));
    return message;
  }

  /** One line: {@code [HIGH] OPEN: <summary> (<rule>)}. */
  static String headline(Alert alert) {
    return "[" + severity(alert) + "] " + status(alert) + ": " + alert.getSummary() + " (" + alert.getRuleId() + ")";
  }

  private static String status(Alert alert) {
    AlertStatus status = alert.getStatus();
    if (status == AlertStatus.UPDATED && alert.getEscalationStep() != null) {
      return "ESCALATED (step " + alert.getEscalationStep() + ")";
    }
    return String.valueOf(status);
  }

  private static String severity(Alert alert) {
    return String.valueOf(alert.getSeverity());
  }

  private static String count(Alert alert) {
    String count = Long.toString(alert.getCount());
    if (alert.getDistinctCount() != null) {
      boolean lowerBound = Boolean.TRUE.equals(alert.getDistinctCountCapped());
      count += " (" + (lowerBound ? "at least " : "") + alert.getDistinctCount() + " distinct)";
    }
    return count;
  }

  private static String emoji(Alert alert) {
    if (alert.getStatus() == AlertStatus.CLOSED) {
      return ":white_check_mark:";
    }
    Severity severity = alert.getSeverity();
    return switch (severity == null ? Severity.UNKNOWN : severity) {
      case LOW -> ":large_blue_circle:";
      case MEDIUM -> ":large_yellow_circle:";
      case HIGH -> ":large_orange_circle:";
      case CRITICAL, UNKNOWN -> ":red_circle:";
    };
  }

  // Slack's date formatting: shown in each reader's own time zone, the ISO time as the fallback.
  private static String date(Instant instant) {
    return "<!date^" + instant.getEpochSecond() + "^{date_short_pretty} {time_secs}|" + SECONDS.format(instant) + ">";
  }

  private static ObjectNode field(String label, String value) {
    return mrkdwn(cut("*" + label + "*\n" + value, SLACK_FIELD_CHARS));
  }

  private static ObjectNode mrkdwn(String text) {
    ObjectNode node = NODES.objectNode();
    node.put("type", "mrkdwn");
    node.put("text", text);
    return node;
  }

  /** Slack's three control characters as the entities Slack expects. */
  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String cut(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  /** The alerts' fields a Slack message shows, for tests and documentation. */
  static final List<String> SLACK_FIELDS = List.of("Rule", "Severity", "Status", "Key", "Count", "First seen",
      "Last seen");
}
