package io.logwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.logwarden.schema.LogEvent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The shape of a record, for {@code sources check}: its redacted text with the variables masked
 * ({@code <num>}, {@code <ip>}, {@code <hex>}, {@code <uuid>}, {@code <str>}, {@code <val>},
 * {@code <email>}, {@code <pii>}), so that records of one kind share one shape. A text record's shape
 * is its program and message; a JSON record's is its sorted top-level keys with the values of the
 * keys that name its type, event or action. Patterns run on RE2J: linear time on any line.
 */
final class RecordShapes {

  /** Longest shape shown, in characters. */
  static final int MAX_LENGTH = 200;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern MARKER = Pattern.compile("\\[REDACTED:[A-Za-z0-9_-]+\\]");
  private static final Pattern PSEUDONYM = Pattern.compile("pii:[A-Za-z0-9_-]+:[A-Za-z0-9]+");
  private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"|'[^'\\n]{0,200}'");
  private static final Pattern KEY_VALUE = Pattern.compile("\\b([A-Za-z_][A-Za-z0-9_.-]*)=(?:<[a-z]+>|[^\\s,;&)\\]}>]*)");
  private static final Pattern UUID =
      Pattern.compile("\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
  private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}\\b");
  private static final Pattern IPV6 = Pattern.compile(
      "\\b(?:[0-9A-Fa-f]{1,4}:){4,7}[0-9A-Fa-f]{1,4}\\b|\\b(?:[0-9A-Fa-f]{1,4}:)+:(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?|::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*)?");
  private static final Pattern HEX = Pattern.compile("\\b(?:0x[0-9a-fA-F]+|[0-9a-fA-F]{8,})\\b");
  private static final Pattern NUMBER = Pattern.compile("\\b\\d+(?:\\.\\d+)?\\b");
  private static final Pattern PID = Pattern.compile("\\[\\d+\\]$");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private RecordShapes() {}

  /**
   * The shape of a record that became events.
   *
   * @param raw the record's bytes as read (only its JSON keys and type values are used, redacted)
   * @param format the detected format
   * @param event its first event, redacted
   * @param redact the pipeline's text redaction
   */
  static String of(String raw, String format, LogEvent event, UnaryOperator<String> redact) {
    JsonNode json = jsonObject(raw);
    if (json != null) {
      return "[" + format + "] " + jsonShape(json, redact);
    }
    StringBuilder shape = new StringBuilder("[").append(format).append("] ");
    String process = event.getActor() == null ? null : event.getActor().getProcess();
    if (process != null && !process.isEmpty()) {
      shape.append(mask(PID.matcher(process).replaceAll(""))).append(": ");
    }
    String message = event.getMessage();
    shape.append(message == null || message.isBlank() ? "(no message)" : mask(message));
    return bound(shape.toString());
  }

  private static JsonNode jsonObject(String raw) {
    String text = raw.strip();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1).strip();
    }
    if (!text.startsWith("{")) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (java.io.IOException | RuntimeException notJson) {
      return null;
    }
  }

  private static String jsonShape(JsonNode json, UnaryOperator<String> redact) {
    Map<String, JsonNode> sorted = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext();) {
      Map.Entry<String, JsonNode> field = fields.next();
      sorted.put(field.getKey(), field.getValue());
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : sorted.entrySet()) {
      parts.add(member(field.getKey(), field.getValue(), redact, true));
    }
    return bound("{" + String.join(", ", parts) + "}");
  }

  private static String member(String key, JsonNode value, UnaryOperator<String> redact, boolean top) {
    String name = mask(redact.apply(key));
    if (!typeLike(key)) {
      return name;
    }
    if (value.isValueNode() && !value.isNull()) {
      return name + ": \"" + maskValue(redact.apply(value.asText())) + "\"";
    }
    if (top && value.isObject()) {
      // An ECS-style {"event": {"action": ..., "category": ...}}: its type-like members.
      List<String> inner = new ArrayList<>();
      Map<String, JsonNode> sorted = new TreeMap<>();
      value.fields().forEachRemaining(child -> sorted.put(child.getKey(), child.getValue()));
      for (Map.Entry<String, JsonNode> child : sorted.entrySet()) {
        if (typeLike(child.getKey()) && child.getValue().isValueNode() && !child.getValue().isNull()) {
          inner.add(member(child.getKey(), child.getValue(), redact, false));
        }
      }
      return inner.isEmpty() ? name : name + ": {" + String.join(", ", inner) + "}";
    }
    return name;
  }

  /** Whether a key names the record's type, event or action: its value tells records apart. */
  static boolean typeLike(String key) {
    String k = key.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
    return k.endsWith("type") || k.endsWith("action") || k.equals("event") || k.endsWith("eventname")
        || k.endsWith("operation") || k.endsWith("operationname") || k.equals("category") || k.equals("kind")
        || k.equals("activity") || k.endsWith("methodname") || k.equals("eventid") || k.equals("eventcode");
  }

  /** A type value: identifiers masked, but not its plain numbers (an event id such as 4625 is the type). */
  private static String maskValue(String value) {
    String masked = replace(PSEUDONYM, value, "<pii>");
    masked = replace(UUID, masked, "<uuid>");
    masked = replace(EMAIL, masked, "<email>");
    masked = replace(IPV4, masked, "<ip>");
    masked = replace(IPV6, masked, "<ip>");
    masked = hex(masked);
    return bound(SPACES.matcher(masked).replaceAll(" ").strip().replace("\"", "\\\""));
  }

  /** A redacted text with its variables masked. */
  static String mask(String text) {
    // Redaction markers are kept as they are: they say what was there. Guard them from the masks.
    List<String> markers = new ArrayList<>();
    Matcher marker = MARKER.matcher(text);
    StringBuilder guarded = new StringBuilder();
    int at = 0;
    while (marker.find()) {
      guarded.append(text, at, marker.start()).append('\u0001').append((char) ('A' + Math.min(markers.size(), 25)))
          .append('\u0001');
      markers.add(marker.group());
      at = marker.end();
    }
    guarded.append(text, at, text.length());
    String masked = replace(PSEUDONYM, guarded.toString(), "<pii>");
    masked = replace(QUOTED, masked, "<str>");
    masked = KEY_VALUE.matcher(masked).replaceAll("$1=<val>");
    masked = replace(UUID, masked, "<uuid>");
    masked = replace(EMAIL, masked, "<email>");
    masked = replace(IPV4, masked, "<ip>");
    masked = replace(IPV6, masked, "<ip>");
    masked = hex(masked);
    masked = replace(NUMBER, masked, "<num>");
    for (int i = 0; i < markers.size(); i++) {
      masked = masked.replace("\u0001" + (char) ('A' + Math.min(i, 25)) + "\u0001", markers.get(i));
    }
    masked = masked.replace("\u0001", "");
    return bound(SPACES.matcher(masked).replaceAll(" ").strip());
  }

  private static String replace(Pattern pattern, String text, String placeholder) {
    return pattern.matcher(text).replaceAll(placeholder.replace("$", "\\$"));
  }

  /** Hex runs of eight or more that hold a digit (not words such as "deadbeef"... or "accepted"). */
  private static String hex(String text) {
    Matcher matcher = HEX.matcher(text);
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (matcher.find()) {
      String run = matcher.group();
      boolean digit = false;
      boolean letter = run.startsWith("0x");
      for (int i = 0; i < run.length(); i++) {
        char c = run.charAt(i);
        digit |= c >= '0' && c <= '9';
        letter |= (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      }
      if (digit && letter) {
        out.append(text, at, matcher.start()).append("<hex>");
        at = matcher.end();
      }
    }
    return out.append(text, at, text.length()).toString();
  }

  private static String bound(String text) {
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 1) + "…";
  }
}
