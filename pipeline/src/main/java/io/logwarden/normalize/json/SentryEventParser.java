package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.JsonFormatParser;
import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.schema.Category;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Sentry event payload (a 32-hex {@code event_id} with {@code exception}, {@code platform},
 * {@code sdk} or {@code contexts}). The error is the last entry of {@code exception.values}, the
 * one raised last. Its stack is rendered one frame a line as {@code   at module.function(file:line)}
 * in Sentry's order, most recent call last, under a {@code Type: value} head line. Breadcrumbs,
 * debug metadata and module lists are not kept: they are large and the Sentry store keeps the event.
 */
public final class SentryEventParser implements JsonFormatParser {

  public static final String FORMAT = "sentry";

  /** Frames beyond this many are cut from the oldest end; the most recent calls matter most. */
  static final int MAX_FRAMES = 100;

  private static final String[] SCALAR_ATTRIBUTES = {"release", "environment", "platform", "transaction", "dist"};
  private static final Set<String> TRACE_IDS = Set.of("trace_id", "span_id");
  private static final Set<String> USER_CANONICAL = Set.of("id");

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public boolean matches(ObjectNode root) {
    JsonNode id = root.get("event_id");
    if (id == null || !id.isTextual() || id.asText().length() != 32 || !JsonValues.isHex(id.asText())) {
      return false;
    }
    return root.has("exception") || root.has("platform") || root.has("sdk") || root.has("contexts");
  }

  @Override
  public List<ParsedEvent> parse(ObjectNode root, ParseContext context) {
    ParsedEvent event = new ParsedEvent();
    event.category = Category.APPLICATION;
    String id = JsonValues.nonBlank(root.get("event_id"));
    event.eventId = id == null ? null : id.toLowerCase(Locale.ROOT);
    JsonNode time = root.get("timestamp");
    if (time != null && !time.isNull()) {
      event.time = JsonValues.time(time, context);
      if (event.time == null) {
        event.flag(GenericJsonParser.BAD_TIME);
      }
    }
    event.severityText = JsonValues.nonBlank(root.get("level"));
    event.message = message(root);
    readException(event, lastException(root.get("exception")));
    readUser(event, JsonValues.object(root, "user"));
    event.host = JsonValues.nonBlank(root.get("server_name"));
    event.process = JsonValues.nonBlank(root.get("logger"));
    String release = JsonValues.nonBlank(root.get("release"));
    if (release != null && release.indexOf('@') > 0) {
      // Sentry releases are "package@version"; the package is the service.
      event.service = release.substring(0, release.indexOf('@'));
    }
    for (String field : SCALAR_ATTRIBUTES) {
      event.attribute(field, JsonValues.text(root.get(field)));
    }
    JsonNode sdk = JsonValues.object(root, "sdk");
    event.attribute("sdk.name", JsonValues.text(sdk, "name"));
    event.attribute("sdk.version", JsonValues.text(sdk, "version"));
    readTags(event, root.get("tags"));
    JsonAttributes.flattenFields(event, "request", JsonValues.object(root, "request"), Set.of());
    readContexts(event, JsonValues.object(root, "contexts"));
    JsonAttributes.flattenFields(event, "extra", JsonValues.object(root, "extra"), Set.of());
    return List.of(event);
  }

  private static String message(JsonNode root) {
    JsonNode message = root.get("message");
    String text = JsonValues.nonBlank(message);
    if (text != null) {
      return text;
    }
    for (JsonNode holder : new JsonNode[] {message, root.get("logentry")}) {
      if (holder != null && holder.isObject()) {
        String formatted = JsonValues.nonBlank(holder.get("formatted"));
        if (formatted == null) {
          formatted = JsonValues.nonBlank(holder.get("message"));
        }
        if (formatted != null) {
          return formatted;
        }
      }
    }
    return null;
  }

  // Sentry wraps the list as {"values":[..]}; old SDKs sent the bare list.
  private static JsonNode lastException(JsonNode exception) {
    JsonNode values = exception != null && exception.isObject() ? exception.get("values") : exception;
    if (values == null || !values.isArray()) {
      return null;
    }
    for (int i = values.size() - 1; i >= 0; i--) {
      if (values.get(i).isObject()) {
        return values.get(i);
      }
    }
    return null;
  }

