package io.logwarden.topology;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's configuration refuses auto-named state stores and internal topics, whose names
 * would change with the topology's shape and lose state on upgrade; the real topologies pass.
 */
class ExplicitNamingTest {

  @TempDir
  Path stateDir;

  @Test
  void unnamedStoreIsRefusedByThePipelineConfiguration() {
    Properties props = TopologyFixture.properties(TopologyKind.DETECT, stateDir, new SimpleMeterRegistry());
    StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(props)));
    builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).groupByKey().count();
    assertThatThrownBy(builder::build).hasMessageContaining("state store(s) has not been named");
  }

  @Test
  void realTopologiesNameEverything() {
    for (TopologyKind kind : TopologyKind.values()) {
      Properties props = TopologyFixture.properties(kind, stateDir, new SimpleMeterRegistry());
      assertThatCode(() -> Topologies.build(kind, TopologyFixture.POLICY,
              RawSubscription.pattern(TopologyFixture.POLICY.topics().rawPattern()), props))
          .as(kind.id()).doesNotThrowAnyException();
    }
  }
}
