package io.logwarden.topology;

import io.logwarden.event.Metrics;
import io.logwarden.event.StageResources;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Counts the records that pass on their way to one destination topic and forwards them unchanged:
 * {@code logwarden.events.out{destination}} (see {@link Metrics#EVENTS_OUT}).
 */
public final class OutputCounter<K, V> implements FixedKeyProcessor<K, V, V> {


  private final String destination;
  private FixedKeyProcessorContext<K, V> context;
  private Counter counter;

  public OutputCounter(String destination) {
    this.destination = destination;
  }

  @Override
  public void init(FixedKeyProcessorContext<K, V> context) {
    this.context = context;
    Object registry = context.appConfigs().get(StageResources.METER_REGISTRY);
    MeterRegistry meters = registry instanceof MeterRegistry m ? m : new SimpleMeterRegistry();
    counter = meters.counter(Metrics.EVENTS_OUT.name(), "destination", destination);
  }

  @Override
  public void process(FixedKeyRecord<K, V> record) {
    counter.increment();
    context.forward(record);
  }
}
