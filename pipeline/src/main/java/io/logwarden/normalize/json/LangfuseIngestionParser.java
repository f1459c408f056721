package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.JsonFormatParser;
import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.SeverityScale;
import io.logwarden.schema.Category;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Langfuse ingestion batch ({@code /api/public/ingestion}): {@code {"batch":[{id, type, timestamp,
 * body}], "metadata":..}}, one AI_TRACE event per entry, its action the entry type in snake case
 * ({@code generation_create}). Langfuse ids are free-form, not W3C hex; the trace id is kept both as
 * the event's trace id, which links the entries of one trace, and as {@code langfuse.trace_id}.
 */
public final class LangfuseIngestionParser implements JsonFormatParser {

  public static final String FORMAT = "langfuse";

  private static final Set<String> BODY_CANONICAL = Set.of(
      "id", "traceId", "name", "userId", "input", "output", "metadata", "level", "statusMessage", "timestamp",
      "startTime");

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public boolean matches(ObjectNode root) {
    JsonNode batch = root.get("batch");
    if (batch == null || !batch.isArray() || root.has("api_key")) {
      return false;
    }
    if (root.has("metadata")) {
      return true;
    }
    JsonNode first = batch.get(0);
    return first != null && first.isObject() && first.has("type") && first.has("body");
  }

  @Override
  public List<ParsedEvent> parse(ObjectNode root, ParseContext context) {
    JsonNode batch = JsonValues.array(root, "batch");
    if (batch == null) {
      return BatchEntries.finish(new ArrayList<>(), 1, FORMAT);
    }
    ParsedEvent common = new ParsedEvent();
    JsonAttributes.flattenFields(common, "batch.metadata", JsonValues.object(root, "metadata"), Set.of());
    List<ParsedEvent> events = new ArrayList<>(batch.size());
    int skipped = 0;
    for (JsonNode entry : batch) {
      String type = JsonValues.nonBlank(entry.get("type"));
      if (!entry.isObject() || type == null) {
        skipped++;
        continue;
      }
      events.add(event(common.copy(), entry, type, context));
    }
    return BatchEntries.finish(events, skipped, FORMAT);
  }

  private static ParsedEvent event(ParsedEvent event, JsonNode entry, String type, ParseContext context) {
    event.category = Category.AI_TRACE;
    event.action = type.toLowerCase(Locale.ROOT).replace('-', '_');
    event.eventId = JsonValues.nonBlank(entry.get("id"));
    JsonNode body = entry.get("body");
    if (body == null || !body.isObject()) {
      body = null;
    }
    readTime(event, entry, body, context);
    event.message = type;
    if (body == null) {
      return event;
    }
    String name = JsonValues.nonBlank(body.get("name"));
    if (name != null) {
      event.message = name;
    }
    event.user = JsonValues.nonBlank(body.get("userId"));
    String traceId = JsonValues.nonBlank(body.get("traceId"));
    if (traceId == null && type.startsWith("trace")) {
      traceId = JsonValues.nonBlank(body.get("id"));
    } else {
      event.attribute("langfuse.id", JsonValues.text(body.get("id")));
    }
    event.traceId = traceId;
    event.attribute("langfuse.trace_id", traceId);
    String level = JsonValues.nonBlank(body.get("level"));
    event.severityText = level;
    event.severityNumber = severity(level);
    String status = JsonValues.nonBlank(body.get("statusMessage"));
    event.attribute("level", level);
    event.attribute("statusMessage", status);
    if ("ERROR".equalsIgnoreCase(level)) {
      event.errorMessage = status;
    }
    event.attribute("input", compact(body.get("input")));
    event.attribute("output", compact(body.get("output")));
    JsonAttributes.flattenFields(event, "metadata", JsonValues.object(body, "metadata"), Set.of());
    JsonAttributes.flattenFields(event, null, body, BODY_CANONICAL);
    return event;
  }

  private static void readTime(ParsedEvent event, JsonNode entry, JsonNode body, ParseContext context) {
    JsonNode time = entry.get("timestamp");
    if ((time == null || time.isNull()) && body != null) {
      time = body.get("startTime");
      if (time == null || time.isNull()) {
        time = body.get("timestamp");
      }
    }
    if (time == null || time.isNull()) {
      return;
    }
    Instant instant = JsonValues.time(time, context);
    if (instant == null) {
      event.flag(GenericJsonParser.BAD_TIME);
    }
    event.time = instant;
  }

  // Langfuse observation levels: DEBUG, DEFAULT, WARNING, ERROR.
  private static Integer severity(String level) {
    if (level == null) {
      return null;
    }
    return "DEFAULT".equalsIgnoreCase(level) ? Integer.valueOf(SeverityScale.INFO) : SeverityScale.fromText(level);
  }

  private static String compact(JsonNode node) {
    return node == null || node.isNull() ? null : JsonAttributes.compact(node);
  }
}
