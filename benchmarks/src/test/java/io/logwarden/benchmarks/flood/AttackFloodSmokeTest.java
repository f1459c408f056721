package io.logwarden.benchmarks.flood;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.detect.rules.DetectionRule;
import io.logwarden.detect.rules.KeyField;
import io.logwarden.detect.rules.RuleSet;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.policy.PolicyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The attack flood at smoke size (20,000 failed sign-ins over 20 s, within the rules' grace, so that no
 * event can be late however the pipeline orders them): every alert the reference expects is read,
 * none other on the flood's keys, no alert has more records than its bound, the lag is sampled and comes
 * back under 5 s, and the report is complete. Measures nothing. Also: the reference's numbers are the
 * shipped rules', and the flood is planned as the reference assumes.
 */
class AttackFloodSmokeTest {

  @Test
  void everyExpectedAlertIsReadAndNoAlertHasMoreRecordsThanItsBound(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("report.md");
    Path series = dir.resolve("series.tsv");
    AttackFloodBenchmark benchmark = new AttackFloodBenchmark();
    int exit = new CommandLine(benchmark).execute("--smoke", "--out", report.toString(), "--series", series.toString());
    assertThat(exit).isZero();

    FloodRun run = benchmark.lastRun;
    AlertCheck.Result check = run.check;
    for (String rule : FloodReference.RULES) {
      assertThat(check.byRule().get(rule).expected()).as(rule + ": alerts the smoke flood opens").isPositive();
    }
    assertThat(check.missingCount()).as("expected alerts not read").isZero();
    assertThat(check.unexpectedCount()).as("alerts on the flood's keys the reference does not expect").isZero();
    assertThat(check.withoutOpen()).as("alerts of the flood without their OPEN record").isZero();
    assertThat(check.changedIds()).as("alert ids whose rule or key changed between records").isZero();
    assertThat(check.allRecords().alerts()).as("alerts of the flood: the expected ones").isEqualTo(check.expected());
    assertThat(check.allRecords().violations()).as("alerts with more records than the bound").isZero();
    assertThat(run.flood.errors()).isZero();
    assertThat(run.flood.failures()).isEqualTo(20_000);
    assertThat(run.detectRecoveredMs).as("detect's lag back under 5 s").isNotNull();
    assertThat(run.samples).hasSizeGreaterThan(5).allSatisfy(s -> {
      assertThat(s.rssBytes()).isPositive();
      assertThat(s.heapUsedBytes()).isPositive();
    });
    assertThat(run.samples).anySatisfy(s -> assertThat(s.detectRecords()).as("the flood reached detect").isPositive());
    assertThat(run.samples).anySatisfy(s -> assertThat(s.blockCacheBytes()).as("RocksDB metrics read").isPositive());

    String text = Files.readString(report);
    assertThat(text).contains(String.format(Locale.ROOT,
            "| expected alerts (rule, key, opening time) read | %1$,d of %1$,d present, **0 missing**", check.expected()))
        .contains("| alert records per alert id (max / median / p99) |")
        .contains("| detect's lag (inputs and repartition topics) under 5 s")
        .contains("| flood producer |").contains("| memory, largest sample | RSS ")
        .contains("| load averages (1/5/15 min) | at start ").contains("| java -version | ");
    for (String rule : FloodReference.RULES) {
      assertThat(text).contains("| `" + rule + "` | ");
    }
    List<String> lines = Files.readAllLines(series);
    assertThat(lines.get(0)).startsWith("t_ms_from_flood_end\twall_ms\t");
    assertThat(lines).hasSize(run.samples.size() + 1);
  }

  @Test
  void theReferenceHasTheShippedRulesNumbers() {
    RuleSet rules = RulesLoader.loadDefault(PolicyLoader.loadDefault());
    for (FloodReference.RuleNumbers numbers : FloodReference.NUMBERS.values()) {
      DetectionRule rule = rules.rule(numbers.id());
      assertThat(rule.threshold()).as(numbers.id()).isEqualTo(numbers.threshold());
      assertThat(rule.window().toMillis()).as(numbers.id()).isEqualTo(numbers.windowMs());
      assertThat(rule.suppression().toMillis()).as(numbers.id()).isEqualTo(numbers.suppressionMs());
      assertThat(rule.grace().toMillis()).as(numbers.id()).isEqualTo(numbers.graceMs());
      assertThat(rule.updateInterval().toMillis()).as(numbers.id()).isEqualTo(numbers.updateIntervalMs());
      assertThat(rule.key()).as(numbers.id())
          .containsExactly(numbers.byAddress() ? KeyField.SOURCE_ADDRESS : KeyField.USER);
    }
  }

  @Test
  void theFloodIsInTimeOrderWithoutTwoEventsOfOneKeyInAMillisecond() {
    FloodPlan plan = FloodPlan.generate(new FloodPlan.Settings(50_000, 120_000, 500, 80, 0.02, 0.4, 20, 60, 4, 0.2,
        6, 7));
    Set<Long> addressTimes = new HashSet<>();
    Set<Long> userTimes = new HashSet<>();
    long previous = Long.MIN_VALUE;
    long failures = 0;
    for (int i = 0; i < plan.size(); i++) {
      assertThat(plan.time(i)).isGreaterThanOrEqualTo(previous);
      previous = plan.time(i);
      assertThat(addressTimes.add(plan.address(i) * (1L << 40) + plan.time(i))).as("address %d at %d", plan.address(i),
          plan.time(i)).isTrue();
      assertThat(userTimes.add(plan.user(i) * (1L << 40) + plan.time(i))).isTrue();
      failures += plan.isSuccess(i) ? 0 : 1;
    }
    assertThat(failures).isEqualTo(50_000);
    assertThat(plan.size()).isGreaterThan(50_000);
    assertThat(plan.line(0, plan.linesOf(0) - 1, 1_796_666_400_000L))
        .matches("2026-12-07T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z sshgw-\\d sshd\\[\\d+\\]: (Failed|Accepted) .* from "
            + "198\\.1[89]\\.\\d+\\.\\d+ port \\d+ ssh2");
    // Every success follows at least 5 failures of its user within the 600 s before it.
    for (int i = 0; i < plan.size(); i++) {
      if (plan.isSuccess(i)) {
        int failuresBefore = 0;
        for (int j = i - 1; j >= 0 && plan.time(j) > plan.time(i) - 600_000; j--) {
          if (!plan.isSuccess(j) && plan.user(j) == plan.user(i)) {
            failuresBefore++;
          }
        }
        assertThat(failuresBefore).isGreaterThanOrEqualTo(5);
      }
    }
    List<FloodReference.Expected> expected = FloodReference.expected(plan);
    for (String rule : FloodReference.RULES) {
      assertThat(expected).as(rule).anyMatch(e -> e.ruleId().equals(rule));
    }
  }
}