  private static void readException(ParsedEvent event, JsonNode exception) {
    if (exception == null) {
      return;
    }
    String type = JsonValues.nonBlank(exception.get("type"));
    String value = JsonValues.nonBlank(exception.get("value"));
    event.errorType = type;
    event.errorMessage = value;
    String head = type != null && value != null ? type + ": " + value : type != null ? type : value;
    if (event.message == null) {
      event.message = head;
    }
    event.attribute("exception.module", JsonValues.text(exception.get("module")));
    JsonNode mechanism = JsonValues.object(exception, "mechanism");
    event.attribute("exception.mechanism.type", JsonValues.text(mechanism, "type"));
    event.attribute("exception.mechanism.handled", JsonValues.text(mechanism, "handled"));
    JsonNode frames = JsonValues.array(JsonValues.object(exception, "stacktrace"), "frames");
    if (frames != null || head != null) {
      event.errorStack = stack(head, frames);
    }
  }

  static String stack(String head, JsonNode frames) {
    StringBuilder stack = new StringBuilder(head == null ? "" : head);
    if (frames == null) {
      return stack.toString();
    }
    int first = Math.max(0, frames.size() - MAX_FRAMES);
    if (first > 0) {
      stack.append("\n  ... ").append(first).append(" earlier frames");
    }
    for (int i = first; i < frames.size(); i++) {
      JsonNode frame = frames.get(i);
      if (!frame.isObject()) {
        continue;
      }
      String module = JsonValues.nonBlank(frame.get("module"));
      String function = JsonValues.nonBlank(frame.get("function"));
      String file = JsonValues.nonBlank(frame.get("filename"));
      if (file == null) {
        file = JsonValues.nonBlank(frame.get("abs_path"));
      }
      String line = JsonValues.text(frame.get("lineno"));
      stack.append("\n  at ");
      if (module != null) {
        stack.append(module).append('.');
      }
      stack.append(function == null ? "?" : function).append('(').append(file == null ? "unknown" : file);
      if (line != null) {
        stack.append(':').append(line);
      }
      stack.append(')');
    }
    return stack.toString();
  }

  private static void readUser(ParsedEvent event, JsonNode user) {
    if (user == null) {
      return;
    }
    event.user = JsonValues.nonBlank(user.get("id"));
    if (event.user == null) {
      event.user = JsonValues.nonBlank(user.get("username"));
    }
    // Email and address stay attributes, where the redaction step pseudonymizes them.
    JsonAttributes.flattenFields(event, "user", user, USER_CANONICAL);
  }

  private static void readTags(ParsedEvent event, JsonNode tags) {
    if (tags == null) {
      return;
    }
    if (tags.isObject()) {
      JsonAttributes.flattenFields(event, "tags", tags, Set.of());
    } else if (tags.isArray()) {
      for (JsonNode pair : tags) {
        if (pair.isArray() && pair.size() == 2) {
          String key = JsonValues.text(pair.get(0));
          if (key != null) {
            event.attribute("tags." + key, JsonValues.text(pair.get(1)));
          }
        }
      }
    }
  }

  private static void readContexts(ParsedEvent event, JsonNode contexts) {
    if (contexts == null) {
      return;
    }
    JsonNode trace = JsonValues.object(contexts, "trace");
    if (trace != null) {
      String traceId = JsonValues.text(trace.get("trace_id"));
      String spanId = JsonValues.text(trace.get("span_id"));
      event.traceId = JsonValues.hexId(traceId, 16);
      event.spanId = JsonValues.hexId(spanId, 8);
      if (event.traceId == null) {
        event.attribute("contexts.trace.trace_id", traceId);
      }
      if (event.spanId == null) {
        event.attribute("contexts.trace.span_id", spanId);
      }
      JsonAttributes.flattenFields(event, "contexts.trace", trace, TRACE_IDS);
    }
    JsonAttributes.flattenFields(event, "contexts", contexts, Set.of("trace"));
  }
}
