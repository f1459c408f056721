package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.EventTimes;
import io.logwarden.normalize.JsonFormatParser;
import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.policy.JsonMapping;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Any JSON log object: application loggers and log shippers. Reads ECS-style and common field
 * names, or the paths a user's {@link JsonMapping} names for a shape they own; the rest become
 * flattened attributes. The fallback of JSON detection: it accepts every object.
 */
public class GenericJsonParser implements JsonFormatParser {

  /** Flag: a time field was present but unreadable; the observed time stands in. */
  public static final String BAD_TIME = "bad_time";

  static final String[] TIME = {"@timestamp", "timestamp", "time", "ts", "date", "datetime", "eventTime"};
  static final String[] MESSAGE = {"message", "msg", "log", "text"};
  static final String[] LEVEL = {"level", "log.level", "severity", "levelname", "lvl", "loglevel"};

  private static final Set<String> SIGN_IN_ACTIONS = Set.of(
      "sign_in", "signin", "sign-in", "login", "log_in", "logon", "user_login", "authenticate",
      "authentication", "user-login", "consolelogin");

  private final String format;
  private final List<JsonMapping> mappings;

  /** The generic parser, format {@code json}, with the user's mappings. */
  public GenericJsonParser(List<JsonMapping> mappings) {
    this("json", mappings);
  }

  protected GenericJsonParser(String format, List<JsonMapping> mappings) {
    this.format = format;
    this.mappings = List.copyOf(mappings);
  }

  @Override
  public String format() {
    return format;
  }

  @Override
  public boolean matches(ObjectNode root) {
    return true;
  }

  @Override
  public List<ParsedEvent> parse(ObjectNode root, ParseContext context) {
    JsonFields fields = new JsonFields(root);
    JsonMapping mapping = mappingFor(fields);
    ParsedEvent event = new ParsedEvent();
    readTime(event, fields, mapping, context);
    event.message = read(fields, mapping, "message", MESSAGE);
    event.severityText = read(fields, mapping, "level", LEVEL);
    event.user = read(fields, mapping, "user", "user.name", "user", "username", "user_id", "user.id");
    event.process = read(fields, mapping, "process", "process.name", "logger_name", "logger");
    event.service = read(fields, mapping, "service", "service.name", "service", "app", "application");
    event.host = read(fields, mapping, "host", "host.name", "host", "hostname");
    event.sourceAddress = read(fields, mapping, "source_address", "source.ip", "source.address", "client.ip", "remote_addr");
    event.sourcePort = port(read(fields, mapping, "source_port", "source.port", "client.port"));
    event.errorStack = read(fields, mapping, "error_stack", "stack_trace", "error.stack_trace", "exception.stacktrace");
    event.errorType = read(fields, mapping, "error_type", "error.type", "exception.type", "exception.class");
    event.errorMessage = read(fields, mapping, "error_message", "error.message", "exception.message");
    event.eventId = read(fields, mapping, "event_id", "event.id", "event_id", "uuid", "id");
    event.traceId = read(fields, mapping, "trace_id", "trace_id", "trace.id", "traceId");
    event.spanId = read(fields, mapping, "span_id", "span_id", "span.id", "spanId");
    event.targetKind = read(fields, mapping, "target_kind");
    event.targetName = read(fields, mapping, "target_name");
    String action = read(fields, mapping, "action", "event.action", "action");
    String eventCategory = fields.text("event.category");
    event.outcome = outcome(read(fields, mapping, "outcome", "event.outcome", "outcome"));
    if (event.outcome != Outcome.UNKNOWN && (isSignIn(action) || "authentication".equalsIgnoreCase(eventCategory))) {
      event.category = Category.AUTHENTICATION;
      event.action = "sign_in";
    } else {
      event.action = action;
    }
    if (mapping != null && mapping.category() != null) {
      event.category = mapping.category();
    }
    addAttributes(event, root, fields);
    return List.of(event);
  }

  private JsonMapping mappingFor(JsonFields fields) {
    for (JsonMapping mapping : mappings) {
      if (mapping.whenFields().stream().allMatch(fields::has)) {
        return mapping;
      }
    }
    return null;
  }

  private static String read(JsonFields fields, JsonMapping mapping, String canonical, String... candidates) {
    if (mapping != null) {
      String path = mapping.fields().get(canonical);
      if (path != null) {
        return fields.text(path);
      }
    }
    return candidates.length == 0 ? null : fields.text(candidates);
  }

  private static void readTime(ParsedEvent event, JsonFields fields, JsonMapping mapping, ParseContext context) {
    JsonNode node = null;
    if (mapping != null && mapping.fields().containsKey("time")) {
      node = fields.node(mapping.fields().get("time"));
    }
    if (node == null) {
      node = fields.node(TIME);
    }
    if (node == null) {
      return;
    }
    Instant instant = time(node, context);
    if (instant == null) {
      event.flag(BAD_TIME);
    }
    event.time = instant;
  }

  /** The instant of a JSON time value: an epoch number (as number or string) or an ISO-8601 string. */
  static Instant time(JsonNode node, ParseContext context) {
    if (node.isNumber()) {
      return EventTimes.fromEpoch(node.decimalValue());
    }
    String text = node.asText().trim();
    if (text.matches("\\d{1,20}(\\.\\d{1,9})?")) {
      return EventTimes.fromEpoch(new BigDecimal(text));
    }
    return EventTimes.parseIso(text, context.zone());
  }

  static Outcome outcome(String text) {
    if (text == null) {
      return Outcome.UNKNOWN;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "success", "succeeded", "ok", "allowed" -> Outcome.SUCCESS;
      case "failure", "failed", "fail", "denied", "error" -> Outcome.FAILURE;
      default -> Outcome.UNKNOWN;
    };
  }

  private static boolean isSignIn(String action) {
    return action != null && SIGN_IN_ACTIONS.contains(action.toLowerCase(Locale.ROOT));
  }

  private static Integer port(String text) {
    if (text == null) {
      return null;
    }
    try {
      int port = Integer.parseInt(text.trim());
      return port >= 0 && port <= 65535 ? port : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The fields no canonical field took, flattened with dotted keys. */
  static void addAttributes(ParsedEvent event, ObjectNode root, JsonFields fields) {
    Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!fields.isUsed(field.getKey())) {
        flatten(event, field.getKey(), field.getValue(), 0);
      }
    }
  }

  private static void flatten(ParsedEvent event, String key, JsonNode node, int depth) {
    if (node.isNull()) {
      return;
    }
    if (node.isObject() && depth < 8) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> child = it.next();
        flatten(event, key + "." + child.getKey(), child.getValue(), depth + 1);
      }
      return;
    }
    event.attribute(key, node.isValueNode() ? node.asText() : node.toString());
  }
}
