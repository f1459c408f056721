package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.JsonFormatParser;
import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * OTLP/JSON logs, an {@code ExportLogsServiceRequest} as the OpenTelemetry Collector's Kafka
 * exporter writes it with {@code encoding: otlp_json}: one event per {@code logRecords[]} entry.
 */
public final class OtlpJsonLogsParser implements JsonFormatParser {

  public static final String FORMAT = "otlp-json-logs";

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public boolean matches(ObjectNode root) {
    return root.has("resourceLogs");
  }

  @Override
  public List<ParsedEvent> parse(ObjectNode root, ParseContext context) {
    List<ParsedEvent> events = new ArrayList<>();
    int skipped = 0;
    JsonNode resourceLogs = JsonValues.array(root, "resourceLogs");
    if (resourceLogs == null) {
      return BatchEntries.finish(events, 1, FORMAT);
    }
    for (JsonNode resource : resourceLogs) {
      JsonNode scopeLogs = JsonValues.array(resource, "scopeLogs");
      if (scopeLogs == null) {
        skipped++;
        continue;
      }
      for (JsonNode scope : scopeLogs) {
        JsonNode records = JsonValues.array(scope, "logRecords");
        if (records == null) {
          skipped++;
          continue;
        }
        ParsedEvent template = OtlpJson.template(resource, scope);
        for (JsonNode record : records) {
          if (record.isObject()) {
            events.add(event(template.copy(), record));
          } else {
            skipped++;
          }
        }
      }
    }
    return BatchEntries.finish(events, skipped, FORMAT);
  }

  private static ParsedEvent event(ParsedEvent event, JsonNode record) {
    JsonNode time = record.get("timeUnixNano");
    event.time = JsonValues.unixNanos(time);
    if (event.time == null) {
      // OTLP: an unset time (absent or 0) means use the observed time, which the collector fills in.
      if (isSet(time)) {
        event.flag(GenericJsonParser.BAD_TIME);
      }
      event.time = JsonValues.unixNanos(record.get("observedTimeUnixNano"));
    }
    event.severityText = JsonValues.nonBlank(record.get("severityText"));
    readSeverityNumber(event, record.get("severityNumber"));
    event.message = OtlpJson.render(record.get("body"));
    readId(event, record, "traceId", 16);
    readId(event, record, "spanId", 8);
    event.attribute("event.name", JsonValues.nonBlank(record.get("eventName")));
    JsonNode attributes = JsonValues.array(record, "attributes");
    if (attributes != null) {
      for (JsonNode keyValue : attributes) {
        String key = JsonValues.text(keyValue, "key");
        JsonNode value = keyValue.get("value");
        if (key != null && value != null) {
          readAttribute(event, key, value);
        }
      }
    }
    return event;
  }

  // Semantic-convention attributes that name a canonical field go there rather than to attributes.
  private static void readAttribute(ParsedEvent event, String key, JsonNode value) {
    switch (key) {
      case "exception.type" -> event.errorType = OtlpJson.render(value);
      case "exception.message" -> event.errorMessage = OtlpJson.render(value);
      case "exception.stacktrace" -> event.errorStack = OtlpJson.render(value);
      case "enduser.id" -> event.user = OtlpJson.render(value);
      case "client.address" -> event.sourceAddress = OtlpJson.render(value);
      default -> OtlpJson.addAttribute(event, key, value, 0);
    }
  }

  private static void readId(ParsedEvent event, JsonNode record, String field, int bytes) {
    String text = JsonValues.text(record.get(field));
    if (text == null || text.isEmpty()) {
      return;
    }
    String hex = JsonValues.hexId(text, bytes);
    if (hex == null) {
      // Not an id a W3C trace context can hold; keep it where a person can still see it.
      event.attribute(field.equals("traceId") ? "trace_id" : "span_id", text);
    } else if (field.equals("traceId")) {
      event.traceId = hex;
    } else {
      event.spanId = hex;
    }
  }

  /** Severity numbers 1-24 as given; enum names ({@code SEVERITY_NUMBER_WARN2}) too; else flagged. */
  private static void readSeverityNumber(ParsedEvent event, JsonNode node) {
    if (node == null || node.isNull()) {
      return;
    }
    Integer number = null;
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      number = node.intValue();
    } else if (node.isTextual()) {
      number = severityName(node.asText());
    }
    if (number != null && number == 0) {
      return;
    }
    if (number == null || number < 1 || number > 24) {
      event.flag(GenericJsonParser.BAD_LEVEL);
      return;
    }
    event.severityNumber = number;
  }

  private static Integer severityName(String text) {
    String name = text.trim().toUpperCase(Locale.ROOT);
    if (!name.isEmpty() && name.length() <= 2 && JsonValues.isDecimal(name) && name.indexOf('.') < 0) {
      return Integer.parseInt(name);
    }
    if (name.startsWith("SEVERITY_NUMBER_")) {
      name = name.substring("SEVERITY_NUMBER_".length());
    }
    int step = 0;
    char last = name.isEmpty() ? ' ' : name.charAt(name.length() - 1);
    if (last >= '2' && last <= '4') {
      step = last - '1';
      name = name.substring(0, name.length() - 1);
    }
    int base = switch (name) {
      case "UNSPECIFIED" -> 0;
      case "TRACE" -> 1;
      case "DEBUG" -> 5;
      case "INFO" -> 9;
      case "WARN" -> 13;
      case "ERROR" -> 17;
      case "FATAL" -> 21;
      default -> -1;
    };
    return base < 0 ? null : base == 0 ? 0 : base + step;
  }

  private static boolean isSet(JsonNode time) {
    String text = JsonValues.text(time);
    return text != null && !text.isBlank() && !text.trim().equals("0");
  }
}
