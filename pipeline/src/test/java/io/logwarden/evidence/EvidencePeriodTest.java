package io.logwarden.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** {@code --as-of} and {@code --period}. */
class EvidencePeriodTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:15:30.123456Z"), ZoneOffset.UTC);

  @Test
  void aDateMeansTheEndOfThatDayInUtc() {
    EvidencePeriod period = EvidencePeriod.parse("2026-11-28", "30d", CLOCK);
    assertThat(period.asOf()).isEqualTo(Instant.parse("2026-11-28T23:59:59.999Z"));
    assertThat(period.start()).isEqualTo(Instant.parse("2026-10-29T23:59:59.999Z"));
    assertThat(period.asOfDate()).hasToString("2026-11-28");
    assertThat(period.interval()).isEqualTo("(2026-10-29T23:59:59.999Z, 2026-11-28T23:59:59.999Z]");
  }

  @Test
  void anInstantIsTakenAsGivenAndNowIsTheDefault() {
    assertThat(EvidencePeriod.parse("2026-11-28T12:00:00Z", "1w", CLOCK).asOf())
        .isEqualTo(Instant.parse("2026-11-28T12:00:00Z"));
    EvidencePeriod now = EvidencePeriod.parse(null, "30d", CLOCK);
    assertThat(now.asOf()).isEqualTo(Instant.parse("2026-11-28T10:15:30.123Z"));
    assertThat(now.asOfText()).isEqualTo("2026-11-28T10:15:30.123Z");
  }

  @Test
  void thePeriodUsesThePolicysDurationSyntax() {
    assertThat(EvidencePeriod.parse("2026-11-28", "1y", CLOCK).length()).isEqualTo(Duration.ofDays(365));
    assertThat(EvidencePeriod.parse("2026-11-28", "12h", CLOCK).length()).isEqualTo(Duration.ofHours(12));
    assertThatThrownBy(() -> EvidencePeriod.parse("2026-11-28", "P30D", CLOCK))
        .hasMessageStartingWith("--period: 'P30D' is not a duration");
    assertThatThrownBy(() -> EvidencePeriod.parse("2026-11-28", "0d", CLOCK)).hasMessageContaining("is zero");
    assertThatThrownBy(() -> EvidencePeriod.parse("28.11.2026", "30d", CLOCK))
        .hasMessageStartingWith("--as-of: '28.11.2026' is neither a date");
  }

  @Test
  void durationsReadAsAReaderWritesThem() {
    assertThat(DurationText.retention(Duration.ofDays(30))).isEqualTo("30 days");
    assertThat(DurationText.retention(Duration.ofDays(1))).isEqualTo("1 day");
    assertThat(DurationText.retention(Duration.ofDays(7 * 365))).isEqualTo("7 years (2555 days)");
    assertThat(DurationText.retention(Duration.ofHours(36))).isEqualTo("1 d 12 h");
    assertThat(DurationText.retentionMs("-1")).isEqualTo("-1 (unlimited)");
    assertThat(DurationText.retentionMs("7776000000")).isEqualTo("7776000000 (90 days)");
    assertThat(DurationText.retentionMs("220752000000")).isEqualTo("220752000000 (7 years)");
    assertThat(DurationText.retentionMs("0")).isEqualTo("0 (0 ms)");
    assertThat(DurationText.skew(-5_001)).isEqualTo("-5 s");
    assertThat(DurationText.skew(3_661_000)).isEqualTo("+1 h 1 min");
    assertThat(DurationText.skew(0)).isEqualTo("+0 ms");
  }
}
