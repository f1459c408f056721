package io.logwarden.benchmarks;

import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.PolicyLoader;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-record parse-and-map path of the normalize topology (format detection, parsing, mapping to
 * LogEvent) on one thread, over a mixed corpus of every input format; redaction is not part of it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class NormalizeBenchmark {

  private RecordNormalizer normalizer;
  private List<RawRecord> corpus;
  private int next;

  @Setup
  public void setUp() {
    normalizer = new RecordNormalizer(PolicyLoader.loadDefault());
    corpus = MixedCorpus.rawRecords();
  }

  /** One record of the corpus, round robin. */
  @Benchmark
  public RecordNormalizer.Result normalizeOneRecord() {
    RawRecord record = corpus.get(next);
    next = next + 1 == corpus.size() ? 0 : next + 1;
    return normalizer.normalize(record, null);
  }
}
