package io.logwarden.detect;

import static io.logwarden.detect.DetectRuleFixture.CLOCK_SKEW;
import static io.logwarden.detect.DetectRuleFixture.ERROR_BURST;
import static io.logwarden.detect.DetectRuleFixture.MAX_AHEAD;
import static io.logwarden.detect.DetectRuleFixture.T0;
import static io.logwarden.detect.DetectRuleFixture.errorLog;
import static io.logwarden.detect.DetectRuleFixture.exceptionLog;
import static io.logwarden.detect.DetectRuleFixture.futureDated;
import static io.logwarden.detect.DetectRuleFixture.sec;
import static io.logwarden.detect.DetectRuleFixture.warningLog;
import static io.logwarden.detect.DetectRuleFixture.withSeverity;
import static io.logwarden.detect.DetectRuleFixture.withTimes;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Rule 6, system.clock_skew (3 events flagged future_time from one source.host within 5 minutes),
 * and rule 7, availability.error_burst (at least 50 error events from one service, else process,
 * within 60 s, read from the store.sentry topic).
 */
class DetectRuleHostAndServiceTest extends DetectRuleTestBase {

  private static final String HOST = "db-1";
  private static final Duration AHEAD = Duration.ofMinutes(2);


  // --- Rule 6: system.clock_skew ------------------------------------------------------------------

