package io.logwarden.topics;

import io.logwarden.event.Metrics;
import io.logwarden.event.SharedGauges;
import io.logwarden.policy.TopicSpec;
import io.logwarden.topics.TopicPlan.Change;
import io.logwarden.topics.TopicPlan.Kind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code run} does with the topics at start, on {@link TopicPlanner}'s comparison: creates the
 * topics the policy defines when they are missing, and reports (never changes) existing topics whose
 * cleanup policy or retention differ from it: changing retention on a live topic deletes or keeps
 * data, which is an operator's decision ({@code topics apply}).
 */
public final class TopicProvisioner {


  private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);

  private final TopicPlanner planner;
  private final int partitions;
  private final short replicationFactor;
  private final MeterRegistry meters;
  /**
   * The drift gauges' values, per registry for as long as it lives. Micrometer holds a gauge's value
   * weakly, and a provisioner lives only for one start-up check: values it held itself were collected
   * and the gauges read NaN ({@code PipelineIT} caught it); and a later check must set the same values.
   */
  /**
   * @param partitions partitions of created topics
   * @param replicationFactor replication factor of created topics, -1 for the broker's default
   */
  public TopicProvisioner(Admin admin, int partitions, short replicationFactor, MeterRegistry meters) {
    this.planner = new TopicPlanner(admin);
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
    this.meters = meters;
  }

  /** Creates the missing topics of {@code specs} and reports drift on the others. */
  public ProvisioningReport provision(Collection<TopicSpec> specs) {
    Map<String, TopicSpec> byName = new HashMap<>();
    specs.forEach(spec -> byName.put(spec.name(), spec));
    TopicPlan plan = planner.plan(specs, partitions, null);
    List<String> created = new ArrayList<>();
    for (Change change : planner.create(plan, byName, partitions, replicationFactor)) {
      created.add(change.topic());
      LOG.info("Created topic {}", change.topic());
    }
    List<TopicDrift> drifts = new ArrayList<>();
    Set<String> differing = new LinkedHashSet<>(created);
    for (Change change : plan.changes()) {
      if (change.kind() == Kind.ALTER) {
        drifts.add(drift(change, byName.get(change.topic())));
        differing.add(change.topic());
      } else if (change.kind() == Kind.MANUAL) {
        LOG.warn("Topic {} has {} {}, policy says {} (not changed: adding partitions moves keys; see `logwarden topics plan`)",
            change.topic(), change.actual(), change.setting(), change.expected());
      }
    }
    List<String> unchanged = specs.stream().map(TopicSpec::name).filter(name -> !differing.contains(name)).toList();
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
    List<String> created = planner.createRawTopics(names, partitions, replicationFactor);
    created.forEach(name -> LOG.info("Created raw topic {} (LogAppendTime)", name));
    return created;
  }

  /** A plan's alteration as drift, the retention's expected value also as the policy writes it. */
  private static TopicDrift drift(Change change, TopicSpec spec) {
    String expected = change.setting().equals(TopicConfig.RETENTION_MS_CONFIG)
        ? change.expected() + " (" + spec.retention() + ")" : change.expected();
    return new TopicDrift(change.topic(), change.setting(), expected, String.valueOf(change.actual()));
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

  private AtomicLong gauge(String topic, String setting) {
    // Topic names come from the policy, so this label set is bounded by the policy's size.
    return SharedGauges.of(meters, Metrics.TOPIC_DRIFT, "Whether the topic's setting differs from the policy (1) or not (0)",
        Tags.of("topic", topic, "setting", setting));
  }
}
