package io.logwarden.normalize.text;

import io.logwarden.event.EventAttributes;
import io.logwarden.normalize.MessageClassifier;
import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.catalogue.CatalogueClassifier;
import io.logwarden.normalize.json.GenericJsonParser;
import java.util.List;

/**
 * RFC 5424 syslog: {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA [MSG]},
 * with {@code -} for absent header fields. Structured data becomes attributes {@code
 * sd.<SD-ID>.<PARAM-NAME>}; a BOM before MSG is dropped. A line whose header is broken (an
 * unterminated SD element, a missing field) is not taken for this format and stays plain text.
 */
public final class SyslogRfc5424Parser extends ScannedTextParser<SyslogRfc5424Parser.Header> {

  public static final String FORMAT = "syslog-rfc5424";
  /** Attribute: the MSGID header field. */
  public static final String MSGID = EventAttributes.SYSLOG_MSGID;

  // RFC 5424 allows at most 255 characters in the longest header field (HOSTNAME).
  private static final int MAX_FIELD_CHARS = 255;
  private static final int FIELDS = 5;
  private static final char BOM = '\uFEFF';

  private final MessageClassifier classifier;

  /** A parser that classifies messages by the shipped catalogue. */
  public SyslogRfc5424Parser() {
    this(CatalogueClassifier.shipped());
  }

  /** A parser that classifies messages by {@code classifier}. */
  public SyslogRfc5424Parser(MessageClassifier classifier) {
    super(FORMAT);
    this.classifier = classifier;
  }

  @Override
  List<ParsedEvent> read(Header header, String line, ParseContext context) {
    ParsedEvent event = new ParsedEvent();
    SyslogPriority.apply(event, SyslogPriority.value(line, header.priorityEnd));
    int[] f = header.fields;
    if (!isNil(line, f[0], f[1])) {
      event.time = TextScan.isoInstant(line, f[0], f[1], context.zone());
      if (event.time == null) {
        event.flag(GenericJsonParser.BAD_TIME);
      }
    }
    event.host = field(line, f[2], f[3]);
    event.process = field(line, f[4], f[5]);
    event.attribute(SyslogMessages.PID, field(line, f[6], f[7]));
    event.attribute(MSGID, field(line, f[8], f[9]));
    int i = header.sdStart;
    while (i < header.sdEnd && line.charAt(i) == '[') {
      int close = elementEnd(line, i);
      structuredData(line, i + 1, close, event);
      i = close + 1;
    }
    String message = null;
    if (header.messageStart >= 0) {
      int start = header.messageStart;
      if (start < line.length() && line.charAt(start) == BOM) {
        start++;
      }
      message = line.substring(start);
    }
    return SyslogMessages.events(event, message, classifier, context);
  }

  /** Where the parts of a well-formed header are: start/end pairs of the five fields, then SD and MSG. */
  record Header(int priorityEnd, int[] fields, int sdStart, int sdEnd, int messageStart) {}

  @Override
  Header scan(String line) {
    int priorityEnd = SyslogPriority.end(line);
    if (priorityEnd < 0 || !line.startsWith("1 ", priorityEnd)) {
      return null;
    }
    int length = line.length();
    int[] fields = new int[2 * FIELDS];
    int i = priorityEnd + 2;
    for (int f = 0; f < FIELDS; f++) {
      if (i >= length) {
        return null;
      }
      int end = TextScan.tokenEnd(line, i, length);
      if (end == i || end - i > MAX_FIELD_CHARS) {
        return null;
      }
      fields[2 * f] = i;
      fields[2 * f + 1] = end;
      i = end + 1;
    }
    char timeStart = line.charAt(fields[0]);
    if (!TextScan.isDigit(timeStart) && !isNil(line, fields[0], fields[1])) {
      return null;
    }
    if (i >= length) {
      return new Header(priorityEnd, fields, length, length, -1);
    }
    char c = line.charAt(i);
    if (c == '-' && (i + 1 == length || line.charAt(i + 1) == ' ')) {
      return new Header(priorityEnd, fields, i, i + 1, i + 1 < length ? i + 2 : -1);
    }
    if (c != '[') {
      // Senders that skip the SD field entirely are common enough to read; the rest is MSG.
      return new Header(priorityEnd, fields, i, i, i);
    }
    int sdStart = i;
    while (i < length && line.charAt(i) == '[') {
      int close = elementEnd(line, i);
      if (close < 0) {
        return null;
      }
      i = close + 1;
    }
    if (i < length && line.charAt(i) != ' ') {
      return null;
    }
    return new Header(priorityEnd, fields, sdStart, i, i < length ? i + 1 : -1);
  }

  /** The index of the {@code ]} closing the SD element opened at {@code open}, or -1. */
  private static int elementEnd(String line, int open) {
    boolean quoted = false;
    int i = open + 1;
    int length = line.length();
    while (i < length) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i += 2;
          continue;
        }
        if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ']') {
        return i;
      }
      i++;
    }
    return -1;
  }

  // SD-ID *(SP PARAM-NAME="PARAM-VALUE"), where the value escapes '"', '\' and ']' with '\'. A
  // malformed parameter ends the element's reading; the ones before it are kept.
  private static void structuredData(String line, int from, int close, ParsedEvent event) {
    int i = from;
    while (i < close && line.charAt(i) != ' ') {
      i++;
    }
    if (i == from) {
      return;
    }
    String prefix = EventAttributes.STRUCTURED_DATA_PREFIX + line.substring(from, i) + ".";
    while (i < close) {
      while (i < close && line.charAt(i) == ' ') {
        i++;
      }
      int nameStart = i;
      while (i < close && line.charAt(i) != '=' && line.charAt(i) != ' ') {
        i++;
      }
      if (i == nameStart || i + 1 >= close || line.charAt(i) != '=' || line.charAt(i + 1) != '"') {
        return;
      }
      String name = line.substring(nameStart, i);
      i += 2;
      StringBuilder value = null;
      int valueStart = i;
      while (i < close && line.charAt(i) != '"') {
        char c = line.charAt(i);
        if (c == '\\' && i + 1 < close) {
          char next = line.charAt(i + 1);
          if (next == '"' || next == '\\' || next == ']') {
            if (value == null) {
              value = new StringBuilder(line.length() - valueStart).append(line, valueStart, i);
            }
            value.append(next);
            i += 2;
            continue;
          }
        }
        if (value != null) {
          value.append(c);
        }
        i++;
      }
      String text = value != null ? value.toString() : line.substring(valueStart, Math.min(i, close));
      addParam(event, prefix + name, text);
      i++;
    }
  }

  // SD-PARAMs may repeat within an element (several ip= in origin); keep them all.
  private static void addParam(ParsedEvent event, String key, String value) {
    String before = event.attributes().get(key);
    event.attribute(key, before == null ? value : before + "," + value);
  }

  private static boolean isNil(String line, int start, int end) {
    return end - start == 1 && line.charAt(start) == '-';
  }

  private static String field(String line, int start, int end) {
    return isNil(line, start, end) ? null : line.substring(start, end);
  }
}
