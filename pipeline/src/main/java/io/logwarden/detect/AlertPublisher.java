package io.logwarden.detect;

import io.logwarden.schema.Alert;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Turns a window's state into the alert record keyed by alert id. The Kafka timestamp of the alert is
 * the processing time: an event-time stamp in the future would be refused by the broker.
 */
public final class AlertPublisher implements Processor<Windowed<String>, Alert, String, Alert> {

  private final FailedSignInCounter counter;
  private ProcessorContext<String, Alert> context;

  public AlertPublisher(FailedSignInCounter counter) {
    this.counter = counter;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
  }

  @Override
  public void process(Record<Windowed<String>, Alert> record) {
    Alert alert = counter.toAlert(record.key(), record.value());
    context.forward(new Record<>(alert.getAlertId(), alert, context.currentSystemTimeMs(), record.headers()));
  }
}
