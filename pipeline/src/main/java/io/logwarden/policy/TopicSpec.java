package io.logwarden.policy;

import java.util.Objects;

/** A topic the policy defines: its name, cleanup policy and retention. */
public record TopicSpec(String name, CleanupPolicy cleanupPolicy, Retention retention) {
  public TopicSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    Objects.requireNonNull(retention, "retention");
  }
}
