package io.logwarden.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

/** Liveness and readiness from Kafka Streams states, state by state. */
class TopologyHealthTest {

  private static final Instant START = Instant.parse("2026-11-28T06:00:00Z");

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    private Instant now = START;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final TestClock clock = new TestClock();
  private final TopologyHealth health = new TopologyHealth(clock, Duration.ofMinutes(5));

  @Test
  void nothingStartedIsLiveButNotReady() {
    assertThat(health.status().live()).isTrue();
    assertThat(health.status().ready()).isFalse();
  }

  @Test
  void readyOnlyWhenEveryTopologyRuns() {
    health.observe("normalize", State.RUNNING);
    health.observe("detect", State.REBALANCING);
    assertThat(health.status().ready()).isFalse();
    assertThat(health.status().live()).isTrue();
    assertThat(health.status().states()).containsExactly(
        java.util.Map.entry("normalize", "RUNNING"), java.util.Map.entry("detect", "REBALANCING"));
    health.observe("detect", State.RUNNING);
    assertThat(health.status().ready()).isTrue();
    assertThat(health.status().problem()).isNull();
  }

  @Test
  void errorsAndUnaskedStopsAreDead() {
    for (State dead : new State[] {State.ERROR, State.PENDING_ERROR, State.PENDING_SHUTDOWN, State.NOT_RUNNING}) {
      TopologyHealth one = new TopologyHealth(clock, Duration.ofMinutes(5));
      one.observe("detect", State.RUNNING);
      one.observe("detect", dead);
      assertThat(one.status().live()).as(dead.name()).isFalse();
      assertThat(one.status().ready()).as(dead.name()).isFalse();
      assertThat(one.status().problem()).as(dead.name()).startsWith("detect has");
    }
  }

  @Test
  void stoppingWhenAskedToCloseStaysLive() {
    health.observe("normalize", State.RUNNING);
    health.closing();
    health.observe("normalize", State.PENDING_SHUTDOWN);
    assertThat(health.status().live()).isTrue();
    health.observe("normalize", State.NOT_RUNNING);
    assertThat(health.status().live()).isTrue();
    assertThat(health.status().ready()).isFalse();
    // A failure while closing is still a failure.
    health.observe("normalize", State.ERROR);
    assertThat(health.status().live()).isFalse();
  }

  @Test
  void aRebalanceOrAStartLongerThanTheLimitIsStuck() {
    health.observe("normalize", State.CREATED);
    clock.now = START.plus(Duration.ofMinutes(5));
    assertThat(health.status().live()).as("at the limit").isTrue();
    clock.now = START.plus(Duration.ofMinutes(5)).plusSeconds(1);
    assertThat(health.status().live()).isFalse();
    assertThat(health.status().problem()).isEqualTo("normalize has been CREATED for more than 300 s");

    health.observe("normalize", State.REBALANCING);
    assertThat(health.status().live()).as("the clock restarts at each transition").isTrue();
    clock.now = clock.now.plus(Duration.ofMinutes(6));
    assertThat(health.status().live()).isFalse();
    health.observe("normalize", State.RUNNING);
    assertThat(health.status().live()).isTrue();
    assertThat(health.status().ready()).isTrue();
  }
}
