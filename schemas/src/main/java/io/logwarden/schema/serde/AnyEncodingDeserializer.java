package io.logwarden.schema.serde;

import io.logwarden.schema.registry.SchemaRegistry;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a record in whichever of the three encodings it was written, told apart by its first
 * bytes: {@code C3 01} is Avro single-object, {@code 00} the schema-registry wire format, and
 * {@code {} (after optional white space) JSON. A topic's readers use it so that switching a topic's
 * encoding never strands the records already in it: they are read as they were written.
 */
public final class AnyEncodingDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private final Class<T> type;
  private final AvroSingleObjectDeserializer<T> avro;
  private final JsonRecordDeserializer<T> json;
  private final RegistryAvroDeserializer<T> registry;

  /**
   * @param registry the schema registry, or null when none is configured: a record in the wire
   *     format is then an error that says so
   */
  public AnyEncodingDeserializer(Class<T> type, SchemaRegistry registry) {
    this.type = Objects.requireNonNull(type, "type");
    this.avro = new AvroSingleObjectDeserializer<>(type);
    this.json = new JsonRecordDeserializer<>(type);
    this.registry = registry == null ? null : new RegistryAvroDeserializer<>(type, registry);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    return switch (Encoding.of(data)) {
      case AVRO -> avro.deserialize(topic, data);
      case JSON -> json.deserialize(topic, data);
      case AVRO_REGISTRY -> {
        if (registry == null) {
          throw new SerializationException("Cannot decode " + type.getName() + " from topic " + TopicNames.quoted(topic)
              + ": the record is in the avro-registry encoding (schema id " + RegistryAvroSerializer.schemaIdOf(data)
              + ") and no schema_registry is configured");
        }
        yield registry.deserialize(topic, data);
      }
    };
  }
}
