package io.logwarden.detect;

import static io.logwarden.detect.DetectRuleFixture.BRUTE_FORCE_SOURCE;
import static io.logwarden.detect.DetectRuleFixture.PASSWORD_SPRAYING;
import static io.logwarden.detect.DetectRuleFixture.SUCCESS_AFTER_FAILURES;
import static io.logwarden.detect.DetectRuleFixture.SUPPRESSION;
import static io.logwarden.detect.DetectRuleFixture.T0;
import static io.logwarden.detect.DetectRuleFixture.failedSignIn;
import static io.logwarden.detect.DetectRuleFixture.firstInWindow;
import static io.logwarden.detect.DetectRuleFixture.inWindow;
import static io.logwarden.detect.DetectRuleFixture.sec;
import static io.logwarden.detect.DetectRuleFixture.successfulSignIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Suppression: a (rule, key) cannot open another alert until 600 s of event time after the
 * opening (a new one may open at exactly opened_at + 600 s); matching events in between update the
 * open alert under the same id (UPDATED), whether or not the condition still holds; afterwards, an
 * event where the condition does not hold does nothing.
 */
class DetectRuleSuppressionTest extends DetectRuleTestBase {

  private static final String SOURCE = "198.51.100.66";
  private static final Duration RULE1_WINDOW = Duration.ofSeconds(120);

  private final List<Instant> failures = new ArrayList<>();
  private int sent;

  private void fail(Instant time) {
    detect.send(failedSignIn("f-" + sent++, time, SOURCE, "root"));
    failures.add(time);
  }

