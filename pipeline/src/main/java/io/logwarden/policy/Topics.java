package io.logwarden.policy;

import java.util.Objects;

/**
 * The pipeline's own topics and the defaults for creating topics.
 *
 * @param rawPrefix prefix of the raw topics producers write to, e.g. {@code logs.raw.}
 * @param partitions partitions of topics the pipeline creates
 * @param replicationFactor replication factor of topics the pipeline creates; -1 means the broker's default
 * @param securityEvents sign-ins, admin actions and configuration changes, keyed by actor
 * @param alerts the detection output, keyed by alert id
 * @param deadLetter records that could not become events
 */
public record Topics(
    String rawPrefix,
    int partitions,
    short replicationFactor,
    TopicSpec securityEvents,
    TopicSpec alerts,
    TopicSpec deadLetter) {

  public Topics {
    Objects.requireNonNull(rawPrefix, "rawPrefix");
    Objects.requireNonNull(securityEvents, "securityEvents");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(deadLetter, "deadLetter");
  }

  /** The raw topic a source writes to, e.g. {@code logs.raw.auth} for {@code auth}. */
  public String rawTopic(String source) {
    return rawPrefix + source;
  }

  /** The subscription pattern of the raw topics, as a regular expression. */
  public java.util.regex.Pattern rawPattern() {
    return java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(rawPrefix) + ".+");
  }
}
