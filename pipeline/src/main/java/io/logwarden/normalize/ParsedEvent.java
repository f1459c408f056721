package io.logwarden.normalize;

import io.logwarden.event.EventAttributes;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One event as a format parser read it, before {@link LogEventMapper} makes it a {@code LogEvent}.
 * Parsers fill what their format carries and leave the rest null; attributes are bounded here, so
 * no parser can make an event unboundedly large.
 */
public final class ParsedEvent {

  /** At most this many attributes are kept; the rest are dropped and the event flagged truncated. */
  public static final int MAX_ATTRIBUTES = 64;
  /** Attribute keys are cut to this many characters. */
  public static final int MAX_ATTRIBUTE_KEY_CHARS = 128;
  /** Attribute values are cut to this many characters. */
  public static final int MAX_ATTRIBUTE_VALUE_CHARS = 1024;
  /** Flag: something was cut to fit the bounds. */
  public static final String TRUNCATED = "truncated";

  public Instant time;
  public String message;
  public String severityText;
  public Integer severityNumber;
  public Category category;
  public String action;
  public Outcome outcome;
  public String user;
  public String process;
  public String service;
  public String host;
  public String sourceAddress;
  public Integer sourcePort;
  public String targetKind;
  public String targetName;
  public String errorType;
  public String errorMessage;
  public String errorStack;
  public String traceId;
  public String spanId;
  /** The producer's own id of the event, if it has one. */
  public String eventId;

  private final Map<String, String> attributes = new LinkedHashMap<>();
  private final Set<String> flags = new LinkedHashSet<>();

  /** Attribute: the process id a record names (an RFC 5424 PROCID, the {@code [PID]} of a syslog tag). */
  public static final String PROCESS_PID = EventAttributes.PROCESS_PID;

  /**
   * Attribute naming the catalogue entry, generic rule or built-in parser that classified the event;
   * written only by {@link #classifiedBy}, so a record's own field of that name cannot pose as one.
   */
  public static final String CLASSIFIED_BY = EventAttributes.CLASSIFIED_BY;
  /** Where a record's own {@code classification.entry} field goes. */
  public static final String INPUT_CLASSIFIED_BY = "input." + CLASSIFIED_BY;

  /** Records what classified the event (an entry id, {@code generic:<rule>} or {@code builtin:<parser>}). */
  public ParsedEvent classifiedBy(String entry) {
    attributes.put(CLASSIFIED_BY, entry);
    return this;
  }

  /** Adds an attribute within the bounds; null values are skipped. */
  public ParsedEvent attribute(String key, String value) {
    if (key == null || value == null) {
      return this;
    }
    if (key.equals(CLASSIFIED_BY)) {
      key = INPUT_CLASSIFIED_BY;
    }
    if (attributes.size() >= MAX_ATTRIBUTES && !attributes.containsKey(key)) {
      flags.add(TRUNCATED);
      return this;
    }
    String boundedKey = key;
    if (key.length() > MAX_ATTRIBUTE_KEY_CHARS) {
      boundedKey = TextCut.head(key, MAX_ATTRIBUTE_KEY_CHARS);
      flags.add(TRUNCATED);
    }
    String boundedValue = value;
    if (value.length() > MAX_ATTRIBUTE_VALUE_CHARS) {
      boundedValue = TextCut.head(value, MAX_ATTRIBUTE_VALUE_CHARS);
      flags.add(TRUNCATED);
    }
    attributes.put(boundedKey, boundedValue);
    return this;
  }

  public Map<String, String> attributes() {
    return attributes;
  }

  /** Records a repair or finding, e.g. {@code missing_time}, {@code duplicate_keys}. */
  public ParsedEvent flag(String flag) {
    flags.add(flag);
    return this;
  }

  public Set<String> flags() {
    return flags;
  }

  /** A copy, for formats where one line stands for several events ({@code message repeated N times}). */
  public ParsedEvent copy() {
    ParsedEvent copy = new ParsedEvent();
    copy.time = time;
    copy.message = message;
    copy.severityText = severityText;
    copy.severityNumber = severityNumber;
    copy.category = category;
    copy.action = action;
    copy.outcome = outcome;
    copy.user = user;
    copy.process = process;
    copy.service = service;
    copy.host = host;
    copy.sourceAddress = sourceAddress;
    copy.sourcePort = sourcePort;
    copy.targetKind = targetKind;
    copy.targetName = targetName;
    copy.errorType = errorType;
    copy.errorMessage = errorMessage;
    copy.errorStack = errorStack;
    copy.traceId = traceId;
    copy.spanId = spanId;
    copy.eventId = eventId;
    copy.attributes.putAll(attributes);
    copy.flags.addAll(flags);
    return copy;
  }
}
