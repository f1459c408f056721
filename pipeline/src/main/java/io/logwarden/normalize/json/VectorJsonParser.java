package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.policy.JsonMapping;
import java.util.List;

/** JSON from Vector's Kafka sink: every Vector source stamps its events with {@code source_type}. */
public final class VectorJsonParser extends GenericJsonParser {

  public static final String FORMAT = "json-vector";

  public VectorJsonParser(List<JsonMapping> mappings) {
    super(FORMAT, mappings);
  }

  @Override
  public boolean matches(ObjectNode root) {
    return root.has("source_type");
  }
}
