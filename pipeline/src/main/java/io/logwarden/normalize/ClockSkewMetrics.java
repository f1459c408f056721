package io.logwarden.normalize;

import io.logwarden.event.Metrics;
import io.logwarden.schema.LogEvent;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clock skew of every event (its own time against the time Kafka received it) as a histogram
 * per reporting host and direction: {@code logwarden.clock.skew{host, direction}} in seconds, with
 * buckets from 100 ms to a day. Policy: clocks synchronized to reputable time sources (A 8.17).
 *
 * <p>A host name is free text from a log line, so the label is bounded: the first {@value #MAX_HOSTS}
 * hosts seen get their own series, later ones share {@value #OTHER}. Hosts are read after redaction,
 * so a host written as an IP or e-mail address is already a pseudonym. Shared by every task of a
 * process (thread-safe), so the bound is per process.
 */
public final class ClockSkewMetrics {

  /** Distinct host labels before further hosts share {@link #OTHER}. */
  public static final int MAX_HOSTS = 100;
  public static final String OTHER = "other";
  public static final String UNKNOWN = "unknown";
  /** Direction of an event dated after its arrival (a clock running fast). */
  public static final String AHEAD = "ahead";
  /** Direction of an event dated at or before its arrival (a slow clock, or a late delivery). */
  public static final String BEHIND = "behind";

  private static final double[] BUCKETS_SECONDS = {0.1, 1, 5, 30, 60, 300, 3600, 86400};

  private final MeterRegistry meters;
  private final Map<String, DistributionSummary[]> summaries = new ConcurrentHashMap<>();
  private final Map<String, Boolean> hosts = new ConcurrentHashMap<>();
  /** Set once {@link #MAX_HOSTS} labels are taken; only ever goes from false to true. */
  private volatile boolean full;

  public ClockSkewMetrics(MeterRegistry meters) {
    this.meters = meters;
  }

  /** Records one event's skew. */
  public void record(LogEvent event) {
    long skewMs = event.getClockSkewMs();
    String host = hostLabel(event.getSource() == null ? null : event.getSource().getHost());
    // Per event: one map lookup by host, no allocation; the two directions' summaries are made once.
    DistributionSummary[] byDirection = summaries.computeIfAbsent(host,
        label -> new DistributionSummary[] {summary(label, AHEAD), summary(label, BEHIND)});
    byDirection[skewMs > 0 ? 0 : 1].record(Math.abs(skewMs) / 1000.0);
  }

  private DistributionSummary summary(String host, String direction) {
    return DistributionSummary.builder(Metrics.CLOCK_SKEW.name())
        .description("Event time minus the time Kafka received the event, per reporting host")
        .baseUnit("seconds")
        .tags("host", host, "direction", direction)
        .serviceLevelObjectives(BUCKETS_SECONDS)
        .register(meters);
  }

  String hostLabel(String host) {
    if (host == null || host.isBlank()) {
      return UNKNOWN;
    }
    if (hosts.containsKey(host)) {
      return host;
    }
    if (full) {
      return OTHER; // no lock on the hot path once the labels are taken, however many hosts follow
    }
    synchronized (hosts) {
      if (hosts.size() < MAX_HOSTS) {
        hosts.put(host, Boolean.TRUE);
        return host;
      }
      full = true;
    }
    return OTHER;
  }
}
