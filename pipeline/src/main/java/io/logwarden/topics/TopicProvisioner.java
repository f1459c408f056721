package io.logwarden.topics;

import io.logwarden.cluster.AdminCalls;
import io.logwarden.cluster.ProvisioningException;
import io.logwarden.policy.TopicSpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics the policy defines when they are missing, and reports (never changes) existing
 * topics whose cleanup policy or retention differ from it: changing retention on a live topic
 * deletes or keeps data, which is an operator's decision.
 */
public final class TopicProvisioner {

  /** Gauge per drifting (topic, setting): 1 while the drift was seen at the last check. */
  public static final String DRIFT_METRIC = "logwarden.topic.config.drift";

  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Admin admin;
  private final int partitions;
  private final short replicationFactor;
  private final MeterRegistry meters;
  private final Map<String, AtomicInteger> driftGauges = new ConcurrentHashMap<>();

  /**
   * @param partitions partitions of created topics
   * @param replicationFactor replication factor of created topics, -1 for the broker's default
   */
  public TopicProvisioner(Admin admin, int partitions, short replicationFactor, MeterRegistry meters) {
    this.admin = admin;
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
    this.meters = meters;
  }

  /** Creates the missing topics of {@code specs} and reports drift on the others. */
  public ProvisioningReport provision(Collection<TopicSpec> specs) {
    Set<String> existing = existingTopics();
    List<String> created = new ArrayList<>();
    List<String> unchanged = new ArrayList<>();
    List<TopicSpec> toCheck = new ArrayList<>();
    List<NewTopic> toCreate = new ArrayList<>();
    for (TopicSpec spec : specs) {
      if (existing.contains(spec.name())) {
        toCheck.add(spec);
      } else {
        toCreate.add(newTopic(spec.name(), Map.of(
            TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy().kafkaValue(),
            TopicConfig.RETENTION_MS_CONFIG, Long.toString(spec.retention().toMillis()))));
      }
    }
    for (String name : create(toCreate)) {
      created.add(name);
      LOG.info("Created topic {}", name);
    }
    List<TopicDrift> drifts = new ArrayList<>();
    if (!toCheck.isEmpty()) {
      Map<String, Config> configs = describe(toCheck.stream().map(TopicSpec::name).toList());
      for (TopicSpec spec : toCheck) {
        List<TopicDrift> found = compare(spec, configs.get(spec.name()));
        if (found.isEmpty()) {
          unchanged.add(spec.name());
        }
        drifts.addAll(found);
      }
    }
    recordDrift(specs, drifts);
    for (TopicDrift drift : drifts) {
      LOG.warn("Topic {} differs from the policy: {} is {}, policy says {} (not changed; fix it on the cluster or in the policy)",
          drift.topic(), drift.setting(), drift.actual(), drift.expected());
    }
    return new ProvisioningReport(created, unchanged, drifts);
  }

  /**
   * Creates raw topics that do not exist yet, with {@code message.timestamp.type=LogAppendTime} so
   * that an event's observed time is the broker's clock.
   */
  public List<String> provisionRawTopics(Collection<String> names) {
    Set<String> existing = existingTopics();
    List<NewTopic> toCreate = new ArrayList<>();
    for (String name : names) {
      if (!existing.contains(name)) {
        toCreate.add(newTopic(name, Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime")));
      }
    }
    List<String> created = create(toCreate);
    created.forEach(name -> LOG.info("Created raw topic {} (LogAppendTime)", name));
    return created;
  }

  static List<TopicDrift> compare(TopicSpec spec, Config config) {
    return TopicSettings.of(spec.name(), config).driftFrom(spec);
  }

  private void recordDrift(Collection<TopicSpec> specs, List<TopicDrift> drifts) {
    for (TopicSpec spec : specs) {
      for (String setting : List.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.RETENTION_MS_CONFIG)) {
        boolean drifting = drifts.stream()
            .anyMatch(d -> d.topic().equals(spec.name()) && d.setting().equals(setting));
        gauge(spec.name(), setting).set(drifting ? 1 : 0);
      }
    }
  }

  private AtomicInteger gauge(String topic, String setting) {
    // Topic names come from the policy, so this label set is bounded by the policy's size.
    return driftGauges.computeIfAbsent(topic + '\u0000' + setting, k -> meters.gauge(
        DRIFT_METRIC, Tags.of("topic", topic, "setting", setting), new AtomicInteger()));
  }

  private NewTopic newTopic(String name, Map<String, String> configs) {
    Optional<Short> rf = replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor);
    return new NewTopic(name, Optional.of(partitions), rf).configs(configs);
  }

  private List<String> create(List<NewTopic> topics) {
    if (topics.isEmpty()) {
      return List.of();
    }
    CreateTopicsResult result = admin.createTopics(topics);
    List<String> created = new ArrayList<>();
    List<String> denied = new ArrayList<>();
    for (NewTopic topic : topics) {
      try {
        AdminCalls.await(result.values().get(topic.name()), "creating topic " + topic.name());
        created.add(topic.name());
      } catch (ProvisioningException e) {
        if (e.getCause() instanceof TopicAuthorizationException || e.getCause() instanceof ClusterAuthorizationException) {
          denied.add(topic.name());
        } else if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
        // Another instance created it between our listing and our request: that is fine.
      }
    }
    if (!denied.isEmpty()) {
      // The principal may not create topics (least privilege: the provisioner does): say which are missing.
      throw new ProvisioningException("missing topic(s) " + String.join(", ", denied)
          + ", and this principal may not create them: provision them with `logwarden topics apply` as the "
          + "provisioner principal", null);
    }
    return created;
  }

  private Set<String> existingTopics() {
    return AdminCalls.await(admin.listTopics().names(), "listing topics");
  }

  private Map<String, Config> describe(List<String> names) {
    List<ConfigResource> resources = names.stream()
        .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
    Map<ConfigResource, Config> byResource =
        AdminCalls.await(admin.describeConfigs(resources).all(), "reading topic configs");
    Map<String, Config> byName = new HashMap<>();
    byResource.forEach((resource, config) -> byName.put(resource.name(), config));
    return byName;
  }


}
