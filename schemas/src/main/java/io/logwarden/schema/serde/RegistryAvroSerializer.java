package io.logwarden.schema.serde;

import io.logwarden.schema.registry.RegistryException;
import io.logwarden.schema.registry.SchemaRegistry;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer of the {@code avro-registry} encoding, the Confluent wire format: byte 0, the
 * writer schema's registry id (4 bytes, big-endian), then the Avro binary body. The schema is
 * registered (or found) under the subject {@code <topic>-value} (Confluent's default
 * TopicNameStrategy), once per topic: the registry client caches the id.
 *
 * <p>A record sent to several topics is encoded once: a thread remembers the last record it wrote,
 * by identity, and only the id in the header differs between topics. That is safe only for records
 * nothing changes after they are first sent, which is how the topologies use it.
 */
public final class RegistryAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

  /** The wire format's first byte. */
  public static final byte MAGIC = 0;
  /** Magic byte and schema id. */
  public static final int HEADER_LENGTH = 1 + Integer.BYTES;

  private final AvroBinaryBody<T> body;
  private final SchemaRegistry registry;
  private final ThreadLocal<Object[]> last = ThreadLocal.withInitial(() -> new Object[2]);
  // Per topic, so that a record costs one map lookup, not the registry client's hash of the schema.
  private final Map<String, Integer> ids = new ConcurrentHashMap<>();

  public RegistryAvroSerializer(Class<T> type, SchemaRegistry registry) {
    this.body = new AvroBinaryBody<>(type);
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /** The subject a topic's value schemas are registered under. */
  public static String subject(String topic) {
    return topic + "-value";
  }

  /** The id of this serializer's schema for {@code topic}, registering it if needed (a start-up check). */
  public int schemaId(String topic) {
    Integer id = ids.get(topic);
    if (id == null) {
      id = registry.idFor(subject(topic), body.schema());
      ids.putIfAbsent(topic, id);
    }
    return id;
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    int id;
    try {
      id = schemaId(topic);
    } catch (RegistryException e) {
      throw new SerializationException("Cannot register the " + body.schema().getName() + " schema for topic "
          + TopicNames.quoted(topic) + ": " + e.getMessage(), e);
    }
    Object[] remembered = last.get();
    byte[] bytes;
    if (remembered[0] == data) {
      bytes = ((byte[]) remembered[1]).clone();
    } else {
      bytes = body.encode(header(0), topic, data);
      remembered[0] = data;
      remembered[1] = bytes;
      bytes = bytes.clone();
    }
    writeId(bytes, id);
    return bytes;
  }

  /** The schema id of a record in the wire format, or -1 when it is not in that format. */
  public static int schemaIdOf(byte[] data) {
    if (data == null || data.length < HEADER_LENGTH || data[0] != MAGIC) {
      return -1;
    }
    return ((data[1] & 0xFF) << 24) | ((data[2] & 0xFF) << 16) | ((data[3] & 0xFF) << 8) | (data[4] & 0xFF);
  }

  private static byte[] header(int id) {
    byte[] header = new byte[HEADER_LENGTH];
    writeId(header, id);
    return header;
  }

  private static void writeId(byte[] bytes, int id) {
    bytes[0] = MAGIC;
    bytes[1] = (byte) (id >>> 24);
    bytes[2] = (byte) (id >>> 16);
    bytes[3] = (byte) (id >>> 8);
    bytes[4] = (byte) id;
  }
}
