package io.logwarden.topics;

import io.logwarden.cluster.AdminCalls;
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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Compares a cluster's topics with the policy ({@code topics plan}) and makes them match
 * ({@code topics apply}): creates missing topics, sets drifting cleanup policy and retention, and
 * sets raw topics to {@code LogAppendTime} (otherwise the observed time, and so the clock-skew
 * control, trusts the producer's clock). It never deletes a topic or data, and leaves partition
 * counts to an operator.
 */
public final class TopicPlanner {

  private static final String LOG_APPEND_TIME = "LogAppendTime";

  private final Admin admin;

  public TopicPlanner(Admin admin) {
    this.admin = admin;
  }

  public TopicPlan plan(Policy policy) {
    Set<String> existing = AdminCalls.await(admin.listTopics().names(), "listing topics");
    List<TopicSpec> present = new ArrayList<>();
    List<Change> changes = new ArrayList<>();
    for (TopicSpec spec : policy.outputTopics()) {
      if (existing.contains(spec.name())) {
        present.add(spec);
      } else {
        changes.add(new Change(Kind.CREATE, spec.name(), null, null, "partitions=" + policy.topics().partitions()
            + ", cleanup.policy=" + spec.cleanupPolicy().kafkaValue() + ", retention.ms=" + retentionMs(spec)));
      }
    }
    List<String> raw = new TreeSet<>(existing).stream()
        .filter(name -> policy.topics().rawPattern().matcher(name).matches()).toList();
    List<String> described = new ArrayList<>(present.stream().map(TopicSpec::name).toList());
    described.addAll(raw);
    Map<String, Config> configs = describeConfigs(described);
    Map<String, TopicDescription> topics = described.isEmpty() ? Map.of()
        : AdminCalls.await(admin.describeTopics(described).allTopicNames(), "describing topics");
    for (TopicSpec spec : present) {
      Config config = configs.get(spec.name());
      String cleanup = value(config, TopicConfig.CLEANUP_POLICY_CONFIG);
      for (TopicDrift drift : TopicProvisioner.compare(spec, config)) {
        String expected = drift.setting().equals(TopicConfig.RETENTION_MS_CONFIG)
            ? retentionMs(spec) : spec.cleanupPolicy().kafkaValue();
        changes.add(new Change(Kind.ALTER, spec.name(), drift.setting(),
            drift.setting().equals(TopicConfig.CLEANUP_POLICY_CONFIG) ? cleanup : drift.actual(), expected));
      }
      int partitions = topics.get(spec.name()).partitions().size();
      if (partitions != policy.topics().partitions()) {
        changes.add(new Change(Kind.MANUAL, spec.name(), "partitions", Integer.toString(partitions),
            Integer.toString(policy.topics().partitions())));
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
    Set<String> existing = AdminCalls.await(admin.listTopics().names(), "listing topics");
    List<String> present = names.stream().filter(existing::contains).distinct().toList();
    Map<String, TopicSettings> settings = new HashMap<>();
    describeConfigs(present).forEach((name, config) -> settings.put(name, TopicSettings.of(name, config)));
    return settings;
  }

  /** Carries out the plan's creations and alterations; returns the changes made (manual ones are not). */
  public List<Change> apply(Policy policy, TopicPlan plan) {
    List<Change> done = new ArrayList<>();
    List<NewTopic> create = new ArrayList<>();
    Map<ConfigResource, Collection<AlterConfigOp>> alter = new HashMap<>();
    Map<String, TopicSpec> specs = new HashMap<>();
    policy.outputTopics().forEach(spec -> specs.put(spec.name(), spec));
    short replication = policy.topics().replicationFactor();
    for (Change change : plan.changes()) {
      switch (change.kind()) {
        case CREATE -> {
          TopicSpec spec = specs.get(change.topic());
          create.add(new NewTopic(change.topic(), Optional.of(policy.topics().partitions()),
              replication < 0 ? Optional.empty() : Optional.of(replication))
              .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy().kafkaValue(),
                  TopicConfig.RETENTION_MS_CONFIG, retentionMs(spec))));
          done.add(change);
        }
        case ALTER -> {
          alter.computeIfAbsent(new ConfigResource(ConfigResource.Type.TOPIC, change.topic()), r -> new ArrayList<>())
              .add(new AlterConfigOp(new ConfigEntry(change.setting(), change.expected()), AlterConfigOp.OpType.SET));
          done.add(change);
        }
        case MANUAL -> { }
      }
    }
    if (!create.isEmpty()) {
      AdminCalls.await(admin.createTopics(create).all(), "creating topics");
    }
    if (!alter.isEmpty()) {
      AdminCalls.await(admin.incrementalAlterConfigs(alter).all(), "altering topic configs");
    }
    return done;
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
