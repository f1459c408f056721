package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.MessageClassifier;
import io.logwarden.normalize.catalogue.SourceCatalogue;

/**
 * Elastic Common Schema documents, as Filebeat and the other Beats write them to Kafka: marked by
 * the Beats' {@code @metadata.beat}, by {@code ecs.version} or by {@code agent.type}.
 */
public final class EcsJsonParser extends GenericJsonParser {

  public static final String FORMAT = "json-ecs";

  public EcsJsonParser(SourceCatalogue catalogue, MessageClassifier messages) {
    super(FORMAT, catalogue, messages);
  }

  @Override
  public boolean matches(ObjectNode root) {
    JsonNode ecs = root.get("ecs");
    return JsonValues.hasPath(root, "@metadata", "beat", "@metadata.beat")
        || (ecs != null && ecs.isObject())
        || root.has("ecs.version")
        || JsonValues.hasPath(root, "agent", "type", "agent.type");
  }
}
