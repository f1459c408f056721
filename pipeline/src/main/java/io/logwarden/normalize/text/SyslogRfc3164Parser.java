package io.logwarden.normalize.text;

import io.logwarden.normalize.EventTimes;
import io.logwarden.normalize.MessageClassifier;
import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.catalogue.CatalogueClassifier;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.json.GenericJsonParser;
import java.time.ZoneOffset;
import java.util.List;

/**
 * RFC 3164 (BSD) syslog: {@code [<PRI>]Mmm dd hh:mm:ss HOST TAG[PID]: MSG}, the day space-padded,
 * the year inferred from the observed time ({@link EventTimes#ofYearless}); or an RFC 3339 time
 * stamp in place of the BSD one (rsyslog's high-precision format). The host may be missing (a
 * line written by the local syslog daemon starts with the tag), and so may the tag.
 */
public final class SyslogRfc3164Parser extends ScannedTextParser<SyslogRfc3164Parser.Header> {

  public static final String FORMAT = "syslog-rfc3164";
  /** Attribute: the PAM module the older PAM layout names in the tag ({@code sshd(pam_unix)[42]:}). */
  public static final String PAM_MODULE = "pam.module";

  // Length of "hh:mm:ss".
  private static final int CLOCK_CHARS = 8;

  private final MessageClassifier classifier;

  /** A parser that classifies messages by the shipped catalogue. */
  public SyslogRfc3164Parser() {
    this(CatalogueClassifier.shipped());
  }

  /** A parser that classifies messages by {@code classifier}. */
  public SyslogRfc3164Parser(MessageClassifier classifier) {
    super(FORMAT);
    this.classifier = classifier;
  }

  @Override
  List<ParsedEvent> read(Header header, String line, ParseContext context) {
    ParsedEvent event = new ParsedEvent();
    if (header.priorityEnd > 0) {
      SyslogPriority.apply(event, SyslogPriority.value(line, header.priorityEnd));
    }
    event.time = header.isoEnd > 0
        ? TextScan.isoInstant(line, header.timeStart, header.isoEnd, context.zone())
        : EventTimes.ofYearless(header.month, header.day, header.hour, header.minute, header.second,
            header.nano, context.zone(), context.observedTime());
    if (event.time == null) {
      event.flag(GenericJsonParser.BAD_TIME);
    }
    if (header.hostStart >= 0) {
      event.host = line.substring(header.hostStart, header.hostEnd);
    }
    if (header.tagStart >= 0) {
      int tagEnd = header.tagEnd;
      // The older Linux-PAM layout names the module after the program: "sshd(pam_unix)[8812]:".
      if (tagEnd - header.tagStart > 3 && line.charAt(tagEnd - 1) == ')') {
        int open = line.lastIndexOf('(', tagEnd - 2);
        if (open > header.tagStart && open + 1 < tagEnd - 1) {
          event.attribute(PAM_MODULE, line.substring(open + 1, tagEnd - 1));
          tagEnd = open;
        }
      }
      event.process = line.substring(header.tagStart, tagEnd);
      if (header.pidStart >= 0) {
        event.attribute(SyslogMessages.PID, line.substring(header.pidStart, header.pidEnd));
      }
    }
    return SyslogMessages.events(event, line.substring(header.messageStart), classifier, context);
  }

  /** Where the parts of a well-formed line are; -1 for an absent part. */
  static final class Header {
    int priorityEnd = -1;
    int timeStart;
    int isoEnd = -1;
    int month;
    int day;
    int hour;
    int minute;
    int second;
    int nano;
    int hostStart = -1;
    int hostEnd;
    int tagStart = -1;
    int tagEnd;
    int pidStart = -1;
    int pidEnd;
    int messageStart;
  }

