package io.logwarden.schema.serde;

import io.logwarden.schema.registry.RegistryException;
import io.logwarden.schema.registry.SchemaRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer of the {@code avro-registry} encoding (the Confluent wire format): the writer
 * schema is fetched from the registry by the id the record names, once per id, and resolved to the
 * generated class's schema as Avro resolves any two schemas. Thread-safe.
 */
public final class RegistryAvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

  private final Class<T> type;
  private final SpecificData model;
  private final Schema current;
  private final SchemaRegistry registry;
  private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

  public RegistryAvroDeserializer(Class<T> type, SchemaRegistry registry) {
    this.type = Objects.requireNonNull(type, "type");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.model = SpecificData.getForClass(type);
    this.current = model.getSchema(type);
    TrustedRecordClasses.trust(current);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    int id = RegistryAvroSerializer.schemaIdOf(data);
    if (id < 0) {
      throw failure(topic, "not the schema-registry wire format (byte 0 and a 4-byte schema id)", null);
    }
    DatumReader<T> reader = readers.get(id);
    if (reader == null) {
      reader = readerFor(topic, id);
      readers.putIfAbsent(id, reader);
    }
    BinaryDecoder reused = decoders.get();
    BinaryDecoder in = DecoderFactory.get().binaryDecoder(data, RegistryAvroSerializer.HEADER_LENGTH,
        data.length - RegistryAvroSerializer.HEADER_LENGTH, reused);
    if (in != reused) {
      decoders.set(in);
    }
    try {
      T record = reader.read(null, in);
      if (!in.isEnd()) {
        throw failure(topic, "corrupt body (bytes left over after the record)", null);
      }
      return record;
    } catch (IOException | RuntimeException e) {
      if (e instanceof SerializationException s) {
        throw s;
      }
      // Only the exception's kind: Avro messages may quote decoded values.
      throw failure(topic, "truncated or corrupt body (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  @SuppressWarnings("unchecked")
  private DatumReader<T> readerFor(String topic, int id) {
    Schema writer;
    try {
      writer = registry.schemaById(id);
    } catch (RegistryException e) {
      throw failure(topic, "cannot fetch schema id " + id + ": " + e.getMessage(), e);
    }
    SchemaCompatibility.SchemaPairCompatibility compatibility =
        SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
    if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      throw failure(topic, "schema id " + id + " (" + writer.getFullName() + ") cannot be read as "
          + current.getFullName() + ": " + compatibility.getDescription(), null);
    }
    return (DatumReader<T>) model.createDatumReader(writer, current);
  }

  private SerializationException failure(String topic, String problem, Throwable cause) {
    return new SerializationException("Cannot decode " + type.getName() + " from topic "
        + TopicNames.quoted(topic) + ": " + problem, cause);
  }
}
