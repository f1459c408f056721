package io.logwarden.cli;

import io.logwarden.policy.DurationSyntax;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads {@code --since}: an ISO-8601 instant ({@code 2026-11-27T10:00:00Z}) or a duration back
 * from now ({@code 15m}, {@code 2h}, {@code 7d}).
 */
final class TimeOption implements ITypeConverter<Instant> {

  private static final List<String> UNITS = List.of("s", "m", "h", "d", "w");

  private final Clock clock;

  TimeOption() {
    this(Clock.systemUTC());
  }

  TimeOption(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Instant convert(String value) {
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException notAnInstant) {
      try {
        return clock.instant().minus(DurationSyntax.parse(value, UNITS, false));
      } catch (IllegalArgumentException notADuration) {
        throw new TypeConversionException("'" + value + "' is neither an ISO-8601 instant (2026-11-27T10:00:00Z) "
            + "nor a duration back from now (15m, 2h, 7d)");
      }
    }
  }
}
