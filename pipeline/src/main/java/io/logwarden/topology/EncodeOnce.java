package io.logwarden.topology;

import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A value serde for a topology that sends one record on to several topics (normalize: a store or
 * two, and {@code security.events}): its serializer keeps, per thread, the last value it encoded and
 * the bytes, so the same object reaching N sinks is encoded once, not N times (Avro encoding was a
 * fifth of normalize's stream thread).
 *
 * <p>The last value is recognised by identity. That is only right while nothing changes a value
 * after it has been sent: normalize's processors after the normalizer filter, re-key and count, and
 * never modify an event. A topology whose processors change values between sinks must not use it.
 */
final class EncodeOnce<T> implements Serde<T> {

  private final Serde<T> inner;
  private final ThreadLocal<Last> last = ThreadLocal.withInitial(Last::new);

  private static final class Last {
    private Object value;
    private byte[] bytes;
  }

  EncodeOnce(Serde<T> inner) {
    this.inner = inner;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    inner.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    Serializer<T> encoder = inner.serializer();
    return new Serializer<>() {
      @Override
      public byte[] serialize(String topic, T data) {
        return encode(encoder, topic, null, data);
      }

      @Override
      public byte[] serialize(String topic, Headers headers, T data) {
        return encode(encoder, topic, headers, data);
      }
    };
  }

  private byte[] encode(Serializer<T> encoder, String topic, Headers headers, T data) {
    if (data == null) {
      return null;
    }
    Last seen = last.get();
    if (seen.value != data) {
      seen.bytes = headers == null ? encoder.serialize(topic, data) : encoder.serialize(topic, headers, data);
      seen.value = data;
    }
    return seen.bytes;
  }

  @Override
  public Deserializer<T> deserializer() {
    return inner.deserializer();
  }
}
