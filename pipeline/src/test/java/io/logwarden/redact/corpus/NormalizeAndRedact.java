package io.logwarden.redact.corpus;

import io.logwarden.event.RejectedRecordException;
import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.redact.EventRedactor;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.schema.LogEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One raw record through what the normalize topology does to it: the shipped policy's
 * {@link RecordNormalizer}, then an {@link EventRedactor} with a test pseudonym key; a record the
 * normalizer rejects becomes what its dead letter would carry (the redacted reason and payload).
 */
final class NormalizeAndRedact {

  private static final String MARKER = "[REDACTED:";
  private static final long OBSERVED = 1_784_714_723_000L;

  /**
   * Every text that leaves the pipeline for one record ({@code fields}), and the same texts before
   * redaction ({@code normalized}; the raw payload for a dead letter).
   */
  record Output(String format, boolean rejected, List<EventFields.Field> fields, List<EventFields.Field> normalized) {

    boolean hasMarker() {
      return fields.stream().anyMatch(f -> f.text().contains(MARKER));
    }
  }

  private final RecordNormalizer normalizer;
  private final EventRedactor redactor;
  private long offset;

  NormalizeAndRedact() {
    Policy policy = PolicyLoader.loadDefault();
    this.normalizer = new RecordNormalizer(policy);
    this.redactor = new EventRedactor(PseudonymKey.demo(), policy.redaction(), new SimpleMeterRegistry());
  }

  Output run(String record) {
    byte[] value = record.getBytes(StandardCharsets.UTF_8);
    RawRecord raw = new RawRecord("logs.raw.app", 0, offset++, OBSERVED, value);
    try {
      RecordNormalizer.Result result = normalizer.normalize(raw, null);
      List<EventFields.Field> fields = new ArrayList<>();
      List<EventFields.Field> normalized = new ArrayList<>();
      for (LogEvent event : result.events()) {
        normalized.addAll(EventFields.of(event));
      }
      // As the normalize topology does: a record's events together, with its raw text for the pre-scan.
      for (LogEvent event : redactor.redact(result.events(), result.text())) {
        fields.addAll(EventFields.of(event));
      }
      return new Output(result.format(), false, fields, normalized);
    } catch (RejectedRecordException rejected) {
      return deadLetter(rejected.format() == null ? "rejected" : rejected.format(), rejected.getMessage(), value);
    } catch (RuntimeException failed) {
      return deadLetter("failed", failed.getClass().getSimpleName(), value);
    }
  }

  private Output deadLetter(String format, String reason, byte[] value) {
    return new Output(format, true, List.of(
        new EventFields.Field("dead-letter.reason", redactor.redactText(reason)),
        new EventFields.Field("dead-letter.payload", new String(redactor.redactBytes(value), StandardCharsets.UTF_8))),
        List.of(new EventFields.Field("dead-letter.payload", new String(value, StandardCharsets.UTF_8))));
  }
}
