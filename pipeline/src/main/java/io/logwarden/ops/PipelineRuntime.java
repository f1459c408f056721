package io.logwarden.ops;

import io.logwarden.access.AccessMatrix;
import io.logwarden.access.AclGrant;
import io.logwarden.cluster.ClusterConnection;
import io.logwarden.cluster.ConnectionException;
import io.logwarden.cluster.KafkaClientProperties;
import io.logwarden.config.ConfigException;
import io.logwarden.schema.registry.HttpSchemaRegistry;
import io.logwarden.schema.registry.RegistryException;
import io.logwarden.schema.registry.SchemaRegistry;
import io.logwarden.schema.serde.Encoding;
import io.logwarden.schema.serde.RegistryAvroSerializer;
import io.logwarden.topics.PipelineTopics;
import io.logwarden.topics.Topic;

import io.logwarden.config.LogwardenConfig;
import io.logwarden.config.StreamsProperties;
import io.logwarden.detect.rules.RuleSet;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.event.Metrics;
import io.logwarden.event.StageResources;
import io.logwarden.notify.Notifier;
import io.logwarden.notify.NotifySettings;
import io.logwarden.policy.Policy;
import io.logwarden.policy.TopicSpec;
import io.logwarden.topics.ProvisioningReport;
import io.logwarden.topics.TopicProvisioner;
import io.logwarden.topology.RawSubscription;
import io.logwarden.topology.Topologies;
import io.logwarden.topology.TopologyKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs topologies against a cluster: provisions the policy's topics, starts one Kafka Streams
 * application per topology, and closes them with a timeout. {@code run} and {@code demo} share it.
 */
