package io.logwarden.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The pipeline comparison at smoke size: every system drains the topic and the report is complete. Measures nothing. */
class PipelineComparisonSmokeTest {

  @Test
  void everySystemDrainsAndTheReportHasEveryRowAndRatio(@TempDir Path dir) throws Exception {
    Path report = dir.resolve("report.md");
    int exit = new CommandLine(new PipelineComparisonBenchmark()).execute("--smoke", "--out", report.toString());
    assertThat(exit).isZero();
    List<String> lines = Files.readAllLines(report);
    for (String system : List.of("(a) copy loop", "(b) identity topology", "(c) normalize", "(d) normalize + detect")) {
      String row = lines.stream().filter(line -> line.startsWith("| " + system + " |")).findFirst().orElseThrow();
      double recordsPerSecond = Double.parseDouble(row.split("\\|")[2].strip().replace(",", ""));
      assertThat(recordsPerSecond).as(system).isPositive();
    }
    assertThat(lines).anyMatch(line -> line.startsWith("| (b)/(a) |"))
        .anyMatch(line -> line.startsWith("| (c)/(b) |")).anyMatch(line -> line.startsWith("| (d)/(b) |"));
  }
}
