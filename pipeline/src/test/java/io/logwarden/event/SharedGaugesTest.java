package io.logwarden.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SharedGaugesTest {

  private static final Tags RULE_A = Tags.of("rule", "a");

  @Test
  void ownersOfTheSameSeriesShareOneValueAndItOutlivesThem() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    SharedGauges.of(meters, Metrics.ALERT_UPDATES_PENDING, "owed", RULE_A).addAndGet(2);
    SharedGauges.of(meters, Metrics.ALERT_UPDATES_PENDING, "owed", RULE_A).addAndGet(3);
    System.gc(); // the owners are gone; Micrometer holds the value weakly, the registry's entry holds it
    assertThat(meters.get(Metrics.ALERT_UPDATES_PENDING.name()).tags(RULE_A).gauge().value()).isEqualTo(5);
    assertThat(meters.find(Metrics.ALERT_UPDATES_PENDING.name()).gauges()).hasSize(1);
  }

  @Test
  void otherTagsAndOtherRegistriesAreOtherSeries() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    AtomicLong a = SharedGauges.of(meters, Metrics.ALERT_UPDATES_PENDING, "owed", RULE_A);
    AtomicLong b = SharedGauges.of(meters, Metrics.ALERT_UPDATES_PENDING, "owed", Tags.of("rule", "b"));
    AtomicLong elsewhere = SharedGauges.of(new SimpleMeterRegistry(), Metrics.ALERT_UPDATES_PENDING, "owed", RULE_A);
    assertThat(a).isNotSameAs(b).isNotSameAs(elsewhere);
  }
}
