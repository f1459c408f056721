package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.ParsedEvent;
import java.math.BigDecimal;

/**
 * Reads the parts OTLP/JSON logs and metrics share, as the opentelemetry-proto "JSON Protobuf
 * Encoding" defines them: {@code AnyValue} and {@code KeyValue} lists, and the resource and scope of
 * a batch (lowerCamelCase keys, 64-bit integers as decimal strings or numbers).
 */
final class OtlpJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] SCALAR_FIELDS = {"stringValue", "boolValue", "intValue", "doubleValue", "bytesValue"};
  private static final String[] NUMBER_FIELDS = {"intValue", "doubleValue"};

  private OtlpJson() {}

  /**
   * An event that carries what a resource and a scope say, to be copied for each of their records:
   * {@code service.name} and {@code host.name} become service and host, other resource attributes
   * become attributes under {@code resource.}, the scope's name and version under {@code scope.}.
   */
  static ParsedEvent template(JsonNode resourceHolder, JsonNode scopeHolder) {
    ParsedEvent template = new ParsedEvent();
    JsonNode attributes = JsonValues.array(JsonValues.object(resourceHolder, "resource"), "attributes");
    if (attributes != null) {
      for (JsonNode keyValue : attributes) {
        String key = JsonValues.text(keyValue, "key");
        JsonNode value = keyValue.get("value");
        if (key == null || value == null) {
          continue;
        }
        switch (key) {
          case "service.name" -> template.service = scalar(value);
          case "host.name" -> template.host = scalar(value);
          default -> addAttribute(template, "resource." + key, value, 0);
        }
      }
    }
    JsonNode scope = JsonValues.object(scopeHolder, "scope");
    template.attribute("scope.name", JsonValues.nonBlank(scope == null ? null : scope.get("name")));
    template.attribute("scope.version", JsonValues.nonBlank(scope == null ? null : scope.get("version")));
    return template;
  }

  /** Flattens an {@code AnyValue}: scalars as text, kvlists walked, arrays as compact JSON. */
  static void addAttribute(ParsedEvent event, String key, JsonNode anyValue, int depth) {
    if (anyValue == null || anyValue.isNull()) {
      return;
    }
    if (!anyValue.isObject()) {
      // Not an AnyValue; the producer wrote a plain JSON value, which says as much.
      JsonAttributes.flatten(event, key, anyValue);
      return;
    }
    JsonNode kvlist = anyValue.get("kvlistValue");
    if (kvlist != null && depth < JsonAttributes.MAX_DEPTH) {
      JsonNode values = JsonValues.array(kvlist, "values");
      if (values != null) {
        for (JsonNode keyValue : values) {
          String childKey = JsonValues.text(keyValue, "key");
          if (childKey != null) {
            addAttribute(event, key + "." + childKey, keyValue.get("value"), depth + 1);
          }
        }
      }
      return;
    }
    event.attribute(key, render(anyValue));
  }

  /** An {@code AnyValue} as text: a scalar's text, a kvlist or array as compact JSON; null when empty. */
  static String render(JsonNode anyValue) {
    String scalar = scalar(anyValue);
    if (scalar != null) {
      return scalar;
    }
    JsonNode plain = plain(anyValue, 0);
    return plain.isNull() ? null : plain.toString();
  }

  /** The text of a scalar {@code AnyValue} (string, bool, int, double, bytes as base64); else null. */
  static String scalar(JsonNode anyValue) {
    if (anyValue == null) {
      return null;
    }
    if (anyValue.isValueNode()) {
      return JsonValues.text(anyValue);
    }
    for (String field : SCALAR_FIELDS) {
      String text = JsonValues.text(anyValue.get(field));
      if (text != null) {
        return text;
      }
    }
    return null;
  }

  // The AnyValue as ordinary JSON, so nested bodies read as JSON rather than as the protobuf wrapping.
  private static JsonNode plain(JsonNode anyValue, int depth) {
    if (anyValue == null || anyValue.isNull()) {
      return NODES.nullNode();
    }
    if (!anyValue.isObject()) {
      return anyValue;
    }
    if (anyValue.has("stringValue") || anyValue.has("bytesValue")) {
      String text = scalar(anyValue);
      return text == null ? NODES.nullNode() : NODES.textNode(text);
    }
    JsonNode bool = anyValue.get("boolValue");
    if (bool != null) {
      return bool.isBoolean() ? bool : NODES.textNode(bool.asText());
    }
    for (String field : NUMBER_FIELDS) {
      JsonNode number = anyValue.get(field);
      if (number != null) {
        BigDecimal value = JsonValues.decimal(number);
        return value != null ? NODES.numberNode(value) : NODES.textNode(number.asText());
      }
    }
    if (depth >= JsonAttributes.MAX_DEPTH) {
      return NODES.textNode(anyValue.toString());
    }
    JsonNode array = anyValue.get("arrayValue");
    if (array != null) {
      ArrayNode out = NODES.arrayNode();
      JsonNode values = JsonValues.array(array, "values");
      if (values != null) {
        for (JsonNode value : values) {
          out.add(plain(value, depth + 1));
        }
      }
      return out;
    }
    JsonNode kvlist = anyValue.get("kvlistValue");
    if (kvlist != null) {
      ObjectNode out = NODES.objectNode();
      JsonNode values = JsonValues.array(kvlist, "values");
      if (values != null) {
        for (JsonNode keyValue : values) {
          String key = JsonValues.text(keyValue, "key");
          if (key != null) {
            out.set(key, plain(keyValue.get("value"), depth + 1));
          }
        }
      }
      return out;
    }
    return NODES.nullNode();
  }
}
