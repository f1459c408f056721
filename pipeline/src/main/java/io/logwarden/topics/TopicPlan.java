package io.logwarden.topics;

import io.logwarden.audit.AuditedChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The difference between the policy and a cluster's topics, as changes: what {@code topics apply}
 * would create or alter, and what it leaves to an operator.
 */
public record TopicPlan(List<Change> changes) {

  public TopicPlan {
    changes = List.copyOf(changes);
  }

  /** What a change is. */
  public enum Kind {
    /** A topic the policy defines is missing: apply creates it. */
    CREATE,
    /** A topic setting differs from the policy: apply sets it. */
    ALTER,
    /** A difference apply does not fix (partition counts: adding partitions moves keys). */
    MANUAL
  }

  /**
   * One difference.
   *
   * @param setting the topic setting, or {@code partitions}; null for a creation
   * @param actual the cluster's value (null for a creation)
   * @param expected the policy's value (for a creation: the topic's settings)
   */
  public record Change(Kind kind, String topic, String setting, String actual, String expected)
      implements AuditedChange {

    @Override
    public String targetKind() {
      return "kafka_topic";
    }

    @Override
    public String targetName() {
      return topic;
    }

    @Override
    public Map<String, String> attributes() {
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("change.kind", kind.name().toLowerCase(Locale.ROOT));
      if (setting != null) {
        attributes.put("change.setting", setting);
      }
      if (actual != null) {
        attributes.put("change.from", actual);
      }
      attributes.put("change.to", expected);
      return attributes;
    }

    /** One line for a human: {@code + create}, {@code ~ alter}, {@code ! manual}. */
    @Override
    public String describe() {
      return switch (kind) {
        case CREATE -> "+ create " + topic + " (" + expected + ")";
        case ALTER -> "~ alter  " + topic + " " + setting + ": " + actual + " -> " + expected;
        case MANUAL -> "! manual " + topic + " " + setting + ": " + actual + ", policy says " + expected
            + " (not changed by apply: adding partitions moves keys to other partitions)";
      };
    }
  }

  /** Whether the cluster matches the policy. */
  public boolean clean() {
    return changes.isEmpty();
  }
}
