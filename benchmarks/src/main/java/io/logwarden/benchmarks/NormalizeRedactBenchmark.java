package io.logwarden.benchmarks;

import io.logwarden.benchmarks.parent.PipelineDriver;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The normalize topology's per-record work on one thread, in time per record: detect the format,
 * parse, recognise (the source catalogue and the generic rules), map, and redact every event. {@code
 * corpus}: {@code mixed} (every input format) or {@code auth} (half sign-in records of the
 * catalogue's sources). The work is {@link PipelineDriver}'s, which {@code ParentComparisonBenchmark}
 * also runs against another build.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@Threads(1)
public class NormalizeRedactBenchmark {

  @Param({"mixed", "auth"})
  public String corpus;

  @Setup
  public void setUp() {
    PipelineDriver.setUp(MixedCorpus.lines(corpus));
  }

  /** One record of the corpus, round robin: normalized, and each of its events redacted. */
  @Benchmark
  public int normalizeAndRedactOneRecord() {
    return PipelineDriver.next();
  }
}
