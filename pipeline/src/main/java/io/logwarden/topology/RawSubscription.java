package io.logwarden.topology;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

/**
 * Which raw topics the normalize topology reads: every topic matching the raw pattern (a running
 * pipeline picks up new sources by itself), or a fixed list (offline runs, which have no broker to
 * discover topics from).
 */
public sealed interface RawSubscription {

  /** Adds the source node for the raw topics to the builder. */
  KStream<byte[], byte[]> stream(StreamsBuilder builder, Consumed<byte[], byte[]> consumed);

  static RawSubscription pattern(Pattern pattern) {
    return new ByPattern(pattern);
  }

  static RawSubscription topics(List<String> topics) {
    return new ByName(List.copyOf(topics));
  }

  /** Every topic that matches the pattern, now or later. */
  record ByPattern(Pattern pattern) implements RawSubscription {
    public ByPattern {
      Objects.requireNonNull(pattern, "pattern");
    }

    @Override
    public KStream<byte[], byte[]> stream(StreamsBuilder builder, Consumed<byte[], byte[]> consumed) {
      return builder.stream(pattern, consumed);
    }
  }

  /** Exactly these topics. */
  record ByName(List<String> topics) implements RawSubscription {
    @Override
    public KStream<byte[], byte[]> stream(StreamsBuilder builder, Consumed<byte[], byte[]> consumed) {
      return builder.stream(topics, consumed);
    }
  }
}
