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
}
