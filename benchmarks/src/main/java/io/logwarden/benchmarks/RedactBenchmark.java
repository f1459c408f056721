package io.logwarden.benchmarks;

import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.redact.EventRedactor;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.schema.LogEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Redaction on one thread: {@code redactLine} is secrets plus personal data on one ~400-character
 * log line; {@code normalizeAndRedact} is the whole per-record path of the normalize topology (detect,
 * parse, map, redact every event). {@code density} is the share of lines that carry a secret, in
 * percent; about a third of the lines carry an IP address or an e-mail address besides.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class RedactBenchmark {

  @Param({"5", "50"})
  public int density;

  private EventRedactor redactor;
  private RecordNormalizer normalizer;
  private List<String> lines;
  private List<RawRecord> records;
  private int next;

  @Setup
  public void setUp() {
    Policy policy = PolicyLoader.loadDefault();
    redactor = new EventRedactor(PseudonymKey.demo(), policy.redaction(), new SimpleMeterRegistry());
    normalizer = new RecordNormalizer(policy);
    lines = lines(density);
    records = new ArrayList<>();
    long observed = java.time.Instant.parse("2026-11-27T08:20:00Z").toEpochMilli();
    for (String line : lines) {
      records.add(new RawRecord("logs.raw.bench", 0, records.size(), observed, line.getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** The benchmark's 1,000 lines, {@code density} percent of them with a secret (seeded: always the same). */
  public static List<String> lines(int density) {
    Random random = new Random(42);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      lines.add(line(i, random, random.nextInt(100) < density));
    }
    return lines;
  }

  private static String line(int i, Random random, boolean secret) {
    String extra = switch (random.nextInt(3)) {
      case 0 -> " client=198.51.100." + random.nextInt(255);
      case 1 -> " notify=ops+" + random.nextInt(1000) + "@example.com";
      default -> "";
    };
    String planted = secret ? plantedSecret(random) : "";
    return switch (i % 4) {
      case 0 -> "{\"@timestamp\":\"2026-11-27T08:14:03.120Z\",\"level\":\"INFO\",\"logger_name\":\"com.example.orders.OrderService\","
          + "\"thread_name\":\"http-nio-8080-exec-" + i % 16 + "\",\"message\":\"Processed order " + (90000 + i)
          + " for tenant acme in 35 ms with 3 items and total 118.40 EUR" + planted + extra + "\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}";
      case 1 -> "<30>Nov 27 08:14:0" + i % 10 + " worker-3 billing[" + (2000 + i) + "]: invoice batch " + i
          + " finished: 412 invoices, 3 retries, queue depth 17, duration 1840 ms, storage ok, cache hit ratio 0.93"
          + planted + extra + " next run scheduled at 2026-11-27T09:14:00Z by scheduler-main version 4.12.7";
      case 2 -> "ts=2026-11-27T08:14:03Z level=warn service=checkout msg=\"payment provider slow\" provider=acme-pay"
          + " latency_ms=2350 attempt=2 max_attempts=5 region=eu-central-1 order=" + (70000 + i)
          + " path=/api/v2/checkout/confirm status=200" + planted + extra + " build=4.12.7-3f9c2d1 pod=checkout-7d9f8b6c5-x2k9p";
      default -> "2026-11-27 08:14:03,120 INFO [scheduler-1] com.example.sync.PartnerSync - synced 1200 records from"
          + " partner catalogue in 812 ms (inserted 14, updated 160, unchanged 1026), next page cursor c_" + i
          + planted + extra + " rate limit remaining 4820 of 5000 per hour, backoff 0 ms";
    };
  }

  // Shapes of provider tokens, built at run time from random characters: none is a real credential.
  private static String plantedSecret(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> " key=" + "AK" + "IA" + chars(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
      case 1 -> " token " + "gh" + "p_" + chars(random, "abcdefghijklmnopqrstuvwxyz0123456789", 36);
      case 2 -> " Authorization: Bearer " + chars(random, "abcdefghijklmnopqrstuvwxyz0123456789", 40);
      case 3 -> " password=" + chars(random, "abcdefghijklmnopqrstuvwxyz0123456789", 14);
      default -> " url=https://svc:" + chars(random, "abcdefghijklmnopqrstuvwxyz", 12) + "@partner.example.net/v2";
    };
  }

  private static String chars(Random random, String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  /** Secrets and personal data of one line. */
  @Benchmark
  public String redactLine() {
    String line = lines.get(next);
    next = next + 1 == lines.size() ? 0 : next + 1;
    return redactor.redactText(line);
  }

  /** Detection, parsing, mapping and redaction of one record. */
  @Benchmark
  public void normalizeAndRedact(Blackhole blackhole) {
    RawRecord record = records.get(next);
    next = next + 1 == records.size() ? 0 : next + 1;
    for (LogEvent event : normalizer.normalize(record, null).events()) {
      blackhole.consume(redactor.redact(event));
    }
  }
}
