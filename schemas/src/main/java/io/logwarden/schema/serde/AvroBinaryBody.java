package io.logwarden.schema.serde;

import java.io.IOException;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Avro binary body of a record of a generated class behind a header of the caller's: the part
 * the {@code avro} (single-object) and {@code avro-registry} (Confluent wire format) encodings share.
 *
 * <p>Written faster than Avro's {@code BinaryMessageEncoder}, which writes the body a byte at a time
 * into a synchronized stream and took 1.7 times as long for an event (see
 * {@code benchmarks/results/profiles-2026-11-28.md}, section 7): each thread keeps a buffered Avro
 * encoder bound to an unsynchronized buffer of its own. Thread-safe: the buffers are per thread.
 */
final class AvroBinaryBody<T extends SpecificRecord> {

  private final Class<T> type;
  private final Schema schema;
  private final DatumWriter<T> writer;
  private final ThreadLocal<Output> outputs = ThreadLocal.withInitial(Output::new);

  @SuppressWarnings("unchecked")
  AvroBinaryBody(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
    // The class's own model carries the conversions of its logical types (Instant timestamps).
    SpecificData model = SpecificData.getForClass(type);
    this.schema = model.getSchema(type);
    this.writer = (DatumWriter<T>) model.createDatumWriter(schema);
  }

  /** The writer schema: the generated class's. */
  Schema schema() {
    return schema;
  }

  /** {@code header} followed by the binary body of {@code data}, or null for a null (tombstone) value. */
  byte[] encode(byte[] header, String topic, T data) {
    if (data == null) {
      return null;
    }
    Output output = outputs.get();
    output.buffer.restart(header);
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
    return output.buffer.bytes();
  }

  private SerializationException failure(String topic, String problem, Throwable cause) {
    return new SerializationException("Cannot encode " + type.getName() + " for topic "
        + TopicNames.quoted(topic) + ": " + problem, cause);
  }

  /** A thread's buffer and the buffered Avro encoder bound to it for the thread's life. */
  private static final class Output {
    final RecordBuffer buffer = new RecordBuffer();
    final BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(buffer, null);
  }
}
