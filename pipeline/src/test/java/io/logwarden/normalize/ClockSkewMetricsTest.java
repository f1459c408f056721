package io.logwarden.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.event.Metrics;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Source;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The clock-skew histogram: per host and direction, with the host label bounded. */
class ClockSkewMetricsTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ClockSkewMetrics metrics = new ClockSkewMetrics(meters);

  private static LogEvent event(String host, long skewMs) {
    LogEvent event = new LogEvent();
    event.setSource(new Source(host, null, null));
    event.setClockSkewMs(skewMs);
    return event;
  }

  private DistributionSummary summary(String host, String direction) {
    return meters.get(Metrics.CLOCK_SKEW.name()).tags("host", host, "direction", direction).summary();
  }

  @Test
  void eachEventIsRecordedInSecondsByHostAndDirection() {
    metrics.record(event("web-1", 3_600_000));
    metrics.record(event("web-1", 1_500));
    metrics.record(event("web-1", -2_000));
    metrics.record(event(null, 0));
    assertThat(summary("web-1", ClockSkewMetrics.AHEAD).count()).isEqualTo(2);
    assertThat(summary("web-1", ClockSkewMetrics.AHEAD).max()).isEqualTo(3600.0);
    assertThat(summary("web-1", ClockSkewMetrics.BEHIND).totalAmount()).isEqualTo(2.0);
    assertThat(summary(ClockSkewMetrics.UNKNOWN, ClockSkewMetrics.BEHIND).count()).isEqualTo(1);
  }

  @Test
  void hostsBeyondTheBoundShareOneLabel() {
    for (int i = 0; i < ClockSkewMetrics.MAX_HOSTS + 25; i++) {
      metrics.record(event("host-" + i, 10));
    }
    metrics.record(event("host-0", 10)); // a known host keeps its label
    assertThat(meters.find(Metrics.CLOCK_SKEW.name()).summaries()).hasSize(2 * (ClockSkewMetrics.MAX_HOSTS + 1));
    assertThat(summary(ClockSkewMetrics.OTHER, ClockSkewMetrics.AHEAD).count()).isEqualTo(25);
    assertThat(summary("host-0", ClockSkewMetrics.AHEAD).count()).isEqualTo(2);
  }
}
