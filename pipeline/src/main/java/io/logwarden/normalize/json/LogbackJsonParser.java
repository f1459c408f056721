package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.MessageClassifier;
import io.logwarden.normalize.catalogue.SourceCatalogue;

/**
 * JSON from logstash-logback-encoder (a Java application's own logger): {@code @version} with
 * {@code level_value} or {@code logger_name}; read like any JSON log, named so records count per shipper.
 */
public final class LogbackJsonParser extends GenericJsonParser {

  public static final String FORMAT = "json-logback";

  public LogbackJsonParser(SourceCatalogue catalogue, MessageClassifier messages) {
    super(FORMAT, catalogue, messages);
  }

  @Override
  public boolean matches(ObjectNode root) {
    return root.has("@version") && (root.has("level_value") || root.has("logger_name"));
  }
}
