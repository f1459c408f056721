package io.logwarden.topology;

import io.logwarden.detect.AlertOutput;
import io.logwarden.detect.EventTimeExtractor;
import io.logwarden.detect.RuleProcessor;
import io.logwarden.detect.SignalExtractor;
import io.logwarden.detect.SignalProcessor;
import io.logwarden.detect.rules.DetectionRule;
import io.logwarden.detect.rules.RuleSet;
import io.logwarden.policy.Policy;
import io.logwarden.policy.Store;
import io.logwarden.schema.Alert;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.detect.DetectionSignal;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.topics.PipelineTopics;
import io.logwarden.topics.Topic;
import io.logwarden.topology.OutputCounter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The detect topology: the correlation rules of the rules file over the security-events topic (and
 * over the store topics rules read, such as the Sentry store's error events), on event time.
 *
 * <p>Per rule: the events it matches become small signals keyed by the rule's key, a repartition
 * topic brings each key's signals to one task, and the rule's processor keeps them in a window
 * store and the key's alert state in a key-value store (both changelogged) and publishes alerts:
 * OPEN, then UPDATED under the same id. Alerts of all rules go to the alerts topic, and, as events,
 * to the store that keeps alerts; a rule that follows other rules' alerts gets them as its first
 * step.
 */
public final class DetectTopology {

  public static final String SOURCE = "security-events-source";

  private DetectTopology() {}

  /** The name of a rule's processor; its stores and repartition topic are named after it. */
  public static String ruleProcessorName(DetectionRule rule) {
    return "rule-" + rule.id();
  }

  public static String signalsStoreName(DetectionRule rule) {
    return ruleProcessorName(rule) + "-signals";
  }

  public static String statesStoreName(DetectionRule rule) {
    return ruleProcessorName(rule) + "-states";
  }

  /** The store whose data includes alerts (the policy's Better Stack), or null when none does. */
  public static Store alertStore(Policy policy) {
    for (Store store : policy.stores().values()) {
      if (store.data().contains("alerts")) {
        return store;
      }
    }
    return null;
  }

  /**
   * Builds the topology; pure: no I/O, the same inputs give the same topology.
   *
   * @param config the Streams configuration the topology will run with; it refuses auto-named
   *     internal resources
   */
  public static Topology build(Policy policy, PipelineTopics topics, RuleSet rules, TopologyConfig config) {
    StreamsBuilder builder = new StreamsBuilder(config);
    EventTimeExtractor eventTime = new EventTimeExtractor(policy.clockSkewTolerance());
    Topic<String, LogEvent> security = topics.securityEvents();
    Map<String, KStream<String, LogEvent>> inputs = new HashMap<>();
    inputs.put("", builder.stream(security.name(), security.consumed(SOURCE).withTimestampExtractor(eventTime)));
    for (String storeId : rules.inputStores()) {
      Topic<String, LogEvent> store = topics.store(storeId);
      inputs.put(storeId, builder.stream(store.name(),
          store.consumed("store-" + storeId + "-source").withTimestampExtractor(eventTime)));
    }

    Serde<DetectionSignal> signalSerde = LogwardenSerdes.detectionSignal();
    Map<String, KStream<String, Alert>> alertsByRule = new LinkedHashMap<>();
    for (DetectionRule rule : inBuildOrder(rules)) {
      String name = ruleProcessorName(rule);
      KStream<String, LogEvent> input = inputs.get(rule.inputStore() == null ? "" : rule.inputStore());
      SignalExtractor extractor = new SignalExtractor(rule);
      KStream<String, DetectionSignal> signals =
          input.process(() -> new SignalProcessor(extractor), Named.as(name + "-match"));
      KStream<String, DetectionSignal> bySignalKey = signals.repartition(repartitioned(name + "-by-key", signalSerde));
      if (rule.followsAlerts()) {
        // Each followed rule's alerts get a repartition topic of their own, merged only after it, so
        // that every rule's processor stays in a sub-topology (and tasks) of its own: merged before
        // one shared repartition, the followed rules would be joined into one sub-topology whose
        // few tasks cap how many threads can work on them.
        for (String followed : rule.afterAlerts()) {
          KStream<String, DetectionSignal> fromAlerts = alertsByRule.get(followed)
              .map((id, alert) -> SignalExtractor.fromAlert(alert), Named.as(name + "-after-" + followed))
              .repartition(repartitioned(name + "-after-" + followed + "-by-key", signalSerde));
          bySignalKey = bySignalKey.merge(fromAlerts, Named.as(name + "-and-" + followed));
        }
      }
      // Signals are written once and read by range: a cache would only stand between the two. A
      // key's state is read and rewritten for each of its signals: the record cache keeps the
      // latest in memory and writes it to RocksDB and the changelog once per commit.
      builder.addStateStore(Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(signalsStoreName(rule)), Serdes.Bytes(), Serdes.ByteArray())
          .withCachingDisabled());
      builder.addStateStore(Stores.keyValueStoreBuilder(
              Stores.persistentKeyValueStore(statesStoreName(rule)), Serdes.String(), LogwardenSerdes.ruleKeyState())
          .withCachingEnabled());
      KStream<String, Alert> alerts = bySignalKey
          .process(() -> new RuleProcessor(rule, signalsStoreName(rule), statesStoreName(rule)),
              Named.as(name), signalsStoreName(rule), statesStoreName(rule));
      alertsByRule.put(rule.id(), alerts);
      publish(alerts, name, policy, topics);
    }
    return builder.build();
  }

  // Each rule's alerts go to the sinks from its own sub-topology: merging them first would put every
  // rule's processor into one task.
  private static void publish(KStream<String, Alert> alerts, String name, Policy policy, PipelineTopics topics) {
    Topic<String, Alert> alertsTopic = topics.alerts();
    alerts.processValues(AlertOutput::alerts, Named.as(name + "-stamp"))
        .processValues(() -> new OutputCounter<String, Alert>(alertsTopic.name()), Named.as(name + "-count-to-alerts"))
        .to(alertsTopic.name(), alertsTopic.produced(name + "-alerts-sink"));
    Store alertStore = alertStore(policy);
    if (alertStore != null) {
      Topic<String, LogEvent> storeTopic = topics.store(alertStore.id());
      alerts.processValues(() -> AlertOutput.events(alertsTopic.name()), Named.as(name + "-as-events"))
          .processValues(() -> new OutputCounter<String, LogEvent>(storeTopic.name()),
              Named.as(name + "-count-to-" + alertStore.id()))
          .to(storeTopic.name(), storeTopic.produced(name + "-to-" + alertStore.id() + "-sink"));
    }
  }

  private static Repartitioned<String, DetectionSignal> repartitioned(String name, Serde<DetectionSignal> serde) {
    return Repartitioned.<String, DetectionSignal>as(name).withKeySerde(Serdes.String()).withValueSerde(serde);
  }

  // Rules that follow other rules' alerts after the rules they follow (the rules file forbids cycles).
  private static List<DetectionRule> inBuildOrder(RuleSet rules) {
    List<DetectionRule> ordered = new ArrayList<>();
    for (DetectionRule rule : rules.rules()) {
      if (!rule.followsAlerts()) {
        ordered.add(rule);
      }
    }
    for (DetectionRule rule : rules.rules()) {
      if (rule.followsAlerts()) {
        ordered.add(rule);
      }
    }
    return ordered;
  }
}
