package io.logwarden.topics;

import io.logwarden.policy.CleanupPolicy;
import io.logwarden.policy.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The settings of an existing topic that the policy governs, as the cluster has them.
 *
 * @param cleanupPolicy the topic's {@code cleanup.policy}, as Kafka spells it; null if unreadable
 * @param retentionMs the topic's {@code retention.ms}; null if unreadable
 */
public record TopicSettings(String topic, String cleanupPolicy, String retentionMs) {

  static TopicSettings of(String topic, Config config) {
    return new TopicSettings(topic, value(config, TopicConfig.CLEANUP_POLICY_CONFIG),
        value(config, TopicConfig.RETENTION_MS_CONFIG));
  }

  /** The settings that differ from the policy's spec of this topic; empty when it matches. */
  public List<TopicDrift> driftFrom(TopicSpec spec) {
    List<TopicDrift> drifts = new ArrayList<>();
    boolean cleanupMatches;
    try {
      cleanupMatches = CleanupPolicy.fromKafka(cleanupPolicy) == spec.cleanupPolicy();
    } catch (IllegalArgumentException e) {
      cleanupMatches = false;
    }
    if (!cleanupMatches) {
      drifts.add(new TopicDrift(spec.name(), TopicConfig.CLEANUP_POLICY_CONFIG,
          spec.cleanupPolicy().kafkaValue(), String.valueOf(cleanupPolicy)));
    }
    String expectedRetention = Long.toString(spec.retention().toMillis());
    if (!expectedRetention.equals(retentionMs)) {
      drifts.add(new TopicDrift(spec.name(), TopicConfig.RETENTION_MS_CONFIG,
          expectedRetention + " (" + spec.retention() + ")", String.valueOf(retentionMs)));
    }
    return drifts;
  }

  private static String value(Config config, String name) {
    ConfigEntry entry = config == null ? null : config.get(name);
    return entry == null ? null : entry.value();
  }
}
