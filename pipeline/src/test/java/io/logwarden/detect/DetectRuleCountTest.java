package io.logwarden.detect;

import static io.logwarden.detect.DetectRuleFixture.BRUTE_FORCE_SOURCE;
import static io.logwarden.detect.DetectRuleFixture.BRUTE_FORCE_USER;
import static io.logwarden.detect.DetectRuleFixture.T0;
import static io.logwarden.detect.DetectRuleFixture.failedSignIn;
import static io.logwarden.detect.DetectRuleFixture.inWindow;
import static io.logwarden.detect.DetectRuleFixture.sec;
import static io.logwarden.detect.DetectRuleFixture.signIn;
import static io.logwarden.detect.DetectRuleFixture.successfulSignIn;
import static io.logwarden.detect.DetectRuleFixture.withAction;
import static io.logwarden.detect.DetectRuleFixture.withCategory;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Count rules on sign-ins: rule 1 (at least 8 failed sign-ins from one source.address within
 * 120 s) and rule 2 (at least 10 for one actor.user within 600 s), at their thresholds and at the
 * edges of their windows, (t − W, t].
 */
class DetectRuleCountTest extends DetectRuleTestBase {

  private static final String SOURCE = "198.51.100.7";
  private static final Duration RULE1_WINDOW = Duration.ofSeconds(120);
  private static final Duration RULE2_WINDOW = Duration.ofSeconds(600);


  // --- Rule 1: auth.brute_force.source ------------------------------------------------------------

  @ParameterizedTest(name = "{0} failed sign-ins within 7 s: alert {1}")
  @CsvSource({"7, false", "8, true"})
  void bruteForceBySourceAlertsAtTheEighthFailure(int failures, boolean alert) {
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < failures; i++) {
      // a different user each time, so only the source is common
      detect.send(failedSignIn("f-" + i, sec(i), SOURCE, "user" + i));
      times.add(sec(i));
    }

