package io.logwarden.normalize.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwarden.normalize.json.JsonFields;
import io.logwarden.normalize.json.JsonFields.Path;
import java.util.Iterator;
import java.util.Map;

/** The fields a field entry reads: a JSON object's, or the attributes a text format parsed. */
public interface FieldLookup {

  /** The text of the first alternative that holds a scalar, or null. */
  String text(Path[] alternatives);

  /** Whether the condition holds for the first alternative present (any element of an array of scalars). */
  boolean holds(Path[] alternatives, Condition condition);

  /** The names a field index can look up: a JSON object's top-level keys, or the attribute keys. */
  Iterator<String> keys();

  /** The lookup of a JSON object. */
  static FieldLookup of(JsonFields fields) {
    return new FieldLookup() {
      @Override
      public String text(Path[] alternatives) {
        for (Path path : alternatives) {
          JsonNode node = fields.peek(path);
          if (node != null && node.isValueNode() && !node.isNull()) {
            return node.asText();
          }
        }
        return null;
      }

      @Override
      public boolean holds(Path[] alternatives, Condition condition) {
        for (Path path : alternatives) {
          JsonNode node = fields.peek(path);
          if (node == null || node.isNull()) {
            continue;
          }
          if (node.isArray()) {
            if (condition instanceof Condition.Exists) {
              // An array of objects (audit config deltas, targets) is present when it has elements.
              return condition.test(node.isEmpty() ? null : "");
            }
            for (JsonNode element : node) {
              if (element.isValueNode() && condition.test(element.asText())) {
                return true;
              }
            }
            return false;
          }
          return condition.test(node.isValueNode() ? node.asText() : "");
        }
        return condition.test(null);
      }

      @Override
      public Iterator<String> keys() {
        return fields.root().fieldNames();
      }
    };
  }

  /** The lookup of parsed attributes, keyed by their dotted names. */
  static FieldLookup of(Map<String, String> attributes) {
    return new FieldLookup() {
      @Override
      public String text(Path[] alternatives) {
        for (Path path : alternatives) {
          String value = attributes.get(path.toString());
          if (value != null) {
            return value;
          }
        }
        return null;
      }

      @Override
      public boolean holds(Path[] alternatives, Condition condition) {
        return condition.test(text(alternatives));
      }

      @Override
      public Iterator<String> keys() {
        return attributes.keySet().iterator();
      }
    };
  }
}
