package io.logwarden.evidence;

import io.logwarden.policy.Retention;
import java.time.Duration;

/** Durations as a reader of the report writes them: "30 days", "7 years (2555 days)", "+1 h 2 min". */
final class DurationText {

  private static final long SECOND = 1000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  private DurationText() {}

  /** A retention: whole years and days in words, anything shorter in units; "unlimited" for none. */
  static String retention(Retention retention) {
    return retention.isUnlimited() ? "unlimited" : retention(retention.period());
  }

  /** A retention period, e.g. "30 days", "7 years (2555 days)", "12 h". */
  static String retention(Duration period) {
    return words(period.toMillis(), true);
  }

  /** A topic's {@code retention.ms} with its meaning, e.g. "2592000000 (30 days)", "220752000000 (7 years)", "-1 (unlimited)". */
  static String retentionMs(String retentionMs) {
    if (retentionMs == null) {
      return "(unreadable)";
    }
    try {
      long millis = Long.parseLong(retentionMs);
      return retentionMs + " (" + (millis < 0 ? "unlimited" : words(millis, false)) + ")";
    } catch (NumberFormatException e) {
      return retentionMs;
    }
  }

  private static String words(long millis, boolean yearsInDaysToo) {
    if (millis > 0 && millis % DAY == 0) {
      long days = millis / DAY;
      if (days % Retention.DAYS_PER_YEAR == 0) {
        long years = days / Retention.DAYS_PER_YEAR;
        return years + (years == 1 ? " year" : " years") + (yearsInDaysToo ? " (" + days + " days)" : "");
      }
      return days + (days == 1 ? " day" : " days");
    }
    return compact(millis);
  }

  /** A signed skew in milliseconds, e.g. "+1 h 0 min", "-2 d 3 h", "+850 ms". */
  static String skew(long millis) {
    return (millis < 0 ? "-" : "+") + compact(Math.abs(millis));
  }

  /** The two largest units of a non-negative duration in milliseconds, e.g. "1 d 2 h", "5 s". */
  static String compact(long millis) {
    long[] sizes = {DAY, HOUR, MINUTE, SECOND, 1L};
    String[] units = {"d", "h", "min", "s", "ms"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis >= sizes[i] || i == sizes.length - 1) {
        String text = (millis / sizes[i]) + " " + units[i];
        if (i + 1 < sizes.length && sizes[i] > SECOND) {
          text += " " + (millis % sizes[i]) / sizes[i + 1] + " " + units[i + 1];
        }
        return text;
      }
    }
    throw new IllegalStateException("unreachable");
  }
}
