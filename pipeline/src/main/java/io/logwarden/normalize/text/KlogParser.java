package io.logwarden.normalize.text;

import io.logwarden.normalize.EventTimes;
import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.SeverityScale;
import io.logwarden.normalize.json.GenericJsonParser;
import java.util.List;

/**
 * klog / glog, the Kubernetes components' format: {@code Lmmdd hh:mm:ss.uuuuuu threadid file:line]
 * msg}, L one of I, W, E, F. The year is inferred as for BSD syslog ({@link
 * EventTimes#ofYearless}). A structured message ({@code "msg" key="value" ...}, klog's InfoS and
 * ErrorS) has its quoted text as message, {@code err} as error message and the other pairs as
 * attributes.
 */
public final class KlogParser extends ScannedTextParser<KlogParser.Header> {

  public static final String FORMAT = "klog";
  /** Attribute: the thread id klog writes after the time. */
  public static final String THREAD_ID = "thread.id";
  /** Attribute: the source file that logged. */
  public static final String FILE_NAME = "log.origin.file.name";
  /** Attribute: the line in that file. */
  public static final String FILE_LINE = "log.origin.file.line";

  public KlogParser() {
    super(FORMAT);
  }

  @Override
  List<ParsedEvent> read(Header header, String line, ParseContext context) {
    ParsedEvent event = new ParsedEvent();
    char level = line.charAt(0);
    event.severityText = String.valueOf(level);
    event.severityNumber = switch (level) {
      case 'I' -> SeverityScale.INFO;
      case 'W' -> SeverityScale.WARN;
      case 'E' -> SeverityScale.ERROR;
      default -> SeverityScale.FATAL;
    };
    event.time = EventTimes.ofYearless(header.month, header.day, header.hour, header.minute,
        header.second, header.nano, context.zone(), context.observedTime());
    if (event.time == null) {
      event.flag(GenericJsonParser.BAD_TIME);
    }
    event.attribute(THREAD_ID, line.substring(header.threadStart, header.threadEnd));
    event.attribute(FILE_NAME, line.substring(header.fileStart, header.colon));
    event.attribute(FILE_LINE, line.substring(header.colon + 1, header.close));
    int start = Math.min(header.close + 2, line.length());
    if (start < line.length() && line.charAt(start) == '"') {
      structured(line, start, event);
    } else {
      event.message = line.substring(start);
    }
    return List.of(event);
  }

  // "msg" key="value" err="..." : the quoted message, then logfmt pairs.
  private static void structured(String line, int quote, ParsedEvent event) {
    int i = quote + 1;
    boolean escaped = false;
    while (i < line.length() && line.charAt(i) != '"') {
      if (line.charAt(i) == '\\') {
        escaped = true;
        i++;
      }
      i++;
    }
    if (i >= line.length()) {
      event.message = line.substring(quote);
      return;
    }
    event.message = escaped ? LogfmtScanner.unescape(line, quote + 1, i) : line.substring(quote + 1, i);
    LogfmtScanner pairs = new LogfmtScanner(line, i + 1);
    while (pairs.next()) {
      if (pairs.keyIs("err")) {
        event.errorMessage = pairs.value();
      } else {
        event.attribute(pairs.key(), pairs.value());
      }
    }
  }

  /** Where the parts of a klog header are. */
  static final class Header {
    int month;
    int day;
    int hour;
    int minute;
    int second;
    int nano;
    int threadStart;
    int threadEnd;
    int fileStart;
    int colon;
    int close;
  }

  @Override
  Header scan(String line) {
    if (line.length() < 20) {
      return null;
    }
    char level = line.charAt(0);
    if (level != 'I' && level != 'W' && level != 'E' && level != 'F') {
      return null;
    }
    Header header = new Header();
    header.month = TextScan.digits(line, 1, 2);
    header.day = TextScan.digits(line, 3, 2);
    header.hour = TextScan.digits(line, 6, 2);
    header.minute = TextScan.digits(line, 9, 2);
    header.second = TextScan.digits(line, 12, 2);
    if (header.month < 0 || header.day < 0 || header.hour < 0 || header.minute < 0 || header.second < 0
        || line.charAt(5) != ' ' || line.charAt(8) != ':' || line.charAt(11) != ':') {
      return null;
    }
    int i = 14;
    int length = line.length();
    if (line.charAt(i) == '.') {
      int[] nano = new int[1];
      i = TextScan.fraction(line, i + 1, length, nano);
      if (i < 0) {
        return null;
      }
      header.nano = nano[0];
    }
    int spaces = i;
    while (i < length && line.charAt(i) == ' ') {
      i++;
    }
    if (i == spaces) {
      return null;
    }
    header.threadStart = i;
    while (i < length && TextScan.isDigit(line.charAt(i))) {
      i++;
    }
    if (i == header.threadStart || i >= length || line.charAt(i) != ' ') {
      return null;
    }
    header.threadEnd = i;
    header.fileStart = i + 1;
    int tokenEnd = TextScan.tokenEnd(line, header.fileStart, length);
    header.close = tokenEnd - 1;
    if (header.close <= header.fileStart || line.charAt(header.close) != ']') {
      return null;
    }
    header.colon = line.lastIndexOf(':', header.close);
    int lineDigits = header.close - header.colon - 1;
    if (header.colon <= header.fileStart || lineDigits < 1 || lineDigits > 9
        || TextScan.digits(line, header.colon + 1, lineDigits) < 0) {
      return null;
    }
    return header;
  }
}
