package io.logwarden.topology;

import io.logwarden.detect.AlertPublisher;
import io.logwarden.detect.EventTimeExtractor;
import io.logwarden.detect.FailedSignInCounter;
import io.logwarden.detect.FailedSignInThresholdRule;
import io.logwarden.ops.OutputCounter;
import io.logwarden.policy.Policy;
import io.logwarden.schema.Alert;
import io.logwarden.schema.LogEvent;
import io.logwarden.topics.PipelineTopics;
import io.logwarden.topics.Topic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The detect topology: failed sign-ins on the security-events topic, counted per source address in
 * event-time windows; a window that reaches the rule's threshold raises an alert on the alerts topic
 * (OPEN, then UPDATED under the same id as more failures arrive).
 */
public final class DetectTopology {

  public static final String SOURCE = "security-events-source";
  public static final String FAILED_SIGN_INS_STORE = "failed-sign-ins-by-source-store";
  public static final String BY_SOURCE_REPARTITION = "failed-sign-ins-by-source";

  private DetectTopology() {}

  /**
   * Builds the topology; pure: no I/O, the same inputs give the same topology.
   *
   * @param config the Streams configuration the topology will run with; it refuses auto-named
   *     internal resources
   */
  public static Topology build(
      Policy policy, PipelineTopics topics, FailedSignInThresholdRule rule, TopologyConfig config) {
    StreamsBuilder builder = new StreamsBuilder(config);
    Topic<String, LogEvent> security = topics.securityEvents();
    Topic<String, Alert> alerts = topics.alerts();
    FailedSignInCounter counter = new FailedSignInCounter(rule);

    builder.stream(security.name(), security.consumed(SOURCE)
            .withTimestampExtractor(new EventTimeExtractor(policy.clockSkewTolerance())))
        .filter((key, event) -> FailedSignInCounter.isFailedSignInWithSource(event), Named.as("failed-sign-ins"))
        .groupBy((key, event) -> event.getSource().getAddress(),
            Grouped.with(BY_SOURCE_REPARTITION, Serdes.String(), security.valueSerde()))
        .windowedBy(TimeWindows.ofSizeAndGrace(rule.window(), rule.grace()))
        .aggregate(counter::initial, counter::add, Named.as("count-failed-sign-ins"),
            Materialized.<String, Alert, WindowStore<Bytes, byte[]>>as(FAILED_SIGN_INS_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(alerts.valueSerde())
                // Every count must be seen, so that the alert opens exactly at the threshold.
                .withCachingDisabled())
        .toStream(Named.as("failed-sign-in-counts"))
        .filter((window, state) -> counter.reachesThreshold(state), Named.as("over-threshold"))
        .process(() -> new AlertPublisher(counter), Named.as("build-alert"))
        .processValues(() -> new OutputCounter<String, Alert>(alerts.name()), Named.as("count-to-alerts"))
        .to(alerts.name(), alerts.produced("alerts-sink"));
    return builder.build();
  }
}
