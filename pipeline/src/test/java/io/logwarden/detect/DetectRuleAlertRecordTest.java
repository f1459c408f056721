package io.logwarden.detect;

import static io.logwarden.detect.DetectRuleFixture.BRUTE_FORCE_SOURCE;
import static io.logwarden.detect.DetectRuleFixture.CONFIG_CHANGE;
import static io.logwarden.detect.DetectRuleFixture.MAX_SAMPLES;
import static io.logwarden.detect.DetectRuleFixture.PASSWORD_SPRAYING;
import static io.logwarden.detect.DetectRuleFixture.T0;
import static io.logwarden.detect.DetectRuleFixture.action;
import static io.logwarden.detect.DetectRuleFixture.errorLog;
import static io.logwarden.detect.DetectRuleFixture.failedSignIn;
import static io.logwarden.detect.DetectRuleFixture.sec;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** The fields of alert records, and the same alerts as events in the store that keeps alerts. */
class DetectRuleAlertRecordTest extends DetectRuleTestBase {

  private static final String SOURCE = "198.51.100.99";


  @Test
  void bruteForceAlertRecord() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      detect.send(failedSignIn("f-" + i, sec(5L * i), SOURCE, "root"));
      ids.add("f-" + i);
    }
    Instant eighth = sec(35);

    List<TestRecord<String, Alert>> records = detect.alertRecords();
    assertThat(records).singleElement().satisfies(record -> {
      Alert a = record.value();
      assertThat(record.key()).as("record key").isEqualTo(a.getAlertId());
      assertThat(a.getAlertId()).matches("[0-9a-f]{32}");
      assertThat(a.getRuleId()).isEqualTo(BRUTE_FORCE_SOURCE);
      assertThat(a.getTitle()).isEqualTo("Repeated failed sign-ins from one source");
      assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
      assertThat(a.getAttack()).containsExactly("T1110.001");
      assertThat(a.getKey()).isEqualTo(SOURCE);
      assertThat(a.getKeyField()).isEqualTo("source.address");
      assertThat(a.getCount()).isEqualTo(8);
      assertThat(a.getDistinctCount()).isNull();
      assertThat(a.getFirstSeen()).isEqualTo(T0);
      assertThat(a.getLastSeen()).isEqualTo(eighth);
      assertThat(a.getWindowEnd()).isEqualTo(eighth);
      assertThat(a.getWindowStart()).isEqualTo(eighth.minus(Duration.ofSeconds(120)));
      assertThat(a.getSampleEventIds()).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_SAMPLES)
          .doesNotHaveDuplicates().isSubsetOf(ids);
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getSummary()).isNotBlank().contains(SOURCE).contains("8");
      assertThat(a.getDetectedAt()).isEqualTo(eighth);
    });
  }

  @Test
  void samplesStayAtMostTenThroughUpdates() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), SOURCE, "root"));
      ids.add("f-" + i);
    }
    List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    // opens at the 8th, then 17 updates
    assertThat(alerts).hasSize(18);
    assertThat(alerts).allSatisfy(a -> assertThat(a.getSampleEventIds())
        .isNotEmpty().hasSizeLessThanOrEqualTo(MAX_SAMPLES).doesNotHaveDuplicates().isSubsetOf(ids));
    Alert last = alerts.get(alerts.size() - 1);
    assertThat(last.getStatus()).isEqualTo(AlertStatus.UPDATED);
    assertThat(last.getCount()).isEqualTo(25);
    assertThat(last.getFirstSeen()).isEqualTo(T0);
    assertThat(last.getLastSeen()).isEqualTo(sec(24));
    assertThat(last.getDetectedAt()).isEqualTo(sec(24));
  }

  @Test
  void passwordSprayingAlertRecord() {
    // user0 twice, then user1..user9: 11 failures, 10 distinct users
    detect.send(failedSignIn("f-a", sec(0), SOURCE, "user0"));
    for (int i = 0; i < 10; i++) {
      detect.send(failedSignIn("f-" + i, sec(30L + 30 * i), SOURCE, "user" + i));
    }
    Instant last = sec(300);
    assertThat(detect.alerts(PASSWORD_SPRAYING)).singleElement().satisfies(a -> {
      assertThat(a.getTitle()).isEqualTo("Failed sign-ins for many users from one source");
      assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
      assertThat(a.getAttack()).containsExactly("T1110.003");
      assertThat(a.getKeyField()).isEqualTo("source.address");
      assertThat(a.getCount()).isEqualTo(11);
      assertThat(a.getDistinctCount()).isEqualTo(10L);
      assertThat(a.getFirstSeen()).isEqualTo(T0);
      assertThat(a.getLastSeen()).isEqualTo(last);
      assertThat(a.getWindowEnd()).isEqualTo(last);
      assertThat(a.getWindowStart()).isEqualTo(last.minus(Duration.ofSeconds(600)));
      assertThat(a.getSummary()).isNotBlank().contains("10").contains(SOURCE);
      assertThat(a.getDetectedAt()).isEqualTo(last);
    });
  }

  @Test
  void everyAlertAlsoReachesTheAlertStoreAsAnEvent() {
    for (int i = 0; i < 10; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), SOURCE, "root"));
    }
    detect.send(action("cfg", sec(30), "config_change", null, SOURCE));
    for (int i = 0; i < 50; i++) {
      detect.sendToSentry(errorLog("e-" + i, sec(40 + i), "checkout", null));
    }

    List<TestRecord<String, Alert>> alerts = detect.alertRecords();
    List<TestRecord<String, LogEvent>> events = detect.alertEventRecords();
    assertThat(alerts).extracting(r -> r.value().getRuleId())
        .contains(BRUTE_FORCE_SOURCE, CONFIG_CHANGE, DetectRuleFixture.ERROR_BURST);
    assertThat(events).hasSameSizeAs(alerts);
    for (int i = 0; i < alerts.size(); i++) {
      Alert alert = alerts.get(i).value();
      LogEvent event = events.get(i).value();
      assertThat(events.get(i).key()).isEqualTo(alert.getAlertId());
      assertThat(event.getEventId()).isEqualTo(alert.getAlertId());
      assertThat(event.getCategory()).isEqualTo(Category.SECURITY);
      assertThat(event.getAction()).isEqualTo("alert");
      assertThat(event.getMessage()).isEqualTo(alert.getSummary());
      assertThat(event.getEventTime()).isEqualTo(alert.getDetectedAt());
      Map<String, String> attributes = event.getAttributes();
      assertThat(attributes)
          .containsEntry("alert.id", alert.getAlertId())
          .containsEntry("alert.rule_id", alert.getRuleId())
          .containsEntry("alert.title", alert.getTitle())
          .containsEntry("alert.severity", alert.getSeverity().name())
          .containsEntry("alert.key", alert.getKey())
          .containsEntry("alert.key_field", alert.getKeyField())
          .containsEntry("alert.count", Long.toString(alert.getCount()))
          .containsEntry("alert.status", alert.getStatus().name())
          .containsEntry("alert.first_seen", alert.getFirstSeen().toString())
          .containsEntry("alert.last_seen", alert.getLastSeen().toString());
      assertThat(attributes.keySet()).allMatch(k -> k.startsWith("alert."));
      // the key is also where it belongs in the event
      switch (alert.getKeyField()) {
        case "source.address" -> assertThat(event.getSource().getAddress()).isEqualTo(alert.getKey());
        case "actor.service" -> assertThat(event.getActor().getService()).isEqualTo(alert.getKey());
        case "actor.user" -> assertThat(event.getActor().getUser()).isEqualTo(alert.getKey());
        default -> { }
      }
    }
  }
}
