package io.logwarden.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;

/**
 * Which ACL resource patterns are the policy's own, and which also reach other systems' resources.
 * The policy owns its topics by name (stores, security events, alerts, DLQ), the raw topics by their
 * prefix, and the application-id namespace ({@code <application_id>-*}: the pipeline's internal
 * topics, consumer groups and transactional ids, the notify workload's group). A pattern wholly
 * inside that is {@link Reach#OWNED}: a foreign ALLOW on it may be pruned. A pattern that matches
 * some of it and possibly more (the {@code *} wildcard, a prefix such as {@code l} or
 * {@code store.}) is {@link Reach#BROAD}: deleting it could break another system, so it is only
 * reported. The roles' consumer-group prefixes are not owned: they are naming conventions others may
 * share (Kafka Connect's {@code connect-}), and a group ACL alone reads no topic.
 */
final class PolicyNamespace {

  /** How far a resource pattern reaches into the policy's resources. */
  enum Reach {
    /** Matches none of the policy's resources. */
    NONE,
    /** Matches only the policy's resources. */
    OWNED,
    /** Matches some of the policy's resources and possibly others'. */
    BROAD
  }

  private static final String WILDCARD = ResourcePattern.WILDCARD_RESOURCE;

  private final Set<String> topics;
  private final List<String> topicPrefixes;
  private final String internalPrefix;

  /**
   * @param topics the policy topics named literally
   * @param rawPrefix the raw topics' prefix
   * @param internalPrefix the application-id namespace, {@code <application_id>-}
   */
  PolicyNamespace(Set<String> topics, String rawPrefix, String internalPrefix) {
    this.topics = Set.copyOf(topics);
    this.topicPrefixes = List.of(rawPrefix, internalPrefix);
    this.internalPrefix = internalPrefix;
  }

  /** How far the pattern reaches. */
  Reach reach(ResourcePattern pattern) {
    return switch (pattern.resourceType()) {
      case TOPIC -> reach(pattern, topics, topicPrefixes);
      case GROUP, TRANSACTIONAL_ID -> reach(pattern, Set.of(), List.of(internalPrefix));
      default -> Reach.NONE;
    };
  }

  private static Reach reach(ResourcePattern pattern, Set<String> names, List<String> prefixes) {
    String name = pattern.name();
    if (pattern.patternType() == PatternType.LITERAL) {
      if (WILDCARD.equals(name)) {
        return Reach.BROAD;
      }
      return names.contains(name) || prefixes.stream().anyMatch(name::startsWith) ? Reach.OWNED : Reach.NONE;
    }
    if (pattern.patternType() == PatternType.PREFIXED) {
      if (prefixes.stream().anyMatch(name::startsWith)) {
        return Reach.OWNED;
      }
      List<String> reached = new ArrayList<>(names);
      reached.addAll(prefixes);
      return reached.stream().anyMatch(owned -> owned.startsWith(name)) ? Reach.BROAD : Reach.NONE;
    }
    return Reach.NONE;
  }
}
