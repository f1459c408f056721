package io.logwarden.detect;

import static io.logwarden.detect.DetectRuleFixture.BRUTE_FORCE_SOURCE;
import static io.logwarden.detect.DetectRuleFixture.MAX_AHEAD;
import static io.logwarden.detect.DetectRuleFixture.PASSWORD_SPRAYING;
import static io.logwarden.detect.DetectRuleFixture.SUCCESS_AFTER_FAILURES;
import static io.logwarden.detect.DetectRuleFixture.SUPPRESSION;
import static io.logwarden.detect.DetectRuleFixture.T0;
import static io.logwarden.detect.DetectRuleFixture.failedSignIn;
import static io.logwarden.detect.DetectRuleFixture.inWindow;
import static io.logwarden.detect.DetectRuleFixture.sec;
import static io.logwarden.detect.DetectRuleFixture.successfulSignIn;
import static io.logwarden.detect.DetectRuleFixture.withTimes;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Event time: the event's time capped at observed time + 5 s; events out of order within the grace
 * (30 s behind stream time) are counted in every window they belong to; later ones are not counted
 * and are counted in {@code logwarden.detect.late.events{rule}}.
 */
class DetectRuleEventTimeTest extends DetectRuleTestBase {

  private static final String SOURCE = "198.51.100.44";
  private static final Duration RULE1_WINDOW = Duration.ofSeconds(120);

  private final List<Instant> failures = new ArrayList<>();

  private void fail(String id, Instant time) {
    detect.send(failedSignIn(id, time, SOURCE, "root"));
    failures.add(time);
  }

  // --- Out of order within the grace --------------------------------------------------------------

  @Test
  void aLateEventCompletesTheWindowEndingAtALaterEvent() {
    for (int i = 0; i <= 6; i++) {
      fail("f-" + i, sec(10L * i)); // 0, 10, ..., 60 s: 7 failures
    }
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).isEmpty();

