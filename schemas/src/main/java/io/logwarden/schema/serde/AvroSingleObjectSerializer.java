package io.logwarden.schema.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer that writes a record in Avro single-object encoding: the marker C3 01, the
 * CRC-64-AVRO fingerprint of the writer schema (8 bytes, little-endian), then the binary body.
 *
 * <p>Thread-safe: the Avro encoder keeps its buffers per thread.
 */
public final class AvroSingleObjectSerializer<T extends SpecificRecord> implements Serializer<T> {

  private final Class<T> type;
  private final BinaryMessageEncoder<T> encoder;

  /** Creates a serializer for the generated record class {@code type}. */
  public AvroSingleObjectSerializer(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
    // The class's own model carries the conversions of its logical types (Instant timestamps).
    SpecificData model = SpecificData.getForClass(type);
    this.encoder = new BinaryMessageEncoder<>(model, model.getSchema(type));
  }

  /** Returns the single-object encoding of {@code data}, or null for a null (tombstone) value. */
  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      encoder.encode(data, out);
    } catch (NullPointerException e) {
      // Avro reports a null in a non-nullable field as an NPE whose message names the field path.
      throw failure(topic, "a required field is null (" + e.getMessage() + ")", e);
    } catch (IOException | RuntimeException e) {
      throw failure(topic, "the record does not match its schema ("
          + e.getClass().getSimpleName() + ")", e);
    }
    return out.toByteArray();
  }

  private SerializationException failure(String topic, String problem, Throwable cause) {
    return new SerializationException("Cannot encode " + type.getName() + " for topic "
        + TopicNames.quoted(topic) + ": " + problem, cause);
  }
}
