package io.logwarden.normalize.text;

import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.SeverityScale;
import io.logwarden.normalize.json.GenericJsonParser;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

/**
 * ArcSight Common Event Format, as security devices write it: {@code CEF:Version|Vendor|Product|
 * Version|SignatureID|Name|Severity|Extension}, the extension {@code key=value} pairs whose values
 * may hold spaces. A security event whose message is the Name; {@code src}, {@code spt}, {@code
 * suser}, {@code dvchost} and {@code rt} fill source, user, host and time, and every other
 * extension key becomes an attribute {@code cef.<key>}.
 */
public final class CefParser extends ScannedTextParser<int[]> {

  public static final String FORMAT = "cef";

  private static final String PREFIX = "CEF:";
  private static final int HEADER_FIELDS = 7;
  private static final String[] HEADER_ATTRIBUTES = {
      "cef.version", "cef.device_vendor", "cef.device_product", "cef.device_version",
      "cef.signature_id"};

  public CefParser() {
    super(FORMAT);
  }

  @Override
  List<ParsedEvent> read(int[] pipes, String line, ParseContext context) {
    ParsedEvent event = new ParsedEvent();
    event.category = Category.SECURITY;
    String[] header = new String[HEADER_FIELDS];
    int start = PREFIX.length();
    for (int f = 0; f < HEADER_FIELDS; f++) {
      header[f] = unescape(line, start, pipes[f]);
      start = pipes[f] + 1;
    }
    for (int f = 0; f < HEADER_ATTRIBUTES.length; f++) {
      event.attribute(HEADER_ATTRIBUTES[f], header[f]);
    }
    event.service = header[2].isEmpty() ? null : header[2];
    event.message = header[5];
    event.severityText = header[6];
    event.severityNumber = severity(header[6]);
    extension(line, pipes[HEADER_FIELDS - 1] + 1, event, context);
    return List.of(event);
  }

  /** The positions of the seven unescaped pipes that end the header fields, or null when the line is no CEF. */
  @Override
  int[] scan(String line) {
    if (!line.startsWith(PREFIX) || line.length() <= PREFIX.length() || !TextScan.isDigit(line.charAt(PREFIX.length()))) {
      return null;
    }
    int[] pipes = new int[HEADER_FIELDS];
    int found = 0;
    for (int i = PREFIX.length(); i < line.length() && found < HEADER_FIELDS; i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '|') {
        pipes[found++] = i;
      }
    }
    return found == HEADER_FIELDS ? pipes : null;
  }

  // CEF severity: 0-3 Low, 4-6 Medium, 7-8 High, 9-10 Very-High, or those words.
  private static Integer severity(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    if (value.isEmpty()) {
      return null;
    }
    int number = value.length() <= 2 ? TextScan.digits(value, 0, value.length()) : -1;
    if (number >= 0) {
      return number <= 3 ? SeverityScale.INFO : number <= 6 ? SeverityScale.WARN
          : number <= 8 ? SeverityScale.ERROR : SeverityScale.FATAL;
    }
    return switch (value) {
      case "low" -> SeverityScale.INFO;
      case "medium" -> SeverityScale.WARN;
      case "high" -> SeverityScale.ERROR;
      case "very-high" -> SeverityScale.FATAL;
      default -> null;
    };
  }

  // key=value pairs whose values end where the next " key=" begins; '=' inside a value should be
  // escaped, and keys start with a letter, so "q=' OR 1=1--" stays one value.
  private static void extension(String line, int from, ParsedEvent event, ParseContext context) {
    int length = line.length();
    int i = from;
    while (i < length && line.charAt(i) == ' ') {
      i++;
    }
    int keyEnd = keyEnd(line, i);
    while (keyEnd > 0) {
      String key = line.substring(i, keyEnd);
      int valueStart = keyEnd + 1;
      int j = valueStart;
      int nextKeyEnd = -1;
      while (j < length) {
        char c = line.charAt(j);
        if (c == '\\') {
          j += 2;
          continue;
        }
        if (c == ' ') {
          nextKeyEnd = keyEnd(line, j + 1);
          if (nextKeyEnd > 0) {
            break;
          }
        }
        j++;
      }
      int valueEnd = Math.min(j, length);
      while (valueEnd > valueStart && line.charAt(valueEnd - 1) == ' ') {
        valueEnd--;
      }
      put(event, key, unescape(line, valueStart, valueEnd), context);
      i = j + 1;
      keyEnd = j < length ? nextKeyEnd : -1;
    }
  }

  /** The index of the '=' ending a key that starts at {@code at}, or -1 when no key starts there. */
  private static int keyEnd(String line, int at) {
    if (at >= line.length() || !Character.isLetter(line.charAt(at))) {
      return -1;
    }
    int i = at + 1;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '=') {
        return i;
      }
      if (!Character.isLetterOrDigit(c) && c != '_' && c != '.' && c != '-' && c != '[' && c != ']') {
        return -1;
      }
      i++;
    }
    return -1;
  }

  private static void put(ParsedEvent event, String key, String value, ParseContext context) {
    switch (key) {
      case "src" -> event.sourceAddress = value;
      case "spt" -> event.sourcePort = TextScan.port(value, 0, value.length());
      case "suser" -> event.user = value;
      case "dvchost" -> event.host = value;
      case "outcome" -> {
        event.outcome = outcome(value);
        event.attribute("cef.outcome", value);
      }
      case "rt" -> {
        Instant time = rt(value, context);
        if (time == null) {
          event.flag(GenericJsonParser.BAD_TIME);
          event.attribute("cef.rt", value);
        }
        event.time = time;
      }
      default -> event.attribute("cef." + key, value);
    }
  }

  // rt is epoch milliseconds or a date; "MMM dd yyyy HH:mm:ss" (ArcSight's own form) is read in
  // the source's zone.
  private static Instant rt(String value, ParseContext context) {
    Instant instant = TextScan.isoOrEpoch(value, context.zone());
    if (instant != null) {
      return instant;
    }
    // "Jul 22 2026 09:54:02"
    int month = TextScan.month(value, 0);
    int day = TextScan.digits(value, 4, 2);
    int year = TextScan.digits(value, 7, 4);
    int hour = TextScan.digits(value, 12, 2);
    int minute = TextScan.digits(value, 15, 2);
    int second = TextScan.digits(value, 18, 2);
    if (month < 0 || day < 1 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59 || value.charAt(3) != ' ' || value.charAt(6) != ' '
        || value.charAt(11) != ' ' || value.charAt(14) != ':' || value.charAt(17) != ':'
        || day > YearMonth.of(year, month).lengthOfMonth()) {
      return null;
    }
    return LocalDateTime.of(year, month, day, hour, minute, second).atZone(context.zone()).toInstant();
  }

  private static Outcome outcome(String value) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.startsWith("success") || lower.equals("allowed")) {
      return Outcome.SUCCESS;
    }
    if (lower.startsWith("fail") || lower.equals("denied") || lower.equals("blocked")) {
      return Outcome.FAILURE;
    }
    return Outcome.UNKNOWN;
  }

  // Header fields escape '|' and '\'; extension values escape '=' and '\' and write \n, \r.
  private static String unescape(String line, int from, int to) {
    StringBuilder out = null;
    for (int i = from; i < to; i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < to) {
        if (out == null) {
          out = new StringBuilder(to - from).append(line, from, i);
        }
        char next = line.charAt(++i);
        out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
      } else if (out != null) {
        out.append(c);
      }
    }
    return out != null ? out.toString() : line.substring(from, to);
  }
}
