package io.logwarden.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.event.DeadLetterReason;
import io.logwarden.event.RejectedRecordException;
import io.logwarden.normalize.NormalizeProcessor;
import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.normalize.catalogue.CatalogueEntry;
import io.logwarden.policy.Policy;
import io.logwarden.redact.EventRedactor;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.schema.LogEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Normalizes and redacts one raw record as the normalize topology does (the same {@link RecordNormalizer}
 * and an {@link EventRedactor} with the same key and redaction settings), for the commands that show
 * what was understood: {@code process --explain} and {@code sources check}. Everything it hands out is
 * redacted.
 */
public final class RecordInspector {

  /** The entry name of an event that no catalogue entry and no generic rule classified. */
  static final String NONE = "none";

  /** The canonical fields shown for an event, in this order. */
  static final List<String> FIELDS = List.of("time", "category", "action", "outcome", "user", "process", "service",
      "host", "source_address", "source_port", "target_kind", "target_name", "change_kind", "message");

  private static final String CHANGE_KIND = "change.kind";

  /**
   * What became of one record.
   *
   * @param line its line number in the input, from 1
   * @param format the detected format, or {@code undetected} / the format it failed in when rejected
   * @param rejected the dead-letter reason code, or null when it became events
   * @param detail the rejection's explanation, redacted, or null
   * @param events its events, redacted
   */
  public record Inspection(long line, String format, String rejected, String detail, List<LogEvent> events) {

    public boolean isRejected() {
      return rejected != null;
    }

    /** The entry of the first event, {@code none} when unclassified or rejected. */
    public String entry() {
      return events.isEmpty() ? NONE : entryOf(events.get(0));
    }
  }

  private final RecordNormalizer normalizer;
  private final EventRedactor redactor;
  private final String rawTopic;

  public RecordInspector(Policy policy, PseudonymKey key, String rawTopic) {
    this.normalizer = new RecordNormalizer(policy);
    // Its own meter registry: the redactions it makes are not the pipeline's to count.
    this.redactor = new EventRedactor(key, policy.redaction(), new SimpleMeterRegistry());
    this.rawTopic = rawTopic;
  }

  /**
   * @param offset the record's offset in the raw topic: its line number less one
   * @param observedAt the time it is read at
   */
  public Inspection inspect(byte[] value, long offset, Instant observedAt) {
    RawRecord raw = new RawRecord(rawTopic, 0, offset, observedAt.toEpochMilli(), value);
    try {
      RecordNormalizer.Result result = normalizer.normalize(raw, null);
      redactor.redact(result.events(), result.text());
      return new Inspection(offset + 1, result.format(), null, null, result.events());
    } catch (RejectedRecordException rejected) {
      String format = rejected.format() == null ? NormalizeProcessor.UNDETECTED : rejected.format();
      return new Inspection(offset + 1, format, rejected.reason().code(), redactor.redactText(rejected.getMessage()),
          List.of());
    } catch (RuntimeException failed) {
      // The processing exception handler sends any other failure to the dead-letter topic too.
      return new Inspection(offset + 1, NormalizeProcessor.UNDETECTED, DeadLetterReason.PROCESSING_ERROR.code(),
          failed.getClass().getSimpleName(), List.of());
    }
  }

  /** Redacts a text as the pipeline redacts a dead letter's. */
  public String redactText(String text) {
    return redactor.redactText(text);
  }

  /** The entry or generic rule that classified a (redacted) event, or {@code none}. */
  public static String entryOf(LogEvent event) {
    String entry = event.getAttributes().get(CatalogueEntry.ENTRY_ATTRIBUTE);
    return entry == null || entry.isEmpty() ? NONE : entry;
  }

  /** The canonical fields of a redacted event, absent ones left out. */
  public static ObjectNode fields(LogEvent event) {
    ObjectNode fields = JsonNodeFactory.instance.objectNode();
    for (String name : FIELDS) {
      Object value = field(event, name);
      if (value instanceof Integer number) {
        fields.put(name, number);
      } else if (value != null) {
        fields.put(name, value.toString());
      }
    }
    return fields;
  }

  /** One canonical field of an event: a String, an Integer (the port) or null. */
  static Object field(LogEvent event, String name) {
    return switch (name) {
      case "time" -> event.getEventTime() == null ? null : DateTimeFormatter.ISO_INSTANT.format(event.getEventTime());
      case "category" -> event.getCategory() == null ? null : event.getCategory().name();
      case "action" -> event.getAction();
      case "outcome" -> event.getOutcome() == null ? null : event.getOutcome().name();
      case "user" -> event.getActor() == null ? null : event.getActor().getUser();
      case "process" -> event.getActor() == null ? null : event.getActor().getProcess();
      case "service" -> event.getActor() == null ? null : event.getActor().getService();
      case "host" -> event.getSource() == null ? null : event.getSource().getHost();
      case "source_address" -> event.getSource() == null ? null : event.getSource().getAddress();
      case "source_port" -> event.getSource() == null ? null : event.getSource().getPort();
      case "target_kind" -> event.getTarget() == null ? null : event.getTarget().getKind();
      case "target_name" -> event.getTarget() == null ? null : event.getTarget().getName();
      case "change_kind" -> event.getAttributes().get(CHANGE_KIND);
      case "message" -> event.getMessage();
      default -> throw new IllegalArgumentException("not a shown field: " + name);
    };
  }
}
