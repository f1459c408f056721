package io.logwarden.schema.serde;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 UTC text of an instant with a fixed number of fraction digits,
 * {@code 2026-11-27T10:15:30.123Z}, the same text as {@code DateTimeFormatterBuilder.appendInstant(n)}
 * writes, without its cost: every event carries timestamps, and the {@code json} encoding writes them
 * for every record. Years outside 0000–9999 (which the formatter writes with a sign) go through the
 * formatter.
 */
final class IsoTimes {

  private static final long MILLIS_PER_DAY = 86_400_000L;
  // 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch milliseconds.
  private static final long FIRST = -62_167_219_200_000L;
  private static final long END = 253_402_300_800_000L;
  private static final DateTimeFormatter FALLBACK = AvroJson.instantFormatter(3);

  private IsoTimes() {}

  static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    // Within ±292 million years the millisecond count fits a long; beyond, the formatter.
    if (seconds > -9_000_000_000_000L && seconds < 9_000_000_000_000L) {
      return format(seconds * 1000 + instant.getNano() / 1_000_000);
    }
    return FALLBACK.format(instant);
  }

  static String format(long epochMillis) {
    if (epochMillis < FIRST || epochMillis >= END) {
      return FALLBACK.format(Instant.ofEpochMilli(epochMillis));
    }
    return format(Math.floorDiv(epochMillis, 1000), (int) Math.floorMod(epochMillis, 1000) * 1_000_000, 3);
  }

  /**
   * The text of {@code epochSecond} and {@code nanos} (0–999,999,999) with {@code digits} (3, 6 or 9)
   * fraction digits, the nanoseconds beyond them cut, as {@code appendInstant(digits)} writes it.
   */
  static String format(long epochSecond, int nanos, int digits) {
    if (epochSecond < FIRST / 1000 || epochSecond >= END / 1000) {
      return AvroJson.instantFormatter(digits).format(Instant.ofEpochSecond(epochSecond, nanos));
    }
    long day = Math.floorDiv(epochSecond, 86_400L);
    int secondOfDay = (int) Math.floorMod(epochSecond, 86_400L);
    // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted).
    long z = day + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long mp = (5 * dayOfYear + 2) / 153;
    int dayOfMonth = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));

    char[] text = new char[21 + digits];
    digits(text, 0, year, 4);
    text[4] = '-';
    digits(text, 5, month, 2);
    text[7] = '-';
    digits(text, 8, dayOfMonth, 2);
    text[10] = 'T';
    digits(text, 11, secondOfDay / 3600, 2);
    text[13] = ':';
    digits(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    digits(text, 17, secondOfDay % 60, 2);
    text[19] = '.';
    int fraction = digits == 3 ? nanos / 1_000_000 : digits == 6 ? nanos / 1000 : nanos;
    digits(text, 20, fraction, digits);
    text[20 + digits] = 'Z';
    return new String(text);
  }

  private static void digits(char[] text, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }
}
