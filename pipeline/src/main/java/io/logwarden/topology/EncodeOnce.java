package io.logwarden.topology;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serializer that encodes one value once however many sinks write it: normalize sends the same
 * event object to its store topic and to security events, one sink after the other on the same
 * stream thread, and the bytes are the same for both (the encoding does not depend on the topic).
 * Each thread remembers the last value it encoded, by identity, and its bytes; a value mutated after
 * it was encoded would be sent stale, so this is only for sinks whose values nothing changes after
 * they are built (normalize's events are built once and only read afterwards).
 */
public final class EncodeOnce<V> implements Serializer<V> {

  private final Serializer<V> inner;
  private final ThreadLocal<Object[]> last = ThreadLocal.withInitial(() -> new Object[2]);

  EncodeOnce(Serializer<V> inner) {
    this.inner = inner;
  }

  /** {@code serde} with its serializer wrapped. */
  public static <V> Serde<V> serde(Serde<V> serde) {
    return Serdes.serdeFrom(new EncodeOnce<>(serde.serializer()), serde.deserializer());
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    inner.configure(configs, isKey);
  }

  @Override
  public byte[] serialize(String topic, V data) {
    if (data == null) {
      return inner.serialize(topic, null);
    }
    Object[] remembered = last.get();
    if (remembered[0] == data) {
      return (byte[]) remembered[1];
    }
    byte[] bytes = inner.serialize(topic, data);
    remembered[0] = data;
    remembered[1] = bytes;
    return bytes;
  }

  @Override
  public void close() {
    inner.close();
  }
}
