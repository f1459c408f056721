package io.logwarden.schema.serde;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer of the {@code json} encoding: one plain JSON object per record, UTF-8, as
 * {@link AvroJson} renders it, with no schema envelope. Kafka Connect's {@code JsonConverter} with
 * {@code schemas.enable=false}, HTTP sinks, kcat and jq read it as is. Thread-safe.
 */
public final class JsonRecordSerializer<T extends IndexedRecord> implements Serializer<T> {

  // A buffer grown past this by one large record is not kept for the thread's next ones.
  private static final int KEPT = 64 * 1024;

  private final ThreadLocal<ByteArrayOutputStream> buffers = ThreadLocal.withInitial(() -> new ByteArrayOutputStream(1024));

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    ByteArrayOutputStream buffer = buffers.get();
    buffer.reset();
    try {
      AvroJson.writeUtf8(data, buffer);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      buffers.remove();
      throw new SerializationException("Cannot write " + data.getSchema().getName() + " as JSON for topic "
          + TopicNames.quoted(topic) + " (" + e.getClass().getSimpleName() + ")", e);
    }
    byte[] bytes = buffer.toByteArray();
    if (bytes.length > KEPT) {
      buffers.remove();
    }
    return bytes;
  }
}
