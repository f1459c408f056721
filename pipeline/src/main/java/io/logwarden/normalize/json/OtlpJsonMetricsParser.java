package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.JsonFormatParser;
import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * OTLP/JSON metrics, an {@code ExportMetricsServiceRequest}: one event per data point of every
 * gauge, sum, histogram, exponential histogram and summary. Distributions are told by count and
 * sum; their buckets and quantiles are not kept, a log store has no use for them.
 */
public final class OtlpJsonMetricsParser implements JsonFormatParser {

  public static final String FORMAT = "otlp-json-metrics";

  private static final String[] KINDS = {"gauge", "sum", "histogram", "exponentialHistogram", "summary"};

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public boolean matches(ObjectNode root) {
    return root.has("resourceMetrics");
  }

  @Override
  public List<ParsedEvent> parse(ObjectNode root, ParseContext context) {
    List<ParsedEvent> events = new ArrayList<>();
    int skipped = 0;
    JsonNode resourceMetrics = JsonValues.array(root, "resourceMetrics");
    if (resourceMetrics == null) {
      return BatchEntries.finish(events, 1, FORMAT);
    }
    for (JsonNode resource : resourceMetrics) {
      JsonNode scopeMetrics = JsonValues.array(resource, "scopeMetrics");
      if (scopeMetrics == null) {
        skipped++;
        continue;
      }
      for (JsonNode scope : scopeMetrics) {
        JsonNode metrics = JsonValues.array(scope, "metrics");
        if (metrics == null) {
          skipped++;
          continue;
        }
        ParsedEvent template = OtlpJson.template(resource, scope);
        for (JsonNode metric : metrics) {
          skipped += addPoints(events, template, metric);
        }
      }
    }
    return BatchEntries.finish(events, skipped, FORMAT);
  }

  /** Adds the events of one metric's data points; returns how many entries had to be skipped. */
  private static int addPoints(List<ParsedEvent> events, ParsedEvent template, JsonNode metric) {
    String name = JsonValues.nonBlank(metric.get("name"));
    if (name == null) {
      return 1;
    }
    String unit = JsonValues.text(metric.get("unit"));
    for (String kind : KINDS) {
      JsonNode data = JsonValues.object(metric, kind);
      if (data == null) {
        continue;
      }
      JsonNode points = JsonValues.array(data, "dataPoints");
      if (points == null) {
        return 1;
      }
      int skipped = 0;
      String type = kind.equals("exponentialHistogram") ? "exponential_histogram" : kind;
      for (JsonNode point : points) {
        if (!point.isObject()) {
          skipped++;
          continue;
        }
        ParsedEvent event = template.copy();
        MetricEvents.describe(event, name, type, unit);
        if (kind.equals("gauge") || kind.equals("sum")) {
          BigDecimal value = JsonValues.decimal(point.get("asDouble"));
          if (value == null) {
            value = JsonValues.decimal(point.get("asInt"));
          }
          MetricEvents.value(event, name, value == null ? null : JsonValues.plainNumber(value), unit);
        } else {
          MetricEvents.distribution(event, name, number(point.get("count")), number(point.get("sum")), unit);
        }
        if (kind.equals("sum")) {
          event.attribute("metric.temporality", temporality(data.get("aggregationTemporality")));
          event.attribute("metric.monotonic", JsonValues.text(data.get("isMonotonic")));
        }
        event.time = JsonValues.unixNanos(point.get("timeUnixNano"));
        JsonNode attributes = JsonValues.array(point, "attributes");
        if (attributes != null) {
          for (JsonNode keyValue : attributes) {
            String key = JsonValues.text(keyValue, "key");
            if (key != null) {
              OtlpJson.addAttribute(event, key, keyValue.get("value"), 0);
            }
          }
        }
        events.add(event);
      }
      return skipped;
    }
    // A metric of a kind this reader does not know (or none): nothing to count.
    return 1;
  }

  private static String number(JsonNode node) {
    BigDecimal value = JsonValues.decimal(node);
    return value == null ? null : JsonValues.plainNumber(value);
  }

  private static String temporality(JsonNode node) {
    String text = JsonValues.text(node);
    if (text == null) {
      return null;
    }
    return switch (text) {
      case "1", "AGGREGATION_TEMPORALITY_DELTA" -> "delta";
      case "2", "AGGREGATION_TEMPORALITY_CUMULATIVE" -> "cumulative";
      default -> null;
    };
  }
}
