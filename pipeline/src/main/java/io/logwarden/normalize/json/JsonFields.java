package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads fields of a JSON log object by ECS-style dotted names, whether the producer nested them
 * ({@code {"user":{"name":"x"}}}) or flattened them ({@code {"user.name":"x"}}), and remembers which
 * top-level fields were used so the rest can become attributes.
 */
public final class JsonFields {

  private final ObjectNode root;
  private final Set<String> used = new HashSet<>();

  public JsonFields(ObjectNode root) {
    this.root = root;
  }

  /** The first of the candidate fields that holds a scalar, as text; null if none does. */
  public String text(String... candidates) {
    JsonNode node = node(candidates);
    return node == null ? null : node.asText();
  }

  /** The first of the candidate fields that holds a scalar; null if none does. */
  public JsonNode node(String... candidates) {
    for (String candidate : candidates) {
      JsonNode found = find(candidate);
      if (found != null && found.isValueNode() && !found.isNull()) {
        used.add(topLevel(candidate));
        return found;
      }
    }
    return null;
  }

  /** Whether the dotted path exists with a non-null value, nested or flat. */
  public boolean has(String dottedName) {
    JsonNode found = find(dottedName);
    return found != null && !found.isNull();
  }

  /** Whether a top-level field was read by {@link #text} or {@link #node}. */
  public boolean isUsed(String topLevelField) {
    return used.contains(topLevelField);
  }

  private JsonNode find(String dottedName) {
    JsonNode flat = root.get(dottedName);
    if (flat != null) {
      return flat;
    }
    JsonNode current = root;
    for (String part : dottedName.split("\\.")) {
      current = current.get(part);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  private String topLevel(String dottedName) {
    if (root.has(dottedName)) {
      return dottedName;
    }
    int dot = dottedName.indexOf('.');
    return dot < 0 ? dottedName : dottedName.substring(0, dot);
  }
}
