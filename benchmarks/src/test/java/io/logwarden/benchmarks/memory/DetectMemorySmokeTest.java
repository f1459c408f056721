package io.logwarden.benchmarks.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The memory benchmark at smoke size (500 keys, 2 generations, rules with 2 s windows): the harness
 * samples the worker, the keys of both generations are in the state at the end of the last one and
 * expire once stream time and wall-clock time have passed them, and the report has its row. Measures nothing.
 */
class DetectMemorySmokeTest {

  private static final long KEYS = 500;
  /** Rules with a state entry per key: count per source, count per user, distinct count per source, sequence per user. */
  private static final long RULES_PER_KEY = 4;
  private static final long TRICKLE_KEYS = 60;

  @Test
  void statesOfExpiredKeysAreRemovedAndTheReportHasARowPerNumberOfKeys(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    Path out = dir.resolve("detect-memory");
    int exit = new CommandLine(new DetectMemoryBenchmark())
        .execute("--smoke", "--data-dir", data.toString(), "--out", out.toString());
    assertThat(exit).isZero();

    MemoryRun run = MemoryRun.read(data.resolve("keys-" + KEYS + "-bounded.tsv"));
    assertThat(run.samples()).isNotEmpty();
    assertThat(run.samples()).allSatisfy(p -> {
      assertThat(p.sample().rssBytes()).isPositive();
      assertThat(p.sample().heapAfterGcBytes()).isPositive();
    });
    assertThat(run.samples().get(run.samples().size() - 1).sample().processed())
        .isEqualTo(Long.parseLong(run.settings().get("events")));
    // At the end of generation 2 its keys have just had their last signals: all of them are kept, and
    // some of generation 1's may be gone already.
    long atLastGeneration = Long.parseLong(run.settings().get("state_keys_last_generation"));
    assertThat(atLastGeneration).isBetween(RULES_PER_KEY * KEYS, 2 * RULES_PER_KEY * KEYS);
    // Once settled only the trickle's keys, which keep coming, are left.
    long settled = Long.parseLong(run.settings().get("state_keys_settled"));
    assertThat(settled).isLessThanOrEqualTo(RULES_PER_KEY * TRICKLE_KEYS);

    List<String> report = Files.readAllLines(dir.resolve("detect-memory.md"));
    String row = report.stream().filter(line -> line.startsWith("| 500 | bounded | ")).findFirst().orElseThrow();
    assertThat(row).contains("| " + String.format("%,d", atLastGeneration) + " / " + settled + " |");
    assertThat(Files.readString(dir.resolve("detect-memory.svg"))).startsWith("<svg").contains("<polyline")
        .contains("500 keys per generation");
  }
}
