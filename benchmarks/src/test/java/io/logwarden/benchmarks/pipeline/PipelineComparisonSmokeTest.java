package io.logwarden.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.benchmarks.pipeline.PipelineComparisonBenchmark.Latency;
import io.logwarden.benchmarks.pipeline.PipelineComparisonBenchmark.SystemUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The pipeline comparison at smoke size: every system drains the topic, every system's outputs are
 * measured under open-loop load, every attack raises its alert, and the report and chart are
 * complete; the generated corpus drains through normalize too. Measures nothing.
 */
class PipelineComparisonSmokeTest {

  @Test
  void everySystemDrainsIsMeasuredUnderLoadAndTheReportHasEveryRowAndRatio(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("report.md");
    Path chart = dir.resolve("chart.svg");
    PipelineComparisonBenchmark benchmark = new PipelineComparisonBenchmark();
    // Two raw topics: each normalize task reads a partition of both, as with a cluster's many raw topics.
    int exit = new CommandLine(benchmark).execute("--smoke", "--raw-topics", "2",
        "--streams-config", "metrics.recording.level=INFO", "--out", report.toString(), "--chart", chart.toString());
    assertThat(exit).isZero();
    List<String> lines = Files.readAllLines(report);
    assertThat(String.join("\n", lines)).contains("10,000 records of the mixed corpus")
        .contains("in 2 raw topics of 4 partitions each")
        .contains("Set for logwarden's topologies as under `kafka:`: {metrics.recording.level=INFO}.");
    for (String system : List.of("(a) copy loop", "(b) identity topology", "(c) normalize", "(d) normalize + detect")) {
      List<String> rows = lines.stream().filter(line -> line.startsWith("| " + system + " |")).toList();
      assertThat(rows).as(system + ": a throughput row and a latency row").hasSize(2);
      double recordsPerSecond = Double.parseDouble(rows.get(0).split("\\|")[2].strip().replace(",", ""));
      assertThat(recordsPerSecond).as(system).isPositive();
    }
    for (SystemUnderTest system : SystemUnderTest.values()) {
      Latency latency = benchmark.lastLatencies.get(system);
      assertThat(latency.samples()).as(system + " outputs measured under load").isPositive();
      assertThat(latency.p99()).as(system.title).isGreaterThanOrEqualTo(latency.p50()).isLessThan(60_000);
      if (system == SystemUnderTest.COPY) {
        assertThat(latency.producerRetries()).as("the copy loop's retries are not counted").isEqualTo(-1);
      } else {
        assertThat(latency.producerRetries()).as(system.title + ": records retried while measured").isNotNegative();
      }
    }
    Latency detect = benchmark.lastLatencies.get(SystemUnderTest.NORMALIZE_DETECT);
    assertThat(detect.attacks()).as("attacks in the measured period").isPositive();
    assertThat(detect.attacksMissing()).as("attacks without their alert").isZero();
    // The first 30 s after the start cover the whole smoke load: every attack, each with its alert.
    assertThat(detect.startUp().attacks()).as("attacks in the first 30 s").isGreaterThanOrEqualTo(detect.attacks());
    assertThat(detect.startUp().missing()).as("first 30 s: attacks without their alert").isZero();
    assertThat(detect.hops()).as("the alert path's three hops").hasSize(3).allSatisfy(hop -> {
      assertThat(hop.attacks()).as(hop.step() + ": every attack seen at both ends").isEqualTo(detect.attacks());
      assertThat(hop.p50()).as(hop.step() + ": no longer than the slowest whole path").isLessThanOrEqualTo(detect.alertMax());
    });
    assertThat(lines).anyMatch(line -> line.startsWith("| detect, the rule: → OPEN alert readable in "));
    assertThat(lines).anyMatch(line -> line.startsWith("| (b)/(a) throughput |"))
        .anyMatch(line -> line.startsWith("| (c)/(b) throughput |")).anyMatch(line -> line.startsWith("| (d)/(b) throughput |"))
        .anyMatch(line -> line.startsWith("| normalize p99 − identity p99 |")).anyMatch(line -> line.startsWith("| alert p99 |"));
    // The chart is well-formed XML with a bar per system in each panel, plus the alerts' bars.
    var svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(chart.toFile());
    assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(svg.getElementsByTagName("rect").getLength()).as("background, 4 throughput bars, 2 legend keys, 2×5 latency bars")
        .isEqualTo(1 + 4 + 2 + 10);
  }

  @Test
  void theGeneratedCorpusDrainsThroughNormalize(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("report.md");
    PipelineComparisonBenchmark benchmark = new PipelineComparisonBenchmark();
    int exit = new CommandLine(benchmark).execute("--smoke", "--corpus", "generated", "--systems", "NORMALIZE",
        "--latency-seconds", "0", "--out", report.toString());
    assertThat(exit).isZero();
    assertThat(Files.readString(report)).contains("10,000 records of the generated corpus (GeneratedCorpus, seed 42");
    assertThat(benchmark.lastMedians.get(SystemUnderTest.NORMALIZE).recordsPerSecond()).isPositive();
    assertThat(new CommandLine(new PipelineComparisonBenchmark()).execute("--corpus", "other")).as("an unknown corpus").isNotZero();
  }
}
