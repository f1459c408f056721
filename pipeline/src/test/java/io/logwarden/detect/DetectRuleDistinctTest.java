package io.logwarden.detect;

import static io.logwarden.detect.DetectRuleFixture.PASSWORD_SPRAYING;
import static io.logwarden.detect.DetectRuleFixture.T0;
import static io.logwarden.detect.DetectRuleFixture.failedSignIn;
import static io.logwarden.detect.DetectRuleFixture.inWindow;
import static io.logwarden.detect.DetectRuleFixture.sec;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rule 3, auth.password_spraying: failed sign-ins for at least 10 distinct users from one source
 * within 600 s. The alert's count is the failed sign-ins in the window, distinct_count the users.
 */
class DetectRuleDistinctTest extends DetectRuleTestBase {

  private static final String SPRAYER = "203.0.113.77";
  private static final Duration WINDOW = Duration.ofSeconds(600);


  @ParameterizedTest(name = "{0} distinct users: alert {1}")
  @CsvSource({"9, false", "10, true"})
  void sprayingAlertsAtTheTenthDistinctUser(int users, boolean alert) {
    // 30 s apart: the per-source brute-force rule (8 within 120 s) stays quiet, for clarity only
    for (int i = 0; i < users; i++) {
      detect.send(failedSignIn("f-" + i, sec(30L * i), SPRAYER, "user" + i));
    }

    List<Alert> alerts = detect.alerts(PASSWORD_SPRAYING);
    if (!alert) {
      assertThat(alerts).isEmpty();
      return;
    }
    Instant tenth = sec(270);
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getKey()).isEqualTo(SPRAYER);
      assertThat(a.getKeyField()).isEqualTo("source.address");
      assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
      assertThat(a.getAttack()).containsExactly("T1110.003");
      assertThat(a.getDistinctCount()).isEqualTo(10L);
      assertThat(a.getCount()).isEqualTo(10);
      assertThat(a.getFirstSeen()).isEqualTo(T0);
      assertThat(a.getLastSeen()).isEqualTo(tenth);
      assertThat(a.getDetectedAt()).isEqualTo(tenth);
    });
  }

  @Test
  void usersOfAWindowLongPastDoNotCountInTheNextOne() {
    // Nine users, then a gap of an hour (their signals are pruned meanwhile), then nine others:
    // each window holds nine distinct users, never eighteen, so nothing opens.
    for (int i = 0; i < 9; i++) {
      detect.send(failedSignIn("old-" + i, sec(30L * i), SPRAYER, "early" + i));
    }
    for (int i = 0; i < 9; i++) {
      detect.send(failedSignIn("new-" + i, sec(3_600 + 30L * i), SPRAYER, "late" + i));
    }
    assertThat(detect.alerts(PASSWORD_SPRAYING)).isEmpty();

    // A tenth user inside the second window does open it, with that window's figures only.
    detect.send(failedSignIn("new-9", sec(3_600 + 270), SPRAYER, "late9"));
    assertThat(detect.alerts(PASSWORD_SPRAYING)).singleElement().satisfies(a -> {
      assertThat(a.getDistinctCount()).isEqualTo(10L);
      assertThat(a.getCount()).isEqualTo(10);
      assertThat(a.getFirstSeen()).isEqualTo(sec(3_600));
    });
  }

  @ParameterizedTest(name = "state from a release that kept no window: {0}")
  @ValueSource(booleans = {false, true})
  void usersLeaveTheWindowOneByOneAsItSlides(boolean stateWithoutWindow) {
    // Users 0..8 at 0..240 s. At 635 s users 0 and 1 (0 s, 30 s) have left the 600 s window, so
    // with two new users it holds 9; a third new user at 640 s makes 10.
    for (int i = 0; i < 9; i++) {
      detect.send(failedSignIn("f-" + i, sec(30L * i), SPRAYER, "user" + i));
    }
    if (stateWithoutWindow) {
      detect.forgetKeptWindows(PASSWORD_SPRAYING);
    }
    detect.send(failedSignIn("g-1", sec(610), SPRAYER, "other1"));
    detect.send(failedSignIn("g-2", sec(635), SPRAYER, "other2"));
    assertThat(detect.alerts(PASSWORD_SPRAYING)).isEmpty();
    detect.send(failedSignIn("g-3", sec(640), SPRAYER, "other3"));
    assertThat(detect.alerts(PASSWORD_SPRAYING)).singleElement().satisfies(a -> {
      assertThat(a.getDistinctCount()).isEqualTo(10L);
      assertThat(a.getCount()).isEqualTo(10);
    });
  }

  @Test
  void manyFailuresForNineUsersAreNotSpraying() {
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < 27; i++) {
      detect.send(failedSignIn("f-" + i, sec(20L * i), SPRAYER, "user" + (i % 9)));
      times.add(sec(20L * i));
    }
    assertThat(detect.alerts(PASSWORD_SPRAYING)).isEmpty();

    // A tenth user: distinct 10, count every failure in the window ending at it.
    Instant last = sec(20L * 27);
    detect.send(failedSignIn("f-27", last, SPRAYER, "user9"));
    times.add(last);
    assertThat(detect.alerts(PASSWORD_SPRAYING)).singleElement().satisfies(a -> {
      assertThat(a.getDistinctCount()).isEqualTo(10L);
      assertThat(a.getCount()).isEqualTo(inWindow(times, last, WINDOW)).isEqualTo(28);
      assertThat(a.getFirstSeen()).isEqualTo(T0);
    });
  }

  /** Nine users in the first 8 s and a tenth {@code spacing} seconds after the first. */
  @ParameterizedTest(name = "10th user {0} s after the first: alert {1}")
  @CsvSource({"599, true", "600, false", "601, false"})
  void sprayingWindowEdge(long spacing, boolean alert) {
    for (int i = 0; i < 9; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), SPRAYER, "user" + i));
    }
    detect.send(failedSignIn("f-9", sec(spacing), SPRAYER, "user9"));

    List<Alert> alerts = detect.alerts(PASSWORD_SPRAYING);
    if (!alert) {
      assertThat(alerts).isEmpty();
      return;
    }
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getDistinctCount()).isEqualTo(10L);
      assertThat(a.getCount()).isEqualTo(10);
      assertThat(a.getFirstSeen()).isEqualTo(T0);
      assertThat(a.getLastSeen()).isEqualTo(sec(spacing));
    });
  }

  @Test
  void usersSprayedFromTwoSourcesDoNotAddUp() {
    for (int i = 0; i < 5; i++) {
      detect.send(failedSignIn("a-" + i, sec(30L * i), SPRAYER, "user" + i));
      detect.send(failedSignIn("b-" + i, sec(30L * i + 1), "203.0.113.78", "user" + (i + 5)));
    }
    assertThat(detect.alerts(PASSWORD_SPRAYING)).isEmpty();
  }

  @Test
  void failuresWithoutAUserAreCountedButAreNoDistinctUser() {
    List<Instant> times = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      detect.send(failedSignIn("f-" + i, sec(30L * i), SPRAYER, "user" + i));
      times.add(sec(30L * i));
    }
    detect.send(failedSignIn("anon-1", sec(280), SPRAYER, null));
    detect.send(failedSignIn("anon-2", sec(290), SPRAYER, null));
    times.add(sec(280));
    times.add(sec(290));
    assertThat(detect.alerts(PASSWORD_SPRAYING)).isEmpty();

    detect.send(failedSignIn("f-9", sec(300), SPRAYER, "user9"));
    times.add(sec(300));
    assertThat(detect.alerts(PASSWORD_SPRAYING)).singleElement().satisfies(a -> {
      assertThat(a.getDistinctCount()).isEqualTo(10L);
      assertThat(a.getCount()).isEqualTo(inWindow(times, sec(300), WINDOW)).isEqualTo(12);
    });
  }
}
