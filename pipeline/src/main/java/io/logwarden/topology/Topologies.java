package io.logwarden.topology;

import io.logwarden.detect.FailedSignInThresholdRule;
import io.logwarden.policy.Policy;
import io.logwarden.topics.PipelineTopics;
import org.apache.kafka.streams.Topology;

/** Builds the topology of a kind; the one place that knows which builder serves which kind. */
public final class Topologies {

  private Topologies() {}

  public static Topology build(TopologyKind kind, Policy policy, RawSubscription raw) {
    PipelineTopics topics = PipelineTopics.from(policy);
    return switch (kind) {
      case NORMALIZE -> NormalizeTopology.build(policy, topics, raw);
      case DETECT -> DetectTopology.build(policy, topics, FailedSignInThresholdRule.bruteForceBySource());
    };
  }
}
