package io.logwarden.topology;

import io.logwarden.config.LogwardenConfig;
import io.logwarden.config.StreamsProperties;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Properties;

/** The configuration the topologies run with in production, for the test driver. */
final class TopologyFixture {

  static final Policy POLICY = PolicyLoader.loadDefault();

  private TopologyFixture() {}

  static Properties properties(TopologyKind kind, Path stateDir, SimpleMeterRegistry meters) {
    Properties props = StreamsProperties.of(LogwardenConfig.local("unused:9092", stateDir), kind, POLICY, meters);
    props.put("processing.guarantee", LogwardenConfig.AT_LEAST_ONCE);
    return props;
  }
}
