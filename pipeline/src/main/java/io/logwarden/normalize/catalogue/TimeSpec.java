package io.logwarden.normalize.catalogue;

import io.logwarden.normalize.EventTimes;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Where an entry's event time is and how it is written.
 *
 * @param field the capture or {@code kv} name (text entries), or the dotted path, {@code a|b} for
 *     alternatives (field entries)
 */
record TimeSpec(String field, Format format) {

  /** The representations an entry can name. */
  enum Format {
    ISO8601, EPOCH, EPOCH_S, EPOCH_MS, EPOCH_US, EPOCH_NS;

    static final List<String> NAMES = List.of("iso8601", "epoch", "epoch_s", "epoch_ms", "epoch_us", "epoch_ns");

    static Format of(String name) {
      int index = NAMES.indexOf(name);
      return index < 0 ? null : values()[index];
    }
  }

  /** The instant of a value in this format, or null when it is not one. */
  Instant read(String text, ZoneId zone) {
    if (text == null) {
      return null;
    }
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    if (format == Format.ISO8601) {
      return EventTimes.parseIso(trimmed, zone);
    }
    BigDecimal number;
    try {
      number = new BigDecimal(trimmed);
    } catch (NumberFormatException notNumber) {
      return null;
    }
    if (number.signum() < 0 || number.precision() - number.scale() > 24) {
      return null;
    }
    BigDecimal seconds = switch (format) {
      case EPOCH -> null;
      case EPOCH_S -> number;
      case EPOCH_MS -> number.movePointLeft(3);
      case EPOCH_US -> number.movePointLeft(6);
      case EPOCH_NS -> number.movePointLeft(9);
      default -> throw new IllegalStateException(format.name());
    };
    if (seconds == null) {
      return EventTimes.fromEpoch(number);
    }
    try {
      long whole = seconds.longValue();
      long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
      return Instant.ofEpochSecond(whole, nanos);
    } catch (ArithmeticException | java.time.DateTimeException outOfRange) {
      return null;
    }
  }
}
