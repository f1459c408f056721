package io.logwarden.benchmarks.detect;

import io.logwarden.config.LogwardenConfig;
import io.logwarden.config.StreamsProperties;
import io.logwarden.demo.EmbeddedKafkaBroker;
import io.logwarden.ops.PipelineRuntime;
import io.logwarden.ops.ScratchDirectory;
import io.logwarden.policy.Policy;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.topology.RawSubscription;
import io.logwarden.topology.Topologies;
import io.logwarden.topology.TopologyKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutionException;
import io.logwarden.policy.TopicSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * One benchmark phase's world: a fresh in-process broker with the policy's topics and the detect
 * topology, configured exactly as {@code logwarden run --topology detect} configures it
 * ({@link StreamsProperties}, {@link LogwardenConfig#local}, exactly-once v2), plus the overrides
 * given on the command line.
 */
final class DetectApp implements AutoCloseable {

  /** A fixed key, so that runs are comparable (the detect topology itself pseudonymizes nothing). */
  static final PseudonymKey KEY = new PseudonymKey("bench",
      "logwarden benchmark pseudonym key, not secret".getBytes(StandardCharsets.UTF_8));

  private final EmbeddedKafkaBroker broker;
  private final ScratchDirectory state;
  private final Policy policy;
  private final LogwardenConfig config;
  private final Properties streamsProperties;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private KafkaStreams streams;

  private DetectApp(EmbeddedKafkaBroker broker, ScratchDirectory state, Policy policy, Map<String, String> overrides) {
    this.broker = broker;
    this.state = state;
    this.policy = policy;
    this.config = LogwardenConfig.local(broker.bootstrapServers(), state.path(), KEY);
    this.streamsProperties = StreamsProperties.of(config, TopologyKind.DETECT, policy, new SimpleMeterRegistry());
    streamsProperties.putAll(overrides);
  }

  /** Starts a broker and creates the policy's topics; the topology is started by {@link #startTopology}. */
  static DetectApp start(Policy policy, Map<String, String> streamsOverrides) throws Exception {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
    ScratchDirectory state = null;
    try {
      state = ScratchDirectory.create("logwarden-bench-state-");
      DetectApp app = new DetectApp(broker, state, policy, streamsOverrides);
      try (PipelineRuntime runtime = new PipelineRuntime(app.config, policy, new SimpleMeterRegistry())) {
        runtime.provisionTopics();
      }
      PartitionsServed.await(app.clientProperties(), policy);
      return app;
    } catch (Exception | Error e) {
      if (state != null) {
        state.close();
      }
      broker.close();
      throw e;
    }
  }

  Map<String, Object> clientProperties() {
    return new HashMap<>(config.kafka());
  }

  Policy policy() {
    return policy;
  }

  /** The Streams application id, which is also the consumer group id. */
  String applicationId() {
    return streamsProperties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
  }

  /** The effective Streams configuration (defaults resolved, e.g. commit interval under exactly-once). */
  StreamsConfig streamsConfig() {
    return new StreamsConfig(streamsProperties);
  }

  /** The detect topology as {@code logwarden run} builds it (with the shipped rules, if the build has any). */
  Topology topology() {
    return Topologies.build(TopologyKind.DETECT, policy, RawSubscription.pattern(policy.topics().rawPattern()),
        streamsProperties);
  }

  /**
   * What was measured: the detect topology's sub-topologies and repartition topics (each a commit hop
   * under exactly-once), and the jar the pipeline classes came from; the detect topology is the part
   * that changes between builds.
   */
  String describeTopology() {
    TopologyDescription description = topology().describe();
    Set<String> repartitions = new TreeSet<>();
    description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
      if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
        source.topicSet().stream().filter(topic -> topic.endsWith("-repartition")).forEach(repartitions::add);
      }
    }));
    String jar = Topologies.class.getProtectionDomain().getCodeSource().getLocation().getPath();
    String built = "";
    try {
      built = ", built " + Files.getLastModifiedTime(Path.of(jar)).toInstant().truncatedTo(ChronoUnit.SECONDS);
    } catch (IOException | RuntimeException e) {
      // a directory or an unreadable location: the path says enough
    }
    return description.subtopologies().size() + " sub-topologies, " + repartitions.size() + " repartition topics "
        + repartitions + "; pipeline classes from " + jar + built;
  }

  void startTopology() {
    Topology topology = topology();
    streams = new KafkaStreams(topology, streamsProperties);
    streams.setUncaughtExceptionHandler(error -> {
      failure.compareAndSet(null, error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.start();
  }

  /** Waits until the topology is RUNNING; throws if it fails or does not get there in time. */
  void awaitRunning(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (streams.state() != KafkaStreams.State.RUNNING) {
      checkHealthy();
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the detect topology is " + streams.state() + " after " + timeout);
      }
      Thread.sleep(20);
    }
  }

  /** Throws if the topology has stopped. */
  void checkHealthy() {
    Throwable error = failure.get();
    if (error != null) {
      throw new IllegalStateException("the detect topology failed: " + error, error);
    }
    KafkaStreams.State now = streams.state();
    if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING
        || now == KafkaStreams.State.PENDING_ERROR) {
      throw new IllegalStateException("the detect topology is " + now);
    }
  }

  /** Sum of a Streams metric over all its instances (tasks, threads), 0 when there is none. */
  double streamsMetricSum(String group, String name) {
    double sum = 0;
    for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
      MetricName metric = entry.getKey();
      if (metric.group().equals(group) && metric.name().equals(name)
          && entry.getValue().metricValue() instanceof Number value && !Double.isNaN(value.doubleValue())) {
        sum += value.doubleValue();
      }
    }
    return sum;
  }

  @Override
  public void close() {
    try {
      if (streams != null) {
        streams.close(PipelineRuntime.CLOSE_TIMEOUT);
      }
    } finally {
      try {
        broker.close();
      } finally {
        state.close();
      }
    }
  }
}
