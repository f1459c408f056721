package io.logwarden.schema.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/** Kafka deserializer of the {@code json} encoding, by {@link JsonRecordReader}. Thread-safe. */
public final class JsonRecordDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private final Class<T> type;
  private final JsonRecordReader<T> reader;

  public JsonRecordDeserializer(Class<T> type) {
    this.type = type;
    this.reader = new JsonRecordReader<>(type);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    try {
      return reader.read(data);
    } catch (IllegalArgumentException e) {
      // The reader's messages name field paths and kinds, never values.
      throw new SerializationException("Cannot decode " + type.getName() + " from topic "
          + TopicNames.quoted(topic) + ": " + e.getMessage());
    }
  }
}
