package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwarden.normalize.ParsedEvent;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Flattens JSON values into an event's attributes with dotted keys: objects are walked, arrays are
 * kept as compact JSON text (their positions carry no names), JSON nulls are skipped. The event
 * bounds how many attributes and how long each one may be.
 */
final class JsonAttributes {

  /** Objects nested deeper than this are kept as compact JSON rather than walked. */
  static final int MAX_DEPTH = 8;

  private JsonAttributes() {}

  /** Adds {@code node} under {@code key}: its scalar text, its leaves if an object, else compact JSON. */
  static void flatten(ParsedEvent event, String key, JsonNode node) {
    flatten(event, key, node, Set.of(), 0);
  }

  /** Adds every field of {@code object} under {@code prefix.} (no prefix when null), except {@code skip}. */
  static void flattenFields(ParsedEvent event, String prefix, JsonNode object, Set<String> skip) {
    if (object == null || !object.isObject()) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!skip.contains(field.getKey())) {
        flatten(event, prefix == null ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), Set.of(), 0);
      }
    }
  }

  /**
   * Like {@link #flatten(ParsedEvent, String, JsonNode)}, skipping the dotted paths in {@code skip}
   * (the ones a canonical field already took).
   */
  static void flatten(ParsedEvent event, String key, JsonNode node, Set<String> skip, int depth) {
    if (node == null || node.isNull() || node.isMissingNode() || skip.contains(key)) {
      return;
    }
    if (node.isObject() && depth < MAX_DEPTH) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> child = it.next();
        flatten(event, key + "." + child.getKey(), child.getValue(), skip, depth + 1);
      }
      return;
    }
    event.attribute(key, compact(node));
  }

  /** The text of a scalar, else the compact JSON of the node. */
  static String compact(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
