package io.logwarden.detect;

import static io.logwarden.detect.DetectRuleFixture.BRUTE_FORCE_SOURCE;
import static io.logwarden.detect.DetectRuleFixture.PASSWORD_SPRAYING;
import static io.logwarden.detect.DetectRuleFixture.RULES;
import static io.logwarden.detect.DetectRuleFixture.SHIPPED_RULES;
import static io.logwarden.detect.DetectRuleFixture.T0;
import static io.logwarden.detect.DetectRuleFixture.failedSignIn;
import static io.logwarden.detect.DetectRuleFixture.ms;
import static io.logwarden.detect.DetectRuleFixture.sec;
import static io.logwarden.detect.DetectRuleFixture.successfulSignIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.logwarden.detect.rules.RuleSet;
import io.logwarden.event.Metrics;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.LogEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code signal_cap}: past it a key's signals are kept as counts per millisecond, so a flood's state
 * per key stays bounded while every count stays exact; only sample ids, and distinct values past the
 * cap, are summarised, and an alert whose distinct count is a lower bound says so.
 */
class DetectRuleCapTest {

  private static final int UNCAPPED = 1_000_000;

  @TempDir
  Path dir;

  /**
   * A flood from three sources against 40 users, 1% of it out of order within the grace, with
   * successes among it: the same alerts, record for record, whatever the cap, but for the sample ids
   * (summarised past the cap) and for the distinct counts past a cap below the users' number (whose
   * lower bounds, coalesced, also reach fewer escalation steps).
   */
  @ParameterizedTest(name = "update_interval {0} s")
  @ValueSource(ints = {0, 30})
  void pastTheCapEveryCountIsExactAndOnlySamplesDiffer(int intervalSeconds) {
    RuleSet rules = intervalSeconds == 0 ? RULES : SHIPPED_RULES;
    List<LogEvent> flood = flood(1_200, 42);
    Set<String> ids = flood.stream().map(LogEvent::getEventId).collect(Collectors.toSet());

    List<Alert> reference = run("reference", rules.withSignalCap(UNCAPPED), flood);
    List<Alert> capTen = run("cap-10", rules.withSignalCap(10), flood);
    List<Alert> capForty = run("cap-40", rules.withSignalCap(40), flood);

    assertThat(reference).hasSizeGreaterThan(20);
    assertThat(withoutSamples(capForty)).isEqualTo(withoutSamples(reference));
    assertThat(withoutSamples(notRule(capTen, PASSWORD_SPRAYING))).isEqualTo(withoutSamples(notRule(reference, PASSWORD_SPRAYING)));
    for (Alert alert : capTen) {
      assertThat(alert.getSampleEventIds()).as("samples of %s", alert.getAlertId()).isNotEmpty().allMatch(ids::contains);
    }

    if (intervalSeconds > 0) {
      return; // coalesced, the capped spray sends fewer records: no escalation step past its cap's distinct count
    }
    // Forty users: a cap of 10 tracks 10 of them. The counts stay exact, the distinct counts are
    // lower bounds, said so exactly when they are below the reference's.
    List<Alert> sprayReference = rule(reference, PASSWORD_SPRAYING);
    List<Alert> sprayCapped = rule(capTen, PASSWORD_SPRAYING);
    assertThat(sprayCapped).extracting(Alert::getAlertId, Alert::getStatus, Alert::getCount, Alert::getLastSeen)
        .isEqualTo(sprayReference.stream().map(a -> tuple(a.getAlertId(), a.getStatus(),
            a.getCount(), a.getLastSeen())).toList());
    assertThat(sprayReference).allMatch(a -> Boolean.FALSE.equals(a.getDistinctCountCapped()));
    boolean anyCapped = false;
    for (int i = 0; i < sprayCapped.size(); i++) {
      Alert capped = sprayCapped.get(i);
      Alert exact = sprayReference.get(i);
      assertThat(capped.getDistinctCount()).isBetween(10L, exact.getDistinctCount());
      if (capped.getDistinctCount() < exact.getDistinctCount()) {
        assertThat(capped.getDistinctCountCapped()).as("record %d of %s", i, capped.getAlertId()).isTrue();
        assertThat(capped.getSummary()).contains("at least " + capped.getDistinctCount() + " distinct users");
      }
      anyCapped |= capped.getDistinctCountCapped();
    }
    assertThat(anyCapped).isTrue();
  }

