package io.logwarden.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a Wazuh agent and manager make of one JSON line read with {@code log_format json}: the
 * localfile's labels added to the object (unless the line has the key already), then Wazuh's JSON
 * decoder ({@code decoder name="json"}) turning every key into a field, nested keys joined by dots,
 * numbers and booleans as text, {@code null} as the string {@code "null"} (its default
 * {@code json_null_field}), and the keys it knows (status, action, ...) into static fields.
 *
 * <p>Arrays differ between Wazuh versions: older managers join the elements with commas, each followed
 * by one ({@code T1110,T1078,}); newer ones keep the array's JSON text ({@code ["T1110","T1078"]}). An
 * empty array yields no field in the older form. Rules must work with both, so both are modelled.
 */
final class WazuhJsonDecoder {

  /** How the decoder writes an array into a field's value. */
  enum ArrayForm { CSV, JSON }

  private static final ObjectMapper JSON = new ObjectMapper();

  private WazuhJsonDecoder() {}

  /** Decodes one line with the given localfile labels. */
  static WazuhRules.DecodedEvent decode(String line, Map<String, String> labels, ArrayForm arrays) {
    ObjectNode object;
    try {
      object = (ObjectNode) JSON.readTree(line);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalArgumentException("not one JSON object: " + line, e);
    }
    labels.forEach((key, value) -> {
      if (!object.has(key)) {
        object.put(key, value);
      }
    });
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, String> statics = new LinkedHashMap<>();
    read(object, null, arrays, fields, statics);
    return new WazuhRules.DecodedEvent("json", fields, statics);
  }

  private static void read(JsonNode object, String parent, ArrayForm arrays, Map<String, String> fields,
      Map<String, String> statics) {
    Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
    while (entries.hasNext()) {
      Map.Entry<String, JsonNode> entry = entries.next();
      String key = parent == null ? entry.getKey() : parent + "." + entry.getKey();
      JsonNode value = entry.getValue();
      if (value.isObject()) {
        read(value, key, arrays, fields, statics);
      } else if (value.isArray()) {
        String text = arrays == ArrayForm.JSON ? value.toString() : csv(value);
        if (!text.isEmpty()) {
          put(key, text, fields, statics);
        }
      } else {
        put(key, value.isNull() ? "null" : value.asText(), fields, statics);
      }
    }
  }

  private static String csv(JsonNode array) {
    StringBuilder text = new StringBuilder();
    for (JsonNode element : array) {
      if (element.isValueNode()) {
        text.append(element.isNull() ? "null" : element.asText()).append(',');
      }
    }
    return text.toString();
  }

  private static void put(String key, String value, Map<String, String> fields, Map<String, String> statics) {
    (WazuhRules.STATIC_JSON_KEYS.contains(key) ? statics : fields).put(key, value);
  }
}
