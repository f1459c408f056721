package io.logwarden.normalize.text;

import io.logwarden.normalize.MessageClassifier;
import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * What both syslog formats do with the MSG part once the header is read: classify it by the source
 * catalogue (sign-ins, sudo commands, account changes, ...), and expand rsyslog's {@code message repeated N times: [ MSG ]} into the N events it
 * stands for, so that a brute-force burst the daemon compressed still counts N attempts.
 */
final class SyslogMessages {

  /** Attribute: the process id the header names (RFC 5424 PROCID, the {@code [PID]} of an RFC 3164 tag). */
  static final String PID = ParsedEvent.PROCESS_PID;
  /** Flag: the event is one of the N that a {@code message repeated N times} line stands for. */
  static final String REPEATED = "repeated";
  /** Most events one repeated line yields; more are cut and flagged truncated. */
  static final int MAX_REPEATS = 10_000;

  private static final String PREFIX = "message repeated ";
  private static final String TIMES = " times: [";

  private SyslogMessages() {}

  /** The events of a line whose header is already in {@code header} and whose MSG is {@code message}. */
  static List<ParsedEvent> events(ParsedEvent header, String message, MessageClassifier classifier,
      ParseContext context) {
    if (message != null && message.startsWith(PREFIX)) {
      List<ParsedEvent> repeated = repeated(header, message, classifier, context);
      if (repeated != null) {
        return repeated;
      }
    }
    header.message = message;
    classify(header, classifier, context);
    return List.of(header);
  }

  private static List<ParsedEvent> repeated(ParsedEvent header, String message, MessageClassifier classifier,
      ParseContext context) {
    int i = PREFIX.length();
    int digitsStart = i;
    long count = 0;
    while (i < message.length() && TextScan.isDigit(message.charAt(i))) {
      // Saturate instead of overflowing: anything above the cap is cut anyway.
      count = Math.min(count * 10 + (message.charAt(i) - '0'), MAX_REPEATS + 1L);
      i++;
    }
    if (i == digitsStart || count < 1 || !message.startsWith(TIMES, i)) {
      return null;
    }
    int innerStart = i + TIMES.length();
    int innerEnd = message.length();
    while (innerEnd > innerStart && Character.isWhitespace(message.charAt(innerEnd - 1))) {
      innerEnd--;
    }
    if (innerEnd <= innerStart || message.charAt(innerEnd - 1) != ']') {
      return null;
    }
    header.message = message.substring(innerStart, innerEnd - 1).strip();
    header.flag(REPEATED);
    if (count > MAX_REPEATS) {
      count = MAX_REPEATS;
      header.flag(ParsedEvent.TRUNCATED);
    }
    classify(header, classifier, context);
    List<ParsedEvent> events = new ArrayList<>((int) count);
    events.add(header);
    for (int k = 1; k < count; k++) {
      events.add(header.copy());
    }
    return events;
  }

  private static void classify(ParsedEvent event, MessageClassifier classifier, ParseContext context) {
    if (event.message != null) {
      classifier.classify(event, event.message, context);
    }
  }
}
