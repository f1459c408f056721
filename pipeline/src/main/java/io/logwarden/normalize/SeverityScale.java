package io.logwarden.normalize;

import java.util.Locale;

/** Maps producers' severity words and numbers onto the OpenTelemetry severity scale (1-24). */
public final class SeverityScale {

  public static final int TRACE = 1;
  public static final int DEBUG = 5;
  public static final int INFO = 9;
  public static final int WARN = 13;
  public static final int ERROR = 17;
  public static final int FATAL = 21;

  private SeverityScale() {}

  /** The OpenTelemetry severity number of a level word, or null when the word is not a known level. */
  public static Integer fromText(String level) {
    if (level == null) {
      return null;
    }
    return switch (level.trim().toLowerCase(Locale.ROOT)) {
      case "trace", "finest", "finer" -> TRACE;
      case "debug", "fine", "config", "d" -> DEBUG;
      case "info", "information", "informational", "notice", "i" -> INFO;
      case "warn", "warning", "w" -> WARN;
      case "error", "err", "severe", "e" -> ERROR;
      case "fatal", "critical", "crit", "alert", "emerg", "emergency", "panic", "f" -> FATAL;
      default -> null;
    };
  }

  /**
   * The OpenTelemetry severity number of a numeric level on a scale whose values are unambiguous:
   * pino/bunyan (10 trace ... 60 fatal) and logback/log4j 1 {@code level_value} (5000 trace ... 50000
   * fatal). Null for any other number, since e.g. 3 could be syslog's error or a custom level.
   */
  public static Integer fromNumericLevel(long level) {
    if (level < 0 || level > 50_000) {
      return null;
    }
    return switch ((int) level) {
      case 10, 5000 -> TRACE;
      case 20, 10000 -> DEBUG;
      case 30, 20000 -> INFO;
      case 40, 30000 -> WARN;
      case 50, 40000 -> ERROR;
      case 60, 50000 -> FATAL;
      default -> null;
    };
  }
}
