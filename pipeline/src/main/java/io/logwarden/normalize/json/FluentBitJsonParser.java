package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.MessageClassifier;
import io.logwarden.normalize.catalogue.SourceCatalogue;

/**
 * JSON from Fluent Bit's Kafka output: a numeric {@code @timestamp} (epoch seconds, its default
 * timestamp key) with the line in {@code log}, or the tail input's {@code log} and {@code stream}
 * with the kubernetes filter's {@code kubernetes} object.
 */
public final class FluentBitJsonParser extends GenericJsonParser {

  public static final String FORMAT = "json-fluentbit";

  public FluentBitJsonParser(SourceCatalogue catalogue, MessageClassifier messages) {
    super(FORMAT, catalogue, messages);
  }

  @Override
  public boolean matches(ObjectNode root) {
    if (!root.has("log")) {
      return false;
    }
    JsonNode timestamp = root.get("@timestamp");
    return (timestamp != null && timestamp.isNumber()) || (root.has("kubernetes") && root.has("stream"));
  }
}
