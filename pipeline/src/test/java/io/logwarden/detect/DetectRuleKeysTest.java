package io.logwarden.detect;

import static io.logwarden.detect.DetectRuleFixture.BRUTE_FORCE_SOURCE;
import static io.logwarden.detect.DetectRuleFixture.BRUTE_FORCE_USER;
import static io.logwarden.detect.DetectRuleFixture.ERROR_BURST;
import static io.logwarden.detect.DetectRuleFixture.errorLog;
import static io.logwarden.detect.DetectRuleFixture.failedSignIn;
import static io.logwarden.detect.DetectRuleFixture.sec;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Keys are isolated: an attack on one key never raises or suppresses an alert for another. */
class DetectRuleKeysTest extends DetectRuleTestBase {

  private static final String A = "198.51.100.1";
  private static final String B = "198.51.100.2";


  @Test
  void twoAttackersInterleavedGetIndependentAlerts() {
    // A at 0, 2, ..., 16 s (9 failures); B at 1, 3, ..., 15 s (8 failures)
    for (int i = 0; i < 9; i++) {
      detect.send(failedSignIn("a-" + i, sec(2L * i), A, "root"));
      if (i < 8) {
        detect.send(failedSignIn("b-" + i, sec(2L * i + 1), B, "root"));
      }
    }

    List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    // A's 8th (14 s) opens A's alert, B's 8th (15 s) opens B's, A's 9th (16 s) updates A's.
    assertThat(alerts).hasSize(3);
    Alert openA = alerts.get(0);
    Alert openB = alerts.get(1);
    Alert updateA = alerts.get(2);
    assertThat(openA.getKey()).isEqualTo(A);
    assertThat(openA.getStatus()).isEqualTo(AlertStatus.OPEN);
    assertThat(openA.getCount()).isEqualTo(8);
    assertThat(openA.getDetectedAt()).isEqualTo(sec(14));
    assertThat(openA.getFirstSeen()).isEqualTo(sec(0));
    assertThat(openB.getKey()).isEqualTo(B);
    assertThat(openB.getStatus()).isEqualTo(AlertStatus.OPEN);
    assertThat(openB.getCount()).isEqualTo(8);
    assertThat(openB.getDetectedAt()).isEqualTo(sec(15));
    assertThat(openB.getFirstSeen()).isEqualTo(sec(1));
    assertThat(openB.getAlertId()).isNotEqualTo(openA.getAlertId());
    assertThat(updateA.getKey()).isEqualTo(A);
    assertThat(updateA.getStatus()).isEqualTo(AlertStatus.UPDATED);
    assertThat(updateA.getAlertId()).isEqualTo(openA.getAlertId());
    assertThat(updateA.getCount()).isEqualTo(9);
    // each alert's samples are its own key's events
    assertThat(openA.getSampleEventIds()).allMatch(id -> id.startsWith("a-"));
    assertThat(openB.getSampleEventIds()).allMatch(id -> id.startsWith("b-"));
  }

  @Test
  void oneAttackerDoesNotRaiseAnAlertForAnother() {
    for (int i = 0; i < 8; i++) {
      detect.send(failedSignIn("a-" + i, sec(2L * i), A, "root"));
      if (i < 7) {
        detect.send(failedSignIn("b-" + i, sec(2L * i + 1), B, "root"));
      }
    }
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).singleElement()
        .satisfies(a -> assertThat(a.getKey()).isEqualTo(A));
  }

  @Test
  void anOpenAlertForOneKeyDoesNotSuppressAnother() {
    for (int i = 0; i < 8; i++) {
      detect.send(failedSignIn("a-" + i, sec(i), A, "root"));
    }
    // B's attack starts 100 s later, while A's alert is open
    for (int i = 0; i < 8; i++) {
      detect.send(failedSignIn("b-" + i, sec(100 + i), B, "root"));
    }
    List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(alerts).extracting(Alert::getKey, Alert::getStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(A, AlertStatus.OPEN),
            org.assertj.core.groups.Tuple.tuple(B, AlertStatus.OPEN));
    assertThat(alerts.get(1).getCount()).isEqualTo(8);
    assertThat(alerts.get(1).getDetectedAt()).isEqualTo(sec(107));
  }

  @Test
  void usersAreIsolatedToo() {
    // alice and bob alternate, 10 failures each within 600 s; the same source for both
    for (int i = 0; i < 10; i++) {
      detect.send(failedSignIn("al-" + i, sec(20L * i), A, "alice"));
      detect.send(failedSignIn("bo-" + i, sec(20L * i + 10), A, "bob"));
    }
    Map<String, List<Alert>> byId = DetectRuleFixture.byAlertId(detect.alerts(BRUTE_FORCE_USER));
    assertThat(byId).hasSize(2);
    assertThat(byId.values()).allSatisfy(records -> {
      assertThat(records).hasSize(1);
      assertThat(records.get(0).getCount()).isEqualTo(10);
    });
    assertThat(byId.values()).extracting(records -> records.get(0).getKey()).containsExactly("alice", "bob");
  }

  @Test
  void servicesAreIsolatedToo() {
    // checkout and billing alternate, 50 errors each within 50 s, on the Sentry store
    for (int i = 0; i < 50; i++) {
      detect.sendToSentry(errorLog("c-" + i, DetectRuleFixture.ms(1000L * i), "checkout", null));
      detect.sendToSentry(errorLog("p-" + i, DetectRuleFixture.ms(1000L * i + 500), "billing", null));
    }
    List<Alert> alerts = detect.alerts(ERROR_BURST);
    assertThat(alerts).extracting(Alert::getKey).containsExactly("checkout", "billing");
    assertThat(alerts).allSatisfy(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getCount()).isEqualTo(50);
    });
  }
}
