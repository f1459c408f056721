package io.logwarden.policy;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations of policy and rules files: a whole number followed directly by a unit. The
 * policy's units are {@code s}, {@code m}, {@code h}, {@code d}, {@code w} and {@code y}, where a
 * year is {@link Retention#DAYS_PER_YEAR} days; the rules file's are {@code ms}, {@code s}, {@code m},
 * {@code h} and {@code d}.
 *
 * <p>Deliberately narrower than ISO-8601 ({@code P30D}): the file is written by people reading a
 * policy table, and one obvious spelling keeps "30 days" from turning into 30 minutes.
 */
public final class DurationSyntax {

  /** The word that stands for Kafka's {@code retention.ms=-1}. */
  static final String UNLIMITED = "unlimited";

  /** The units of the policy file's durations. */
  static final List<String> POLICY_UNITS = List.of("s", "m", "h", "d", "w", "y");

  private static final Pattern DURATION = Pattern.compile("(-?)(\\d+)([a-zA-Z]*)");

  private DurationSyntax() {}

  /**
   * Parses a positive duration of the policy's units.
   *
   * @throws IllegalArgumentException whose message says, quoting the text, why it is not one
   */
  public static Duration parsePositive(String text) {
    return parse(text, POLICY_UNITS, false);
  }

  /**
   * Parses a duration of one of {@code units} (among ms, s, m, h, d, w and y).
   *
   * @param zeroAllowed whether zero is a duration here; a negative one never is
   * @throws IllegalArgumentException whose message says, quoting the text, why it is not one
   */
  public static Duration parse(String text, List<String> units, boolean zeroAllowed) {
    Matcher matcher = DURATION.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(PolicyException.quote(text) + " is not a duration");
    }
    if (!matcher.group(1).isEmpty()) {
      throw new IllegalArgumentException(PolicyException.quote(text) + " is negative");
    }
    String unit = matcher.group(3);
    if (unit.isEmpty()) {
      throw new IllegalArgumentException(PolicyException.quote(text) + " has no unit");
    }
    if (!units.contains(unit)) {
      throw new IllegalArgumentException(PolicyException.quote(text) + " has an unknown unit '" + unit
          + "' (units: " + String.join(", ", units) + ")");
    }
    long amount;
    try {
      amount = Long.parseLong(matcher.group(2));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PolicyException.quote(text) + " is too long", e);
    }
    if (amount == 0 && !zeroAllowed) {
      throw new IllegalArgumentException(PolicyException.quote(text) + " is zero");
    }
    Duration duration;
    try {
      duration = switch (unit) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        case "d" -> Duration.ofDays(amount);
        case "w" -> Duration.ofDays(Math.multiplyExact(amount, 7L));
        case "y" -> Duration.ofDays(Math.multiplyExact(amount, (long) Retention.DAYS_PER_YEAR));
        default -> throw new IllegalStateException("no unit " + unit);
      };
      // Kafka takes durations in milliseconds as a long; a duration beyond that cannot be configured.
      duration.toMillis();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(PolicyException.quote(text) + " is too long", e);
    }
    return duration;
  }
}
