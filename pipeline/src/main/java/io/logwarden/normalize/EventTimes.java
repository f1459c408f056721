package io.logwarden.normalize;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Reads event times in their common representations: ISO-8601 with or without an offset (no offset
 * means UTC), epoch seconds, milliseconds, microseconds or nanoseconds, told apart by magnitude,
 * and the year-less dates of BSD syslog and klog.
 */
public final class EventTimes {

  // Epoch values at or above these are taken as the finer unit (seconds up to year 5138, and so on).
  private static final BigDecimal MILLIS_FROM = new BigDecimal("100000000000");
  private static final BigDecimal MICROS_FROM = new BigDecimal("100000000000000");
  private static final BigDecimal NANOS_FROM = new BigDecimal("100000000000000000");

  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

  // A year-less time may run this far ahead of the observed time (clock drift) and keep its year.
  private static final Duration YEARLESS_AHEAD = Duration.ofDays(1);
  // Every run of nine consecutive years holds a leap year (1896 to 1904 is the longest gap).
  private static final int LEAP_SEARCH_YEARS = 8;

  private EventTimes() {}

  /** The instant of an ISO-8601 string (UTC when it has no offset), or null when it is not one. */
  public static Instant parseIso(String text) {
    return parseIso(text, ZoneOffset.UTC);
  }

  /** The instant of an ISO-8601 string, in {@code zone} when it has no offset; null when it is not one. */
  public static Instant parseIso(String text, ZoneId zone) {
    String trimmed = text.trim();
    Instant common = parseCommonIso(trimmed, zone);
    if (common != null) {
      return common;
    }
    String repaired = repairIso(trimmed);
    if (repaired != null) {
      Instant instant = parseCommonIso(repaired, zone);
      if (instant != null) {
        return instant;
      }
      trimmed = repaired;
    }
    try {
      return OffsetDateTime.parse(trimmed, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(trimmed, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zone).toInstant();
      } catch (DateTimeParseException notLocal) {
        return null;
      }
    }
  }

  /**
   * The ISO-8601 form of the two common near-ISO shapes, or null when there is nothing to repair: a space
   * between date and time (RFC 3339 allows it; NXLog, PostgreSQL and Python write it), and an offset
   * without its colon ({@code +0000}, strftime's {@code %z}, as Apache writes it).
   */
  private static String repairIso(String s) {
    int n = s.length();
    if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      return null;
    }
    String fixed = s;
    if (s.charAt(10) == ' ') {
      fixed = s.substring(0, 10) + 'T' + s.substring(11);
    }
    int m = fixed.length();
    if (m >= 24 && (fixed.charAt(m - 5) == '+' || fixed.charAt(m - 5) == '-') && isDigits(fixed, m - 4, m)
        && fixed.lastIndexOf(':') > 10 && fixed.charAt(m - 3) != ':') {
      fixed = fixed.substring(0, m - 2) + ':' + fixed.substring(m - 2);
    }
    return fixed.equals(s) ? null : fixed;
  }

  private static boolean isDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  // The shape nearly every producer writes, read without DateTimeFormatter, which costs about a
  // microsecond a call: yyyy-MM-ddTHH:mm:ss, a fraction of 1-9 digits or none, then Z, ±HH:MM or no
  // offset. Null for anything else, including out-of-range fields, which the formatters then judge.
  private static Instant parseCommonIso(String s, java.time.ZoneId zone) {
    int n = s.length();
    if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
        || second < 0 || second > 59 || day > java.time.Month.of(month).length(java.time.Year.isLeap(year))) {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (i < n && s.charAt(i) == '.') {
      int start = ++i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      if (i == start || i - start > 9) {
        return null;
      }
      nanos = digits(s, start, i);
      for (int scale = i - start; scale < 9; scale++) {
        nanos *= 10;
      }
    }
    long local = java.time.LocalDate.of(year, month, day).toEpochDay() * 86_400L
        + hour * 3600L + minute * 60L + second;
    if (i == n) {
      if (zone instanceof ZoneOffset offset) {
        return Instant.ofEpochSecond(local - offset.getTotalSeconds(), nanos);
      }
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos).atZone(zone).toInstant();
    }
    char sign = s.charAt(i);
    if (sign == 'Z' && i + 1 == n) {
      return Instant.ofEpochSecond(local, nanos);
    }
    if ((sign == '+' || sign == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
      int offsetHours = digits(s, i + 1, i + 3);
      int offsetMinutes = digits(s, i + 4, i + 6);
      int offsetSeconds = offsetHours * 3600 + offsetMinutes * 60;
      if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59 || offsetSeconds > 18 * 3600) {
        return null;
      }
      return Instant.ofEpochSecond(local - (sign == '-' ? -offsetSeconds : offsetSeconds), nanos);
    }
    return null;
  }

  private static int digits(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** The instant of an epoch number in seconds, millis, micros or nanos, or null when negative or out of range. */
  public static Instant fromEpoch(BigDecimal value) {
    if (value.signum() < 0) {
      return null;
    }
    BigDecimal nanos;
    if (value.compareTo(NANOS_FROM) >= 0) {
      nanos = value;
    } else if (value.compareTo(MICROS_FROM) >= 0) {
      nanos = value.movePointRight(3);
    } else if (value.compareTo(MILLIS_FROM) >= 0) {
      nanos = value.movePointRight(6);
    } else {
      nanos = value.movePointRight(9);
    }
    BigInteger[] parts = nanos.toBigInteger().divideAndRemainder(NANOS_PER_SECOND);
    try {
      return Instant.ofEpochSecond(parts[0].longValueExact(), parts[1].longValueExact());
    } catch (ArithmeticException | java.time.DateTimeException outOfRange) {
      return null;
    }
  }

  /**
   * The instant of a date-time logged without a year (BSD syslog, klog), read in {@code zone}: the
   * year of {@code observed}, or an earlier one when that would put the time more than a day ahead
   * of the observed time (a December 31 line read on January 1) or when the date does not exist in
   * it (February 29). Null when the fields are no valid date-time.
   */
  public static Instant ofYearless(int month, int day, int hour, int minute, int second, int nano,
      ZoneId zone, Instant observed) {
    if (month < 1 || month > 12 || day < 1 || day > Month.of(month).maxLength()
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
        || nano < 0 || nano > 999_999_999) {
      return null;
    }
    int observedYear = observed.atZone(zone).getYear();
    Instant latest = observed.plus(YEARLESS_AHEAD);
    for (int year = observedYear; year >= observedYear - LEAP_SEARCH_YEARS; year--) {
      if (month == 2 && day == 29 && !Year.isLeap(year)) {
        continue;
      }
      Instant candidate = LocalDateTime.of(year, month, day, hour, minute, second, nano).atZone(zone).toInstant();
      if (!candidate.isAfter(latest)) {
        return candidate;
      }
    }
    return null;
  }

  /** Truncates to the microseconds the canonical event keeps. */
  public static Instant toMicros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }
}