  /** 2,000 failed sign-ins from one source in 50 whole seconds: 10 whole signals and a tally per second (per millisecond in general). */
  @Test
  void aFloodOfOneKeyKeepsItsCapOfSignalsAndATallyPerMillisecondYetCountsEveryEvent() {
    List<LogEvent> flood = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      flood.add(failedSignIn("f-" + i, sec(i / 40), "203.0.113.9", "user" + (i % 7)));
    }
    try (DetectRuleFixture detect = new DetectRuleFixture(dir.resolve("flood"), RULES.withSignalCap(10))) {
      detect.send(flood);
      List<Alert> alerts = detect.alerts(BRUTE_FORCE_SOURCE);
      Alert last = alerts.get(alerts.size() - 1);
      assertThat(last.getCount()).isEqualTo(2_000);
      assertThat(last.getFirstSeen()).isEqualTo(sec(0));
      assertThat(alerts.get(0).getSampleEventIds()).containsExactly("f-0", "f-1", "f-2", "f-3", "f-4", "f-5", "f-6", "f-7");
      // 10 whole signals, then one tally for each of the 50 seconds (the first one's 30 others included).
      assertThat(detect.storeSize("rule-" + BRUTE_FORCE_SOURCE + "-signals")).isEqualTo(10 + 50);
      assertThat(detect.counter(Metrics.SIGNALS_TALLIED.name(), BRUTE_FORCE_SOURCE)).isEqualTo(1_990);
    }
  }

  /** A spray against 100 users with a cap of 10 values: the alert says its distinct count is a lower bound. */
  @Test
  void anAlertWhoseDistinctCountPassedTheCapSaysSo() {
    List<LogEvent> spray = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      spray.add(failedSignIn("s-" + i, ms(500L * i), "198.51.100.4", "victim" + i));
    }
    try (DetectRuleFixture capped = new DetectRuleFixture(dir.resolve("capped"), RULES.withSignalCap(10));
        DetectRuleFixture exact = new DetectRuleFixture(dir.resolve("exact"), RULES.withSignalCap(100))) {
      capped.send(spray);
      exact.send(spray);
      Alert open = rule(capped.alerts(), PASSWORD_SPRAYING).get(0);
      assertThat(open.getStatus()).isEqualTo(AlertStatus.OPEN);
      assertThat(open.getDistinctCount()).isEqualTo(10);
      assertThat(open.getDistinctCountCapped()).isFalse();
      Alert lastCapped = last(rule(capped.alerts(), PASSWORD_SPRAYING));
      assertThat(lastCapped.getCount()).isEqualTo(100);
      assertThat(lastCapped.getDistinctCount()).isEqualTo(10);
      assertThat(lastCapped.getDistinctCountCapped()).isTrue();
      assertThat(lastCapped.getSummary()).startsWith("failed sign-ins for at least 10 distinct users from ");
      assertThat(capped.counter(Metrics.DISTINCT_CAPPED.name(), PASSWORD_SPRAYING)).isEqualTo(90);

      Alert lastExact = last(rule(exact.alerts(), PASSWORD_SPRAYING));
      assertThat(lastExact.getDistinctCount()).isEqualTo(100);
      assertThat(lastExact.getDistinctCountCapped()).isFalse();
      assertThat(exact.counter(Metrics.DISTINCT_CAPPED.name(), PASSWORD_SPRAYING)).isZero();
    }
  }

  /** Rules other than distinct counts say nothing of a cap on their alerts. */
  @Test
  void onlyDistinctCountAlertsCarryTheCappedFlag() {
    try (DetectRuleFixture detect = new DetectRuleFixture(dir.resolve("flag"), RULES.withSignalCap(10))) {
      for (int i = 0; i < 30; i++) {
        detect.send(failedSignIn("f-" + i, sec(i), "192.0.2.77", "admin"));
      }
      assertThat(rule(detect.alerts(), BRUTE_FORCE_SOURCE)).isNotEmpty().allMatch(a -> a.getDistinctCountCapped() == null);
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** {@code n} sign-ins over 10 minutes: three sources (one of them most), 40 users, 2% successes, 1% late by up to 25 s. */
  private static List<LogEvent> flood(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<LogEvent> events = new ArrayList<>(n);
    long step = Duration.ofMinutes(10).toMillis() / n;
    for (int i = 0; i < n; i++) {
      long at = i * step;
      if (random.nextInt(100) == 0) {
        at = Math.max(0, at - random.nextLong(25_000));
      }
      Instant time = T0.plusMillis(at);
      int pick = random.nextInt(10);
      String source = pick < 7 ? "203.0.113.10" : pick < 9 ? "203.0.113.11" : "198.51.100.12";
      String user = "user" + random.nextInt(40);
      events.add(random.nextInt(50) == 0 ? successfulSignIn("e-" + i, time, source, user)
          : failedSignIn("e-" + i, time, source, user));
    }
    return events;
  }

  private List<Alert> run(String name, RuleSet rules, List<LogEvent> events) {
    try (DetectRuleFixture detect = new DetectRuleFixture(dir.resolve(name), rules)) {
      detect.send(events);
      detect.advanceWallClock(Duration.ofHours(1)); // owed updates and final records
      return detect.alerts();
    }
  }

  private static List<Alert> withoutSamples(List<Alert> alerts) {
    return alerts.stream().map(a -> Alert.newBuilder(a).setSampleEventIds(List.of()).build()).toList();
  }

  private static List<Alert> rule(List<Alert> alerts, String ruleId) {
    return alerts.stream().filter(a -> a.getRuleId().equals(ruleId)).toList();
  }

  private static List<Alert> notRule(List<Alert> alerts, String ruleId) {
    return alerts.stream().filter(a -> !a.getRuleId().equals(ruleId)).toList();
  }

  private static Alert last(List<Alert> alerts) {
    return alerts.get(alerts.size() - 1);
  }
}
