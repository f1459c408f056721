package io.logwarden.detect;

import static io.logwarden.detect.DetectRuleFixture.BRUTE_FORCE_SOURCE;
import static io.logwarden.detect.DetectRuleFixture.failedSignIn;
import static io.logwarden.detect.DetectRuleFixture.sec;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The rules' state grows with active keys, not with history: a key's signals and state go once its
 * windows (and its alert's suppression) have passed in stream time and as long in wall-clock time
 * since its last signal; a key whose logs keep coming, however far behind, keeps its windows.
 */
class DetectRuleStateTest extends DetectRuleTestBase {

  private static final String SIGNALS = "rule-" + BRUTE_FORCE_SOURCE + "-signals";
  private static final String STATES = "rule-" + BRUTE_FORCE_SOURCE + "-states";


  @Test
  void idleKeysAreForgottenOncePastInStreamAndWallClockTime() {
    for (int i = 0; i < 200; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), "198.51.100." + (i % 100), "user" + i));
    }
    assertThat(detect.storeSize(STATES)).isEqualTo(100);
    assertThat(detect.storeSize(SIGNALS)).isEqualTo(200);

    // Stream time moves an hour on (another key); the wall clock has not moved: nothing goes yet.
    detect.send(failedSignIn("later", sec(3_600), "192.0.2.1", "someone"));
    detect.advanceWallClock(Duration.ofSeconds(61));
    assertThat(detect.storeSize(STATES)).isEqualTo(101);

    // Rule 1 keeps a key for two windows plus the grace (270 s): past that in both clocks, the 100
    // idle keys and their 200 signals are gone; the key active at 3,600 s stays.
    detect.advanceWallClock(Duration.ofSeconds(300));
    assertThat(detect.storeSize(STATES)).isEqualTo(1);
    assertThat(detect.storeSize(SIGNALS)).isEqualTo(1);
  }

  @Test
  void keysPastInWallClockTimeGoOnceStreamTimeCatchesUp() {
    for (int i = 0; i < 100; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), "198.51.100." + i, "user" + i));
    }
    // Past in wall-clock time, not in stream time (99 s): kept, and the pass learns when they can go.
    detect.advanceWallClock(Duration.ofSeconds(400));
    assertThat(detect.storeSize(STATES)).isEqualTo(100);

    // Stream time moves an hour on: the next run finds them, without the wall clock's 270 s.
    detect.send(failedSignIn("later", sec(3_600), "192.0.2.1", "someone"));
    detect.advanceWallClock(Duration.ofSeconds(1));
    assertThat(detect.storeSize(STATES)).isEqualTo(1);
    assertThat(detect.storeSize(SIGNALS)).isEqualTo(1);
  }

  @Test
  void aKeyWithAnOpenAlertIsKeptThroughItsSuppression() {
    for (int i = 0; i < 8; i++) {
      detect.send(failedSignIn("f-" + i, sec(i), "203.0.113.9", "user" + i));
    }
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).hasSize(1);
    detect.send(failedSignIn("later", sec(400), "192.0.2.1", "someone"));
    detect.advanceWallClock(Duration.ofSeconds(400));
    // 400 s on: past the windows, not past the alert's 600 s suppression (plus the grace).
    assertThat(detect.storeSize(STATES)).isEqualTo(2);

    detect.send(failedSignIn("much-later", sec(700), "192.0.2.1", "someone"));
    detect.advanceWallClock(Duration.ofSeconds(300));
    assertThat(detect.storeSize(STATES)).isEqualTo(1);
  }
}
