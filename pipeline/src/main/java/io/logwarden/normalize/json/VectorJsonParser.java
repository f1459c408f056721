package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.MessageClassifier;
import io.logwarden.normalize.catalogue.SourceCatalogue;

/** JSON from Vector's Kafka sink: every Vector source stamps its events with {@code source_type}. */
public final class VectorJsonParser extends GenericJsonParser {

  public static final String FORMAT = "json-vector";

  public VectorJsonParser(SourceCatalogue catalogue, MessageClassifier messages) {
    super(FORMAT, catalogue, messages);
  }

  @Override
  public boolean matches(ObjectNode root) {
    return root.has("source_type");
  }
}
