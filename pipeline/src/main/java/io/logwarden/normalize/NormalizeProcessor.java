package io.logwarden.normalize;

import io.logwarden.event.Metrics;
import io.logwarden.event.RejectedRecordException;
import io.logwarden.event.StageResources;
import io.logwarden.normalize.catalogue.CatalogueEntry;
import io.logwarden.policy.Policy;
import io.logwarden.redact.EventRedactor;
import io.logwarden.schema.LogEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Turns each raw record into its canonical events, redacted, each keyed by its event id. A record that cannot
 * become any event throws, and the processing exception handler sends it to the dead-letter topic.
 */
public final class NormalizeProcessor implements Processor<byte[], byte[], String, LogEvent> {

  /** The entry label of events that nothing classified. */
  public static final String UNCLASSIFIED = "none";
  /** Header that names a record's format and overrides detection. */
  public static final String CONTENT_TYPE_HEADER = "content-type";
  /** The format label of records rejected before their format was known (empty, binary, too large). */
  public static final String UNDETECTED = "undetected";

  private final Policy policy;
  private RecordNormalizer normalizer;
  private ProcessorContext<String, LogEvent> context;
  private MeterRegistry meters;
  private EventRedactor redactor;
  private ClockSkewMetrics clockSkew;
  private final java.util.Map<String, io.micrometer.core.instrument.Counter> recordsIn = new java.util.HashMap<>();
  private final java.util.Map<String, io.micrometer.core.instrument.Counter> classified = new java.util.HashMap<>();

  public NormalizeProcessor(Policy policy) {
    this.policy = policy;
  }

  // Raw topics and formats are both bounded sets (the sources an operator created, the known formats).
  // Counters are looked up once per pair, not per record.
  private void countIn(String topic, String format) {
    recordsIn.computeIfAbsent(topic + '\u0000' + format,
        key -> meters.counter(Metrics.RECORDS_IN.name(), "topic", topic, "format", format)).increment();
  }

  private void countClassified(LogEvent event) {
    String entry = event.getAttributes().get(CatalogueEntry.ENTRY_ATTRIBUTE);
    String label = entry == null ? UNCLASSIFIED : entry;
    classified.computeIfAbsent(label, key -> meters.counter(Metrics.RECORDS_CLASSIFIED.name(), "entry", key)).increment();
  }

  @Override
  public void init(ProcessorContext<String, LogEvent> context) {
    this.context = context;
    this.normalizer = new RecordNormalizer(policy);
    Object registry = context.appConfigs().get(StageResources.METER_REGISTRY);
    this.meters = registry instanceof MeterRegistry m ? m : new SimpleMeterRegistry();
    if (!(context.appConfigs().get(StageResources.REDACTOR) instanceof EventRedactor configured)) {
      // Never run without redaction: events would leave with secrets and personal data in them.
      throw new IllegalStateException(StageResources.REDACTOR + " is not configured");
    }
    this.redactor = configured;
    this.clockSkew = context.appConfigs().get(StageResources.CLOCK_SKEW) instanceof ClockSkewMetrics shared
        ? shared : new ClockSkewMetrics(meters);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RecordMetadata metadata = context.recordMetadata().orElseThrow(
        () -> new IllegalStateException("raw records always come from a topic"));
    RawRecord raw = new RawRecord(metadata.topic(), metadata.partition(), metadata.offset(),
        record.timestamp(), record.value());
    Header contentType = record.headers().lastHeader(CONTENT_TYPE_HEADER);
    RecordNormalizer.Result result;
    try {
      result = normalizer.normalize(raw, contentType == null || contentType.value() == null ? null
          : new String(contentType.value(), StandardCharsets.UTF_8));
    } catch (RejectedRecordException rejected) {
      countIn(metadata.topic(), rejected.format() == null ? UNDETECTED : rejected.format());
      throw rejected;
    }
    countIn(metadata.topic(), result.format());
    for (LogEvent event : redactor.redact(result.events(), result.text())) {
      countClassified(event);
      clockSkew.record(event);
      // A new record, not record.withKey(...): that would carry the raw record's headers, unredacted and of
      // any size, into every output topic. Events carry no headers; a dead letter keeps them, redacted.
      context.forward(new Record<>(event.getEventId(), event, record.timestamp()));
    }
  }
}
