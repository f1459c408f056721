package io.logwarden.normalize;

import io.logwarden.schema.LogEvent;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Turns each raw record into a canonical event keyed by its event id. A record that cannot become an
 * event throws, and the processing exception handler sends it to the dead-letter topic.
 */
public final class NormalizeProcessor implements Processor<byte[], byte[], String, LogEvent> {

  private final JsonLogNormalizer normalizer = new JsonLogNormalizer();
  private ProcessorContext<String, LogEvent> context;

  @Override
  public void init(ProcessorContext<String, LogEvent> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata metadata = context.recordMetadata().orElseThrow(
        () -> new IllegalStateException("raw records always come from a topic"));
    RawRecord raw = new RawRecord(metadata.topic(), metadata.partition(), metadata.offset(),
        record.timestamp(), record.value());
    LogEvent event = normalizer.normalize(raw);
    context.forward(record.withKey(event.getEventId()).withValue(event));
  }
}
