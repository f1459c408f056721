package io.logwarden.detect;

import static io.logwarden.detect.DetectRuleFixture.BRUTE_FORCE_SOURCE;
import static io.logwarden.detect.DetectRuleFixture.BRUTE_FORCE_USER;
import static io.logwarden.detect.DetectRuleFixture.CONFIG_CHANGE;
import static io.logwarden.detect.DetectRuleFixture.SUCCESS_AFTER_FAILURES;
import static io.logwarden.detect.DetectRuleFixture.T0;
import static io.logwarden.detect.DetectRuleFixture.action;
import static io.logwarden.detect.DetectRuleFixture.failedSignIn;
import static io.logwarden.detect.DetectRuleFixture.sec;
import static io.logwarden.detect.DetectRuleFixture.successfulSignIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.Severity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sequences: rule 4 (a successful sign-in for a user with at least 5 failed sign-ins in the
 * preceding 600 s) and rule 5 (a config_change or admin_action by a user, or from a source, that
 * was the key of an alert of rules 1–4 in the preceding 30 minutes; keyed by the user when the
 * event names one, else by the source).
 */
class DetectRuleSequenceTest extends DetectRuleTestBase {

  private static final String USER = "dave";
  private static final String ATTACKER = "198.51.100.23";


  // --- Rule 4: auth.success_after_failures --------------------------------------------------------

