package io.logwarden.detect;

import static io.logwarden.detect.DetectRuleFixture.BRUTE_FORCE_SOURCE;
import static io.logwarden.detect.DetectRuleFixture.CLOCK_SKEW;
import static io.logwarden.detect.DetectRuleFixture.CONFIG_CHANGE;
import static io.logwarden.detect.DetectRuleFixture.ERROR_BURST;
import static io.logwarden.detect.DetectRuleFixture.PASSWORD_SPRAYING;
import static io.logwarden.detect.DetectRuleFixture.SUCCESS_AFTER_FAILURES;
import static io.logwarden.detect.DetectRuleFixture.action;
import static io.logwarden.detect.DetectRuleFixture.errorLog;
import static io.logwarden.detect.DetectRuleFixture.failedSignIn;
import static io.logwarden.detect.DetectRuleFixture.futureDated;
import static io.logwarden.detect.DetectRuleFixture.sec;
import static io.logwarden.detect.DetectRuleFixture.successfulSignIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.LogEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Alert ids are deterministic: the same input gives the same ids, also when the application is
 * stopped in the middle and started again on its state.
 */
class DetectRuleRestartTest {

  private static final String ATTACKER = "203.0.113.9";
  private static final String VICTIM = "victim";

  /** One input record: an event for security.events or for store.sentry. */
  private record Input(boolean sentry, LogEvent event) {}

