package io.logwarden.topology;

import io.logwarden.schema.serde.Encoding;
import io.logwarden.topics.Topic;
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
 *
 * <p>The avro-registry encoding's bytes name a schema id per topic: its serializer keeps the body
 * it encoded once and writes each topic's id in front ({@code RegistryAvroSerializer}), so it is
 * shared but not wrapped.
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

  /**
   * The serde that writes {@code topic}'s encoding, shared by every topic of that encoding through
   * {@code byEncoding} (one map per topology).
   */
  public static <V> Serde<V> serdeFor(Topic<String, V> topic, Map<Encoding, Serde<V>> byEncoding) {
    return byEncoding.computeIfAbsent(topic.encoding(),
        encoding -> encoding == Encoding.AVRO_REGISTRY ? topic.valueSerde() : serde(topic.valueSerde()));
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
