package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.JsonFormatParser;
import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.schema.Category;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostHog capture payloads: a single event ({@code api_key}, {@code event}, {@code distinct_id}) or
 * a {@code batch} of them, one ANALYTICS event each. The project key ({@code api_key}, and the
 * {@code token} SDKs repeat in properties) is a credential and is never kept.
 */
public final class PostHogParser implements JsonFormatParser {

  public static final String FORMAT = "posthog";

  private static final Set<String> CREDENTIALS = Set.of("api_key", "token", "$token");
  private static final Set<String> ENTRY_FIELDS = Set.of(
      "api_key", "token", "event", "distinct_id", "properties", "timestamp", "uuid", "batch");
  private static final Set<String> PROPERTIES_SKIP = Set.of("api_key", "token", "$token", "distinct_id");

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public boolean matches(ObjectNode root) {
    return root.has("api_key") && (root.has("event") || root.has("batch"));
  }

  @Override
  public List<ParsedEvent> parse(ObjectNode root, ParseContext context) {
    JsonNode batch = root.get("batch");
    if (batch == null || !batch.isArray()) {
      if (!root.has("event")) {
        return BatchEntries.finish(new ArrayList<>(), 1, FORMAT);
      }
      return List.of(event(root, context));
    }
    // Batch-level fields other than the key (historical_migration, sent_at) describe every entry.
    ParsedEvent common = new ParsedEvent();
    addOtherFields(common, root);
    List<ParsedEvent> events = new ArrayList<>(batch.size());
    int skipped = 0;
    for (JsonNode entry : batch) {
      if (entry.isObject() && entry.has("event")) {
        ParsedEvent event = event(entry, context);
        common.attributes().forEach(event::attribute);
        events.add(event);
      } else {
        skipped++;
      }
    }
    return BatchEntries.finish(events, skipped, FORMAT);
  }

  private static ParsedEvent event(JsonNode entry, ParseContext context) {
    ParsedEvent event = new ParsedEvent();
    event.category = Category.ANALYTICS;
    event.action = "analytics";
    event.message = JsonValues.nonBlank(entry.get("event"));
    JsonNode properties = JsonValues.object(entry, "properties");
    event.user = JsonValues.nonBlank(entry.get("distinct_id"));
    if (event.user == null && properties != null) {
      event.user = JsonValues.nonBlank(properties.get("distinct_id"));
    }
    JsonNode time = entry.get("timestamp");
    if (time != null && !time.isNull()) {
      event.time = JsonValues.time(time, context);
      if (event.time == null) {
        event.flag(GenericJsonParser.BAD_TIME);
      }
    }
    event.eventId = JsonValues.nonBlank(entry.get("uuid"));
    if (properties != null) {
      event.sourceAddress = JsonValues.nonBlank(properties.get("$ip"));
      JsonAttributes.flattenFields(event, "properties", properties, PROPERTIES_SKIP);
    }
    addOtherFields(event, entry);
    return event;
  }

  private static void addOtherFields(ParsedEvent event, JsonNode object) {
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!ENTRY_FIELDS.contains(field.getKey()) && !CREDENTIALS.contains(field.getKey())) {
        JsonAttributes.flatten(event, field.getKey(), field.getValue());
      }
    }
  }
}
