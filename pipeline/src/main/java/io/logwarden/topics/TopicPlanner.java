package io.logwarden.topics;

import io.logwarden.cluster.AdminCalls;
import io.logwarden.cluster.ProvisioningException;
import io.logwarden.policy.Policy;
import io.logwarden.policy.TopicSpec;
import io.logwarden.topics.TopicPlan.Change;
import io.logwarden.topics.TopicPlan.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The one engine that compares a cluster's topics with the policy, for {@code topics plan|apply},
 * for {@code run}'s start ({@link TopicProvisioner}: create what is missing, report drift) and for
 * {@code evidence} ({@link #settings}). A plan creates missing topics, sets drifting cleanup policy
 * and retention, and sets raw topics to {@code LogAppendTime} (otherwise the observed time, and so the
 * clock-skew control, trusts the producer's clock). It never deletes a topic or data, and leaves
 * partition counts to an operator.
 */
public final class TopicPlanner {

  private static final String LOG_APPEND_TIME = "LogAppendTime";

  private final Admin admin;

  public TopicPlanner(Admin admin) {
    this.admin = admin;
  }

  /** The policy's output topics and the raw topics on the cluster, against the policy. */
  public TopicPlan plan(Policy policy) {
    return plan(policy.outputTopics(), policy.topics().partitions(), policy.topics().rawPattern());
  }

  /** Some of the policy's topics against the cluster (a workload that uses only these, such as notify). */
  public TopicPlan plan(Collection<TopicSpec> specs, int partitions) {
    return plan(specs, partitions, null);
  }

  /**
   * {@code specs} against the cluster: missing ones to create with {@code partitions}, drifting settings
   * to alter, partition counts to look at by hand; and, when {@code rawPattern} is given, the existing
   * raw topics' timestamp type.
   */
  TopicPlan plan(Collection<TopicSpec> specs, int partitions, Pattern rawPattern) {
    Set<String> existing = existingTopics();
    List<TopicSpec> present = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    for (TopicSpec spec : specs) {
      if (existing.contains(spec.name())) {
        present.add(spec);
      } else {
        changes.add(new Change(Kind.CREATE, spec.name(), null, null, "partitions=" + partitions
            + ", cleanup.policy=" + spec.cleanupPolicy().kafkaValue() + ", retention.ms=" + retentionMs(spec)));
      }
    }
    List<String> raw = rawPattern == null ? List.of() : new TreeSet<>(existing).stream()
        .filter(name -> rawPattern.matcher(name).matches()).toList();
    List<String> described = new ArrayList<>(present.stream().map(TopicSpec::name).toList());
    described.addAll(raw);
    Map<String, Config> configs = describeConfigs(described);
    Map<String, TopicDescription> topics = described.isEmpty() ? Map.of()
        : AdminCalls.await(admin.describeTopics(described).allTopicNames(), "describing topics");
    for (TopicSpec spec : present) {
      Config config = configs.get(spec.name());
      String cleanup = value(config, TopicConfig.CLEANUP_POLICY_CONFIG);
      for (TopicDrift drift : TopicSettings.of(spec.name(), config).driftFrom(spec)) {
        String expected = drift.setting().equals(TopicConfig.RETENTION_MS_CONFIG)
            ? retentionMs(spec) : spec.cleanupPolicy().kafkaValue();
        changes.add(new Change(Kind.ALTER, spec.name(), drift.setting(),
            drift.setting().equals(TopicConfig.CLEANUP_POLICY_CONFIG) ? cleanup : drift.actual(), expected));
      }
      int actual = topics.get(spec.name()).partitions().size();
      if (actual != partitions) {
        changes.add(new Change(Kind.MANUAL, spec.name(), "partitions", Integer.toString(actual),
            Integer.toString(partitions)));
      }
    }
    for (String name : raw) {
      String type = value(configs.get(name), TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);
      if (!LOG_APPEND_TIME.equals(type)) {
        changes.add(new Change(Kind.ALTER, name, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, type, LOG_APPEND_TIME));
      }
    }
    return new TopicPlan(changes);
  }

  /**
   * The settings of those of the named topics that exist, by name; a missing topic has no entry.
   * Reads only: the evidence report compares them with the policy store by store.
   */
  public Map<String, TopicSettings> settings(Collection<String> names) {
    Set<String> existing = existingTopics();
    List<String> present = names.stream().filter(existing::contains).distinct().toList();
    Map<String, TopicSettings> settings = new HashMap<>();
    describeConfigs(present).forEach((name, config) -> settings.put(name, TopicSettings.of(name, config)));
    return settings;
  }

  /** Carries out the plan's creations and alterations; returns the changes made (manual ones are not). */
  public List<Change> apply(Policy policy, TopicPlan plan) {
    Map<String, TopicSpec> specs = new HashMap<>();
    policy.outputTopics().forEach(spec -> specs.put(spec.name(), spec));
    List<Change> done = new ArrayList<>(create(plan, specs, policy.topics().partitions(),
        policy.topics().replicationFactor()));
    Map<ConfigResource, Collection<AlterConfigOp>> alter = new HashMap<>();
    for (Change change : plan.changes()) {
      if (change.kind() == Kind.ALTER) {
        alter.computeIfAbsent(new ConfigResource(ConfigResource.Type.TOPIC, change.topic()), r -> new ArrayList<>())
            .add(new AlterConfigOp(new ConfigEntry(change.setting(), change.expected()), AlterConfigOp.OpType.SET));
        done.add(change);
      }
    }
    if (!alter.isEmpty()) {
      AdminCalls.await(admin.incrementalAlterConfigs(alter).all(), "altering topic configs");
    }
    return done;
  }

  /**
   * Creates the plan's missing topics (its CREATE changes) from their specs; returns the changes
   * carried out, a topic another instance created meanwhile included.
   *
   * @throws ProvisioningException naming the topics this principal may not create
   */
  List<Change> create(TopicPlan plan, Map<String, TopicSpec> specs, int partitions, short replicationFactor) {
    List<Change> creations = plan.changes().stream().filter(change -> change.kind() == Kind.CREATE).toList();
    List<NewTopic> topics = new ArrayList<>();
    for (Change change : creations) {
      TopicSpec spec = specs.get(change.topic());
      topics.add(newTopic(change.topic(), partitions, replicationFactor,
          Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy().kafkaValue(),
              TopicConfig.RETENTION_MS_CONFIG, retentionMs(spec))));
    }
    create(topics);
    return creations;
  }

  /**
   * Creates the raw topics of {@code names} that do not exist yet, with
   * {@code message.timestamp.type=LogAppendTime} so that an event's observed time is the broker's clock.
   */
  List<String> createRawTopics(Collection<String> names, int partitions, short replicationFactor) {
    Set<String> existing = existingTopics();
    List<NewTopic> topics = new ArrayList<>();
    for (String name : names) {
      if (!existing.contains(name)) {
        topics.add(newTopic(name, partitions, replicationFactor,
            Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, LOG_APPEND_TIME)));
      }
    }
    return create(topics);
  }

  private static NewTopic newTopic(String name, int partitions, short replicationFactor, Map<String, String> configs) {
    Optional<Short> rf = replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor);
    return new NewTopic(name, Optional.of(partitions), rf).configs(configs);
  }

  /** Creates the topics; one that exists by now is fine; the names created. */
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

  private static String retentionMs(TopicSpec spec) {
    return Long.toString(spec.retention().toMillis());
  }

  private Map<String, Config> describeConfigs(List<String> names) {
    if (names.isEmpty()) {
      return Map.of();
    }
    List<ConfigResource> resources = names.stream()
        .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
    Map<String, Config> byName = new HashMap<>();
    AdminCalls.await(admin.describeConfigs(resources).all(), "reading topic configs")
        .forEach((resource, config) -> byName.put(resource.name(), config));
    return byName;
  }

  private static String value(Config config, String name) {
    ConfigEntry entry = config == null ? null : config.get(name);
    return entry == null ? null : entry.value();
  }
}
