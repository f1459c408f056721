package io.logwarden.schema.serde;

import java.util.Collection;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record class in Avro single-object encoding, reading every
 * released version of the schema; see {@link AvroSingleObjectSerializer} and
 * {@link AvroSingleObjectDeserializer}.
 */
public final class AvroSingleObjectSerde<T extends SpecificRecord> implements Serde<T> {

  private final AvroSingleObjectSerializer<T> serializer;
  private final AvroSingleObjectDeserializer<T> deserializer;

  /** Creates a serde for {@code type} whose deserializer also reads the released schemas. */
  public AvroSingleObjectSerde(Class<T> type) {
    this(type, ReleasedSchemas.of(type));
  }

  /** Creates a serde for {@code type} whose deserializer also reads {@code writerSchemas}. */
  public AvroSingleObjectSerde(Class<T> type, Collection<Schema> writerSchemas) {
    this.serializer = new AvroSingleObjectSerializer<>(type);
    this.deserializer = new AvroSingleObjectDeserializer<>(type, writerSchemas);
  }

  /** Returns the serializer, the same instance on every call. */
  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  /** Returns the deserializer, the same instance on every call. */
  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
