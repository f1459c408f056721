package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.MessageClassifier;
import io.logwarden.normalize.catalogue.SourceCatalogue;

/**
 * JSON from Logstash's Kafka output: {@code @version} and {@code @timestamp} with the raw line in
 * {@code event.original} or the pipeline's {@code tags}.
 */
public final class LogstashJsonParser extends GenericJsonParser {

  public static final String FORMAT = "json-logstash";

  public LogstashJsonParser(SourceCatalogue catalogue, MessageClassifier messages) {
    super(FORMAT, catalogue, messages);
  }

  @Override
  public boolean matches(ObjectNode root) {
    return root.has("@version") && root.has("@timestamp")
        && (JsonValues.hasPath(root, "event", "original", "event.original") || root.has("tags"));
  }
}
