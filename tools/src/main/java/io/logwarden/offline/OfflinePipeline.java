package io.logwarden.offline;

import io.logwarden.config.LogwardenConfig;
import io.logwarden.config.StreamsProperties;
import io.logwarden.detect.rules.RuleSet;
import io.logwarden.policy.Policy;
import io.logwarden.policy.Store;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.topics.PipelineTopics;
import io.logwarden.topology.DetectTopology;
import io.logwarden.topology.RawSubscription;
import io.logwarden.topology.Topologies;
import io.logwarden.topology.TopologyKind;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;

/**
 * Runs the normalize and detect topologies without a broker, in Kafka Streams' test driver: the same
 * topology code and configuration as a deployment, fed one raw record at a time. Security events that
 * normalize writes are fed on to detect, as the topic would.
 */
public final class OfflinePipeline implements AutoCloseable {

  /** Keys a pass over a rule's keys visits per second (KeyExpiry.BATCH in the pipeline). */
  private static final long FINISH_SLICE = 2_000;

  /** A record one of the topologies wrote. */
  public record Output(String topic, byte[] key, byte[] value) {}

  private final TopologyTestDriver normalize;
  private final TopologyTestDriver detect;
  private final TestInputTopic<byte[], byte[]> raw;
  private final Map<String, TestInputTopic<byte[], byte[]>> detectInputs = new HashMap<>();
  private final List<NamedOutput> normalizeOutputs = new ArrayList<>();
  private final List<NamedOutput> detectOutputs = new ArrayList<>();
  /** The longest time in wall-clock time that an owed alert record of any rule can wait for: suppression + grace, or the update interval. */
  private final long longestDue;

  /**
   * @param rules the detection rules
   * @param rawTopic the raw topic the records are read as, e.g. {@code logs.raw.auth}
   * @param stateDir a scratch directory for the topologies' state
   * @param key the pseudonymization key
   */
  public OfflinePipeline(
      Policy policy, RuleSet rules, String rawTopic, Path stateDir, PseudonymKey key, MeterRegistry meters) {
    LogwardenConfig config = LogwardenConfig.local("offline:9092", stateDir, key);
    longestDue = rules.rules().stream()
        .mapToLong(rule -> Math.max(rule.suppression().plus(rule.grace()).toMillis(), rule.updateInterval().toMillis()))
        .max().orElse(0);
    PipelineTopics topics = PipelineTopics.from(policy);
    normalize = driver(TopologyKind.NORMALIZE, policy, rules, rawTopic, config, meters);
    detect = driver(TopologyKind.DETECT, policy, rules, rawTopic, config, meters);
    ByteArraySerializer bytes = new ByteArraySerializer();
    raw = normalize.createInputTopic(rawTopic, bytes, bytes);
    // Normalize's outputs that detect reads (security events, the stores some rules read) are fed on.
    List<String> detectTopics = new ArrayList<>();
    detectTopics.add(topics.securityEvents().name());
    rules.inputStores().forEach(store -> detectTopics.add(topics.store(store).name()));
    for (String topic : detectTopics) {
      detectInputs.put(topic, detect.createInputTopic(topic, bytes, bytes));
    }
    for (String topic : normalizeOutputTopics(topics)) {
      normalizeOutputs.add(output(normalize, topic));
    }
    detectOutputs.add(output(detect, topics.alerts().name()));
    detectOutputs.add(output(detect, topics.deadLetter().name()));
    Store alertStore = DetectTopology.alertStore(policy);
    if (alertStore != null) {
      detectOutputs.add(output(detect, topics.store(alertStore.id()).name()));
    }
  }

  /** Processes one raw record observed at the given time and hands every resulting output record to the sink. */
  public void process(byte[] value, Instant observedAt, Consumer<Output> sink) {
    raw.pipeInput(new TestRecord<>(null, value, observedAt));
    for (NamedOutput out : normalizeOutputs) {
      String topic = out.topic();
      for (TestRecord<byte[], byte[]> record : out.records().readRecordsToList()) {
        sink.accept(new Output(topic, record.key(), record.value()));
        TestInputTopic<byte[], byte[]> detectInput = detectInputs.get(topic);
        if (detectInput != null) {
          detectInput.pipeInput(new TestRecord<>(record.key(), record.value(), record.headers(), record.timestamp()));
        }
      }
    }
    drainDetect(sink);
  }

  private void drainDetect(Consumer<Output> sink) {
    for (NamedOutput out : detectOutputs) {
      for (TestRecord<byte[], byte[]> record : out.records().readRecordsToList()) {
        sink.accept(new Output(out.topic(), record.key(), record.value()));
      }
    }
  }

  /**
   * The end of the input: moves detect's wall clock on until every rule's owed alert updates and CLOSED
   * records are out (each is due at the latest once the key has been quiet, in wall-clock time, for its
   * rule's suppression plus grace, or its update interval), and hands them to the sink. The passes over
   * the keys take {@code KeyExpiry}'s slice of keys per second, so the clock then moves a second at
   * a time until every key has been visited.
   */
  public void finish(Consumer<Output> sink) {
    long keys = 0;
    for (StateStore store : detect.getAllStateStores().values()) {
      if (store.name().endsWith("-states") && store instanceof KeyValueStore<?, ?> states) {
        keys = Math.max(keys, states.approximateNumEntries());
      }
    }
    detect.advanceWallClockTime(Duration.ofMillis(longestDue).plusSeconds(1));
    for (long pass = 0; pass <= keys / FINISH_SLICE + 2; pass++) {
      detect.advanceWallClockTime(Duration.ofSeconds(1));
    }
    drainDetect(sink);
  }

  @Override
  public void close() {
    normalize.close();
    detect.close();
  }

  private record NamedOutput(String topic, TestOutputTopic<byte[], byte[]> records) {}

  private static NamedOutput output(TopologyTestDriver driver, String topic) {
    ByteArrayDeserializer bytes = new ByteArrayDeserializer();
    return new NamedOutput(topic, driver.createOutputTopic(topic, bytes, bytes));
  }

  private static List<String> normalizeOutputTopics(PipelineTopics topics) {
    List<String> result = new ArrayList<>();
    topics.stores().values().forEach(topic -> result.add(topic.name()));
    result.add(topics.securityEvents().name());
    result.add(topics.deadLetter().name());
    return result;
  }

  private static TopologyTestDriver driver(
      TopologyKind kind, Policy policy, RuleSet rules, String rawTopic, LogwardenConfig config, MeterRegistry meters) {
    Properties props = StreamsProperties.of(config, kind, policy, meters);
    // The test driver commits after every record; exactly-once adds nothing without a broker.
    props.put("processing.guarantee", LogwardenConfig.AT_LEAST_ONCE);
    return new TopologyTestDriver(Topologies.build(kind, policy, rules, RawSubscription.topics(List.of(rawTopic)), props), props);
  }
}