  @ParameterizedTest(name = "{0} failures, then a success: alert {1}")
  @CsvSource({"4, false", "5, true"})
  void successAfterFiveFailures(int failures, boolean alert) {
    List<String> failureIds = new ArrayList<>();
    for (int i = 0; i < failures; i++) {
      detect.send(failedSignIn("f-" + i, sec(10L * i), "192.0.2.10", USER));
      failureIds.add("f-" + i);
    }
    Instant success = sec(60);
    detect.send(successfulSignIn("ok", success, "192.0.2.10", USER));

    List<Alert> alerts = detect.alerts(SUCCESS_AFTER_FAILURES);
    if (!alert) {
      assertThat(alerts).isEmpty();
      return;
    }
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getKey()).isEqualTo(USER);
      assertThat(a.getKeyField()).isEqualTo("actor.user");
      assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
      assertThat(a.getAttack()).containsExactly("T1110", "T1078");
      assertThat(a.getCount()).isEqualTo(5);
      assertThat(a.getFirstSeen()).isEqualTo(T0);
      assertThat(a.getLastSeen()).isEqualTo(success);
      assertThat(a.getDetectedAt()).isEqualTo(success);
      List<String> matching = new ArrayList<>(failureIds);
      matching.add("ok");
      assertThat(a.getSampleEventIds()).isNotEmpty().doesNotHaveDuplicates().isSubsetOf(matching);
    });
  }

  /**
   * One failure {@code spacing} seconds before the success and four in the 4 s before it: the 600 s
   * window ending at the success holds the first only when it is less than 600 s older.
   */
  @ParameterizedTest(name = "first failure {0} s before the success: alert {1}")
  @CsvSource({"599, true", "600, false", "601, false"})
  void successAfterFailuresWindowEdge(long spacing, boolean alert) {
    Instant success = sec(1000);
    detect.send(failedSignIn("f-0", success.minusSeconds(spacing), null, USER));
    for (int i = 1; i <= 4; i++) {
      detect.send(failedSignIn("f-" + i, success.minusSeconds(5 - i), null, USER));
    }
    detect.send(successfulSignIn("ok", success, null, USER));

    List<Alert> alerts = detect.alerts(SUCCESS_AFTER_FAILURES);
    if (!alert) {
      assertThat(alerts).isEmpty();
      return;
    }
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getCount()).isEqualTo(5);
      assertThat(a.getFirstSeen()).isEqualTo(success.minusSeconds(spacing));
      assertThat(a.getLastSeen()).isEqualTo(success);
    });
  }

  @Test
  void successWithFailuresOfAnotherUserDoesNotFire() {
    for (int i = 0; i < 6; i++) {
      // same source as the success, but another user
      detect.send(failedSignIn("f-" + i, sec(i), "192.0.2.10", "erin"));
    }
    detect.send(successfulSignIn("ok", sec(10), "192.0.2.10", "frank"));
    assertThat(detect.alerts(SUCCESS_AFTER_FAILURES)).isEmpty();

    // erin's own success does follow her failures
    detect.send(successfulSignIn("ok-erin", sec(11), "192.0.2.10", "erin"));
    assertThat(detect.alerts(SUCCESS_AFTER_FAILURES)).singleElement()
        .satisfies(a -> assertThat(a.getKey()).isEqualTo("erin"));
  }

  /**
   * The failures counted for a success are those of the 600 s window ending at it, however the key's
   * count got there: failures leave as the window slides, an out-of-order failure inside it joins it
   * (and completes no earlier success whose window it does not fill), and a state written by a release
   * that kept no count rebuilds it from the stored failures.
   */
  @ParameterizedTest(name = "state from a release that kept no count: {0}")
  @ValueSource(booleans = {false, true})
  void theFailuresCountedSlideWithTheWindow(boolean stateWithoutCount) {
    for (long t : new long[] {0, 100, 200, 300}) {
      detect.send(failedSignIn("f-" + t, sec(t), null, USER));
    }
    if (stateWithoutCount) {
      detect.forgetKeptWindows(SUCCESS_AFTER_FAILURES);
    }
    detect.send(failedSignIn("f-700", sec(700), null, USER));
    // (150 s, 750 s] holds the failures at 200, 300 and 700 s.
    detect.send(successfulSignIn("ok-750", sec(750), null, USER));
    assertThat(detect.alerts(SUCCESS_AFTER_FAILURES)).isEmpty();

    detect.send(failedSignIn("f-760", sec(760), null, USER));
    // Out of order within the grace: joins (150 s, 750 s] too, which then holds four.
    detect.send(failedSignIn("f-740", sec(740), null, USER));
    assertThat(detect.alerts(SUCCESS_AFTER_FAILURES)).isEmpty();

    // (180 s, 780 s] holds 200, 300, 700, 740 and 760 s.
    detect.send(successfulSignIn("ok-780", sec(780), null, USER));
    assertThat(detect.alerts(SUCCESS_AFTER_FAILURES)).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getCount()).isEqualTo(5);
      assertThat(a.getFirstSeen()).isEqualTo(sec(200));
      assertThat(a.getLastSeen()).isEqualTo(sec(780));
    });
  }

  @Test
  void failuresAfterTheSuccessDoNotMakeItASequence() {
    detect.send(successfulSignIn("ok", sec(0), null, USER));
    for (int i = 1; i <= 5; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), null, USER));
    }
    assertThat(detect.alerts(SUCCESS_AFTER_FAILURES)).isEmpty();
  }

  // --- Rule 5: config.change_after_suspicious_auth ------------------------------------------------

  /** Eight failures from ATTACKER in 7 s: rule 1 opens on the source at T0 + 7 s, and is never updated. */
  private Instant bruteForceFromAttacker() {
    for (int i = 0; i < 8; i++) {
      detect.send(failedSignIn("bf-" + i, sec(i), ATTACKER, "mallory"));
    }
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).singleElement()
        .satisfies(a -> assertThat(a.getKey()).isEqualTo(ATTACKER));
    return sec(7);
  }

  @Test
  void configChangeFromAnAlertedSourceIsKeyedByTheSource() {
    Instant alerted = bruteForceFromAttacker();
    Instant change = alerted.plusSeconds(60);
    detect.send(action("cfg", change, "config_change", null, ATTACKER));

    assertThat(detect.alerts(CONFIG_CHANGE)).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getKey()).isEqualTo(ATTACKER);
      assertThat(a.getKeyField()).isEqualTo("source.address");
      assertThat(a.getSeverity()).isEqualTo(Severity.CRITICAL);
      assertThat(a.getAttack()).containsExactly("T1098");
      assertThat(a.getLastSeen()).isEqualTo(change);
      assertThat(a.getDetectedAt()).isEqualTo(change);
      assertThat(a.getSampleEventIds()).contains("cfg");
    });
  }

  @Test
  void configChangeByAUserFromAnAlertedSourceIsKeyedByTheUser() {
    Instant alerted = bruteForceFromAttacker();
    detect.send(action("cfg", alerted.plusSeconds(60), "config_change", "ops", ATTACKER));

    assertThat(detect.alerts(CONFIG_CHANGE)).singleElement().satisfies(a -> {
      assertThat(a.getKey()).isEqualTo("ops");
      assertThat(a.getKeyField()).isEqualTo("actor.user");
    });
  }

  @Test
  void adminActionByAnAlertedUser() {
    // Ten failures for trent without a source address: rule 2 opens on the user at T0 + 9 s.
    for (int i = 0; i < 10; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), null, "trent"));
    }
    assertThat(detect.alerts(BRUTE_FORCE_USER)).singleElement()
        .satisfies(a -> assertThat(a.getKey()).isEqualTo("trent"));
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).isEmpty();

    // From a source no rule ever alerted on.
    detect.send(action("adm", sec(120), "admin_action", "trent", "192.0.2.200"));
    List<Alert> alerts = detect.alerts(CONFIG_CHANGE);
    assertThat(alerts).isNotEmpty().allMatch(a -> a.getAlertId().equals(alerts.get(0).getAlertId()));
    assertThat(alerts.get(0)).satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getKey()).isEqualTo("trent");
      assertThat(a.getKeyField()).isEqualTo("actor.user");
      assertThat(a.getLastSeen()).isEqualTo(sec(120));
      assertThat(a.getDetectedAt()).isEqualTo(sec(120));
    });
  }

  /**
   * Regression: one admin action is one matching event, so it
   * gives one alert record. The engine once checked the event once per key field it has (user, then
   * source) against the same alert: the user opens the alert, then the source (never alerted on)
   * "updates" it with the same event, a second record with count 0.
   */
  @Test
  void oneAdminActionByAnAlertedUserGivesOneRecord() {
    for (int i = 0; i < 10; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), null, "trent"));
    }
    detect.send(action("adm", sec(120), "admin_action", "trent", "192.0.2.200"));
    assertThat(detect.alerts(CONFIG_CHANGE)).singleElement()
        .satisfies(a -> assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN));

    // and a second one, 60 s later, is one update
    detect.send(action("adm-2", sec(180), "admin_action", "trent", "192.0.2.200"));
    List<Alert> alerts = detect.alerts(CONFIG_CHANGE);
    assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.UPDATED);
    assertThat(alerts.get(1).getLastSeen()).isEqualTo(sec(180));
  }

  @Test
  void configChangeAfterSuccessAfterFailures() {
    for (int i = 0; i < 5; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), null, USER));
    }
    detect.send(successfulSignIn("ok", sec(10), null, USER));
    assertThat(detect.alerts(SUCCESS_AFTER_FAILURES)).hasSize(1);

    detect.send(action("cfg", sec(20), "config_change", USER, null));
    assertThat(detect.alerts(CONFIG_CHANGE)).singleElement()
        .satisfies(a -> assertThat(a.getKey()).isEqualTo(USER));
  }

  /** The alert opened {@code spacing} seconds before the change: (t − 30 min, t] holds it only when it is less than 30 min older. */
  @ParameterizedTest(name = "config change {0} s after the alert: alert {1}")
  @CsvSource({"1799, true", "1800, false", "1801, false"})
  void configChangeWindowEdge(long spacing, boolean alert) {
    Instant alerted = bruteForceFromAttacker();
    detect.send(action("cfg", alerted.plusSeconds(spacing), "config_change", null, ATTACKER));

    assertThat(detect.alerts(CONFIG_CHANGE)).hasSize(alert ? 1 : 0);
  }

  @Test
  void configChangeByAnotherUserFromAnotherSourceDoesNotFire() {
    Instant alerted = bruteForceFromAttacker();
    detect.send(action("cfg", alerted.plusSeconds(60), "config_change", "ops", "192.0.2.99"));
    // mallory failed from the attacker's source, but rule 2 (10 failures) did not alert on her
    detect.send(action("cfg-2", alerted.plusSeconds(61), "config_change", "mallory", "192.0.2.99"));
    assertThat(detect.alerts(CONFIG_CHANGE)).isEmpty();
  }

  @Test
  void configChangeBeforeTheAlertDoesNotFire() {
    for (int i = 0; i < 4; i++) {
      detect.send(failedSignIn("bf-" + i, sec(i), ATTACKER, "mallory"));
    }
    detect.send(action("cfg", sec(5), "config_change", null, ATTACKER));
    for (int i = 4; i < 8; i++) {
      detect.send(failedSignIn("bf-" + i, sec(6L + i), ATTACKER, "mallory"));
    }
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).hasSize(1);
    assertThat(detect.alerts(CONFIG_CHANGE)).isEmpty();
  }

  @Test
  void alertsOfOtherRulesThanOneToFourDoNotCount() {
    // a clock-skew alert on host 192.0.2.50 and an error-burst alert on service "ops"
    for (int i = 0; i < 3; i++) {
      detect.send(DetectRuleFixture.futureDated("s-" + i, sec(i), java.time.Duration.ofMinutes(2), "192.0.2.50"));
    }
    for (int i = 0; i < 50; i++) {
      detect.sendToSentry(DetectRuleFixture.errorLog("e-" + i, sec(10L + i), "ops", null));
    }
    assertThat(detect.alerts(DetectRuleFixture.CLOCK_SKEW)).hasSize(1);
    assertThat(detect.alerts(DetectRuleFixture.ERROR_BURST)).hasSize(1);

    detect.send(action("cfg-1", sec(70), "config_change", null, "192.0.2.50"));
    detect.send(action("cfg-2", sec(71), "config_change", "ops", null));
    assertThat(detect.alerts(CONFIG_CHANGE)).isEmpty();
  }

  @Test
  void otherActionsAfterAnAlertDoNotFire() {
    Instant alerted = bruteForceFromAttacker();
    detect.send(action("read", alerted.plusSeconds(30), "read", null, ATTACKER));
    detect.send(successfulSignIn("ok", alerted.plusSeconds(31), ATTACKER, "ops"));
    assertThat(detect.alerts(CONFIG_CHANGE)).isEmpty();
  }

  /**
   * Regression: one configuration change is one matching event;
   * when both its user and its source were alerted on, it opens one alert (keyed by the user) and is
   * not also an update of it. The engine once published OPEN (count 1) and UPDATED (count 3, the alerts on
   * the source) for the same event.
   */
  @Test
  void oneConfigChangeByAnAlertedUserFromAnAlertedSourceGivesOneRecord() {
    // trent fails 10 times from ATTACKER within 9 s: rule 1 alerts on ATTACKER, rule 2 on trent.
    for (int i = 0; i < 10; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), ATTACKER, "trent"));
    }
    assertThat(detect.alerts(BRUTE_FORCE_USER)).hasSize(1);
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).isNotEmpty();

    detect.send(action("cfg", sec(60), "config_change", "trent", ATTACKER));
    assertThat(detect.alerts(CONFIG_CHANGE)).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getKey()).isEqualTo("trent");
    });
  }
}
