package io.logwarden.event;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges whose value lives as long as their registry: Micrometer holds a gauge's value object weakly,
 * so a value held only by a short-lived owner (a provisioner run once at start-up, a task that moves
 * at a rebalance) reads NaN once collected. Here the value is held per registry, and every caller
 * asking for the same name and tags gets the same one: one series however many owners set or add to it.
 */
public final class SharedGauges {

  private static final Map<MeterRegistry, Map<String, AtomicLong>> VALUES =
      Collections.synchronizedMap(new WeakHashMap<>());

  private SharedGauges() {}

  /** The value of gauge {@code metric} with {@code tags} in {@code meters}, registered on first use. */
  public static AtomicLong of(MeterRegistry meters, Metrics.Metric metric, String description, Tags tags) {
    Map<String, AtomicLong> values = VALUES.computeIfAbsent(meters, registry -> new ConcurrentHashMap<>());
    return values.computeIfAbsent(metric.name() + tags, id -> {
      AtomicLong value = new AtomicLong();
      Gauge.builder(metric.name(), value, AtomicLong::get).description(description).tags(tags).register(meters);
      return value;
    });
  }
}
