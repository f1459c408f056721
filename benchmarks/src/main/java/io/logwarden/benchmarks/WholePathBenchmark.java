package io.logwarden.benchmarks;

import io.logwarden.benchmarks.corpus.GeneratedCorpus;
import io.logwarden.normalize.ClockSkewMetrics;
import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.Policy;
import io.logwarden.schema.serde.Encoding;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.redact.EventRedactor;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.schema.LogEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
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
 * The normalize topology's whole per-record path on one thread, no broker, in time per raw record:
 * detect the format, parse, map (catalogue classification included), redact every event (secrets,
 * personal data, pseudonyms), record its clock skew, route it (the store topics by the policy's
 * routing, the security-events topic by its security routing) and serialize its key and value for
 * each destination, the value Avro-encoded once however many destinations it has, as the sinks do.
 * {@code normalizeAndRedact} stops before the routing, to show what routing and encoding add.
 *
 * <p>{@code corpus}: {@code generated} ({@link GeneratedCorpus}: 100,000 records of seed 42, every
 * format, 10% security records, 5% secrets, Zipf users and addresses) or {@code mixed} (the 35 lines of
 * {@code /corpus/mixed.txt}, round robin, as the older benchmarks). Left out: the processor's record and
 * event counters (a map lookup and an increment each) and everything Kafka Streams does around it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Five warm-up iterations: on 2 cores the JIT was still compiling this path after three.
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@Threads(1)
public class WholePathBenchmark {

  /** Records generated in the set-up and cycled through. */
  static final int RECORDS = 100_000;
  static final long SEED = 42;

  @Param({"generated", "mixed"})
  public String corpus;

  /** The event topics' encoding: the shipped policy's (JSON stores, Avro security events), or all one. */
  @Param({"policy", "avro", "json"})
  public String encoding;

  private RecordNormalizer normalizer;
  private EventRedactor redactor;
  private ClockSkewMetrics clockSkew;
  private NormalizeFanOut fanOut;
  private RawRecord[] records;
  private int next;

  @Setup
  public void setUp() {
    Policy policy = PolicyLoader.loadDefault();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    normalizer = new RecordNormalizer(policy);
    redactor = new EventRedactor(PseudonymKey.demo(), policy.redaction(), meters);
    clockSkew = new ClockSkewMetrics(meters);
    fanOut = new NormalizeFanOut(policy,
        encoding.equals("policy") ? null : Encoding.fromId(encoding).orElseThrow());
    records = records(corpus);
    next = 0;
  }

  /** The raw records of a corpus, as read from the four partitions of the benchmark's raw topic. */
  static RawRecord[] records(String corpus) {
    if (corpus.equals("mixed")) {
      return MixedCorpus.rawRecords().toArray(RawRecord[]::new);
    }
    if (!corpus.equals("generated")) {
      throw new IllegalArgumentException("corpus is generated or mixed, not " + corpus);
    }
    GeneratedCorpus generated = new GeneratedCorpus(SEED);
    RawRecord[] records = new RawRecord[RECORDS];
    for (int i = 0; i < RECORDS; i++) {
      records[i] = generated.record(i).raw(i % 4, i / 4);
    }
    return records;
  }

  private RawRecord nextRecord() {
    RawRecord record = records[next];
    next = next + 1 == records.length ? 0 : next + 1;
    return record;
  }

  /** One raw record through the whole path; the bytes its sinks would send. */
  @Benchmark
  public int wholePath() {
    RecordNormalizer.Result result = normalizer.normalize(nextRecord(), null);
    int bytes = 0;
    for (LogEvent event : redactor.redact(result.events(), result.text())) {
      clockSkew.record(event);
      bytes += fanOut.write(event);
    }
    return bytes;
  }

  /** One raw record normalized and its events redacted, as in {@code wholePath}; the number of events. */
  @Benchmark
  public int normalizeAndRedact() {
    RecordNormalizer.Result result = normalizer.normalize(nextRecord(), null);
    return redactor.redact(result.events(), result.text()).size();
  }

  /**
   * What one pass over each corpus holds: raw bytes, events, destinations and bytes sent per record,
   * and where the events go. For the reports beside the timings.
   */
  public static void main(String[] args) {
    Policy policy = PolicyLoader.loadDefault();
    RecordNormalizer normalizer = new RecordNormalizer(policy);
    EventRedactor redactor = new EventRedactor(PseudonymKey.demo(), policy.redaction(), new SimpleMeterRegistry());
    NormalizeFanOut fanOut = new NormalizeFanOut(policy);
    for (String corpus : List.of("generated", "mixed")) {
      RawRecord[] records = records(corpus);
      long raw = 0;
      long events = 0;
      long writes = 0;
      long sent = 0;
      TreeMap<String, Long> byTopic = new TreeMap<>();
      for (RawRecord record : records) {
        raw += record.value().length;
        RecordNormalizer.Result result = normalizer.normalize(record, null);
        for (LogEvent event : redactor.redact(result.events(), result.text())) {
          events++;
          List<String> destinations = fanOut.destinations(event);
          writes += destinations.size();
          destinations.forEach(topic -> byTopic.merge(topic, 1L, Long::sum));
          sent += fanOut.write(event);
        }
      }
      double n = records.length;
      System.out.printf(Locale.ROOT,
          "%s: %d records, %.0f raw bytes, %.3f events, %.3f destinations and %.0f bytes sent "
          + "per record; events per topic: %s%n", corpus, records.length, raw / n, events / n, writes / n, sent / n,
          byTopic);
    }
  }
}