  /** Eight failures at 0..7 s: rule 1 opens at 7 s. */
  private Alert open() {
    for (int i = 0; i < 8; i++) {
      fail(sec(i));
    }
    List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getDetectedAt()).isEqualTo(sec(7));
    });
    return alerts.get(0);
  }

  @Test
  void aMatchingEventDuringSuppressionUpdatesTheAlertEvenWithoutTheCondition() {
    Alert opened = open();
    Instant later = opened.getDetectedAt().plusSeconds(300);
    fail(later);

    List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(alerts).hasSize(2);
    Alert update = alerts.get(1);
    assertThat(update.getStatus()).isEqualTo(AlertStatus.UPDATED);
    assertThat(update.getAlertId()).isEqualTo(opened.getAlertId());
    assertThat(update.getCount()).isEqualTo(inWindow(failures, later, RULE1_WINDOW)).isEqualTo(1);
    assertThat(update.getFirstSeen()).isEqualTo(T0);
    assertThat(update.getLastSeen()).isEqualTo(later);
    assertThat(update.getDetectedAt()).isEqualTo(later);
  }

  /** One failure {@code offset} seconds after the opening: the window ending at it holds only it. */
  @ParameterizedTest(name = "failure {0} s after the opening")
  @ValueSource(longs = {599, 600, 601})
  void suppressionEdgeWithoutTheCondition(long offset) {
    Alert opened = open();
    Instant at = opened.getDetectedAt().plusSeconds(offset);
    fail(at);

    List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    if (at.isBefore(opened.getDetectedAt().plus(SUPPRESSION))) {
      assertThat(alerts).hasSize(2);
      assertThat(alerts.get(1).getStatus()).isEqualTo(AlertStatus.UPDATED);
      assertThat(alerts.get(1).getAlertId()).isEqualTo(opened.getAlertId());
      assertThat(alerts.get(1).getLastSeen()).isEqualTo(at);
    } else {
      // after the suppression and the condition does not hold: nothing at all
      assertThat(alerts).containsExactly(opened);
    }
  }

  @Test
  void aNewAlertOpensAtExactlySixHundredSecondsWhenTheConditionHolds() {
    Alert opened = open();
    Instant o = opened.getDetectedAt();
    // six failures at O+481..O+486, then O+599 and O+600: the window ending at O+600, (O+480, O+600], holds 8
    for (int i = 481; i <= 486; i++) {
      fail(o.plusSeconds(i));
    }
    fail(o.plusSeconds(599));
    fail(o.plusSeconds(600));

    List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(alerts).hasSize(1 + 7 + 1);
    // the seven before O+600 update the first alert
    assertThat(alerts.subList(1, 8)).allSatisfy(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.UPDATED);
      assertThat(a.getAlertId()).isEqualTo(opened.getAlertId());
      assertThat(a.getFirstSeen()).isEqualTo(T0);
    });
    assertThat(alerts.get(7).getLastSeen()).isEqualTo(o.plusSeconds(599));
    assertThat(alerts.get(7).getCount()).isEqualTo(inWindow(failures, o.plusSeconds(599), RULE1_WINDOW)).isEqualTo(7);
    // the one at O+600 opens a new alert
    Alert second = alerts.get(8);
    Instant at = o.plusSeconds(600);
    assertThat(second.getStatus()).isEqualTo(AlertStatus.OPEN);
    assertThat(second.getAlertId()).isNotEqualTo(opened.getAlertId());
    assertThat(second.getKey()).isEqualTo(SOURCE);
    assertThat(second.getCount()).isEqualTo(inWindow(failures, at, RULE1_WINDOW)).isEqualTo(8);
    assertThat(second.getFirstSeen()).isEqualTo(firstInWindow(failures, at, RULE1_WINDOW)).isEqualTo(o.plusSeconds(481));
    assertThat(second.getLastSeen()).isEqualTo(at);
    assertThat(second.getDetectedAt()).isEqualTo(at);

    // and a failure after that updates the new alert, not the old one
    fail(o.plusSeconds(601));
    Alert next = detect.alerts(BRUTE_FORCE_SOURCE).get(9);
    assertThat(next.getStatus()).isEqualTo(AlertStatus.UPDATED);
    assertThat(next.getAlertId()).isEqualTo(second.getAlertId());
  }

  @Test
  void afterTheSuppressionEventsWithoutTheConditionDoNothing() {
    Alert opened = open();
    Instant o = opened.getDetectedAt();
    fail(o.plusSeconds(700));
    fail(o.plusSeconds(1000));
    for (int i = 0; i < 7; i++) {
      fail(o.plusSeconds(2000 + 10L * i));
    }
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).containsExactly(opened);

    // The condition holds again at the 8th of those: a new alert.
    fail(o.plusSeconds(2070));
    List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(1).getStatus()).isEqualTo(AlertStatus.OPEN);
    assertThat(alerts.get(1).getAlertId()).isNotEqualTo(opened.getAlertId());
    assertThat(alerts.get(1).getFirstSeen()).isEqualTo(o.plusSeconds(2000));
  }

  @Test
  void theConditionHoldingAgainDuringSuppressionOnlyUpdates() {
    Alert opened = open();
    Instant o = opened.getDetectedAt();
    // A second burst of 8 at O+300..O+307: the condition holds again, but the alert is still open.
    for (int i = 0; i < 8; i++) {
      fail(o.plusSeconds(300 + i));
    }
    List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(alerts).hasSize(9);
    assertThat(alerts.subList(1, 9)).allSatisfy(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.UPDATED);
      assertThat(a.getAlertId()).isEqualTo(opened.getAlertId());
      assertThat(a.getFirstSeen()).isEqualTo(T0);
    });
    assertThat(alerts.get(8).getCount()).isEqualTo(inWindow(failures, o.plusSeconds(307), RULE1_WINDOW)).isEqualTo(8);
  }

  // --- The same for a sequence and a distinct count -----------------------------------------------

  @Test
  void sequenceSuppression() {
    for (int i = 0; i < 5; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), null, "dave"));
    }
    detect.send(successfulSignIn("ok-1", sec(10), null, "dave"));
    List<Alert> alerts = detect.alerts(SUCCESS_AFTER_FAILURES);
    assertThat(alerts).singleElement().satisfies(a -> assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN));
    Alert opened = alerts.get(0);
    Instant o = opened.getDetectedAt();
    assertThat(o).isEqualTo(sec(10));

    // five new failures, then a success 599 s after the opening: an update of the same alert
    for (int i = 0; i < 5; i++) {
      detect.send(failedSignIn("g-" + i, o.plusSeconds(590 + i), null, "dave"));
    }
    detect.send(successfulSignIn("ok-2", o.plusSeconds(599), null, "dave"));
    // and one at exactly 600 s, with those five failures in its window: a new alert
    detect.send(successfulSignIn("ok-3", o.plusSeconds(600), null, "dave"));

    alerts = detect.alerts(SUCCESS_AFTER_FAILURES);
    assertThat(alerts).hasSize(3);
    assertThat(alerts.get(1).getStatus()).isEqualTo(AlertStatus.UPDATED);
    assertThat(alerts.get(1).getAlertId()).isEqualTo(opened.getAlertId());
    assertThat(alerts.get(1).getLastSeen()).isEqualTo(o.plusSeconds(599));
    assertThat(alerts.get(2).getStatus()).isEqualTo(AlertStatus.OPEN);
    assertThat(alerts.get(2).getAlertId()).isNotEqualTo(opened.getAlertId());
    assertThat(alerts.get(2).getCount()).isEqualTo(5);
    assertThat(alerts.get(2).getFirstSeen()).isEqualTo(o.plusSeconds(590));
  }

  @Test
  void sequenceAfterSuppressionWithoutTheConditionDoesNothing() {
    for (int i = 0; i < 5; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), null, "dave"));
    }
    detect.send(successfulSignIn("ok-1", sec(10), null, "dave"));
    // 600 s after the opening, and no failures in the 600 s before it
    detect.send(successfulSignIn("ok-2", sec(610), null, "dave"));
    assertThat(detect.alerts(SUCCESS_AFTER_FAILURES)).hasSize(1);
  }

  @Test
  void distinctCountSuppression() {
    String sprayer = "203.0.113.5";
    for (int i = 0; i < 10; i++) {
      detect.send(failedSignIn("s-" + i, sec(30L * i), sprayer, "user" + i));
    }
    List<Alert> alerts = detect.alerts(PASSWORD_SPRAYING);
    assertThat(alerts).hasSize(1);
    Alert opened = alerts.get(0);
    Instant o = opened.getDetectedAt();
    assertThat(o).isEqualTo(sec(270));

    // 599 s later: an update; the window ending at it, (O−1, O+599], holds the failure at O (user9) and it (user0)
    detect.send(failedSignIn("s-10", o.plusSeconds(599), sprayer, "user0"));
    // 600 s later: the window (O, O+600] holds two users: after the suppression, nothing
    detect.send(failedSignIn("s-11", o.plusSeconds(600), sprayer, "user1"));

    alerts = detect.alerts(PASSWORD_SPRAYING);
    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(1).getStatus()).isEqualTo(AlertStatus.UPDATED);
    assertThat(alerts.get(1).getAlertId()).isEqualTo(opened.getAlertId());
    assertThat(alerts.get(1).getDistinctCount()).isEqualTo(2L);
    assertThat(alerts.get(1).getCount()).isEqualTo(2);
    assertThat(alerts.get(1).getLastSeen()).isEqualTo(o.plusSeconds(599));
  }
}
