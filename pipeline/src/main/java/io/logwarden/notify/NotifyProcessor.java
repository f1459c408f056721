package io.logwarden.notify;

import io.logwarden.deadletter.DeadLetterEnvelopes;
import io.logwarden.event.DeadLetterReason;
import io.logwarden.event.Metrics;
import io.logwarden.event.StageResources;
import io.logwarden.redact.EventRedactor;
import io.logwarden.schema.Alert;
import io.logwarden.schema.DeadLetter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The notify topology's processor: hands each alert state to the application's {@link Notifier}
 * (from {@link StageResources#NOTIFIER}) and waits until every destination delivered or parked it;
 * forwards one dead letter (reason {@code notification_failed}) per parked notification, to the
 * dead-letter sink. The alert's offset is committed only after this returns and the dead letters are
 * written (at-least-once), so a state that no destination had when the instance died is sent again.
 */
public final class NotifyProcessor implements Processor<String, Alert, String, DeadLetter> {

  /** Header of a parked notification's dead letter: the destination's name. */
  public static final String DESTINATION_HEADER = "logwarden.notify.destination";
  /** Header of a parked notification's dead letter: the notification's idempotency key. */
  public static final String IDEMPOTENCY_KEY_HEADER = "logwarden.notify.idempotency_key";
  /** Header of a parked notification's dead letter: the attempts made. */
  public static final String ATTEMPTS_HEADER = "logwarden.notify.attempts";

  private final String name;
  private ProcessorContext<String, DeadLetter> context;
  private Notifier notifier;
  private DeadLetterEnvelopes envelopes;
  private Counter deadLetters;

  /** @param name the processor's name in the topology, written into its dead letters */
  public NotifyProcessor(String name) {
    this.name = name;
  }

  @Override
  public void init(ProcessorContext<String, DeadLetter> context) {
    this.context = context;
    if (!(context.appConfigs().get(StageResources.NOTIFIER) instanceof Notifier configured)) {
      throw new IllegalStateException(StageResources.NOTIFIER + " is not configured: the notify topology needs the "
          + "application's notifier");
    }
    if (!(context.appConfigs().get(StageResources.REDACTOR) instanceof EventRedactor redactor)) {
      // A dead letter carries the alert: it must be redacted like everything else.
      throw new IllegalStateException(StageResources.REDACTOR + " is not configured");
    }
    this.notifier = configured;
    Object topic = context.appConfigs().get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    this.envelopes = new DeadLetterEnvelopes(String.valueOf(topic), context.applicationId(), Clock.systemUTC(),
        redactor);
    Object registry = context.appConfigs().get(StageResources.METER_REGISTRY);
    MeterRegistry meters = registry instanceof MeterRegistry m ? m : new SimpleMeterRegistry();
    this.deadLetters = meters.counter(Metrics.DEAD_LETTERS.name(), "reason", DeadLetterReason.NOTIFICATION_FAILED.code());
  }

  @Override
  public void process(Record<String, Alert> record) {
    Alert alert = record.value();
    if (alert == null) {
      return; // A tombstone of the compacted alerts topic: nothing to notify.
    }
    List<Outcome> outcomes = notifier.notify(alert);
    for (Outcome outcome : outcomes) {
      if (!outcome.delivered()) {
        DeadLetter letter = deadLetter(record, outcome);
        deadLetters.increment();
        context.forward(new Record<>(DeadLetterEnvelopes.originKey(letter), letter, record.timestamp(),
            DeadLetterEnvelopes.recordHeaders(letter)));
      }
    }
  }

  private DeadLetter deadLetter(Record<String, Alert> record, Outcome outcome) {
    RecordMetadata metadata = context.recordMetadata().orElse(null);
    RecordHeaders headers = new RecordHeaders();
    headers.add(DESTINATION_HEADER, outcome.destination().getBytes(StandardCharsets.UTF_8));
    headers.add(IDEMPOTENCY_KEY_HEADER, outcome.notification().idempotencyKey().getBytes(StandardCharsets.UTF_8));
    headers.add(ATTEMPTS_HEADER, Integer.toString(outcome.attempts()).getBytes(StandardCharsets.UTF_8));
    DeadLetterEnvelopes.FailedRecord failed = new DeadLetterEnvelopes.FailedRecord(
        metadata == null ? null : metadata.topic(),
        metadata == null ? -1 : metadata.partition(),
        metadata == null ? -1 : metadata.offset(),
        record.timestamp(),
        record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8),
        Payloads.fileLine(record.value()).getBytes(StandardCharsets.UTF_8),
        headers, name);
    return envelopes.envelope(failed, DeadLetterReason.NOTIFICATION_FAILED, null,
        new NotificationFailedException("destination " + outcome.destination() + ": " + outcome.problem()));
  }
}
