package io.logwarden.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.detect.rules.DetectionRule;
import io.logwarden.detect.rules.RulesLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectTopologyTest {

  @TempDir
  Path stateDir;

  /**
   * Tasks are per sub-topology and partition: a rule that shared its sub-topology with others
   * would share their tasks, and no more threads than partitions could work on all of them.
   */
  @Test
  void everyRuleHasASubTopologyOfItsOwn() {
    Properties props = TopologyFixture.properties(TopologyKind.DETECT, stateDir, new SimpleMeterRegistry());
    TopologyDescription description = Topologies.build(TopologyKind.DETECT, TopologyFixture.POLICY,
        RawSubscription.pattern(TopologyFixture.POLICY.topics().rawPattern()), props).describe();
    List<DetectionRule> rules = RulesLoader.loadDefault(TopologyFixture.POLICY).rules();
    Map<String, Integer> subTopologyOf = new HashMap<>();
    for (TopologyDescription.Subtopology sub : description.subtopologies()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        subTopologyOf.put(node.name(), sub.id());
      }
    }
    Map<Integer, String> ruleOf = new HashMap<>();
    for (DetectionRule rule : rules) {
      Integer sub = subTopologyOf.get(DetectTopology.ruleProcessorName(rule));
      assertThat(sub).as("sub-topology of rule %s", rule.id()).isNotNull();
      String other = ruleOf.put(sub, rule.id());
      assertThat(other).as("rule sharing sub-topology %d with %s", sub, rule.id()).isNull();
    }
    assertThat(ruleOf).hasSize(rules.size());
  }
}
