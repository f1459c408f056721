package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.JsonFormatParser;
import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plain JSON metric points, {@code {"name":"cpu","value":0.42,"unit":"1","tags":{..},"timestamp":..}}
 * ({@code metric} may stand for {@code name}), alone or as a {@code {"metrics":[..]}} batch whose
 * other top-level fields apply to every point. Mapped like OTLP metric points.
 */
public final class JsonMetricParser implements JsonFormatParser {

  public static final String FORMAT = "json-metric";

  private static final String[] TIME = {"timestamp", "time", "@timestamp", "ts"};
  private static final String[] ATTRIBUTES = {"attributes", "tags", "labels", "dimensions"};
  private static final Set<String> POINT_FIELDS = Set.of(
      "name", "metric", "value", "unit", "type", "timestamp", "time", "@timestamp", "ts", "host", "hostname",
      "service", "attributes", "tags", "labels", "dimensions", "metrics");

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public boolean matches(ObjectNode root) {
    if (hasMessage(root)) {
      return false;
    }
    if (isPoint(root)) {
      return true;
    }
    JsonNode metrics = root.get("metrics");
    return metrics != null && metrics.isArray() && !metrics.isEmpty() && isPoint(metrics.get(0));
  }

  private static boolean isPoint(JsonNode node) {
    if (!node.isObject()) {
      return false;
    }
    JsonNode name = node.has("name") ? node.get("name") : node.get("metric");
    JsonNode value = node.get("value");
    return name != null && name.isTextual() && value != null && value.isNumber();
  }

  private static boolean hasMessage(JsonNode node) {
    return node.has("message") || node.has("msg") || node.has("log");
  }

  @Override
  public List<ParsedEvent> parse(ObjectNode root, ParseContext context) {
    JsonNode batch = root.get("metrics");
    if (batch == null || !batch.isArray()) {
      ParsedEvent event = new ParsedEvent();
      if (!readPoint(event, root, context)) {
        return BatchEntries.finish(new ArrayList<>(), 1, FORMAT);
      }
      return List.of(event);
    }
    ParsedEvent common = new ParsedEvent();
    readCommon(common, root, context);
    List<ParsedEvent> events = new ArrayList<>(batch.size());
    int skipped = 0;
    for (JsonNode entry : batch) {
      ParsedEvent event = common.copy();
      if (entry.isObject() && readPoint(event, entry, context)) {
        events.add(event);
      } else {
        skipped++;
      }
    }
    return BatchEntries.finish(events, skipped, FORMAT);
  }

  /** Reads one point; false when it has no name and so is no metric point at all. */
  private static boolean readPoint(ParsedEvent event, JsonNode point, ParseContext context) {
    String name = JsonValues.nonBlank(point.get("name"));
    if (name == null) {
      name = JsonValues.nonBlank(point.get("metric"));
    }
    if (name == null) {
      return false;
    }
    String unit = JsonValues.text(point.get("unit"));
    String type = JsonValues.nonBlank(point.get("type"));
    MetricEvents.describe(event, name, type == null ? "gauge" : type, unit);
    BigDecimal value = JsonValues.decimal(point.get("value"));
    MetricEvents.value(event, name, value == null ? null : JsonValues.plainNumber(value), unit);
    readCommon(event, point, context);
    return true;
  }

  /** Time, host, service and attributes, which a batch may give once for all its points. */
  private static void readCommon(ParsedEvent event, JsonNode object, ParseContext context) {
    for (String field : TIME) {
      JsonNode time = object.get(field);
      if (time != null && !time.isNull()) {
        Instant instant = JsonValues.time(time, context);
        if (instant == null) {
          event.flag(GenericJsonParser.BAD_TIME);
        }
        event.time = instant;
        break;
      }
    }
    String host = JsonValues.nonBlank(object.get("host"));
    if (host == null) {
      host = JsonValues.nonBlank(object.get("hostname"));
    }
    if (host != null) {
      event.host = host;
    }
    String service = JsonValues.nonBlank(object.get("service"));
    if (service != null) {
      event.service = service;
    }
    for (String field : ATTRIBUTES) {
      JsonNode attributes = object.get(field);
      if (attributes != null && attributes.isObject()) {
        JsonAttributes.flattenFields(event, null, attributes, Set.of());
      } else if (attributes != null) {
        JsonAttributes.flatten(event, field, attributes);
      }
    }
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!POINT_FIELDS.contains(field.getKey())) {
        JsonAttributes.flatten(event, field.getKey(), field.getValue());
      }
    }
  }
}
