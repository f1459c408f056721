package io.logwarden.schema.serde;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer of the {@code json} encoding: one plain JSON object per record, UTF-8, as
 * {@link AvroJson} renders it, with no schema envelope. Kafka Connect's {@code JsonConverter} with
 * {@code schemas.enable=false}, HTTP sinks, kcat and jq read it as is.
 *
 * <p>Each thread keeps one JSON generator over a buffer of its own and writes record after record
 * with it (no separator between root values), flushing after each: creating a generator per record
 * cost about as much as writing a small event. Thread-safe: the generators are per thread.
 */
public final class JsonRecordSerializer<T extends IndexedRecord> implements Serializer<T> {

  private static final JsonFactory FACTORY = new JsonFactory();

  private final ThreadLocal<Output> outputs = ThreadLocal.withInitial(Output::new);

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    Output output = outputs.get();
    output.buffer.restart();
    try {
      AvroJson.write(output.json, data);
      output.json.flush();
    } catch (IOException | RuntimeException e) {
      // A record that failed half-way leaves the generator inside it: the thread starts afresh.
      outputs.remove();
      throw new SerializationException("Cannot write " + data.getSchema().getName() + " as JSON for topic "
          + TopicNames.quoted(topic) + " (" + e.getClass().getSimpleName() + ")", e);
    }
    return output.buffer.bytes();
  }

  /** A thread's buffer and the JSON generator bound to it for the thread's life. */
  private static final class Output {
    final RecordBuffer buffer = new RecordBuffer();
    final JsonGenerator json;

    Output() {
      try {
        json = FACTORY.createGenerator(buffer, JsonEncoding.UTF8);
        // No separator between root values: each record's bytes are its own JSON object only.
        json.setRootValueSeparator(null);
      } catch (IOException e) {
        throw new IllegalStateException("cannot create a JSON generator over memory", e);
      }
    }
  }
}
