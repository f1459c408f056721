package io.logwarden.normalize.text;

import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.SeverityScale;

/**
 * The {@code <PRI>} that opens a syslog line: facility times eight plus severity, the severity
 * mapped onto the OpenTelemetry scale and named by its RFC 5424 keyword.
 */
final class SyslogPriority {

  /** Attribute: the facility's keyword, e.g. {@code auth}, {@code local0}. */
  static final String FACILITY = "syslog.facility";

  private static final int MAX = 191;
  private static final String[] FACILITIES = {
      "kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv",
      "ftp", "ntp", "audit", "alert", "clock", "local0", "local1", "local2", "local3", "local4",
      "local5", "local6", "local7"};
  private static final String[] KEYWORDS = {
      "emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"};
  private static final int[] SEVERITIES = {
      SeverityScale.FATAL, SeverityScale.FATAL, SeverityScale.FATAL, SeverityScale.ERROR,
      SeverityScale.WARN, SeverityScale.INFO, SeverityScale.INFO, SeverityScale.DEBUG};

  private SyslogPriority() {}

  /**
   * The index after a {@code <PRI>} of one to three digits worth at most 191 at the start of the
   * line, or -1 when the line does not open with one.
   */
  static int end(String line) {
    if (line.isEmpty() || line.charAt(0) != '<') {
      return -1;
    }
    int value = 0;
    int i = 1;
    while (i < line.length() && i <= 4 && TextScan.isDigit(line.charAt(i))) {
      value = value * 10 + (line.charAt(i) - '0');
      i++;
    }
    if (i == 1 || i > 4 || i >= line.length() || line.charAt(i) != '>' || value > MAX) {
      return -1;
    }
    return i + 1;
  }

  /** The PRI value of a line whose {@link #end} is {@code end}. */
  static int value(String line, int end) {
    return Integer.parseInt(line, 1, end - 1, 10);
  }

  /** Sets the event's severity and facility from the PRI value. */
  static void apply(ParsedEvent event, int priority) {
    int severity = priority & 7;
    event.severityText = KEYWORDS[severity];
    event.severityNumber = SEVERITIES[severity];
    event.attribute(FACILITY, FACILITIES[priority >> 3]);
  }
}
