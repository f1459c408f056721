package io.logwarden.deadletter;

import io.logwarden.event.DeadLetterReason;
import io.logwarden.event.Metrics;
import io.logwarden.event.RejectedRecordException;
import io.logwarden.event.StageResources;
import io.logwarden.redact.EventRedactor;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the three Kafka Streams error handlers share: read the dead-letter topic from the Streams
 * config, build the envelope, count it, and log the failure without the record's content.
 */
final class DeadLetterRouting {

  /** Streams config key under which the application passes its {@link MeterRegistry}. */
  static final String METER_REGISTRY_CONFIG = StageResources.METER_REGISTRY;

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRouting.class);

  private final DeadLetterEnvelopes envelopes;
  private final MeterRegistry meters;

  private DeadLetterRouting(DeadLetterEnvelopes envelopes, MeterRegistry meters) {
    this.envelopes = envelopes;
    this.meters = meters;
  }

  static DeadLetterRouting fromStreamsConfig(Map<String, ?> configs) {
    Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
    if (topic == null || topic.toString().isBlank()) {
      throw new IllegalStateException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
          + " must name the dead-letter topic");
    }
    Object applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
    Object registry = configs.get(METER_REGISTRY_CONFIG);
    MeterRegistry meters = registry instanceof MeterRegistry m ? m : new SimpleMeterRegistry();
    if (!(configs.get(StageResources.REDACTOR) instanceof EventRedactor redactor)) {
      // A dead letter carries the raw record: it must be redacted like everything else.
      throw new IllegalStateException(StageResources.REDACTOR + " is not configured");
    }
    @SuppressWarnings("unchecked")
    Serializer<DeadLetter> serializer = configs.get(StageResources.DEAD_LETTER_SERIALIZER) instanceof Serializer<?> s
        ? (Serializer<DeadLetter>) s : LogwardenSerdes.deadLetter().serializer();
    return new DeadLetterRouting(
        new DeadLetterEnvelopes(topic.toString(), applicationId == null ? null : applicationId.toString(),
            Clock.systemUTC(), redactor, serializer),
        meters);
  }

  /** Builds, counts and logs the dead letter of a failed record. */
  List<ProducerRecord<byte[], byte[]>> route(
      ErrorHandlerContext context, byte[] key, byte[] value, Throwable error, DeadLetterReason fallbackReason) {
    DeadLetterReason reason = fallbackReason;
    String format = null;
    if (error instanceof RejectedRecordException rejected) {
      reason = rejected.reason();
      format = rejected.format();
    }
    DeadLetterEnvelopes.FailedRecord failed = new DeadLetterEnvelopes.FailedRecord(
        context.topic(), context.partition(), context.offset(), context.timestamp(), key, value,
        context.headers(), context.processorNodeId());
    DeadLetter envelope = envelopes.envelope(failed, reason, format, error);
    meters.counter(Metrics.DEAD_LETTERS.name(), "reason", reason.code()).increment();
    // Only our own exceptions have messages known to be free of record content.
    String detail = error instanceof RejectedRecordException ? error.getMessage() : error.getClass().getName();
    LOG.warn("Record {}/{}/{} sent to {}: {} ({})", context.topic(), context.partition(), context.offset(),
        envelopes.deadLetterTopic(), reason.code(), detail);
    return List.of(envelopes.toRecord(envelope));
  }
}
