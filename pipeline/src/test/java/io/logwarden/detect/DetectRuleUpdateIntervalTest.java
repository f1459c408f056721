package io.logwarden.detect;

import static io.logwarden.detect.DetectRuleFixture.BRUTE_FORCE_SOURCE;
import static io.logwarden.detect.DetectRuleFixture.CONFIG_CHANGE;
import static io.logwarden.detect.DetectRuleFixture.RULES;
import static io.logwarden.detect.DetectRuleFixture.SHIPPED_RULES;
import static io.logwarden.detect.DetectRuleFixture.action;
import static io.logwarden.detect.DetectRuleFixture.failedSignIn;
import static io.logwarden.detect.DetectRuleFixture.ms;
import static io.logwarden.detect.DetectRuleFixture.sec;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Coalesced alert updates (docs/detection-rules.md, "Alert records"), with the shipped
 * {@code update_interval} of 30 s: the OPEN record at once; an UPDATED record when 30 s of event time
 * have passed since the alert's last record, or at once when the count reaches an escalation step
 * (threshold × 2, × 4, × 8, ...); an owed update sent by the wall clock 30 s after the key's last
 * signal; one CLOSED record with the exact last count once the suppression (600 s) and the grace
 * (30 s) are over. Rule 1 (brute force by source): threshold 8, window 120 s. The expected records
 * are worked out here from those rules, not read from the engine.
 */
class DetectRuleUpdateIntervalTest {

  private static final String SOURCE = "198.51.100.70";
  private static final Duration INTERVAL = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  private DetectRuleFixture detect;

  @AfterEach
  void stop() {
    if (detect != null) {
      detect.close();
    }
  }

  private void failuresEverySecond(int from, int to) {
    for (int s = from; s <= to; s++) {
      detect.send(failedSignIn("f-" + s, sec(s), SOURCE, "root"));
    }
  }