public final class PipelineRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PipelineRuntime.class);
  public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final LogwardenConfig config;
  private final Policy policy;
  private final MeterRegistry meters;
  private final SchemaRegistry registry;
  private final List<KafkaStreams> running = new ArrayList<>();
  private final List<KafkaStreamsMetrics> streamsMetrics = new ArrayList<>();
  private final TopologyHealth health = new TopologyHealth();

  private final RuleSet rules;
  private NotifySettings notifications = NotifySettings.none();
  private Notifier notifier;
  /** The first error that no replaced thread can get past (a login or an ACL refused), or null. */
  private volatile Throwable fatal;

  /** A runtime with the shipped detection rules. */
  public PipelineRuntime(LogwardenConfig config, Policy policy, MeterRegistry meters) {
    this(config, policy, RulesLoader.loadDefault(policy), meters);
  }

  public PipelineRuntime(LogwardenConfig config, Policy policy, RuleSet rules, MeterRegistry meters) {
    this.config = config;
    this.policy = policy;
    this.rules = rules;
    this.meters = meters;
    if (config.checkHostnameVerification()) {
      LOG.warn("Kafka hostname verification is off (ssl.endpoint.identification.algorithm is empty and "
          + "allow_insecure_hostname is true): any certificate the truststore trusts is accepted for any broker");
    }
    // One client per process: its caches of ids and schemas serve every topology.
    this.registry = config.schemaRegistry().map(HttpSchemaRegistry::new).orElse(null);
  }

  /**
   * Registers (or finds) the schema of every topic in the avro-registry encoding under its subject,
   * so that a registry that is down, refuses the credentials or refuses a schema stops the start
   * with one clear line, never a silent fallback or a failure on the first record.
   *
   * @throws ConfigException when a topic needs a registry and none is configured, or the registry fails
   */
  public void checkSchemaRegistry() {
    PipelineTopics topics;
    try {
      topics = PipelineTopics.from(policy, registry);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage() + "; add schema_registry: to the config file");
    }
    for (Topic<String, ?> topic : topics.encoded()) {
      if (topic.encoding() == Encoding.AVRO_REGISTRY
          && topic.valueSerde().serializer() instanceof RegistryAvroSerializer<?> serializer) {
        try {
          int id = serializer.schemaId(topic.name());
          LOG.info("Topic {} writes schema id {} (subject {})", topic.name(), id, RegistryAvroSerializer.subject(topic.name()));
        } catch (RegistryException e) {
          throw new ConfigException("cannot use the schema registry for topic " + topic.name() + ": " + e.getMessage(), e);
        }
      }
    }
  }

  /** Creates the policy's missing topics and reports drift on the existing ones. */
  public ProvisioningReport provisionTopics() {
    return provisionTopics(policy.outputTopics());
  }

  /** Creates the missing ones of these policy topics and reports drift on the existing ones. */
  public ProvisioningReport provisionTopics(Collection<TopicSpec> specs) {
    try (Admin admin = Admin.create(adminProperties())) {
      TopicProvisioner provisioner = new TopicProvisioner(admin, policy.topics().partitions(),
          policy.topics().replicationFactor(), meters);
      return provisioner.provision(specs);
    }
  }

  /**
   * The destinations and routes the notify topology sends alerts to (the deployment config's
   * {@code notify:} section); to be set before {@link #start} starts it.
   */
  public PipelineRuntime notifications(NotifySettings settings) {
    this.notifications = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /** Kafka client properties for an admin client of this cluster (config providers declared). */
  public Map<String, Object> adminProperties() {
    return KafkaClientProperties.withConfigProviders(config.kafka());
  }

  /**
   * Checks that the cluster can be used before anything else: one request must pass the TLS handshake
   * and the login, and the pipeline's principal must hold the topic ACLs the policy's access matrix
   * gives the topologies of these kinds (on the topics that exist; a missing one is provisioning's).
   *
   * @throws ConnectionException with one line that says what failed
   */
  public void checkConnection(List<TopologyKind> kinds) {
    Map<String, Object> props = adminProperties();
    ClusterConnection.check(props);
    AccessMatrix matrix = new AccessMatrix(policy, rules, config.applicationId());
    String holder = kinds.equals(List.of(TopologyKind.NOTIFY)) ? AccessMatrix.NOTIFY : AccessMatrix.PIPELINE;
    Map<String, Set<AclOperation>> needed = new TreeMap<>();
    for (AclGrant grant : matrix.grants()) {
      ResourcePattern resource = grant.binding().pattern();
      if (grant.holder().equals(holder) && resource.resourceType() == ResourceType.TOPIC
          && resource.patternType() == PatternType.LITERAL) {
        needed.computeIfAbsent(resource.name(), topic -> new TreeSet<>()).add(grant.binding().entry().operation());
      }
    }
    try (Admin admin = Admin.create(props)) {
      ClusterConnection.checkTopicAccess(admin, KafkaClientProperties.bootstrap(props), needed);
    }
  }

  /**
   * The error that stopped a topology for good: the cluster refused its login or an ACL it needs.
   * Such a thread is not replaced (a new one would fail the same way, and log it forever).
   */
  public Optional<Throwable> fatalFailure() {
    return Optional.ofNullable(fatal);
  }

  /** Starts the topologies of these kinds. */
  public void start(List<TopologyKind> kinds) {
    for (TopologyKind kind : kinds) {
      Properties props = StreamsProperties.of(config, kind, policy, meters, registry);
      if (kind == TopologyKind.NOTIFY) {
        if (notifications.isEmpty()) {
          throw new ConfigException("the notify topology has nothing to do: the config file's "
              + "notify: section names no destination (docs/notifications.md)");
        }
        notifier = Notifier.start(notifications, meters);
        props.put(StageResources.NOTIFIER, notifier);
      }
      Topology topology = Topologies.build(kind, policy, rules, RawSubscription.pattern(policy.topics().rawPattern()), props);
      KafkaStreams streams = new KafkaStreams(topology, props);
      streams.setUncaughtExceptionHandler(error -> {
        if (ClusterConnection.isFatal(error)) {
          // A denied ACL or login: a replaced thread would fail the same way, forever.
          LOG.error("The {} topology cannot use the cluster: {}", kind.id(), ClusterConnection.describe(error));
          if (fatal == null) {
            fatal = error;
          }
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        // Log the class only: a message may quote a record.
        LOG.error("Stream thread of the {} topology failed ({}); replacing it", kind.id(), error.getClass().getName());
        meters.counter(Metrics.THREADS_REPLACED.name(), "topology", kind.id()).increment();
        return StreamThreadExceptionResponse.REPLACE_THREAD;
      });
      streams.setStateListener((now, before) -> {
        LOG.info("{} topology: {} -> {}", kind.id(), before, now);
        health.observe(kind.id(), now);
      });
      health.observe(kind.id(), streams.state());
      // Kafka Streams' own metrics (threads, tasks, stores, clients), tagged with the topology.
      KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams, Tags.of("topology", kind.id()));
      metrics.bindTo(meters);
      streamsMetrics.add(metrics);
      streams.start();
      running.add(streams);
    }
  }

  /** Waits until every started topology is RUNNING; false on timeout or if one failed. */
  public boolean awaitRunning(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      boolean allRunning = true;
      for (KafkaStreams streams : running) {
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
          return false;
        }
        allRunning &= state == KafkaStreams.State.RUNNING;
      }
      if (allRunning) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  /** Whether any topology has stopped for good. */
  public boolean anyFailed() {
    return running.stream().anyMatch(s -> s.state() == KafkaStreams.State.ERROR
        || s.state() == KafkaStreams.State.NOT_RUNNING);
  }

  /** The topologies' health: ready when all run, live unless one failed or is stuck. */
  public TopologyHealth.Status health() {
    return health.status();
  }

  @Override
  public void close() {
    health.closing();
    // Kafka Streams stays in the group on close by default: a dynamic member's partitions then wait
    // for its session to expire (45 s by default) before another instance takes them over. Leave, so
    // the handover starts at once. A static member (group.instance.id) stays: it comes back under the
    // same id and gets its tasks back without a rebalance.
    CloseOptions options = CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(
        config.kafka().containsKey("group.instance.id") ? CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP
            : CloseOptions.GroupMembershipOperation.LEAVE_GROUP);
    for (KafkaStreams streams : running) {
      if (!streams.close(options)) {
        LOG.warn("A topology did not close within {} s", CLOSE_TIMEOUT.toSeconds());
      }
    }
    running.clear();
    if (notifier != null) {
      notifier.close();
      notifier = null;
    }
    streamsMetrics.forEach(KafkaStreamsMetrics::close);
    streamsMetrics.clear();
  }
}
