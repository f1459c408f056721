package io.logwarden.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.event.RejectedRecordException;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.redact.EventRedactor;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The pure entry point of normalization, {@link RecordNormalizer#normalize}, over hostile input (any
 * bytes, mutated real records, control characters, JSON nested up to thousands of levels, any
 * {@code content-type}): it never throws anything but a {@link RejectedRecordException} with a reason
 * (the dead letter), and what it returns is at least one event that redaction and the Avro serializer
 * accept, so every record ends as events or as one dead letter.
 */
class NormalizeNeverThrowsProperties {

  private static final Policy POLICY = PolicyLoader.loadDefault();
  private static final long OBSERVED = 1_795_853_643_000L;
  private static final List<String> SAMPLES = samples();
  /** Every format id of the registry as a content-type header, and headers that name none. */
  private static final List<String> CONTENT_TYPES = java.util.stream.Stream.concat(
      new java.util.TreeSet<>(NormalizerFormats.ids()).stream(),
      java.util.stream.Stream.of("application/json", "text/plain", "application/x-ndjson; charset=utf-8", "x/unknown", ""))
      .toList();

  private final RecordNormalizer normalizer = new RecordNormalizer(POLICY);
  private final EventRedactor redactor = new EventRedactor(PseudonymKey.demo(), POLICY.redaction(), new SimpleMeterRegistry());
  private final Serializer<LogEvent> serializer = LogwardenSerdes.logEvent().serializer();
  private long offset;

  @Property(tries = 2000)
  void everyRecordBecomesEventsOrOneRejectionWithAReason(@ForAll("records") byte[] value,
      @ForAll("contentTypes") String contentType) {
    RawRecord raw = new RawRecord("logs.raw.props", 1, offset++, OBSERVED, value);
    RecordNormalizer.Result result;
    try {
      result = normalizer.normalize(raw, contentType);
    } catch (RejectedRecordException rejected) {
      assertThat(rejected.reason()).isNotNull();
      assertThat(rejected.getMessage()).isNotBlank().hasSizeLessThan(300);
      return;
    }
    assertThat(result.format()).isNotBlank();
    assertThat(result.events()).isNotEmpty();
    for (LogEvent event : result.events()) {
      redactor.redact(event);
      assertThat(event.getOrigin().getOffset()).isEqualTo(raw.offset());
      assertThat(serializer.serialize("store.betterstack", event)).isNotEmpty();
    }
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.frequencyOf(
        Tuple.of(6, Arbitraries.just(null)),
        Tuple.of(3, Arbitraries.of(CONTENT_TYPES)),
        Tuple.of(1, Arbitraries.strings().all().ofMaxLength(40)));
  }

  @Provide
  Arbitrary<byte[]> records() {
    Arbitrary<byte[]> sample = Arbitraries.of(SAMPLES).map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(800);
    Arbitrary<byte[]> randomText = Arbitraries.strings().all().ofMaxLength(600).map(s -> s.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> mutated = Combinators.combine(sample, Arbitraries.integers().between(0, 10_000),
        Arbitraries.integers().between(0, 6), Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(12))
        .as(NormalizeNeverThrowsProperties::mutate);
    Arbitrary<byte[]> controls = Combinators.combine(sample, Arbitraries.integers().between(0, 10_000),
        Arbitraries.of("\u0000", "\u0007", "\u001b[1m", "\u007f", "\u2028", "\uFEFF", "\u202e", "\r", "\u000b"))
        .as((s, at, c) -> {
          String text = new String(s, StandardCharsets.UTF_8);
          int i = at % (text.length() + 1);
          return (text.substring(0, i) + c + text.substring(i)).getBytes(StandardCharsets.UTF_8);
        });
    Arbitrary<byte[]> deep = Combinators.combine(Arbitraries.integers().between(1, 6000), Arbitraries.of("{\"a\":", "[", "{\"a\":["),
        Arbitraries.of(true, false))
        .as((depth, open, closed) -> {
          String close = open.equals("[") ? "]" : open.equals("{\"a\":") ? "}" : "]}";
          String json = "{\"message\":\"m\",\"n\":" + open.repeat(depth) + "1" + (closed ? close.repeat(depth) + "}" : "");
          return json.getBytes(StandardCharsets.UTF_8);
        });
    return Arbitraries.frequencyOf(Tuple.of(4, mutated), Tuple.of(2, sample), Tuple.of(2, randomBytes),
        Tuple.of(2, randomText), Tuple.of(2, controls), Tuple.of(1, deep));
  }

  // One of: bit flip, truncation, duplicated span, deleted span, bytes inserted, bytes overwritten.
  private static byte[] mutate(byte[] value, int at, int how, byte[] bytes) {
    if (value.length == 0) {
      return bytes;
    }
    int i = at % value.length;
    int end = Math.min(value.length, i + 1 + bytes.length * 4);
    return switch (how) {
      case 0 -> {
        byte[] copy = value.clone();
        copy[i] ^= (byte) (1 << (bytes[0] & 7));
        yield copy;
      }
      case 1 -> Arrays.copyOf(value, i);
      case 2 -> concat(Arrays.copyOf(value, end), Arrays.copyOfRange(value, i, value.length));
      case 3 -> concat(Arrays.copyOf(value, i), Arrays.copyOfRange(value, end, value.length));
      case 4 -> concat(concat(Arrays.copyOf(value, i), bytes), Arrays.copyOfRange(value, i, value.length));
      default -> {
        byte[] copy = value.clone();
        System.arraycopy(bytes, 0, copy, i, Math.min(bytes.length, copy.length - i));
        yield copy;
      }
    };
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static List<String> samples() {
    List<String> lines = new ArrayList<>();
    for (String name : List.of("java_logback_json.jsonl", "fluentbit_kafka_json.jsonl", "vector_kafka_json.jsonl",
        "syslog_rfc3164.log", "syslog_rfc5424.log", "logfmt.log", "other_text_formats.log")) {
      read(name).lines().filter(l -> !l.isBlank()).forEach(lines::add);
    }
    for (String name : List.of("filebeat_ecs_kafka.json", "logstash_kafka_json.json", "otel_kafka_otlp_json.json",
        "cloudtrail_records.json", "sentry_event.json", "posthog_capture.json", "posthog_batch.json",
        "langfuse_ingestion_batch.json")) {
      lines.add(read(name));
    }
    return List.copyOf(lines);
  }

  private static String read(String sample) {
    try (InputStream in = NormalizeNeverThrowsProperties.class.getResourceAsStream("/samples/" + sample)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
