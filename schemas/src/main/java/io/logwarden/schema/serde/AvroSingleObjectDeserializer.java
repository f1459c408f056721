package io.logwarden.schema.serde;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for Avro single-object encoding that reads data written with the current
 * schema of the record class or with any of its released schemas, resolved to the current one.
 *
 * <p>Bad input fails with a {@link SerializationException} naming the topic, the type and the
 * problem, and never quoting the data beyond its two marker bytes. Thread-safe: Avro's decoder
 * keeps its buffers per thread and its schemas in a concurrent map.
 *
 * <p>Avro's decoder allocates a string's declared length before reading it, so a body behind a
 * valid header whose length bytes are corrupted can ask for up to 2 GiB; applications cap this
 * with the system properties {@code org.apache.avro.limits.string.maxLength} and
 * {@code org.apache.avro.limits.bytes.maxLength}.
 */
public final class AvroSingleObjectDeserializer<T extends SpecificRecord>
    implements Deserializer<T> {

  private static final int MARKER_LENGTH = 2;
  private static final int HEADER_LENGTH = MARKER_LENGTH + Long.BYTES;
  private static final byte MARKER_0 = (byte) 0xC3;
  private static final byte MARKER_1 = (byte) 0x01;

  private final Class<T> type;
  private final BinaryMessageDecoder<T> decoder;
  private final Set<Long> knownFingerprints;

  /** Creates a deserializer for {@code type} that also reads its released schemas. */
  public AvroSingleObjectDeserializer(Class<T> type) {
    this(type, ReleasedSchemas.of(type));
  }

  /**
   * Creates a deserializer for {@code type} that also reads data written with any of
   * {@code writerSchemas} (for example the released ones), resolved to the current schema.
   *
   * @throws IllegalArgumentException when the current schema cannot read one of them
   */
  public AvroSingleObjectDeserializer(Class<T> type, Collection<Schema> writerSchemas) {
    this.type = Objects.requireNonNull(type, "type");
    SpecificData model = SpecificData.getForClass(type);
    Schema current = model.getSchema(type);
    TrustedRecordClasses.trust(current);
    this.decoder = new BinaryMessageDecoder<>(model, current);
    Set<Long> fingerprints = new HashSet<>();
    fingerprints.add(SchemaNormalization.parsingFingerprint64(current));
    for (Schema writer : writerSchemas) {
      requireReadable(current, writer);
      decoder.addSchema(writer);
      fingerprints.add(SchemaNormalization.parsingFingerprint64(writer));
    }
    this.knownFingerprints = Set.copyOf(fingerprints);
  }

  // Fails at startup rather than on the first record written with an unreadable schema.
  private static void requireReadable(Schema current, Schema writer) {
    SchemaCompatibilityResult result =
        SchemaCompatibility.checkReaderWriterCompatibility(current, writer).getResult();
    if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    String problems = result.getIncompatibilities().stream()
        .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
        .collect(Collectors.joining("; "));
    throw new IllegalArgumentException(String.format("The current %s schema cannot read data "
            + "written with writer schema 0x%016x: %s", current.getFullName(),
        SchemaNormalization.parsingFingerprint64(writer), problems));
  }


  /** Returns the decoded record, or null for null (tombstone) data. */
  @Override
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    checkHeader(topic, data);
    ByteArrayInputStream in = new ByteArrayInputStream(data);
    T record;
    try {
      record = decoder.decode(in, null);
    } catch (IOException | RuntimeException e) {
      throw failure(topic, bodyProblem(e), e);
    }
    if (in.available() > 0) {
      throw failure(topic, "truncated or corrupt body (" + in.available()
          + " bytes left over after the record)", null);
    }
    return record;
  }

  // Checked here rather than left to Avro so that each problem gets its own plain message.
  private void checkHeader(String topic, byte[] data) {
    if (data.length == 0) {
      throw failure(topic, "empty value (0 bytes; expected Avro single-object encoding)", null);
    }
    boolean markerMatches = data[0] == MARKER_0 && (data.length < 2 || data[1] == MARKER_1);
    if (!markerMatches) {
      throw failure(topic, "not Avro single-object encoding (expected header C3 01, got "
          + markerHex(data) + ")", null);
    }
    if (data.length < HEADER_LENGTH) {
      throw failure(topic, "truncated header (" + data.length + " bytes, the marker and schema "
          + "fingerprint need " + HEADER_LENGTH + ")", null);
    }
    long fingerprint = ByteBuffer.wrap(data, MARKER_LENGTH, Long.BYTES)
        .order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (!knownFingerprints.contains(fingerprint)) {
      throw failure(topic, String.format("unknown schema fingerprint 0x%016x (not a %s schema "
          + "this version knows)", fingerprint, type.getSimpleName()), null);
    }
  }

  private static String markerHex(byte[] data) {
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < Math.min(MARKER_LENGTH, data.length); i++) {
      if (i > 0) {
        hex.append(' ');
      }
      hex.append(String.format("%02X", data[i] & 0xFF));
    }
    return hex.toString();
  }

  // Only the exception's kind, never its message: Avro messages may quote decoded values.
  private static String bodyProblem(Throwable e) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SecurityException) {
        return "Avro's class security check refused a record class (a configuration problem, "
            + "not bad data; see TrustedRecordClasses)";
      }
      if (t instanceof EOFException) {
        return "truncated or corrupt body (the data ends before the record does)";
      }
      root = t;
    }
    return "truncated or corrupt body (" + root.getClass().getSimpleName() + ")";
  }

  private SerializationException failure(String topic, String problem, Throwable cause) {
    return new SerializationException("Cannot decode " + type.getName() + " from topic "
        + TopicNames.quoted(topic) + ": " + problem, cause);
  }
}
