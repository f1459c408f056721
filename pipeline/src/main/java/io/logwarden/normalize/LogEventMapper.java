package io.logwarden.normalize;

import io.logwarden.event.EventIds;
import io.logwarden.schema.Actor;
import io.logwarden.schema.Category;
import io.logwarden.schema.ErrorInfo;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Origin;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.Redaction;
import io.logwarden.schema.Source;
import io.logwarden.schema.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;

/**
 * Makes the canonical event of a parsed one: the event id, the time repairs (a missing time becomes
 * the observed time; a time ahead of it by more than the tolerance, or years away, is kept and
 * flagged), severity on the OpenTelemetry scale, and bounds on message and stack.
 */
public final class LogEventMapper {

  /** Flag: the record had no usable time; the observed time stands in. */
  public static final String MISSING_TIME = "missing_time";
  /** Flag: the event time is ahead of the observed time by more than the clock-skew tolerance. */
  public static final String FUTURE_TIME = "future_time";
  /** Flag: the event time is more than a year away from the observed time. */
  public static final String TIME_FAR_OFF = "time_far_off";

  static final int MAX_MESSAGE_CHARS = 32 * 1024;
  static final int MAX_STACK_CHARS = 16 * 1024;
  private static final Duration FAR_OFF = Duration.ofDays(365);

  private final long toleranceMillis;

  public LogEventMapper(Duration clockSkewTolerance) {
    this.toleranceMillis = clockSkewTolerance.toMillis();
  }

  /**
   * @param raw the record the event came from
   * @param format the detected format
   * @param index the event's position among the record's events
   */
  public LogEvent toEvent(ParsedEvent parsed, RawRecord raw, String format, int index) {
    Instant observed = Instant.ofEpochMilli(raw.timestamp());
    Instant time = parsed.time;
    if (time == null) {
      time = observed;
      parsed.flag(MISSING_TIME);
    }
    time = EventTimes.toMicros(time);
    long skew = Duration.between(observed, time).toMillis();
    if (skew > toleranceMillis) {
      parsed.flag(FUTURE_TIME);
    }
    if (Math.abs(skew) > FAR_OFF.toMillis()) {
      parsed.flag(TIME_FAR_OFF);
    }
    Integer severity = parsed.severityNumber != null ? parsed.severityNumber : SeverityScale.fromText(parsed.severityText);
    boolean hasError = parsed.errorType != null || parsed.errorMessage != null || parsed.errorStack != null;
    boolean hasTarget = parsed.targetKind != null || parsed.targetName != null;
    // Constructors, not builders: a builder deep-copies the schema defaults of every unset field,
    // which costs more than the rest of the mapping on this per-event path.
    String message = parsed.message == null ? null : bounded(parsed.message, MAX_MESSAGE_CHARS, parsed);
    ErrorInfo error = hasError ? new ErrorInfo(parsed.errorType,
        parsed.errorMessage == null ? null : bounded(parsed.errorMessage, MAX_MESSAGE_CHARS, parsed),
        parsed.errorStack == null ? null : bounded(parsed.errorStack, MAX_STACK_CHARS, parsed)) : null;
    String eventId = parsed.eventId != null ? bounded(parsed.eventId, 256, parsed)
        : EventIds.of(raw.topic(), raw.partition(), raw.offset(), index);
    return new LogEvent(
        eventId,
        time,
        observed,
        skew,
        parsed.category != null ? parsed.category : Category.APPLICATION,
        parsed.action != null ? parsed.action : "log",
        parsed.outcome != null ? parsed.outcome : Outcome.UNKNOWN,
        severity,
        parsed.severityText,
        new Actor(parsed.user, parsed.process, parsed.service),
        new Source(parsed.host, parsed.sourceAddress, parsed.sourcePort),
        hasTarget ? new Target(parsed.targetKind, parsed.targetName) : null,
        message,
        parsed.attributes(),
        error,
        parsed.traceId,
        parsed.spanId,
        new Origin(raw.topic(), raw.partition(), raw.offset(), index, format),
        new Redaction(new HashMap<>(), null),
        new ArrayList<>(parsed.flags()));
  }

  private static String bounded(String text, int max, ParsedEvent parsed) {
    if (text.length() <= max) {
      return text;
    }
    parsed.flag(ParsedEvent.TRUNCATED);
    return TextCut.head(text, max);
  }
}