  /**
   * Every rule fires at least once: a brute force from one source (opens, is updated, and opens
   * again after its suppression), a success after failures, a configuration change after it, a host
   * whose clock runs ahead, and a burst of errors.
   */
  private static List<Input> scenario() {
    List<Input> in = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      in.add(security(failedSignIn("bf-" + i, sec(i), ATTACKER, i % 2 == 0 ? "root" : "admin")));
    }
    for (int i = 0; i < 5; i++) {
      in.add(security(failedSignIn("v-" + i, sec(20 + i), "192.0.2.44", VICTIM)));
    }
    in.add(security(successfulSignIn("v-ok", sec(30), "192.0.2.44", VICTIM)));
    in.add(security(action("cfg-1", sec(40), "config_change", VICTIM, null)));
    for (int i = 0; i < 3; i++) {
      in.add(security(futureDated("skew-" + i, sec(50 + i), Duration.ofMinutes(2), "db-1")));
    }
    for (int i = 0; i < 50; i++) {
      in.add(new Input(true, errorLog("err-" + i, sec(60 + i), "checkout", "checkout-1")));
    }
    in.add(security(failedSignIn("bf-200", sec(200), ATTACKER, "root")));
    in.add(security(failedSignIn("bf-300", sec(300), ATTACKER, "root")));
    for (int i = 0; i < 8; i++) {
      in.add(security(failedSignIn("bf2-" + i, sec(610 + i), ATTACKER, "root")));
    }
    return in;
  }

  private static Input security(LogEvent event) {
    return new Input(false, event);
  }

  private static void feed(DetectRuleFixture detect, List<Input> inputs) {
    for (Input input : inputs) {
      if (input.sentry()) {
        detect.sendToSentry(input.event());
      } else {
        detect.send(input.event());
      }
    }
  }

  @Test
  void theScenarioRaisesEveryRule(@TempDir Path dir) {
    try (DetectRuleFixture detect = new DetectRuleFixture(dir)) {
      feed(detect, scenario());
      List<Alert> alerts = detect.alerts();
      assertThat(alerts).extracting(Alert::getRuleId)
          .contains(BRUTE_FORCE_SOURCE, SUCCESS_AFTER_FAILURES, CONFIG_CHANGE, CLOCK_SKEW, ERROR_BURST);
      // The brute force opens at the 8th failure (7 s) and again at 617 s (8 failures in (497, 617]).
      assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).filteredOn(a -> a.getStatus() == AlertStatus.OPEN)
          .extracting(Alert::getDetectedAt).containsExactly(sec(7), sec(617));
    }
  }

  /** Stopping after {@code stopAfter} input records and starting again changes nothing. */
  @ParameterizedTest(name = "restart after {0} records")
  @ValueSource(ints = {4, 7, 9, 17, 21, 40, 75, 77})
  void aRestartInTheMiddleGivesTheSameAlerts(int stopAfter, @TempDir Path once, @TempDir Path twice) {
    List<Input> inputs = scenario();
    List<Alert> uninterrupted;
    List<LogEvent> uninterruptedEvents;
    try (DetectRuleFixture detect = new DetectRuleFixture(once)) {
      feed(detect, inputs);
      uninterrupted = detect.alerts();
      uninterruptedEvents = detect.alertEventRecords().stream().map(TestRecord::value).toList();
    }

    List<Alert> restarted;
    List<LogEvent> restartedEvents;
    try (DetectRuleFixture detect = new DetectRuleFixture(twice)) {
      feed(detect, inputs.subList(0, stopAfter));
      detect.restart();
      feed(detect, inputs.subList(stopAfter, inputs.size()));
      restarted = detect.alerts();
      restartedEvents = detect.alertEventRecords().stream().map(TestRecord::value).toList();
    }

    assertThat(uninterrupted).isNotEmpty();
    assertThat(restarted).extracting(Alert::getAlertId)
        .containsExactlyElementsOf(uninterrupted.stream().map(Alert::getAlertId).toList());
    assertThat(restarted).containsExactlyElementsOf(uninterrupted);
    assertThat(restartedEvents).containsExactlyElementsOf(uninterruptedEvents);
  }

  /**
   * Regression. Logs with whole-second times put many events at
   * the same instant. Four failures at one instant, a restart, more at the same instant: the window
   * ending at that instant holds all of them, with or without the restart. The engine's signal
   * stores once kept events of one key and instant apart by a sequence number that starts again at 0
   * when the store is opened (RocksDBWindowStore with retainDuplicates), so after the restart the
   * new signals overwrite the old ones: the alert opens with count 4.
   */
  @Test
  void aRestartBetweenEventsAtTheSameInstantGivesTheSameAlerts(@TempDir Path once, @TempDir Path twice) {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      events.add(failedSignIn("s-" + i, sec(100), ATTACKER, "user" + i));
    }
    events.add(failedSignIn("s-next", sec(101), ATTACKER, "root"));
    List<Alert> uninterrupted;
    try (DetectRuleFixture detect = new DetectRuleFixture(once)) {
      detect.send(events);
      uninterrupted = detect.alerts(BRUTE_FORCE_SOURCE);
    }
    // 8th failure opens (count 8), the 9th to 12th update (count 9..12), the one at 101 s: 13
    assertThat(uninterrupted).extracting(Alert::getCount).containsExactly(8L, 9L, 10L, 11L, 12L, 13L);

    List<Alert> restarted;
    try (DetectRuleFixture detect = new DetectRuleFixture(twice)) {
      detect.send(events.subList(0, 4));
      detect.restart();
      detect.send(events.subList(4, events.size()));
      restarted = detect.alerts(BRUTE_FORCE_SOURCE);
    }
    assertThat(restarted).extracting(Alert::getCount).containsExactly(8L, 9L, 10L, 11L, 12L, 13L);
    assertThat(restarted).containsExactlyElementsOf(uninterrupted);
  }

  /**
   * Regression: the same for password spraying: failed sign-ins
   * for ten users at one instant, five before and five after a restart. Without the restart the
   * spraying alert opens (10 distinct users); with it the five later signals overwrite the five
   * earlier ones and no alert opens.
   */
  @Test
  void aRestartBetweenSprayedSignInsAtTheSameInstantStillAlerts(@TempDir Path once, @TempDir Path twice) {
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      events.add(failedSignIn("s-" + i, sec(100), ATTACKER, "user" + i));
    }
    List<Alert> uninterrupted;
    try (DetectRuleFixture detect = new DetectRuleFixture(once)) {
      detect.send(events);
      uninterrupted = detect.alerts(PASSWORD_SPRAYING);
    }
    assertThat(uninterrupted).singleElement().satisfies(a -> assertThat(a.getDistinctCount()).isEqualTo(10L));

    List<Alert> restarted;
    try (DetectRuleFixture detect = new DetectRuleFixture(twice)) {
      detect.send(events.subList(0, 5));
      detect.restart();
      detect.send(events.subList(5, events.size()));
      restarted = detect.alerts(PASSWORD_SPRAYING);
    }
    assertThat(restarted).containsExactlyElementsOf(uninterrupted);
  }

  @Test
  void theSameInputTwiceGivesTheSameAlertIds(@TempDir Path first, @TempDir Path second) {
    List<Alert> one;
    List<Alert> two;
    try (DetectRuleFixture detect = new DetectRuleFixture(first)) {
      feed(detect, scenario());
      one = detect.alerts();
    }
    try (DetectRuleFixture detect = new DetectRuleFixture(second)) {
      feed(detect, scenario());
      two = detect.alerts();
    }
    assertThat(one).isNotEmpty();
    assertThat(two).extracting(Alert::getAlertId).containsExactlyElementsOf(one.stream().map(Alert::getAlertId).toList());
    assertThat(two).containsExactlyElementsOf(one);
  }

  @Test
  void differentAlertsHaveDifferentIdsAndAnAlertKeepsItsIdAcrossUpdates(@TempDir Path dir) {
    try (DetectRuleFixture detect = new DetectRuleFixture(dir)) {
      feed(detect, scenario());
      Map<String, List<Alert>> byId = DetectRuleFixture.byAlertId(detect.alerts());
      // Each id is one alert: opened once, by one rule, for one key; ids look like 32 hex digits.
      assertThat(byId).allSatisfy((id, records) -> {
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(records.get(0).getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(records.subList(1, records.size())).allMatch(a -> a.getStatus() == AlertStatus.UPDATED);
        assertThat(records).allMatch(a -> a.getRuleId().equals(records.get(0).getRuleId()));
        assertThat(records).allMatch(a -> a.getKey().equals(records.get(0).getKey()));
      });
      long openings = detect.alerts().stream().filter(a -> a.getStatus() == AlertStatus.OPEN).count();
      assertThat(byId).hasSize((int) openings);
    }
  }
}
