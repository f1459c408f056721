package io.logwarden.detect;

import io.logwarden.schema.LogEvent;
import io.logwarden.schema.detect.DetectionSignal;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/** Turns the events one rule matches into its signals, stamped with the event time the extractor gave the record. */
public final class SignalProcessor implements Processor<String, LogEvent, String, DetectionSignal> {

  private final SignalExtractor extractor;
  private ProcessorContext<String, DetectionSignal> context;

  public SignalProcessor(SignalExtractor extractor) {
    this.extractor = extractor;
  }

  @Override
  public void init(ProcessorContext<String, DetectionSignal> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, LogEvent> record) {
    if (record.value() == null) {
      return;
    }
    for (KeyValue<String, DetectionSignal> signal : extractor.signals(record.value(), record.timestamp())) {
      context.forward(new Record<>(signal.key, signal.value, record.timestamp(), record.headers()));
    }
  }
}
