package io.logwarden.benchmarks;

import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.redact.EventRedactor;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.schema.LogEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
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
 * catalogue's sources). The benchmark compiles against the code before the catalogue too, so the
 * same class measures both sides of that change.
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

  private RecordNormalizer normalizer;
  private EventRedactor redactor;
  private List<RawRecord> records;
  private int next;

  @Setup
  public void setUp() {
    Policy policy = PolicyLoader.loadDefault();
    normalizer = new RecordNormalizer(policy);
    redactor = new EventRedactor(PseudonymKey.demo(), policy.redaction(), new SimpleMeterRegistry());
    records = MixedCorpus.rawRecords(corpus);
  }

  /** One record of the corpus, round robin: normalized, and each of its events redacted. */
  @Benchmark
  public int normalizeAndRedactOneRecord() {
    RawRecord record = records.get(next);
    next = next + 1 == records.size() ? 0 : next + 1;
    List<LogEvent> events = normalizer.normalize(record, null).events();
    for (LogEvent event : events) {
      redactor.redact(event);
    }
    return events.size();
  }
}
