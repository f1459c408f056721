package io.logwarden.detect;

import io.logwarden.event.StageResources;
import io.logwarden.redact.EventRedactor;
import io.logwarden.schema.Alert;
import io.logwarden.schema.LogEvent;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Prepares alerts for an output topic: stamped with the time they were produced rather than the
 * event time they carry (replayed old logs would otherwise fall straight out of the topic's
 * retention), and, for the store that keeps alerts, turned into {@link LogEvent}s.
 */
public final class AlertOutput {

  private AlertOutput() {}

  /** The alert itself, stamped with processing time. */
  public static FixedKeyProcessor<String, Alert, Alert> alerts() {
    return new FixedKeyProcessor<>() {
      private FixedKeyProcessorContext<String, Alert> context;

      @Override
      public void init(FixedKeyProcessorContext<String, Alert> context) {
        this.context = context;
      }

      @Override
      public void process(FixedKeyRecord<String, Alert> record) {
        context.forward(record.withTimestamp(context.currentSystemTimeMs()));
      }
    };
  }

  /** The alert as a {@link LogEvent} (see {@link AlertEvents}), stamped with processing time. */
  public static FixedKeyProcessor<String, Alert, LogEvent> events(String alertsTopic) {
    return new FixedKeyProcessor<>() {
      private FixedKeyProcessorContext<String, LogEvent> context;
      private String keyId;

      @Override
      public void init(FixedKeyProcessorContext<String, LogEvent> context) {
        this.context = context;
        keyId = context.appConfigs().get(StageResources.REDACTOR) instanceof EventRedactor redactor
            ? redactor.keyId() : null;
      }

      @Override
      public void process(FixedKeyRecord<String, Alert> record) {
        LogEvent event = AlertEvents.toLogEvent(record.value(), alertsTopic, keyId);
        context.forward(record.withValue(event).withTimestamp(context.currentSystemTimeMs()));
      }
    };
  }
}