  @Test
  void aFloodGivesOneOpenAnUpdatePerIntervalOrEscalationStepAndOneClosedWithTheExactCount() {
    detect = new DetectRuleFixture(dir, SHIPPED_RULES);
    failuresEverySecond(0, 299); // 300 failures, one a second: the window (120 s) holds 120 at most

    List<Alert> records = detect.alerts(BRUTE_FORCE_SOURCE);
    // OPEN at 7 s (8 failures). Escalation steps at 16 (15 s), 32 (31 s) and 64 (63 s) failures; the
    // interval sends at 61 s (31 + 30), then every 30 s after 63 s: 93 ... 273. 274 to 299 s are owed.
    assertThat(records).extracting(Alert::getStatus).first().isEqualTo(AlertStatus.OPEN);
    assertThat(records).extracting(a -> a.getDetectedAt().getEpochSecond() - sec(0).getEpochSecond())
        .containsExactly(7L, 15L, 31L, 61L, 63L, 93L, 123L, 153L, 183L, 213L, 243L, 273L);
    assertThat(records).extracting(Alert::getEscalationStep)
        .containsExactly(null, 1, 2, null, 3, null, null, null, null, null, null, null);
    assertThat(records).extracting(Alert::getCount).containsExactly(8L, 16L, 32L, 62L, 64L, 94L, 120L, 120L, 120L,
        120L, 120L, 120L);
    assertThat(records).extracting(Alert::getAlertId).containsOnly(records.get(0).getAlertId());

    // Nothing more comes: 30 s of wall-clock time after the key's last signal, the owed update goes.
    detect.advanceWallClock(INTERVAL.plusSeconds(1));
    List<Alert> afterFlush = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(afterFlush).hasSize(records.size() + 1);
    assertThat(afterFlush.get(afterFlush.size() - 1)).satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.UPDATED);
      assertThat(a.getCount()).isEqualTo(120);
      assertThat(a.getLastSeen()).isEqualTo(sec(299));
      assertThat(a.getEscalationStep()).isNull();
    });

    // The suppression had 7 + 600 + 30 - 299 = 338 s of event time left: as long in wall-clock time
    // without a signal, the alert closes.
    detect.advanceWallClock(Duration.ofSeconds(340));
    List<Alert> all = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(all).hasSize(afterFlush.size() + 1);
    Alert closed = all.get(all.size() - 1);
    assertThat(closed.getStatus()).isEqualTo(AlertStatus.CLOSED);
    assertThat(closed.getCount()).isEqualTo(120);
    assertThat(closed.getLastSeen()).isEqualTo(sec(299));
    assertThat(closed.getFirstSeen()).isEqualTo(sec(0));
    assertThat(closed.getAlertId()).isEqualTo(records.get(0).getAlertId());
    assertRecordsBound(all, 8);

    // The copy in the Better Stack store follows the same records, one event per alert record.
    String id = records.get(0).getAlertId();
    assertThat(detect.alertEventRecords()).filteredOn(r -> r.value().getEventId().equals(id)).hasSize(all.size());
    detect.advanceWallClock(Duration.ofHours(1));
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).hasSize(all.size()); // CLOSED once
  }

  @Test
  void theIntervalEdgeIsExactToTheMillisecond() {
    detect = new DetectRuleFixture(dir, SHIPPED_RULES);
    failuresEverySecond(0, 7); // OPEN at 7 s: its record's detected_at is 7,000 ms
    detect.send(failedSignIn("early", ms(7_000 + INTERVAL.toMillis() - 1), SOURCE, "root"));
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN);

    detect.send(failedSignIn("on-time", ms(7_000 + INTERVAL.toMillis()), SOURCE, "root"));
    List<Alert> records = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(records).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.UPDATED);
    assertThat(records.get(1).getCount()).isEqualTo(10); // the owed update folded in
    assertThat(records.get(1).getDetectedAt()).isEqualTo(ms(7_000 + INTERVAL.toMillis()));
    assertThat(records.get(1).getEscalationStep()).isNull();
    assertThat(detect.counter("logwarden.alert.updates.coalesced", BRUTE_FORCE_SOURCE)).isZero();
  }

  @Test
  void anEventAfterTheSuppressionClosesTheAlertWithItsOwedUpdateBeforeTheNextOneOpens() {
    detect = new DetectRuleFixture(dir, SHIPPED_RULES);
    failuresEverySecond(0, 9); // OPEN at 7 s; the updates at 8 and 9 s are owed (interval not passed)
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN);

    // 640 s is past 7 + 600 + 30: no event of the key can update the first alert any more.
    failuresEverySecond(640, 647);
    List<Alert> records = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(records).extracting(Alert::getStatus)
        .containsExactly(AlertStatus.OPEN, AlertStatus.CLOSED, AlertStatus.OPEN);
    assertThat(records.get(1)).satisfies(closed -> {
      assertThat(closed.getAlertId()).isEqualTo(records.get(0).getAlertId());
      assertThat(closed.getCount()).isEqualTo(10);
      assertThat(closed.getLastSeen()).isEqualTo(sec(9));
    });
    assertThat(records.get(2).getAlertId()).isNotEqualTo(records.get(0).getAlertId());
    assertThat(records.get(2).getDetectedAt()).isEqualTo(sec(647));
    // The two updates never went out on their own: both were folded into the CLOSED record.
    assertThat(detect.counter("logwarden.alert.updates.coalesced", BRUTE_FORCE_SOURCE)).isEqualTo(2);
  }

  @Test
  void aRestartBetweenTwoUpdatesLosesNeitherTheOwedUpdateNorTheClosedRecord() {
    detect = new DetectRuleFixture(dir, SHIPPED_RULES);
    failuresEverySecond(0, 12); // OPEN at 7 s, 8 to 12 s owed
    detect.restart();
    detect.advanceWallClock(INTERVAL.plusSeconds(1));
    List<Alert> records = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(records).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.UPDATED);
    assertThat(records.get(1).getCount()).isEqualTo(13);
    assertThat(records.get(1).getLastSeen()).isEqualTo(sec(12));

    detect.restart();
    detect.advanceWallClock(Duration.ofSeconds(7 + 600 + 30 - 12 + 1));
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).extracting(Alert::getStatus)
        .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATED, AlertStatus.CLOSED);
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE).get(2).getCount()).isEqualTo(13);
  }

  @Test
  void streamTimeFarAheadClosesNothingSinceLatenessIsPerKey() {
    detect = new DetectRuleFixture(dir, SHIPPED_RULES);
    failuresEverySecond(0, 12); // OPEN at 7 s, 8 to 12 s owed
    // Another key far ahead in event time moves stream time past 7 + 600 + 30 s: that closes nothing,
    // since this key may still send events of its own time.
    detect.send(failedSignIn("other", sec(5_000), "203.0.113.99", "alice"));
    detect.advanceWallClock(INTERVAL.plusSeconds(1));
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).extracting(Alert::getStatus)
        .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATED);
    detect.send(failedSignIn("f-13", sec(13), SOURCE, "root"));
    detect.advanceWallClock(INTERVAL.plusSeconds(1));
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).extracting(Alert::getCount).containsExactly(8L, 13L, 14L);
  }

  @Test
  void anOwedUpdateWaitsForTheKeysQuietInWallClockTimeNotForStreamTime() {
    detect = new DetectRuleFixture(dir, SHIPPED_RULES);
    failuresEverySecond(0, 12); // OPEN at 7 s, 8 to 12 s owed
    // A backlog: stream time runs far ahead of this key's events; the pass runs, the update stays owed
    // (sent by stream time, a key behind the others got records a few seconds apart in its own time).
    detect.send(failedSignIn("other", sec(5_000), "203.0.113.99", "alice"));
    detect.advanceWallClock(Duration.ofSeconds(2));
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN);
    detect.advanceWallClock(INTERVAL);
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).extracting(Alert::getStatus)
        .containsExactly(AlertStatus.OPEN, AlertStatus.UPDATED);
  }

  @Test
  void anAlertClosedByTheWallClockIsNotUpdatedByTheKeysLaterEvents() {
    detect = new DetectRuleFixture(dir, SHIPPED_RULES);
    failuresEverySecond(0, 12); // OPEN at 7 s, 8 to 12 s owed
    // Quiet in wall-clock time for as long as the suppression and grace had left: closed at 13.
    detect.advanceWallClock(Duration.ofSeconds(7 + 600 + 30 - 12 + 1));
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).extracting(Alert::getStatus)
        .containsExactly(AlertStatus.OPEN, AlertStatus.CLOSED);
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE).get(1).getCount()).isEqualTo(13);

    // The key's next event, in order for the key and inside the suppression, comes after its alert
    // closed (a forwarder that held it back): counted as late, the alert stays as it closed.
    detect.send(failedSignIn("f-13", sec(13), SOURCE, "root"));
    assertThat(detect.alerts(BRUTE_FORCE_SOURCE)).hasSize(2);
    assertThat(detect.lateEvents(BRUTE_FORCE_SOURCE)).isEqualTo(1);
  }

  @Test
  void anIntervalOfZeroSendsEveryUpdateAndNoClosedRecord() {
    detect = new DetectRuleFixture(dir, RULES); // update_interval 0s
    failuresEverySecond(0, 39);
    detect.advanceWallClock(Duration.ofHours(2));
    List<Alert> records = detect.alerts(BRUTE_FORCE_SOURCE);
    assertThat(records).hasSize(1 + 32); // OPEN at 7 s, an UPDATED for each of 8 .. 39 s
    assertThat(records).extracting(Alert::getStatus).doesNotContain(AlertStatus.CLOSED);
    assertThat(records).extracting(Alert::getEscalationStep).containsOnlyNulls();
  }

  @Test
  void theConfigChangeRuleStillSeesTheAttackThroughItsLastRecord() {
    // Rule 5 pairs a configuration change with an alert record of its key within 30 min before it.
    // The flood's last events (274 to 299 s) are owed when it ends; once the wall clock sends them,
    // a change 1,799 s after the last attack event is still within 30 min of a record (299 s). The
    // change's user (root) is the key it is raised under: the first of the rule's key fields it has.
    detect = new DetectRuleFixture(dir, SHIPPED_RULES);
    failuresEverySecond(0, 299);
    detect.advanceWallClock(INTERVAL.plusSeconds(1));
    Instant change = sec(299 + 1799);
    detect.send(action("cfg", change, "config_change", "root", SOURCE));
    assertThat(detect.alerts(CONFIG_CHANGE)).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getKey()).isEqualTo("root");
      assertThat(a.getSampleEventIds()).contains("cfg");
      assertThat(a.getDetectedAt()).isEqualTo(change);
    });
  }

  /** The bound: records per alert ≤ 2 + (last_seen − first_seen) ÷ update_interval + log2(count ÷ threshold). */
  private static void assertRecordsBound(List<Alert> records, int threshold) {
    Alert last = records.get(records.size() - 1);
    double bound = 2 + (double) Duration.between(last.getFirstSeen(), last.getLastSeen()).toMillis() / INTERVAL.toMillis()
        + Math.log((double) last.getCount() / threshold) / Math.log(2);
    assertThat((double) records.size()).isLessThanOrEqualTo(bound);
    List<Long> counts = new ArrayList<>();
    records.stream().filter(r -> r.getStatus() == AlertStatus.UPDATED).forEach(r -> counts.add(r.getCount()));
    assertThat(counts).isSorted();
  }
}
