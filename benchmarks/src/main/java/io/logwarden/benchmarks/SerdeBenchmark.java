package io.logwarden.benchmarks;

import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.serde.Encoding;
import io.logwarden.schema.serde.LogwardenSerdes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Encoding one normalized event for its output topic and decoding it again (as detect does), round
 * robin over the events of the mixed corpus. {@code encode} and {@code decode} are the product's
 * serde; {@code avroEncode} and {@code avroDecode} are Avro's own single-object encoder and decoder,
 * which the serde used before 2026-11-28 and whose bytes it writes (its tests hold them equal).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class SerdeBenchmark {

  private static final String TOPIC = "security.events";

  /** The encoding of the product's serde: avro (single-object) or json. */
  @Param({"avro", "json"})
  public String encoding;

  private Serializer<LogEvent> serializer;
  private Deserializer<LogEvent> deserializer;
  private BinaryMessageEncoder<LogEvent> avroEncoder;
  private BinaryMessageDecoder<LogEvent> avroDecoder;
  private List<LogEvent> events;
  private List<byte[]> encoded;
  private int next;

  @Setup
  public void setUp() {
    RecordNormalizer normalizer = new RecordNormalizer(PolicyLoader.loadDefault());
    events = new ArrayList<>();
    for (RawRecord raw : MixedCorpus.rawRecords()) {
      events.addAll(normalizer.normalize(raw, null).events());
    }
    Serde<LogEvent> serde = LogwardenSerdes.of(LogEvent.class, Encoding.fromId(encoding).orElseThrow(), null);
    serializer = serde.serializer();
    deserializer = serde.deserializer();
    avroEncoder = LogEvent.getEncoder();
    avroDecoder = LogEvent.getDecoder();
    encoded = new ArrayList<>();
    for (LogEvent event : events) {
      encoded.add(serializer.serialize(TOPIC, event));
    }
  }

  private int nextIndex() {
    int index = next;
    next = next + 1 == events.size() ? 0 : next + 1;
    return index;
  }

  /** The product's serializer. */
  @Benchmark
  public byte[] encode() {
    return serializer.serialize(TOPIC, events.get(nextIndex()));
  }

  /** Avro's {@code BinaryMessageEncoder} into a {@code ByteArrayOutputStream}. */
  @Benchmark
  public byte[] avroEncode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      avroEncoder.encode(events.get(nextIndex()), out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The product's deserializer. */
  @Benchmark
  public LogEvent decode() {
    return deserializer.deserialize(TOPIC, encoded.get(nextIndex()));
  }

  /** Avro's {@code BinaryMessageDecoder} from a {@code ByteArrayInputStream}. */
  @Benchmark
  public LogEvent avroDecode() {
    try {
      return avroDecoder.decode(new ByteArrayInputStream(encoded.get(nextIndex())), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
