package io.logwarden.schema.serde;

/** Renders a topic name for error messages. */
final class TopicNames {

  private TopicNames() {}

  static String quoted(String topic) {
    // Kafka passes no topic in some internal calls; say so instead of printing 'null'.
    return topic == null ? "(no topic)" : "'" + topic + "'";
  }
}
