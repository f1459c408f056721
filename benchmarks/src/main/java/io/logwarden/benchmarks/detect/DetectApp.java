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
 * given on the command line; optionally also the normalize topology, so that the two run as
 * {@code logwarden run} runs them (one meter registry, the same overrides).
 */
public final class DetectApp implements AutoCloseable {

  /** A fixed key, so that runs are comparable (the detect topology itself pseudonymizes nothing). */
  public static final PseudonymKey KEY = new PseudonymKey("bench",
      "logwarden benchmark pseudonym key, not secret".getBytes(StandardCharsets.UTF_8));

  private final EmbeddedKafkaBroker broker;
  private final ScratchDirectory state;
  private final Policy policy;
  private final LogwardenConfig config;
  private final Properties streamsProperties;
  private final Map<String, String> overrides;
  /** The topologies' meters (logwarden's own metrics), one registry for both as in {@code run}. */
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private KafkaStreams streams;
  private KafkaStreams normalize;

  private DetectApp(EmbeddedKafkaBroker broker, ScratchDirectory state, Policy policy, Map<String, String> overrides) {
    this.broker = broker;
    this.state = state;
    this.policy = policy;
    this.config = LogwardenConfig.local(broker.bootstrapServers(), state.path(), KEY);
    this.overrides = Map.copyOf(overrides);
    this.streamsProperties = StreamsProperties.of(config, TopologyKind.DETECT, policy, meters);
    streamsProperties.putAll(overrides);
  }

  /** Starts a broker and creates the policy's topics; the topology is started by {@link #startTopology}. */
  public static DetectApp start(Policy policy, Map<String, String> streamsOverrides) throws Exception {
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

  public Map<String, Object> clientProperties() {
    return new HashMap<>(config.kafka());
  }

  public Policy policy() {
    return policy;
  }

  /** The Streams application id, which is also the consumer group id. */
  public String applicationId() {
    return streamsProperties.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
  }

  /** The effective Streams configuration (defaults resolved, e.g. commit interval under exactly-once). */
  public StreamsConfig streamsConfig() {
    return new StreamsConfig(streamsProperties);
  }

  /** The detect topology as {@code logwarden run} builds it (with the shipped rules, if the build has any). */
  public Topology topology() {
    return Topologies.build(TopologyKind.DETECT, policy, RawSubscription.pattern(policy.topics().rawPattern()),
        streamsProperties);
  }

  /**
   * What was measured: the detect topology's sub-topologies and repartition topics (each a commit hop
   * under exactly-once), and the jar the pipeline classes came from; the detect topology is the part
   * that changes between builds.
   */
  public String describeTopology() {
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

  public void startTopology() {
    Topology topology = topology();
    streams = new KafkaStreams(topology, streamsProperties);
    streams.setUncaughtExceptionHandler(error -> {
      failure.compareAndSet(null, error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.start();
  }

  /** The normalize topology's Streams configuration: {@code run}'s, with the same overrides as detect's. */
  public Properties normalizeProperties() {
    Properties props = StreamsProperties.of(config, TopologyKind.NORMALIZE, policy, meters);
    props.putAll(overrides);
    return props;
  }

  /** Starts the normalize topology too, as {@code logwarden run} starts it, reading every raw topic of the policy's pattern. */
  public void startNormalize() {
    Properties props = normalizeProperties();
    normalize = new KafkaStreams(Topologies.build(TopologyKind.NORMALIZE, policy,
        RawSubscription.pattern(policy.topics().rawPattern()), props), props);
    normalize.setUncaughtExceptionHandler(error -> {
      failure.compareAndSet(null, error);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    normalize.start();
  }

  /** The normalize topology's application id (its consumer group), whether or not it was started. */
  public String normalizeApplicationId() {
    return config.applicationId() + "-" + TopologyKind.NORMALIZE.id();
  }

  /** The running detect topology (null before {@link #startTopology}). */
  public KafkaStreams streams() {
    return streams;
  }

  /** The meters of logwarden's own metrics (late events, alert records, ...), shared by both topologies. */
  public SimpleMeterRegistry meters() {
    return meters;
  }

  /** Waits until the started topologies are RUNNING; throws if one fails or does not get there in time. */
  public void awaitRunning(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (streams.state() != KafkaStreams.State.RUNNING
        || (normalize != null && normalize.state() != KafkaStreams.State.RUNNING)) {
      checkHealthy();
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the detect topology is " + streams.state()
            + (normalize == null ? "" : ", normalize " + normalize.state()) + " after " + timeout);
      }
      Thread.sleep(20);
    }
  }

  /** Throws if a topology has stopped. */
  public void checkHealthy() {
    Throwable error = failure.get();
    if (error != null) {
      throw new IllegalStateException("a topology failed: " + error, error);
    }
    for (KafkaStreams running : normalize == null ? List.of(streams) : List.of(streams, normalize)) {
      KafkaStreams.State now = running.state();
      if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING
          || now == KafkaStreams.State.PENDING_ERROR) {
        throw new IllegalStateException((running == streams ? "the detect topology is " : "the normalize topology is ")
            + now);
      }
    }
  }

  /** Sum of a Streams metric over all its instances (tasks, threads), 0 when there is none. */
  public double streamsMetricSum(String group, String name) {
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
      if (normalize != null) {
        normalize.close(PipelineRuntime.CLOSE_TIMEOUT);
      }
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
