package io.logwarden.policy;

import java.util.Optional;
import java.util.regex.Pattern;

/** Kafka's rules for topic names, checked at load time so a bad name fails before any topic is created. */
final class TopicNames {

  /** Kafka's limit; longer names cannot be created. */
  static final int MAX_LENGTH = 249;

  private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

  private TopicNames() {}

  /** Why the name is not a legal Kafka topic name, or empty if it is. */
  static Optional<String> problem(String name) {
    if (name.equals(".") || name.equals("..")) {
      return Optional.of("'" + name + "' is not a valid topic name");
    }
    if (name.length() > MAX_LENGTH) {
      return Optional.of("topic name is " + name.length() + " characters long; Kafka allows at most "
          + MAX_LENGTH);
    }
    if (!LEGAL.matcher(name).matches()) {
      return Optional.of(PolicyException.quote(name)
          + " is not a valid topic name; use only letters, digits, '.', '_' and '-'");
    }
    return Optional.empty();
  }

  /** Whether the text may begin topic names: the same characters as a name, any length up to the limit. */
  static boolean isLegalPrefix(String prefix) {
    return prefix.length() < MAX_LENGTH && LEGAL.matcher(prefix).matches();
  }

  /**
   * The name as Kafka's metrics see it: Kafka refuses to create a topic whose name differs from an
   * existing one only by '.' versus '_', because both map to the same metric name.
   */
  static String collisionKey(String name) {
    return name.replace('.', '_');
  }
}