  @ParameterizedTest(name = "{0} skewed events: alert {1}")
  @CsvSource({"2, false", "3, true"})
  void clockSkewAlertsAtTheThirdFlaggedEvent(int events, boolean alert) {
    for (int i = 0; i < events; i++) {
      // observed at 0, 10, 20 s, each dated 2 minutes ahead: event time observed + 5 s
      detect.send(futureDated("s-" + i, sec(10L * i), AHEAD, HOST));
    }

    List<Alert> alerts = detect.alerts(CLOCK_SKEW);
    if (!alert) {
      assertThat(alerts).isEmpty();
      return;
    }
    Instant third = sec(20).plus(MAX_AHEAD);
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getKey()).isEqualTo(HOST);
      assertThat(a.getKeyField()).isEqualTo("source.host");
      assertThat(a.getSeverity()).isEqualTo(Severity.MEDIUM);
      assertThat(a.getAttack()).isEmpty();
      assertThat(a.getCount()).isEqualTo(3);
      assertThat(a.getFirstSeen()).isEqualTo(T0.plus(MAX_AHEAD));
      assertThat(a.getLastSeen()).isEqualTo(third);
      assertThat(a.getDetectedAt()).isEqualTo(third);
    });
  }

  /** Observed at 0 and 1 s, and the third {@code spacing} seconds after the first (all capped at +5 s). */
  @ParameterizedTest(name = "third skewed event {0} s after the first: alert {1}")
  @CsvSource({"299, true", "300, false", "301, false"})
  void clockSkewWindowEdge(long spacing, boolean alert) {
    detect.send(futureDated("s-0", sec(0), AHEAD, HOST));
    detect.send(futureDated("s-1", sec(1), AHEAD, HOST));
    detect.send(futureDated("s-2", sec(spacing), AHEAD, HOST));

    assertThat(detect.alerts(CLOCK_SKEW)).hasSize(alert ? 1 : 0);
  }

  @Test
  void eventsWithoutTheFlagDoNotCount() {
    for (int i = 0; i < 3; i++) {
      LogEvent skewed = futureDated("s-" + i, sec(i), AHEAD, HOST);
      // the same event without the flag
      detect.send(LogEvent.newBuilder(skewed).setFlags(new ArrayList<>(List.of("missing_time"))).build());
    }
    assertThat(detect.alerts(CLOCK_SKEW)).isEmpty();
  }

  @Test
  void skewedEventsFromDifferentHostsDoNotAddUp() {
    detect.send(futureDated("s-0", sec(0), AHEAD, "db-1"));
    detect.send(futureDated("s-1", sec(1), AHEAD, "db-2"));
    detect.send(futureDated("s-2", sec(2), AHEAD, "db-3"));
    assertThat(detect.alerts(CLOCK_SKEW)).isEmpty();
  }

  // --- Rule 7: availability.error_burst -----------------------------------------------------------

  @ParameterizedTest(name = "{0} errors within 49 s: alert {1}")
  @CsvSource({"49, false", "50, true"})
  void errorBurstAlertsAtTheFiftiethError(int errors, boolean alert) {
    for (int i = 0; i < errors; i++) {
      detect.sendToSentry(errorLog("e-" + i, sec(i), "checkout", "checkout-7"));
    }

    List<Alert> alerts = detect.alerts(ERROR_BURST);
    if (!alert) {
      assertThat(alerts).isEmpty();
      return;
    }
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(a.getKey()).isEqualTo("checkout");
      assertThat(a.getKeyField()).isEqualTo("actor.service");
      assertThat(a.getSeverity()).isEqualTo(Severity.HIGH);
      assertThat(a.getCount()).isEqualTo(50);
      assertThat(a.getDistinctCount()).isNull();
      assertThat(a.getFirstSeen()).isEqualTo(T0);
      assertThat(a.getLastSeen()).isEqualTo(sec(49));
      assertThat(a.getDetectedAt()).isEqualTo(sec(49));
      assertThat(a.getSampleEventIds()).hasSizeBetween(1, DetectRuleFixture.MAX_SAMPLES);
    });
  }

  /** 49 errors at 0..48 s and the 50th {@code spacing} seconds after the first. */
  @ParameterizedTest(name = "50th error {0} s after the first: alert {1}")
  @CsvSource({"59, true", "60, false", "61, false"})
  void errorBurstWindowEdge(long spacing, boolean alert) {
    for (int i = 0; i < 49; i++) {
      detect.sendToSentry(errorLog("e-" + i, sec(i), "checkout", null));
    }
    detect.sendToSentry(errorLog("e-49", sec(spacing), "checkout", null));

    List<Alert> alerts = detect.alerts(ERROR_BURST);
    if (!alert) {
      assertThat(alerts).isEmpty();
      return;
    }
    assertThat(alerts).singleElement().satisfies(a -> {
      assertThat(a.getCount()).isEqualTo(50);
      assertThat(a.getFirstSeen()).isEqualTo(T0);
      assertThat(a.getLastSeen()).isEqualTo(sec(spacing));
    });
  }

  @Test
  void errorsAreSeverityErrorOrAboveOrEventsWithAnException() {
    for (int i = 0; i < 20; i++) {
      detect.sendToSentry(errorLog("err-" + i, sec(i), "checkout", null)); // severity 17
    }
    for (int i = 20; i < 30; i++) {
      detect.sendToSentry(withSeverity(errorLog("fatal-" + i, sec(i), "checkout", null), 21));
    }
    for (int i = 30; i < 49; i++) {
      detect.sendToSentry(exceptionLog("exc-" + i, sec(i), "checkout")); // no severity, an exception
    }
    // warnings (severity 16 and 13, no exception) are not errors
    detect.sendToSentry(withSeverity(warningLog("warn-16", sec(49), "checkout"), 16));
    detect.sendToSentry(warningLog("warn-13", sec(50), "checkout"));
    assertThat(detect.alerts(ERROR_BURST)).isEmpty();

    detect.sendToSentry(exceptionLog("exc-last", sec(51), "checkout"));
    assertThat(detect.alerts(ERROR_BURST)).singleElement().satisfies(a -> {
      assertThat(a.getCount()).isEqualTo(50);
      assertThat(a.getSampleEventIds()).noneMatch(id -> id.startsWith("warn"));
    });
  }

  @Test
  void errorsWithoutAServiceAreKeyedByTheirProcess() {
    for (int i = 0; i < 50; i++) {
      detect.sendToSentry(errorLog("e-" + i, sec(i), null, "billing-worker"));
    }
    assertThat(detect.alerts(ERROR_BURST)).singleElement().satisfies(a -> {
      assertThat(a.getKey()).isEqualTo("billing-worker");
      assertThat(a.getKeyField()).isEqualTo("actor.process");
      assertThat(a.getCount()).isEqualTo(50);
    });
  }

  @Test
  void theServiceIsTheKeyWhateverTheProcess() {
    for (int i = 0; i < 50; i++) {
      detect.sendToSentry(errorLog("e-" + i, sec(i), "checkout", "checkout-" + (i % 5)));
    }
    assertThat(detect.alerts(ERROR_BURST)).singleElement()
        .satisfies(a -> assertThat(a.getKey()).isEqualTo("checkout"));
  }

  @Test
  void errorsOnTheSecurityEventsTopicAreNotRead() {
    for (int i = 0; i < 50; i++) {
      detect.send(errorLog("e-" + i, sec(i), "checkout", null));
    }
    assertThat(detect.alerts(ERROR_BURST)).isEmpty();
  }

  @Test
  void errorsOutOfOrderWithinTheGraceCountAndBeyondItDoNot() {
    // 48 errors at 10..57 s (stream time 57 s)
    for (int i = 0; i < 48; i++) {
      detect.sendToSentry(errorLog("e-" + i, sec(10L + i), "checkout", null));
    }
    // 31 s behind: late, not counted
    detect.sendToSentry(errorLog("too-late", sec(26), "checkout", null));
    assertThat(detect.alerts(ERROR_BURST)).isEmpty();
    assertThat(detect.lateEvents(ERROR_BURST)).isEqualTo(1.0);
    // 20 s behind: counted; 49 in the window ending at 57 s
    detect.sendToSentry(errorLog("late", sec(37), "checkout", null));
    assertThat(detect.alerts(ERROR_BURST)).isEmpty();
    // the 50th
    detect.sendToSentry(errorLog("e-last", sec(58), "checkout", null));
    assertThat(detect.alerts(ERROR_BURST)).singleElement().satisfies(a -> {
      assertThat(a.getCount()).isEqualTo(50);
      assertThat(a.getFirstSeen()).isEqualTo(sec(10));
    });
    assertThat(detect.lateEvents(ERROR_BURST)).isEqualTo(1.0);
  }

  @Test
  void errorTimesAreCappedToo() {
    // 49 errors at 0..48 s, and one observed at 50 s but dated 100 s: its time is 55 s, so the
    // window (−5, 55] holds all 50
    for (int i = 0; i < 49; i++) {
      detect.sendToSentry(errorLog("e-" + i, sec(i), "checkout", null));
    }
    detect.sendToSentry(withTimes(errorLog("e-49", sec(50), "checkout", null), sec(100), sec(50)));
    assertThat(detect.alerts(ERROR_BURST)).singleElement()
        .satisfies(a -> assertThat(a.getLastSeen()).isEqualTo(sec(50).plus(MAX_AHEAD)));
  }
}