    List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    if (!alert) {
      assertThat(alerts).isEmpty();
      return;
    }
    assertThat(alerts).hasSize(1);
    Alert opened = alerts.get(0);
    assertThat(opened.getStatus()).isEqualTo(AlertStatus.OPEN);
    assertThat(opened.getKey()).isEqualTo(SOURCE);
    assertThat(opened.getKeyField()).isEqualTo("source.address");
    assertThat(opened.getSeverity()).isEqualTo(Severity.HIGH);
    assertThat(opened.getAttack()).containsExactly("T1110.001");
    assertThat(opened.getCount()).isEqualTo(inWindow(times, sec(7), RULE1_WINDOW)).isEqualTo(8);
    assertThat(opened.getFirstSeen()).isEqualTo(T0);
    assertThat(opened.getLastSeen()).isEqualTo(sec(7));
    assertThat(opened.getDetectedAt()).isEqualTo(sec(7));
  }

  /**
   * Seven failures in the first 6 s and the 8th {@code spacing} seconds after the first: the window
   * of 120 s ending at the 8th holds the first only when it is less than 120 s older.
   */
  @ParameterizedTest(name = "8th failure {0} s after the first: alert {1}")
  @CsvSource({"119, true", "120, false", "121, false"})
  void bruteForceBySourceWindowEdge(long spacing, boolean alert) {
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), SOURCE, "root"));
      times.add(sec(i));
    }
    detect.send(failedSignIn("f-7", sec(spacing), SOURCE, "root"));
    times.add(sec(spacing));

    List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    if (!alert) {
      assertThat(inWindow(times, sec(spacing), RULE1_WINDOW)).isLessThan(8);
      assertThat(alerts).isEmpty();
      return;
    }
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getCount()).isEqualTo(inWindow(times, sec(spacing), RULE1_WINDOW)).isEqualTo(8);
      assertThat(a.getFirstSeen()).isEqualTo(T0);
      assertThat(a.getLastSeen()).isEqualTo(sec(spacing));
    });
  }

  /** Within one millisecond of the edge: 119.999 s is inside, 120.000 s is not. */
  @ParameterizedTest(name = "8th failure {0} ms after the first: alert {1}")
  @CsvSource({"119999, true", "120000, false"})
  void bruteForceBySourceWindowEdgeInMilliseconds(long spacingMillis, boolean alert) {
    for (int i = 0; i < 7; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), SOURCE, "root"));
    }
    detect.send(failedSignIn("f-7", DetectRuleFixture.ms(spacingMillis), SOURCE, "root"));

    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).hasSize(alert ? 1 : 0);
  }

  /** Events at the same instant are all in the window ending at it. */
  @ParameterizedTest(name = "{0} failed sign-ins at the same instant: alert {1}")
  @CsvSource({"7, false", "8, true"})
  void simultaneousFailuresAllCount(int failures, boolean alert) {
    for (int i = 0; i < failures; i++) {
      detect.send(failedSignIn("f-" + i, sec(30), SOURCE, "user" + i));
    }
    List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(alerts).hasSize(alert ? 1 : 0);
    if (alert) {
      assertThat(alerts.get(0).getCount()).isEqualTo(8);
      assertThat(alerts.get(0).getFirstSeen()).isEqualTo(sec(30));
      assertThat(alerts.get(0).getLastSeen()).isEqualTo(sec(30));
    }
  }

  @Test
  void onlyFailedSignInsCount() {
    for (int i = 0; i < 7; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), SOURCE, "root"));
    }
    // Same source, same time range, but not a failed sign-in: none of these is the 8th.
    detect.send(successfulSignIn("ok", sec(10), SOURCE, "root"));
    detect.send(signIn("unknown", sec(11), Outcome.UNKNOWN, SOURCE, "root"));
    detect.send(withAction(failedSignIn("sudo", sec(12), SOURCE, "root"), "sudo"));
    detect.send(withCategory(failedSignIn("sys", sec(13), SOURCE, "root"), Category.SYSTEM));
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).isEmpty();

    detect.send(failedSignIn("f-7", sec(14), SOURCE, "root"));
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).singleElement()
        .satisfies(a -> assertThat(a.getCount()).isEqualTo(8));
  }

  @Test
  void failuresWithoutASourceAddressDoNotCountForTheSourceRule() {
    for (int i = 0; i < 8; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), null, "root"));
    }
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).isEmpty();
  }

  // --- Rule 2: auth.brute_force.user --------------------------------------------------------------

  @ParameterizedTest(name = "{0} failed sign-ins for one user: alert {1}")
  @CsvSource({"9, false", "10, true"})
  void bruteForceByUserAlertsAtTheTenthFailure(int failures, boolean alert) {
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < failures; i++) {
      // from a different source each time, so only the user is common
      detect.send(failedSignIn("f-" + i, sec(10L * i), "192.0.2." + i, "carol"));
      times.add(sec(10L * i));
    }

    List<Alert> alerts = detect.alerts(BRUTE_FORCE_USER);
    if (!alert) {
      assertThat(alerts).isEmpty();
      return;
    }
    Instant tenth = sec(90);
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getKey()).isEqualTo("carol");
      assertThat(a.getKeyField()).isEqualTo("actor.user");
      assertThat(a.getSeverity()).isEqualTo(Severity.MEDIUM);
      assertThat(a.getAttack()).containsExactly("T1110.001");
      assertThat(a.getCount()).isEqualTo(inWindow(times, tenth, RULE2_WINDOW)).isEqualTo(10);
      assertThat(a.getFirstSeen()).isEqualTo(T0);
      assertThat(a.getLastSeen()).isEqualTo(tenth);
      assertThat(a.getDetectedAt()).isEqualTo(tenth);
    });
  }

  @ParameterizedTest(name = "10th failure {0} s after the first: alert {1}")
  @CsvSource({"599, true", "600, false", "601, false"})
  void bruteForceByUserWindowEdge(long spacing, boolean alert) {
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), null, "carol"));
      times.add(sec(i));
    }
    detect.send(failedSignIn("f-9", sec(spacing), null, "carol"));
    times.add(sec(spacing));

    List<Alert> alerts = detect.alerts(BRUTE_FORCE_USER);
    if (!alert) {
      assertThat(inWindow(times, sec(spacing), RULE2_WINDOW)).isLessThan(10);
      assertThat(alerts).isEmpty();
      return;
    }
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getCount()).isEqualTo(10);
      assertThat(a.getFirstSeen()).isEqualTo(T0);
      assertThat(a.getLastSeen()).isEqualTo(sec(spacing));
    });
  }

  @Test
  void failuresWithoutAUserDoNotCountForTheUserRule() {
    for (int i = 0; i < 10; i++) {
      detect.send(failedSignIn("f-" + i, sec(20L * i), "192.0.2." + i, null));
    }
    assertThat(detect.alerts(BRUTE_FORCE_USER)).isEmpty();
  }

  @Test
  void aLongSlowAttackAlertsOnlyWhenTheWindowHoldsEnough() {
    // One failure every 70 s: a 120 s window never holds more than 2, a 600 s window holds 9
    // (times t, t − 70, ..., t − 560); the user rule never reaches 10, the source rule never 8.
    List<LogEvent> events = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      events.add(failedSignIn("f-" + i, sec(70L * i), SOURCE, "carol"));
    }
    detect.send(events);
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).isEmpty();
    assertThat(detect.alerts(BRUTE_FORCE_USER)).isEmpty();

    // One more 5 s after the last: the window ending at it holds 10 (the 9 within 600 s, then it).
    detect.send(failedSignIn("f-30", sec(70L * 29 + 5), SOURCE, "carol"));
    assertThat(detect.alerts(BRUTE_FORCE_USER)).singleElement().satisfies(a -> {
      assertThat(a.getCount()).isEqualTo(10);
      assertThat(a.getFirstSeen()).isEqualTo(sec(70L * 21));
    });
  }
}
