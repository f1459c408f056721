package io.logwarden.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.Severity;
import io.logwarden.schema.serde.AvroJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The payloads against the vendors' documented shapes (invented values): Slack's incoming-webhook
 * message with Block Kit blocks (api.slack.com/messaging/webhooks, reference/block-kit/blocks,
 * reference/surfaces/formatting), PagerDuty's Events API v2 event (developer.pagerduty.com
 * events-api-v2, PagerDuty/api-schema reference/events-v2/openapiv3.json), the webhook's plain alert.
 */
class PayloadsTest {

  static {
    io.logwarden.schema.serde.TrustedRecordClasses.trustLogwardenRecords();
  }

  private static final Alert OPEN = TestAlerts.alert("9c1e0d4f2b7a4c55a0e3d1f2b3c4d5e6", AlertStatus.OPEN, null);

  private static Notification notification(Alert alert) {
    return Notification.of(alert, Trigger.of(alert).orElseThrow());
  }

  @Test
  void aWebhookIsSentTheAlertAsPlainJsonWithItsIdempotencyKey() {
    ObjectNode body = Payloads.webhook(notification(OPEN));
    ObjectNode plain = AvroJson.toJsonNode(OPEN);
    assertThat(body.remove(Payloads.IDEMPOTENCY_FIELD).asText()).isEqualTo("9c1e0d4f2b7a4c55a0e3d1f2b3c4d5e6:OPEN:0");
    assertThat(body).isEqualTo(plain);
    assertThat(plain.path("first_seen").asText()).isEqualTo("2026-11-27T10:15:30.123Z");
    assertThat(plain.path("status").asText()).isEqualTo("OPEN");
  }

  @Test
  void theFileLineIsExactlyTheAlertAsAvroJsonRendersIt() {
    assertThat(Payloads.fileLine(OPEN)).isEqualTo(AvroJson.toJson(OPEN)).doesNotContain("\n")
        .startsWith("{\"alert_id\":\"9c1e0d4f2b7a4c55a0e3d1f2b3c4d5e6\",\"rule_id\":\"auth.brute_force.source\"");
  }

  @Test
  void pagerDutyIsSentATriggerWithTheAlertIdAsDedupKeyAndTheSeverityMapped() {
    JsonNode event = Payloads.pagerDuty(notification(OPEN), "R0UT1NGKEY000000000000000000000X");
    // Required: routing_key and event_action; payload.summary, .source and .severity for a trigger.
    assertThat(event.path("routing_key").asText()).isEqualTo("R0UT1NGKEY000000000000000000000X");
    assertThat(event.path("event_action").asText()).isEqualTo("trigger");
    assertThat(event.path("dedup_key").asText()).isEqualTo(OPEN.getAlertId()).hasSizeLessThanOrEqualTo(255);
    assertThat(event.path("client").asText()).isEqualTo("logwarden");
    JsonNode payload = event.path("payload");
    assertThat(payload.path("summary").asText())
        .isEqualTo("[HIGH] OPEN: 8 failed sign-ins from 203.0.113.7 within 120 s (auth.brute_force.source)")
        .hasSizeLessThanOrEqualTo(1024);
    assertThat(payload.path("source").asText()).isEqualTo("203.0.113.7");
    assertThat(payload.path("severity").asText()).isEqualTo("error");
    assertThat(payload.path("timestamp").asText()).isEqualTo("2026-11-27T10:16:10.123Z");
    assertThat(payload.path("component").asText()).isEqualTo("source.address");
    assertThat(payload.path("class").asText()).isEqualTo("auth.brute_force.source");
    assertThat(payload.path("custom_details").path("count").asLong()).isEqualTo(8);
    assertThat(payload.path("custom_details").path(Payloads.IDEMPOTENCY_FIELD).asText())
        .isEqualTo(OPEN.getAlertId() + ":OPEN:0");
    List<String> fields = new ArrayList<>();
    event.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactlyInAnyOrder("routing_key", "dedup_key", "event_action", "client", "payload");
  }

  @Test
  void anEscalationTriggersAgainUnderTheSameDedupKeyAndAClosingResolves() {
    JsonNode escalation = Payloads.pagerDuty(notification(TestAlerts.alert(OPEN.getAlertId(), AlertStatus.UPDATED, 2)),
        "k");
    assertThat(escalation.path("event_action").asText()).isEqualTo("trigger");
    assertThat(escalation.path("dedup_key").asText()).isEqualTo(OPEN.getAlertId());
    assertThat(escalation.path("payload").path("summary").asText()).startsWith("[HIGH] ESCALATED (step 2): 32 failed");

    JsonNode resolve = Payloads.pagerDuty(notification(TestAlerts.alert(OPEN.getAlertId(), AlertStatus.CLOSED, null)),
        "k");
    List<String> fields = new ArrayList<>();
    resolve.fieldNames().forEachRemaining(fields::add);
    // A resolve needs only the routing key, the action and the dedup key.
    assertThat(fields).containsExactly("routing_key", "dedup_key", "event_action");
    assertThat(resolve.path("event_action").asText()).isEqualTo("resolve");
  }

