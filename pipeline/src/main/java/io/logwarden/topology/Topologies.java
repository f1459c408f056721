package io.logwarden.topology;

import io.logwarden.event.StageResources;
import io.logwarden.schema.registry.SchemaRegistry;
import io.logwarden.detect.rules.RuleSet;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.policy.Policy;
import io.logwarden.topics.PipelineTopics;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;

/** Builds the topology of a kind; the one place that knows which builder serves which kind. */
public final class Topologies {

  private Topologies() {}

  /** Builds the topology of a kind with the shipped detection rules. */
  public static Topology build(TopologyKind kind, Policy policy, RawSubscription raw, Properties streamsProperties) {
    return build(kind, policy, RulesLoader.loadDefault(policy), raw, streamsProperties);
  }

  /**
   * @param rules the detection rules the detect topology runs
   * @param streamsProperties the Kafka Streams properties the topology will run with (see
   *     {@link io.logwarden.config.StreamsProperties}); the builder takes its topology settings from them
   */
  public static Topology build(
      TopologyKind kind, Policy policy, RuleSet rules, RawSubscription raw, Properties streamsProperties) {
    PipelineTopics topics = PipelineTopics.from(policy, registry(streamsProperties));
    TopologyConfig config = new TopologyConfig(new StreamsConfig(streamsProperties));
    return switch (kind) {
      case NORMALIZE -> NormalizeTopology.build(policy, topics, raw, config);
      case DETECT -> DetectTopology.build(policy, topics, rules, config);
      case NOTIFY -> NotifyTopology.build(topics, config);
    };
  }

  // The application hands the registry over with the Streams properties, as it does its other resources.
  private static SchemaRegistry registry(Properties streamsProperties) {
    return streamsProperties.get(StageResources.SCHEMA_REGISTRY) instanceof SchemaRegistry registry ? registry : null;
  }
}
