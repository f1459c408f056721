package io.logwarden.normalize.text;

import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.normalize.TextFormatParser;
import io.logwarden.normalize.json.GenericJsonParser;
import java.time.ZoneId;
import java.util.List;

/**
 * logfmt: {@code key=value key2="quoted \"value\"" standalone} (a standalone key is {@code true}).
 * Common keys fill the event (time, level, message, user, host, service, caller, error, trace and
 * span ids); the rest become attributes. A line is taken for logfmt only when it opens with a
 * {@code key=value} pair and has at least two, so a sentence with one {@code =} stays plain text.
 */
public final class LogfmtParser implements TextFormatParser {

  public static final String FORMAT = "logfmt";

  private static final int TIME = 0;
  private static final int LEVEL = 1;
  private static final int MESSAGE = 2;
  private static final int USER = 3;
  private static final int HOST = 4;
  private static final int SERVICE = 5;
  private static final int PROCESS = 6;
  private static final int ERROR = 7;
  private static final int TRACE = 8;
  private static final int SPAN = 9;
  private static final int FIELDS = 10;

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public boolean matches(String line) {
    LogfmtScanner scanner = new LogfmtScanner(line, 0);
    if (!scanner.next() || !scanner.hasValue() || scanner.skippedText()) {
      return false;
    }
    while (scanner.next()) {
      if (scanner.hasValue()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<ParsedEvent> parse(String line, ParseContext context) {
    if (!matches(line)) {
      return PlainTextParser.mismatch(line);
    }
    ParsedEvent event = new ParsedEvent();
    String[] claimedBy = new String[FIELDS];
    LogfmtScanner scanner = new LogfmtScanner(line, 0);
    while (scanner.next()) {
      String key = scanner.key();
      String value = scanner.value();
      int field = fieldOf(key);
      if (field >= 0 && (claimedBy[field] == null || claimedBy[field].equals(key))) {
        if (claimedBy[field] != null) {
          event.flag(RecordNormalizer.DUPLICATE_KEYS);
        }
        claimedBy[field] = key;
        set(event, field, key, value, context.zone());
        continue;
      }
      if (event.attributes().containsKey(key)) {
        event.flag(RecordNormalizer.DUPLICATE_KEYS);
      }
      event.attribute(key, value);
    }
    return List.of(event);
  }

  /** The event field a key fills, or -1 for an attribute; an alias that comes second is an attribute. */
  private static int fieldOf(String key) {
    return switch (key) {
      case "ts", "time", "timestamp", "t" -> TIME;
      case "level", "lvl", "severity" -> LEVEL;
      case "msg", "message" -> MESSAGE;
      case "user", "user_id" -> USER;
      case "host" -> HOST;
      case "service", "app" -> SERVICE;
      case "caller", "logger" -> PROCESS;
      case "err", "error" -> ERROR;
      case "trace_id", "traceId", "traceID" -> TRACE;
      case "span_id", "spanId", "spanID" -> SPAN;
      default -> -1;
    };
  }

  private static void set(ParsedEvent event, int field, String key, String value, ZoneId zone) {
    switch (field) {
      case TIME -> {
        event.time = TextScan.isoOrEpoch(value, zone);
        if (event.time == null) {
          // Keep what the producer wrote: the observed time stands in, but the value is evidence.
          event.flag(GenericJsonParser.BAD_TIME);
          event.attribute(key, value);
        }
      }
      case LEVEL -> event.severityText = value;
      case MESSAGE -> event.message = value;
      case USER -> event.user = value;
      case HOST -> event.host = value;
      case SERVICE -> event.service = value;
      case PROCESS -> event.process = value;
      case ERROR -> event.errorMessage = value;
      case TRACE -> event.traceId = value;
      case SPAN -> event.spanId = value;
      default -> event.attribute(key, value);
    }
  }
}
