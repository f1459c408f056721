package io.logwarden.topology;

import io.logwarden.detect.FailedSignInThresholdRule;
import io.logwarden.policy.Policy;
import io.logwarden.topics.PipelineTopics;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;

/** Builds the topology of a kind; the one place that knows which builder serves which kind. */
public final class Topologies {

  private Topologies() {}

  /**
   * @param streamsProperties the Kafka Streams properties the topology will run with (see
   *     {@link io.logwarden.config.StreamsProperties}); the builder takes its topology settings from them
   */
  public static Topology build(TopologyKind kind, Policy policy, RawSubscription raw, Properties streamsProperties) {
    PipelineTopics topics = PipelineTopics.from(policy);
    TopologyConfig config = new TopologyConfig(new StreamsConfig(streamsProperties));
    return switch (kind) {
      case NORMALIZE -> NormalizeTopology.build(policy, topics, raw, config);
      case DETECT -> DetectTopology.build(policy, topics, FailedSignInThresholdRule.bruteForceBySource(), config);
    };
  }
}
