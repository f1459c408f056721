package io.logwarden.normalize.text;

import io.logwarden.normalize.EventTimes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;

/**
 * Hand-written readers of the small pieces text headers are made of (fixed-width digits, month
 * abbreviations, RFC 3339 time stamps, epoch numbers), so that a parser can tell a header from anything else
 * without regular expressions or exceptions on the hot path.
 */
final class TextScan {

  // An epoch number longer than this is no time, and not worth a BigDecimal.
  private static final int MAX_EPOCH_CHARS = 30;
  private static final String[] MONTHS = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

  private TextScan() {}

  /** The value of {@code count} ASCII digits at {@code at}, or -1 when they are not all there. */
  static int digits(String text, int at, int count) {
    if (at < 0 || at + count > text.length()) {
      return -1;
    }
    int value = 0;
    for (int i = at; i < at + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The month (1-12) of the English abbreviation {@code Jan}..{@code Dec} at {@code at}, or -1. */
  static int month(String text, int at) {
    if (at < 0 || at + 3 > text.length()) {
      return -1;
    }
    for (int m = 0; m < MONTHS.length; m++) {
      if (text.startsWith(MONTHS[m], at)) {
        return m + 1;
      }
    }
    return -1;
  }

  /** The index of the next space at or after {@code from} and before {@code end}, or {@code end}. */
  static int tokenEnd(String text, int from, int end) {
    for (int i = from; i < end; i++) {
      if (text.charAt(i) == ' ') {
        return i;
      }
    }
    return end;
  }

  /**
   * Reads the fraction digits at {@code at} (after the dot) as nanoseconds into {@code out[0]} and
   * returns the index after them, or -1 when there are none. Digits past the ninth are read and
   * dropped, since nanoseconds are the finest the JDK keeps.
   */
  static int fraction(String text, int at, int end, int[] out) {
    int i = at;
    int nano = 0;
    while (i < end && isDigit(text.charAt(i))) {
      if (i - at < 9) {
        nano = nano * 10 + (text.charAt(i) - '0');
      }
      i++;
    }
    int count = i - at;
    if (count == 0) {
      return -1;
    }
    for (int k = count; k < 9; k++) {
      nano *= 10;
    }
    out[0] = nano;
    return i;
  }

  /**
   * The instant of an RFC 3339 / ISO-8601 date-time filling exactly {@code text[from, to)}:
   * {@code yyyy-MM-ddTHH:mm:ss}, an optional fraction of up to nine digits (more are dropped), and
   * {@code Z}, {@code ±hh:mm}, {@code ±hhmm}, {@code ±hh} or no offset (then {@code zone}). Null
   * when the text is not one or names a date that does not exist.
   */
  static Instant isoInstant(String text, int from, int to, ZoneId zone) {
    if (from < 0 || to > text.length() || to - from < 19) {
      return null;
    }
    int year = digits(text, from, 4);
    int month = digits(text, from + 5, 2);
    int day = digits(text, from + 8, 2);
    int hour = digits(text, from + 11, 2);
    int minute = digits(text, from + 14, 2);
    int second = digits(text, from + 17, 2);
    char t = text.charAt(from + 10);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0
        || minute > 59 || second < 0 || second > 59
        || text.charAt(from + 4) != '-' || text.charAt(from + 7) != '-' || (t != 'T' && t != 't')
        || text.charAt(from + 13) != ':' || text.charAt(from + 16) != ':'
        || day > Month.of(month).length(Year.isLeap(year))) {
      return null;
    }
    int i = from + 19;
    int nano = 0;
    if (i < to && text.charAt(i) == '.') {
      int[] out = new int[1];
      i = fraction(text, i + 1, to, out);
      if (i < 0) {
        return null;
      }
      nano = out[0];
    }
    if (i == to) {
      return LocalDateTime.of(year, month, day, hour, minute, second, nano).atZone(zone).toInstant();
    }
    int offsetSeconds = offsetSeconds(text, i, to);
    if (offsetSeconds == Integer.MIN_VALUE) {
      return null;
    }
    long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L
        + hour * 3_600L + minute * 60L + second - offsetSeconds;
    return Instant.ofEpochSecond(epochSecond, nano);
  }

  /** The seconds of an offset filling {@code text[at, to)}: Z, ±hh:mm, ±hhmm or ±hh; MIN_VALUE when not one. */
  static int offsetSeconds(String text, int at, int to) {
    char sign = text.charAt(at);
    if ((sign == 'Z' || sign == 'z') && at + 1 == to) {
      return 0;
    }
    if (sign != '+' && sign != '-') {
      return Integer.MIN_VALUE;
    }
    int hours = digits(text, at + 1, 2);
    int minutes;
    int length = to - at;
    if (length == 3) {
      minutes = 0;
    } else if (length == 5) {
      minutes = digits(text, at + 3, 2);
    } else if (length == 6 && text.charAt(at + 3) == ':') {
      minutes = digits(text, at + 4, 2);
    } else {
      return Integer.MIN_VALUE;
    }
    if (hours < 0 || hours > 18 || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3_600 + minutes * 60;
    return sign == '-' ? -seconds : seconds;
  }

  /**
   * A time value as loggers write it: RFC 3339 / ISO-8601 (in {@code zone} without an offset) or
   * epoch seconds, millis, micros or nanos ({@link EventTimes#fromEpoch}); null when neither.
   */
  static Instant isoOrEpoch(String value, ZoneId zone) {
    if (isEpoch(value)) {
      return EventTimes.fromEpoch(new BigDecimal(value));
    }
    Instant instant = isoInstant(value, 0, value.length(), zone);
    // The JDK's parser reads the rarer ISO forms the scanner does not; it is slow, so only for
    // what starts like a date.
    return instant != null || value.length() < 10 || !isDigit(value.charAt(0))
        ? instant
        : EventTimes.parseIso(value, zone);
  }

  private static boolean isEpoch(String value) {
    if (value.isEmpty() || value.length() > MAX_EPOCH_CHARS) {
      return false;
    }
    boolean dot = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '.' && !dot && i > 0 && i < value.length() - 1) {
        dot = true;
      } else if (!isDigit(c)) {
        return false;
      }
    }
    return true;
  }

  /** A TCP/UDP port number of one to five digits in {@code text[from, to)}, or null. */
  static Integer port(String text, int from, int to) {
    int length = to - from;
    if (length < 1 || length > 5) {
      return null;
    }
    int value = digits(text, from, length);
    return value >= 0 && value <= 65_535 ? value : null;
  }
}