    // 25 s behind stream time (60 s): within the grace. Windows ending at 40 and 50 s hold 6 and 7;
    // the one ending at 60 s holds 8: the alert opens at 60 s.
    fail("late", sec(35));
    assertThat(inWindow(failures, sec(50), RULE1_WINDOW)).isEqualTo(7);
    assertThat(inWindow(failures, sec(60), RULE1_WINDOW)).isEqualTo(8);

    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getCount()).isEqualTo(8);
      assertThat(a.getFirstSeen()).isEqualTo(T0);
      assertThat(a.getLastSeen()).isEqualTo(sec(60));
      assertThat(a.getDetectedAt()).isEqualTo(sec(60));
      assertThat(a.getWindowEnd()).isEqualTo(sec(60));
      assertThat(a.getSampleEventIds()).contains("late");
    });
    assertThat(detect.lateEvents(BRUTE_FORCE_SOURCE)).isZero();
  }

  /**
   * Seven failures at 40, 45, ..., 65 s and 100 s (stream time 100 s), then one {@code behind}
   * seconds behind stream time, then one at 101 s. Counted, the late one completes the window
   * ending at 100 s (which holds every failure from −20 s on); not counted, the 8th is the one at
   * 101 s.
   */
  @ParameterizedTest(name = "{0} s behind stream time: counted {1}")
  @CsvSource({"29, true", "30, true", "31, false"})
  void theGraceBoundary(long behind, boolean counted) {
    long[] times = {40, 45, 50, 55, 60, 65, 100};
    for (int i = 0; i < times.length; i++) {
      fail("f-" + i, sec(times[i]));
    }
    Instant streamTime = sec(100);
    Instant late = streamTime.minusSeconds(behind);
    detect.send(failedSignIn("late", late, SOURCE, "root"));
    detect.send(failedSignIn("f-next", sec(101), SOURCE, "root"));

    List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    if (counted) {
      assertThat(alerts).hasSize(2);
      Alert opened = alerts.get(0);
      assertThat(opened.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(opened.getDetectedAt()).isEqualTo(streamTime);
      assertThat(opened.getCount()).isEqualTo(8);
      assertThat(opened.getFirstSeen()).isEqualTo(sec(40));
      assertThat(opened.getSampleEventIds()).contains("late");
      Alert update = alerts.get(1);
      assertThat(update.getStatus()).isEqualTo(AlertStatus.UPDATED);
      assertThat(update.getAlertId()).isEqualTo(opened.getAlertId());
      assertThat(update.getCount()).isEqualTo(9);
      assertThat(detect.lateEvents(BRUTE_FORCE_SOURCE)).isZero();
    } else {
      assertThat(alerts).singleElement().satisfies(a -> {
        assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
        assertThat(a.getDetectedAt()).isEqualTo(sec(101));
        assertThat(a.getCount()).isEqualTo(8);
        assertThat(a.getSampleEventIds()).doesNotContain("late");
      });
      assertThat(detect.lateEvents(BRUTE_FORCE_SOURCE)).isEqualTo(1.0);
    }
  }

  @Test
  void eventsBeyondTheGraceAreNotCountedAndCountedAsLate() {
    for (int i = 0; i < 7; i++) {
      fail("f-" + i, sec(i));
    }
    // the key's latest event moves to 200 s (its window (80, 200] holds 1)
    fail("f-200", sec(200));
    // 8th failure for SOURCE at 6.5 s: 193.5 s behind the key's latest, far beyond the grace
    detect.send(failedSignIn("late", DetectRuleFixture.ms(6_500), SOURCE, "root"));

    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).isEmpty();
    assertThat(detect.lateEvents(BRUTE_FORCE_SOURCE)).isEqualTo(1.0);
  }

  @Test
  void lateness_isPerKey_anotherKeyFarAheadMakesNoEventLate() {
    for (int i = 0; i < 7; i++) {
      fail("f-" + i, sec(i));
    }
    // Another source's event far ahead (a forwarder that is up to date while SOURCE's lags).
    detect.send(failedSignIn("other", sec(3_600), "192.0.2.1", "nobody"));
    // The 8th failure for SOURCE, in order for its own key: counted, the alert opens.
    detect.send(failedSignIn("eighth", sec(7), SOURCE, "root"));

    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getCount()).isEqualTo(8);
    });
    assertThat(detect.lateEvents(BRUTE_FORCE_SOURCE)).isZero();
  }

  /**
   * Failures at 100, 130, 135, 140, 145, 150, 210 and 225 s: the windows ending at 210 s, (90, 210],
   * and at 225 s, (105, 225], hold 7 each (the one at 100 s has left the second). Then a late one at
   * 200 s (25 s behind stream time 225 s) is in both: both hold 8 now.
   */
  private void twoWindowsCompletedByOneLateEvent() {
    for (long t : new long[] {100, 130, 135, 140, 145, 150, 210, 225}) {
      fail("f-" + t, sec(t));
    }
    assertThat(inWindow(failures, sec(210), RULE1_WINDOW)).isEqualTo(7);
    assertThat(inWindow(failures, sec(225), RULE1_WINDOW)).isEqualTo(7);
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).isEmpty();
    fail("late", sec(200));
    assertThat(inWindow(failures, sec(200), RULE1_WINDOW)).isEqualTo(7);
    assertThat(inWindow(failures, sec(210), RULE1_WINDOW)).isEqualTo(8);
    assertThat(inWindow(failures, sec(225), RULE1_WINDOW)).isEqualTo(8);
  }

  /**
   * The condition first holds in the window ending at 210 s, so the alert opens there: its
   * suppression ends at 810 s (not 825 s): a failure at 809 s updates it, one at 810 s opens a new
   * alert when the condition holds.
   */
  @Test
  void aLateEventThatCompletesSeveralWindowsOpensTheAlertAtTheFirst() {
    twoWindowsCompletedByOneLateEvent();

    List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(DetectRuleFixture.byAlertId(alerts)).hasSize(1);
    String id = alerts.get(0).getAlertId();
    assertThat(alerts.get(0).getStatus()).isEqualTo(AlertStatus.OPEN);
    assertThat(alerts.get(0).getFirstSeen()).as("first event of the window (90, 210]").isEqualTo(sec(100));

    // 8 failures in (690, 810]: up to 809 s the same alert, at 810 s = 210 + 600 a new one
    for (long t : new long[] {700, 720, 740, 760, 780, 800, 809}) {
      fail("g-" + t, sec(t));
    }
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).allSatisfy(a -> assertThat(a.getAlertId()).isEqualTo(id));
    fail("g-810", sec(810));
    assertThat(sec(810)).isEqualTo(sec(210).plus(SUPPRESSION));
    List<Alert> after = detect.alerts(BRUTE_FORCE_SOURCE);
    Alert last = after.get(after.size() - 1);
    assertThat(last.getStatus()).isEqualTo(AlertStatus.OPEN);
    assertThat(last.getAlertId()).isNotEqualTo(id);
    assertThat(last.getCount()).isEqualTo(inWindow(failures, sec(810), RULE1_WINDOW)).isEqualTo(8);
  }

  /**
   * Regression: the same input as above. The alert opened at
   * 210 s; the failure at 225 s is a matching event within its suppression, so the alert's latest
   * state must include it: last_seen = 225 s, count = the failures in the window ending at 225 s
   * (8). The engine once published only the opening state (last_seen 210 s) and nothing for 225 s.
   */
  @Test
  void aLateEventThatCompletesSeveralWindowsLeavesTheAlertWithTheLatestEvent() {
    twoWindowsCompletedByOneLateEvent();

    List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(alerts).isNotEmpty();
    Alert latest = alerts.get(alerts.size() - 1);
    assertThat(latest.getFirstSeen()).isEqualTo(sec(100));
    assertThat(latest.getCount()).as("count of the alert's latest state")
        .isEqualTo(inWindow(failures, sec(225), RULE1_WINDOW)).isEqualTo(8);
    assertThat(latest.getLastSeen()).as("last_seen of the alert's latest state").isEqualTo(sec(225));
  }

  @Test
  void aLateEventInsideTheOpeningWindowUpdatesTheAlertAndMovesFirstSeenBack() {
    for (int i = 0; i < 8; i++) {
      fail("f-" + i, sec(75L + 3 * i)); // 75, 78, ..., 96 s: opens at 96 s with first_seen 75 s
    }
    List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(alerts).singleElement().satisfies(a -> assertThat(a.getFirstSeen()).isEqualTo(sec(75)));

    // 26 s behind stream time: within the grace, and inside the opening window (−24, 96]
    fail("late", sec(70));
    alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(alerts).hasSize(2);
    Alert update = alerts.get(1);
    assertThat(update.getStatus()).isEqualTo(AlertStatus.UPDATED);
    assertThat(update.getAlertId()).isEqualTo(alerts.get(0).getAlertId());
    assertThat(update.getFirstSeen()).isEqualTo(sec(70));
    assertThat(update.getLastSeen()).isEqualTo(sec(96));
    assertThat(update.getCount()).isEqualTo(inWindow(failures, sec(96), RULE1_WINDOW)).isEqualTo(9);
    assertThat(update.getSampleEventIds()).contains("late");
  }

  @Test
  void aLateFailureCompletesASequenceWhoseSuccessCameFirst() {
    for (int i = 0; i < 4; i++) {
      detect.send(failedSignIn("f-" + i, sec(10L * i), null, "dave"));
    }
    detect.send(successfulSignIn("ok", sec(100), null, "dave"));
    assertThat(detect.alerts(SUCCESS_AFTER_FAILURES)).isEmpty();

    // the 5th failure, at 80 s, arrives after the success: 20 s behind, within the grace
    detect.send(failedSignIn("f-late", sec(80), null, "dave"));
    assertThat(detect.alerts(SUCCESS_AFTER_FAILURES)).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getKey()).isEqualTo("dave");
      assertThat(a.getCount()).isEqualTo(5);
      assertThat(a.getFirstSeen()).isEqualTo(T0);
      assertThat(a.getLastSeen()).isEqualTo(sec(100));
      assertThat(a.getDetectedAt()).isEqualTo(sec(100));
    });
  }

  @Test
  void aFailureBeyondTheGraceDoesNotCompleteASequence() {
    for (int i = 0; i < 4; i++) {
      detect.send(failedSignIn("f-" + i, sec(10L * i), null, "dave"));
    }
    detect.send(successfulSignIn("ok", sec(100), null, "dave"));
    detect.send(failedSignIn("f-late", sec(69), null, "dave")); // 31 s behind
    assertThat(detect.alerts(SUCCESS_AFTER_FAILURES)).isEmpty();
    assertThat(detect.lateEvents(SUCCESS_AFTER_FAILURES)).isEqualTo(1.0);
  }

  @Test
  void aLateFailureCompletesADistinctCount() {
    String sprayer = "203.0.113.5";
    for (int i = 0; i < 9; i++) {
      detect.send(failedSignIn("s-" + i, sec(10L * i), sprayer, "user" + i)); // 0..80 s
    }
    detect.send(failedSignIn("s-late", sec(60), sprayer, "user9")); // 20 s behind
    // windows ending at 60 and 70 s hold 8 and 9 users, the one ending at 80 s holds 10
    assertThat(detect.alerts(PASSWORD_SPRAYING)).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getDistinctCount()).isEqualTo(10L);
      assertThat(a.getCount()).isEqualTo(10);
      assertThat(a.getDetectedAt()).isEqualTo(sec(80));
      assertThat(a.getLastSeen()).isEqualTo(sec(80));
    });
  }

  // --- The cap at observed time + 5 s -------------------------------------------------------------

  @Test
  void anEventDatedFarAheadDoesNotMoveStreamTimeFarAhead() {
    for (int i = 0; i < 7; i++) {
      fail("f-" + i, sec(i));
    }
    // observed at 7 s, dated a day ahead: its event time is 7 s + 5 s = 12 s
    detect.send(withTimes(failedSignIn("future", sec(7), "192.0.2.1", "nobody"), sec(7).plus(Duration.ofDays(1)), sec(7)));
    // so the 8th failure at 8 s is not late, and completes the window
    fail("f-7", sec(8));

    assertThat(detect.lateEvents(BRUTE_FORCE_SOURCE)).isZero();
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).singleElement().satisfies(a -> {
      assertThat(a.getCount()).isEqualTo(8);
      assertThat(a.getDetectedAt()).isEqualTo(sec(8));
    });
  }

  @Test
  void anEventDatedAheadCountsAtItsObservedTimePlusFiveSeconds() {
    for (int i = 0; i < 7; i++) {
      fail("f-" + i, sec(i));
    }
    // observed at 110 s, dated 200 s: its time is 115 s, inside the window (−5, 115] with the 7 others
    // (at 200 s the window (80, 200] would hold it alone)
    Instant observed = sec(110);
    Instant capped = observed.plus(MAX_AHEAD);
    detect.send(withTimes(failedSignIn("ahead", observed, SOURCE, "root"), sec(200), observed));
    failures.add(capped);

    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).singleElement().satisfies(a -> {
      assertThat(a.getCount()).isEqualTo(inWindow(failures, capped, RULE1_WINDOW)).isEqualTo(8);
      assertThat(a.getLastSeen()).isEqualTo(capped);
      assertThat(a.getDetectedAt()).isEqualTo(capped);
    });
  }

  @Test
  void anEventDatedWithinTheToleranceKeepsItsOwnTime() {
    for (int i = 0; i < 7; i++) {
      fail("f-" + i, sec(i));
    }
    // observed at 110 s, dated 114 s (4 s ahead): its time is 114 s
    detect.send(withTimes(failedSignIn("ahead", sec(110), SOURCE, "root"), sec(114), sec(110)));
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).singleElement()
        .satisfies(a -> assertThat(a.getLastSeen()).isEqualTo(sec(114)));
  }

  @Test
  void anEventDatedBeforeItsArrivalKeepsItsOwnTime() {
    // observed 10 minutes after it happened: detection runs on the event's time
    for (int i = 0; i < 8; i++) {
      Instant happened = sec(i);
      detect.send(withTimes(failedSignIn("f-" + i, happened, SOURCE, "root"), happened, happened.plusSeconds(600)));
    }
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).singleElement().satisfies(a -> {
      assertThat(a.getFirstSeen()).isEqualTo(T0);
      assertThat(a.getLastSeen()).isEqualTo(sec(7));
    });
  }
}
