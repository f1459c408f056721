package io.logwarden.schema.serde;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityResult;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for Avro single-object encoding that reads data written with the current
 * schema of the record class or with any of its released schemas, resolved to the current one.
 *
 * <p>Bad input fails with a {@link SerializationException} naming the topic, the type and the
 * problem, and never quoting the data beyond its two marker bytes. Thread-safe: the datum readers
 * are Avro's (which keep their resolvers per thread) and each thread reuses a decoder of its own.
 *
 * <p>The body is read straight from the byte array with Avro's buffered decoder. Avro's
 * {@code BinaryMessageDecoder} reads it byte by byte from a stream, which cost twice as much (see
 * {@code benchmarks/results/profiles-2026-11-28.md}, section 7).
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
  /** A reader for each schema this version reads, by fingerprint, resolving to the current one. */
  private final Map<Long, DatumReader<T>> readers;
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

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
  @SuppressWarnings("unchecked")
  public AvroSingleObjectDeserializer(Class<T> type, Collection<Schema> writerSchemas) {
    this.type = Objects.requireNonNull(type, "type");
    SpecificData model = SpecificData.getForClass(type);
    Schema current = model.getSchema(type);
    TrustedRecordClasses.trust(current);
    Map<Long, DatumReader<T>> byFingerprint = new HashMap<>();
    for (Schema writer : writerSchemas) {
      requireReadable(current, writer);
      byFingerprint.put(SchemaNormalization.parsingFingerprint64(writer),
          (DatumReader<T>) model.createDatumReader(writer, current));
    }
    byFingerprint.put(SchemaNormalization.parsingFingerprint64(current),
        (DatumReader<T>) model.createDatumReader(current, current));
    this.readers = Map.copyOf(byFingerprint);
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
    DatumReader<T> reader = readerFor(topic, data);
    BinaryDecoder reused = decoders.get();
    BinaryDecoder in = DecoderFactory.get().binaryDecoder(data, HEADER_LENGTH,
        data.length - HEADER_LENGTH, reused);
    if (in != reused) {
      decoders.set(in);
    }
    T record;
    int leftOver;
    try {
      record = reader.read(null, in);
      leftOver = in.isEnd() ? 0 : in.inputStream().available();
    } catch (IOException | RuntimeException e) {
      throw failure(topic, bodyProblem(e), e);
    }
    if (leftOver > 0) {
      throw failure(topic, "truncated or corrupt body (" + leftOver
          + " bytes left over after the record)", null);
    }
    return record;
  }

  // Checked here rather than left to Avro so that each problem gets its own plain message.
  private DatumReader<T> readerFor(String topic, byte[] data) {
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
    DatumReader<T> reader = readers.get(fingerprint);
    if (reader == null) {
      throw failure(topic, String.format("unknown schema fingerprint 0x%016x (not a %s schema "
          + "this version knows)", fingerprint, type.getSimpleName()), null);
    }
    return reader;
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