  @Test
  void pagerDutySeveritiesAreCriticalErrorWarningAndInfo() {
    assertThat(Payloads.pagerDutySeverity(Severity.CRITICAL)).isEqualTo("critical");
    assertThat(Payloads.pagerDutySeverity(Severity.HIGH)).isEqualTo("error");
    assertThat(Payloads.pagerDutySeverity(Severity.MEDIUM)).isEqualTo("warning");
    assertThat(Payloads.pagerDutySeverity(Severity.LOW)).isEqualTo("info");
    assertThat(Payloads.pagerDutySeverity(Severity.UNKNOWN)).isEqualTo("critical");
  }

  @Test
  void slackIsSentAMessageWithAFallbackTextAndBlocksThatReadWell() {
    JsonNode message = Payloads.slack(notification(OPEN));
    assertThat(message.path("text").asText()).isEqualTo(":large_orange_circle: [HIGH] OPEN: 8 failed sign-ins from "
        + "203.0.113.7 within 120 s (auth.brute_force.source)");
    JsonNode blocks = message.path("blocks");
    assertThat(blocks.isArray()).isTrue();
    assertThat(blocks).extracting(b -> b.path("type").asText()).containsExactly("header", "section", "section", "context");

    JsonNode header = blocks.get(0).path("text");
    assertThat(header.path("type").asText()).isEqualTo("plain_text");
    assertThat(header.path("text").asText())
        .isEqualTo(":large_orange_circle: HIGH · Repeated failed sign-ins from one source").hasSizeLessThanOrEqualTo(150);

    assertThat(blocks.get(1).path("text").path("type").asText()).isEqualTo("mrkdwn");
    assertThat(blocks.get(1).path("text").path("text").asText())
        .isEqualTo("8 failed sign-ins from 203.0.113.7 within 120 s");

    JsonNode fields = blocks.get(2).path("fields");
    assertThat(fields.size()).isLessThanOrEqualTo(10);
    List<String> texts = new ArrayList<>();
    fields.forEach(f -> {
      assertThat(f.path("type").asText()).isEqualTo("mrkdwn");
      assertThat(f.path("text").asText()).hasSizeLessThanOrEqualTo(2000);
      texts.add(f.path("text").asText());
    });
    assertThat(texts).containsExactly(
        "*Rule*\n`auth.brute_force.source`",
        "*Severity*\nHIGH",
        "*Status*\nOPEN",
        "*Key*\nsource.address `203.0.113.7`",
        "*Count*\n8",
        "*First seen*\n<!date^1795774530^{date_short_pretty} {time_secs}|2026-11-27T10:15:30Z>",
        "*Last seen*\n<!date^1795774570^{date_short_pretty} {time_secs}|2026-11-27T10:16:10Z>",
        "*ATT&amp;CK*\nT1110.001");

    JsonNode context = blocks.get(3).path("elements");
    assertThat(context.size()).isEqualTo(1);
    assertThat(context.get(0).path("text").asText()).contains("`" + OPEN.getAlertId() + "`",
        "`" + OPEN.getAlertId() + ":OPEN:0`");
  }

  @Test
  void slackShowsEscalationsClosingsAndDistinctCounts() {
    Alert spraying = Alert.newBuilder(TestAlerts.alert("a", "auth.password_spraying", Severity.CRITICAL,
        AlertStatus.UPDATED, 1)).setDistinctCount(20L).setDistinctCountCapped(true).build();
    JsonNode escalated = Payloads.slack(notification(spraying));
    assertThat(escalated.path("blocks").get(2).path("fields").get(2).path("text").asText())
        .isEqualTo("*Status*\nESCALATED (step 1)");
    assertThat(escalated.path("blocks").get(2).path("fields").get(4).path("text").asText())
        .isEqualTo("*Count*\n16 (at least 20 distinct)");
    assertThat(escalated.path("text").asText()).startsWith(":red_circle: [CRITICAL] ESCALATED (step 1)");

    JsonNode closed = Payloads.slack(notification(TestAlerts.alert("a", AlertStatus.CLOSED, null)));
    assertThat(closed.path("text").asText()).startsWith(":white_check_mark: [HIGH] CLOSED:");
  }

  @Test
  void textFromTheAlertCannotMentionEveryoneOrFormALinkInSlack() {
    Alert hostile = Alert.newBuilder(OPEN).setKey("<!channel> & <https://evil.example|click>")
        .setSummary("errors in <!here> > 10").build();
    JsonNode message = Payloads.slack(notification(hostile));
    String all = message.toString();
    assertThat(all).doesNotContain("<!channel>", "<!here>", "<https://evil");
    assertThat(message.path("blocks").get(1).path("text").path("text").asText())
        .isEqualTo("errors in &lt;!here&gt; &gt; 10");
    assertThat(Payloads.escape("a & <b>")).isEqualTo("a &amp; &lt;b&gt;");
  }

  @Test
  void aTestNotificationSaysSo() {
    Notification test = new Notification(Notifier.testAlert(java.time.Instant.parse("2026-11-28T09:00:00Z")),
        Trigger.OPEN, "test:OPEN:0", true);
    assertThat(Payloads.slack(test).path("blocks").get(1).path("text").path("text").asText())
        .startsWith("_Test notification from logwarden: no alert was raised._");
    assertThat(test.alert().getRuleId()).isEqualTo(Notifier.TEST_RULE);
    assertThat(Payloads.pagerDuty(test, "k").path("payload").path("severity").asText()).isEqualTo("info");
  }
}
