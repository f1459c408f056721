package io.logwarden.schema.serde;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer that writes a record in Avro single-object encoding: the marker C3 01, the
 * CRC-64-AVRO fingerprint of the writer schema (8 bytes, little-endian), then the binary body.
 *
 * <p>The bytes are those of Avro's {@code BinaryMessageEncoder}, written faster: that encoder
 * writes the body a byte at a time into a synchronized stream, and took 1.7 times as long for an
 * event (see {@code benchmarks/results/profiles-2026-11-28.md}, section 7). Here each thread keeps
 * a buffered Avro encoder bound to an unsynchronized buffer of its own.
 *
 * <p>Thread-safe: the buffers are per thread.
 */
public final class AvroSingleObjectSerializer<T extends SpecificRecord> implements Serializer<T> {

  private static final int HEADER_LENGTH = 2 + Long.BYTES;

  private final Class<T> type;
  private final DatumWriter<T> writer;
  private final byte[] header;
  private final ThreadLocal<Output> outputs = ThreadLocal.withInitial(Output::new);

  /** Creates a serializer for the generated record class {@code type}. */
  @SuppressWarnings("unchecked")
  public AvroSingleObjectSerializer(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
    // The class's own model carries the conversions of its logical types (Instant timestamps).
    SpecificData model = SpecificData.getForClass(type);
    Schema schema = model.getSchema(type);
    this.writer = (DatumWriter<T>) model.createDatumWriter(schema);
    this.header = header(SchemaNormalization.parsingFingerprint64(schema));
  }

  private static byte[] header(long fingerprint) {
    byte[] bytes = new byte[HEADER_LENGTH];
    bytes[0] = (byte) 0xC3;
    bytes[1] = (byte) 0x01;
    for (int i = 0; i < Long.BYTES; i++) {
      bytes[2 + i] = (byte) (fingerprint >>> (8 * i));
    }
    return bytes;
  }

  /** Returns the single-object encoding of {@code data}, or null for a null (tombstone) value. */
  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    Output output = outputs.get();
    output.restart(header);
    try {
      writer.write(data, output.encoder);
      output.encoder.flush();
    } catch (NullPointerException e) {
      // A failed write leaves bytes in the encoder's buffer: the thread starts afresh next time.
      outputs.remove();
      // Avro reports a null in a non-nullable field as an NPE whose message names the field path.
      throw failure(topic, "a required field is null (" + e.getMessage() + ")", e);
    } catch (IOException | RuntimeException e) {
      outputs.remove();
      throw failure(topic, "the record does not match its schema ("
          + e.getClass().getSimpleName() + ")", e);
    }
    return output.bytes();
  }

  private SerializationException failure(String topic, String problem, Throwable cause) {
    return new SerializationException("Cannot encode " + type.getName() + " for topic "
        + TopicNames.quoted(topic) + ": " + problem, cause);
  }

  /**
   * A thread's growable, unsynchronized byte buffer with the buffered Avro encoder that writes
   * into it. The encoder stays bound to this buffer for the thread's life.
   */
  private static final class Output extends OutputStream {

    private static final int INITIAL = 1024;
    // A buffer grown past this by one large record is not kept for the thread's next ones.
    private static final int KEPT = 64 * 1024;

    private byte[] buffer = new byte[INITIAL];
    private int count;
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(this, null);

    void restart(byte[] header) {
      if (buffer.length > KEPT) {
        buffer = new byte[INITIAL];
      }
      System.arraycopy(header, 0, buffer, 0, header.length);
      count = header.length;
    }

    byte[] bytes() {
      return Arrays.copyOf(buffer, count);
    }

    @Override
    public void write(int b) {
      ensure(1);
      buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      Objects.checkFromIndexSize(offset, length, bytes.length);
      ensure(length);
      System.arraycopy(bytes, offset, buffer, count, length);
      count += length;
    }

    private void ensure(int more) {
      int needed = count + more;
      if (needed < 0) {
        throw new IllegalStateException("record larger than 2 GiB");
      }
      if (needed > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
      }
    }
  }
}
