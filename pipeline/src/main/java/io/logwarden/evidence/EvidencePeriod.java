package io.logwarden.evidence;

import io.logwarden.policy.DurationSyntax;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The moment a report speaks for and the period before it that its figures cover: records whose
 * time lies in (as-of − length, as-of]. The report prints the as-of, never the time it was made,
 * so the same as-of over the same data gives the same report.
 *
 * @param asOf the end of the period, inclusive, to the millisecond (Kafka's record times)
 * @param asOfText the as-of as the user gave it, for the report
 * @param length the period's length
 * @param lengthText the length as the user gave it, e.g. {@code 30d}
 */
public record EvidencePeriod(Instant asOf, String asOfText, Duration length, String lengthText) {

  /** The period when none is given. */
  public static final String DEFAULT_LENGTH = "30d";

  public EvidencePeriod {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(asOfText, "asOfText");
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(lengthText, "lengthText");
  }

  /**
   * Reads {@code --as-of} and {@code --period}.
   *
   * @param asOf an ISO date (the end of that day, UTC), an ISO instant, or null for now
   * @param length a duration of the policy's syntax ({@code 30d}, {@code 12w}, {@code 1y})
   * @throws IllegalArgumentException whose message says what is wrong with which
   */
  public static EvidencePeriod parse(String asOf, String length, Clock clock) {
    Duration duration;
    try {
      duration = DurationSyntax.parsePositive(length);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--period: " + e.getMessage() + " (e.g. 30d, 12w, 1y)", e);
    }
    if (asOf == null) {
      Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
      return new EvidencePeriod(now, now.toString(), duration, length);
    }
    return new EvidencePeriod(parseAsOf(asOf), asOf, duration, length);
  }

  private static Instant parseAsOf(String text) {
    try {
      LocalDate date = LocalDate.parse(text);
      // The whole day counts: its last millisecond, since record times are milliseconds.
      return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
    } catch (DateTimeParseException notADate) {
      try {
        return Instant.parse(text).truncatedTo(ChronoUnit.MILLIS);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("--as-of: '" + text
            + "' is neither a date (2026-11-28, the end of that day UTC) nor an instant (2026-11-28T12:00:00Z)", e);
      }
    }
  }

  /** The start of the period, exclusive. */
  public Instant start() {
    return asOf.minus(length);
  }

  /** The as-of's date in UTC: the day the report speaks for. */
  public LocalDate asOfDate() {
    return LocalDate.ofInstant(asOf, ZoneOffset.UTC);
  }

  /** The period as an interval, e.g. {@code (2026-10-29T23:59:59.999Z, 2026-11-28T23:59:59.999Z]}. */
  public String interval() {
    return "(" + start() + ", " + asOf + "]";
  }
}
