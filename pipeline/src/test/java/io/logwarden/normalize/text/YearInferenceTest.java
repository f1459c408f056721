package io.logwarden.normalize.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.EventTimes;
import io.logwarden.normalize.ParseContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The year of year-less times (BSD syslog, klog): the observed year, unless that lands over a day ahead. */
class YearInferenceTest {

  private static ParseContext observedAt(String instant) {
    return TextFixtures.context(Instant.parse(instant), ZoneOffset.UTC);
  }

  @Test
  void newYearsEveReadOnNewYearsDayIsLastYear() {
    ParseContext context = observedAt("2027-01-01T00:00:10Z");

    assertThat(new SyslogRfc3164Parser().parse("<13>Dec 31 23:59:59 h app: m", context).get(0).time)
        .isEqualTo(Instant.parse("2026-12-31T23:59:59Z"));
    assertThat(new KlogParser().parse("I1231 23:59:59.000001    7 main.go:1] m", context).get(0).time)
        .isEqualTo(Instant.parse("2026-12-31T23:59:59.000001Z"));
  }

  @ParameterizedTest
  @CsvSource({
      // More than a day ahead of the observed time: last year's.
      "Jul 23 10:00:01, 2026-07-22T10:00:00Z, 2025-07-23T10:00:01Z",
      "Jul 24 00:00:00, 2026-07-22T10:00:00Z, 2025-07-24T00:00:00Z",
      // A day ahead at most (clock drift): this year's, to be flagged future_time by the mapper.
      "Jul 23 10:00:00, 2026-07-22T10:00:00Z, 2026-07-23T10:00:00Z",
      "Jul 22 10:00:05, 2026-07-22T10:00:00Z, 2026-07-22T10:00:05Z",
      // In the past: this year's, however far back.
      "Jan  1 00:00:00, 2026-12-31T23:59:59Z, 2026-01-01T00:00:00Z",
      // February 29 exists only in leap years; read in a leap year it is that year's ...
      "Feb 29 12:00:00, 2028-03-01T00:00:00Z, 2028-02-29T12:00:00Z",
      "Feb 29 23:00:00, 2028-02-28T23:30:00Z, 2028-02-29T23:00:00Z",
      // ... and otherwise the latest leap year's.
      "Feb 29 12:00:00, 2027-03-01T00:00:00Z, 2024-02-29T12:00:00Z",
      "Feb 29 12:00:00, 2028-02-27T00:00:00Z, 2024-02-29T12:00:00Z",
  })
  void yearOfBsdTime(String stamp, String observed, String expected) {
    String line = "<13>" + stamp + " h app: m";

    assertThat(new SyslogRfc3164Parser().parse(line, observedAt(observed)).get(0).time)
        .isEqualTo(Instant.parse(expected));
  }

  @Test
  void observedYearIsTheYearInTheSourcesZone() {
    // 2026-12-31T23:30Z is already 2027 in Tokyo; a January 1 line there is this (2027) year's.
    Instant observed = Instant.parse("2026-12-31T23:30:00Z");
    Instant time = EventTimes.ofYearless(1, 1, 8, 0, 0, 0, ZoneId.of("Asia/Tokyo"), observed);

    assertThat(time).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
  }

  @ParameterizedTest
  @CsvSource({"13, 1, 0, 0, 0", "2, 30, 0, 0, 0", "1, 0, 0, 0, 0", "1, 1, 24, 0, 0", "1, 1, 0, 60, 0", "1, 1, 0, 0, 60"})
  void impossibleFieldsGiveNoTime(int month, int day, int hour, int minute, int second) {
    assertThat(EventTimes.ofYearless(month, day, hour, minute, second, 0, ZoneOffset.UTC, Instant.parse("2026-07-22T10:00:00Z")))
        .isNull();
  }
}
