package io.logwarden.benchmarks;

import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.serde.LogwardenSerdes;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.serialization.Serializer;
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
 * Encoding one normalized event for its output topic, round robin over the events of the mixed
 * corpus: {@code logwarden} is the product's serializer, {@code avroMessageEncoder} Avro's own
 * single-object encoder, which writes the same bytes (the serializer's tests hold them equal).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class EncodeBenchmark {

  private Serializer<LogEvent> serializer;
  private BinaryMessageEncoder<LogEvent> avroEncoder;
  private List<LogEvent> events;
  private int next;

  @Setup
  public void setUp() throws IOException {
    RecordNormalizer normalizer = new RecordNormalizer(PolicyLoader.loadDefault());
    events = new ArrayList<>();
    long observed = Instant.parse("2026-11-27T08:20:00Z").toEpochMilli();
    long offset = 0;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(
        EncodeBenchmark.class.getResourceAsStream("/corpus/mixed.txt"), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (!line.isBlank()) {
          RawRecord raw = new RawRecord("logs.raw.bench", 0, offset++, observed,
              line.getBytes(StandardCharsets.UTF_8));
          events.addAll(normalizer.normalize(raw, null).events());
        }
      }
    }
    serializer = LogwardenSerdes.logEvent().serializer();
    avroEncoder = LogEvent.getEncoder();
  }

  private LogEvent nextEvent() {
    LogEvent event = events.get(next);
    next = next + 1 == events.size() ? 0 : next + 1;
    return event;
  }

  /** The product's serializer. */
  @Benchmark
  public byte[] logwarden() {
    return serializer.serialize("logs.app", nextEvent());
  }

  /** Avro's {@code BinaryMessageEncoder}, as the serializer used it before 2026-11-28. */
  @Benchmark
  public byte[] avroMessageEncoder() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      avroEncoder.encode(nextEvent(), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
