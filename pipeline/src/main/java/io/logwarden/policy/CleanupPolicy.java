package io.logwarden.policy;

/** A topic's {@code cleanup.policy}. */
public enum CleanupPolicy {
  DELETE("delete"),
  COMPACT("compact"),
  COMPACT_DELETE("compact,delete");

  private final String kafkaValue;

  CleanupPolicy(String kafkaValue) {
    this.kafkaValue = kafkaValue;
  }

  /** The value as Kafka writes it, e.g. {@code compact,delete}. */
  public String kafkaValue() {
    return kafkaValue;
  }

  /** Parses Kafka's spelling, in any order of the two words: {@code delete,compact} equals {@code compact,delete}. */
  public static CleanupPolicy fromKafka(String value) {
    String normalized = value == null ? "" : value.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    return switch (normalized) {
      case "delete" -> DELETE;
      case "compact" -> COMPACT;
      case "compact,delete", "delete,compact" -> COMPACT_DELETE;
      default -> throw new IllegalArgumentException(
          "unknown cleanup.policy '" + value + "' (expected delete, compact or compact,delete)");
    };
  }
}