  @Override
  Header scan(String line) {
    Header header = new Header();
    int length = line.length();
    int i = 0;
    if (!line.isEmpty() && line.charAt(0) == '<') {
      header.priorityEnd = SyslogPriority.end(line);
      if (header.priorityEnd < 0) {
        return null;
      }
      i = header.priorityEnd;
    }
    header.timeStart = i;
    int timeEnd;
    if (i < length && TextScan.isDigit(line.charAt(i))) {
      timeEnd = TextScan.tokenEnd(line, i, length);
      // The time is read in parse; here only its shape counts (a real date, an offset or none).
      if (TextScan.isoInstant(line, i, timeEnd, ZoneOffset.UTC) == null) {
        return null;
      }
      header.isoEnd = timeEnd;
    } else {
      timeEnd = bsdTime(line, i, header);
      if (timeEnd < 0) {
        return null;
      }
    }
    if (timeEnd >= length || line.charAt(timeEnd) != ' ') {
      return null;
    }
    i = skipSpaces(line, timeEnd);
    if (i >= length) {
      return null;
    }
    int first = TextScan.tokenEnd(line, i, length);
    if (tag(line, i, first, header)) {
      header.messageStart = skipSpaces(line, first);
    } else {
      header.hostStart = i;
      header.hostEnd = first;
      int next = skipSpaces(line, first);
      int second = TextScan.tokenEnd(line, next, length);
      header.messageStart = next < length && tag(line, next, second, header) ? skipSpaces(line, second) : next;
    }
    // A line that merely opens with an ISO time ("2026-07-22T09:52:10Z INFO [main] ...") is an
    // application log, not syslog; without a PRI, only a syslog tag tells them apart.
    if (header.isoEnd > 0 && header.priorityEnd < 0 && header.tagStart < 0) {
      return null;
    }
    return header;
  }

  // "Mmm dd hh:mm:ss" with the day space-padded ("Jul  2") or not, and an optional fraction.
  private static int bsdTime(String line, int at, Header header) {
    int month = TextScan.month(line, at);
    if (month < 0 || at + 3 >= line.length() || line.charAt(at + 3) != ' ') {
      return -1;
    }
    int i = at + 4;
    if (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    int day = TextScan.digits(line, i, 2);
    if (day >= 0) {
      i += 2;
    } else {
      day = TextScan.digits(line, i, 1);
      i += 1;
    }
    if (day < 0 || i >= line.length() || line.charAt(i) != ' ') {
      return -1;
    }
    i++;
    int hour = TextScan.digits(line, i, 2);
    int minute = TextScan.digits(line, i + 3, 2);
    int second = TextScan.digits(line, i + 6, 2);
    if (hour < 0 || minute < 0 || second < 0 || line.charAt(i + 2) != ':' || line.charAt(i + 5) != ':') {
      return -1;
    }
    i += CLOCK_CHARS;
    if (i < line.length() && line.charAt(i) == '.') {
      int[] nano = new int[1];
      i = TextScan.fraction(line, i + 1, line.length(), nano);
      if (i < 0) {
        return -1;
      }
      header.nano = nano[0];
    }
    header.month = month;
    header.day = day;
    header.hour = hour;
    header.minute = minute;
    header.second = second;
    return i;
  }

  // A TAG token: "name:" or "name[pid]:", the name free of ':' and brackets, so that a host name
  // (which never ends in ':') is not taken for one.
  private static boolean tag(String line, int start, int end, Header header) {
    if (end - start < 2 || line.charAt(end - 1) != ':') {
      return false;
    }
    int nameEnd = end - 1;
    int pidStart = -1;
    if (line.charAt(nameEnd - 1) == ']') {
      int open = line.lastIndexOf('[', nameEnd - 1);
      if (open <= start || open + 1 >= nameEnd - 1) {
        return false;
      }
      pidStart = open + 1;
      nameEnd = open;
    }
    for (int k = start; k < nameEnd; k++) {
      char c = line.charAt(k);
      if (c == ':' || c == '[' || c == ']') {
        return false;
      }
    }
    header.tagStart = start;
    header.tagEnd = nameEnd;
    if (pidStart >= 0) {
      header.pidStart = pidStart;
      header.pidEnd = end - 2;
    }
    return true;
  }

  private static int skipSpaces(String line, int from) {
    int i = from;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }
}
