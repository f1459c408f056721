package io.logwarden.topics;

import io.logwarden.schema.serde.Encoding;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A topic bound to its key and value serdes, so every reader and writer of a topic agrees on its
 * format. The physical name and the values' encoding come from the policy; the value serde writes
 * that encoding and reads any (see {@code AnyEncodingDeserializer}).
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Encoding encoding) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    Objects.requireNonNull(encoding, "encoding");
  }

  /** Consumed with this topic's serdes and a processor name. */
  public Consumed<K, V> consumed(String processorName) {
    return Consumed.with(keySerde, valueSerde).withName(processorName);
  }

  /** Produced with this topic's serdes and a processor name. */
  public Produced<K, V> produced(String processorName) {
    return Produced.with(keySerde, valueSerde).withName(processorName);
  }
}
