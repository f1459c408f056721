package io.logwarden.normalize.json;

import static io.logwarden.normalize.json.JsonFields.path;
import static io.logwarden.normalize.json.JsonFields.paths;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.JsonFormatParser;
import io.logwarden.normalize.MessageClassifier;
import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.normalize.SeverityScale;
import io.logwarden.normalize.catalogue.CanonicalFields;
import io.logwarden.normalize.catalogue.CatalogueEntry;
import io.logwarden.normalize.catalogue.FieldLookup;
import io.logwarden.normalize.catalogue.GenericRules;
import io.logwarden.normalize.catalogue.SourceCatalogue;
import io.logwarden.normalize.json.JsonFields.Path;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Any JSON log object: application loggers and log shippers. Reads ECS-style and common field
 * names, or the paths of the source catalogue's field entry that claims the object (a vendor's
 * audit log, a user's mapping for a shape they own); the rest become flattened attributes. The
 * entry classifies the event; without one, a message is tried against the catalogue's text entries
 * and the generic rules decide. A message that is itself a JSON object (an application's JSON log line
 * that a shipper wrapped) is read too, and its fields win over the wrapper's. The fallback of JSON
 * detection: it accepts every object; subclasses only narrow {@link #matches} to name a shipper.
 */
public class GenericJsonParser implements JsonFormatParser {

  /** Flag: a time field was present but unreadable; the observed time stands in. */
  public static final String BAD_TIME = "bad_time";
  /** Flag: the level is a number on no known scale; it is kept as severity text only. */
  public static final String BAD_LEVEL = "bad_level";

  // The common time keys in the order they are trusted, then ingestion times, which only stand in when
  // the record has no time of its own.
  static final Path[] TIME = paths("@timestamp", "timestamp", "time", "ts", "published", "date", "eventTime",
      "event_time", "created_at", "createdAt", "date_create", "datetime", "receiveTimestamp", "receive_timestamp",
      "ingest_time", "ingestion_time", "received_at", "receivedAt", "observedTimestamp");
  static final Path[] MESSAGE = paths("message", "msg", "log", "text");
  static final Path[] LEVEL = paths("level", "log.level", "severity", "levelname", "lvl", "loglevel");
  private static final Path[] USER = paths("user.name", "user", "username", "user_id", "user.id");
  private static final Path[] PROCESS = paths("process.name", "logger_name", "logger");
  private static final Path[] SERVICE = paths("service.name", "service", "app", "application");
  private static final Path[] HOST =
      paths("host.name", "host", "hostname", "kubernetes.host", "kubernetes.pod_node_name");
  private static final Path[] SOURCE_ADDRESS =
      paths("source.ip", "source.address", "client.ip", "client.address", "client_ip", "remote_addr");
  private static final Path[] SOURCE_PORT = paths("source.port", "client.port");
  private static final Path[] ERROR_STACK = paths("stack_trace", "error.stack_trace", "exception.stacktrace");
  private static final Path[] ERROR_TYPE = paths("error.type", "exception.type", "exception.class");
  private static final Path[] ERROR_MESSAGE = paths("error.message", "exception.message");
  // No bare "id": it is as often an order's or a user's id, and store topics compact by event id.
  private static final Path[] EVENT_ID = paths("event.id", "event_id", "uuid");
  private static final Path[] TRACE_ID = paths("trace_id", "trace.id", "traceId");
  private static final Path[] SPAN_ID = paths("span_id", "span.id", "spanId");
  private static final Path[] ACTION = paths("event.action", "action");
  private static final Path[] OUTCOME = paths("event.outcome", "outcome");
  private static final Path[] NONE = {};

  private static final Set<String> SIGN_IN_ACTIONS = Set.of(
      "sign_in", "signin", "sign-in", "login", "log_in", "logon", "user_login", "authenticate",
      "authentication", "user-login", "consolelogin");
  private static final Set<String> LEVEL_WORDS = Set.of(
      "TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL", "CRITICAL");

  /** Embedded JSON messages longer than this stay text: wrappers of huge payloads are rarely logs. */
  private static final int MAX_EMBEDDED_CHARS = 64 * 1024;
  private static final ObjectMapper EMBEDDED_JSON = embeddedJsonMapper();

  private static final Path EVENT_CATEGORY = path("event.category");
  private static final Path EVENT_ORIGINAL = path("event.original");
  private static final Path LEVEL_VALUE = path("level_value");

  private final String format;
  private final SourceCatalogue catalogue;
  private final MessageClassifier messages;

  /** The generic parser, format {@code json}, with a catalogue and the classifier of its messages. */
  public GenericJsonParser(SourceCatalogue catalogue, MessageClassifier messages) {
    this("json", catalogue, messages);
  }

  protected GenericJsonParser(String format, SourceCatalogue catalogue, MessageClassifier messages) {
    this.format = format;
    this.catalogue = catalogue;
    this.messages = messages;
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
    Reading outer = read(new JsonFields(root), context);
    ObjectNode embedded = embeddedObject(outer.event.message);
    if (embedded != null) {
      outer.merge(read(new JsonFields(embedded), context));
    }
    classify(outer, context);
    finish(outer.event);
    return List.of(outer.event);
  }

  /** What one object says, before classification; the action and category inputs are kept raw. */
  private static final class Reading {
    final ParsedEvent event = new ParsedEvent();
    String action;
    boolean authenticationCategory;
    CatalogueEntry entry;
    String outcomeText;
    FieldLookup fields;

    void merge(Reading inner) {
      ParsedEvent in = inner.event;
      event.time = in.time != null ? in.time : event.time;
      event.message = in.message;
      event.severityText = first(in.severityText, event.severityText);
      if (in.severityText != null || in.severityNumber != null) {
        event.severityNumber = in.severityNumber;
      }
      event.user = first(in.user, event.user);
      event.process = first(in.process, event.process);
      event.service = first(in.service, event.service);
      event.host = first(in.host, event.host);
      event.sourceAddress = first(in.sourceAddress, event.sourceAddress);
      event.sourcePort = in.sourcePort != null ? in.sourcePort : event.sourcePort;
      event.targetKind = first(in.targetKind, event.targetKind);
      event.targetName = first(in.targetName, event.targetName);
      event.errorType = first(in.errorType, event.errorType);
      event.errorMessage = first(in.errorMessage, event.errorMessage);
      event.errorStack = first(in.errorStack, event.errorStack);
      event.traceId = first(in.traceId, event.traceId);
      event.spanId = first(in.spanId, event.spanId);
      event.eventId = first(in.eventId, event.eventId);
      event.outcome = in.outcome != Outcome.UNKNOWN ? in.outcome : event.outcome;
      in.attributes().forEach(event::attribute);
      in.flags().forEach(event::flag);
      action = first(inner.action, action);
      authenticationCategory |= inner.authenticationCategory;
      if (inner.entry != null || entry == null) {
        entry = inner.entry;
        outcomeText = inner.outcomeText;
        fields = inner.fields;
      }
    }

    private static String first(String preferred, String fallback) {
      return preferred != null ? preferred : fallback;
    }
  }

  private Reading read(JsonFields fields, ParseContext context) {
    FieldLookup lookup = FieldLookup.of(fields);
    CatalogueEntry mapping = catalogue.matchFields(lookup);
    Reading reading = new Reading();
    reading.entry = mapping;
    reading.fields = lookup;
    ParsedEvent event = reading.event;
    readTime(event, fields, mapping, context);
    event.message = read(fields, mapping, "message", MESSAGE);
    readLevel(event, fields, mapping);
    event.user = read(fields, mapping, "user", USER);
    event.process = read(fields, mapping, "process", PROCESS);
    event.service = read(fields, mapping, "service", SERVICE);
    event.host = read(fields, mapping, "host", HOST);
    String address = read(fields, mapping, "source_address", SOURCE_ADDRESS);
    event.sourceAddress = address == null ? null : CanonicalFields.unmapped(address);
    event.sourcePort = CanonicalFields.port(read(fields, mapping, "source_port", SOURCE_PORT));
    event.errorStack = read(fields, mapping, "error_stack", ERROR_STACK);
    event.errorType = read(fields, mapping, "error_type", ERROR_TYPE);
    event.errorMessage = read(fields, mapping, "error_message", ERROR_MESSAGE);
    event.eventId = read(fields, mapping, "event_id", EVENT_ID);
    event.traceId = read(fields, mapping, "trace_id", TRACE_ID);
    event.spanId = read(fields, mapping, "span_id", SPAN_ID);
    event.targetKind = read(fields, mapping, "target_kind", NONE);
    event.targetName = read(fields, mapping, "target_name", NONE);
    reading.outcomeText = read(fields, mapping, "outcome", OUTCOME);
    event.outcome = outcome(reading.outcomeText);
    reading.action = read(fields, mapping, "action", ACTION);
    reading.authenticationCategory = isAuthentication(fields.peek(EVENT_CATEGORY));
    if (mapping != null) {
      readMappedExtras(event, fields, mapping);
    }
    // Logstash keeps the raw line in event.original; when nothing was parsed out of it, it only repeats the message.
    if (event.message != null && event.message.equals(JsonValues.text(fields.peek(EVENT_ORIGINAL)))) {
      fields.consume(EVENT_ORIGINAL);
    }
    addAttributes(event, fields);
    return reading;
  }

  // The entry's fields that no usual reading takes: attributes (a key with a dot), the category, the
  // severity and the change kind.
  private static void readMappedExtras(ParsedEvent event, JsonFields fields, CatalogueEntry mapping) {
    for (Map.Entry<String, Path[]> field : mapping.fieldPaths().entrySet()) {
      String name = field.getKey();
      if (name.indexOf('.') >= 0 || name.equals("category") || name.equals("severity") || name.equals("change_kind")) {
        JsonNode node = fields.node(field.getValue());
        if (node != null) {
          mapping.setField(event, name, node.asText());
        }
      }
    }
  }

  /** The mapped path when the mapping names one and it holds a scalar, else the first usual field. */
  private static JsonNode readNode(JsonFields fields, CatalogueEntry mapping, String canonical, Path[] candidates) {
    if (mapping != null) {
      Path[] mapped = mapping.pathsOf(canonical);
      if (mapped != null) {
        JsonNode node = fields.node(mapped);
        if (node != null) {
          return node;
        }
      }
    }
    return candidates.length == 0 ? null : fields.node(candidates);
  }

  private static String read(JsonFields fields, CatalogueEntry mapping, String canonical, Path[] candidates) {
    JsonNode node = readNode(fields, mapping, canonical, candidates);
    if (node == null) {
      return null;
    }
    String text = node.asText();
    // An entry's source writes "-" or "" for a field it has not (Windows' IpAddress, nginx's remote_user).
    return mapping != null && mapping.pathsOf(canonical) != null && CanonicalFields.isAbsent(text) ? null : text;
  }

  private static void readTime(ParsedEvent event, JsonFields fields, CatalogueEntry mapping, ParseContext context) {
    if (mapping != null && mapping.timePaths() != null) {
      JsonNode node = fields.node(mapping.timePaths());
      if (node != null) {
        Instant instant = mapping.readTime(node.asText(), context.zone());
        if (instant == null) {
          event.flag(BAD_TIME);
        }
        event.time = instant;
        return;
      }
    }
    JsonNode node = readNode(fields, mapping, "time", TIME);
    if (node == null) {
      return;
    }
    Instant instant = JsonValues.time(node, context);
    if (instant == null) {
      event.flag(BAD_TIME);
    }
    event.time = instant;
  }

  private static void readLevel(ParsedEvent event, JsonFields fields, CatalogueEntry mapping) {
    JsonNode level = readNode(fields, mapping, "level", LEVEL);
    if (level != null) {
      event.severityText = level.asText();
      if (level.isNumber()) {
        event.severityNumber = numericLevel(level);
        if (event.severityNumber == null) {
          event.flag(BAD_LEVEL);
        }
      }
    }
    // logstash-logback-encoder writes the level twice; level_value is only news when level is absent.
    JsonNode levelValue = fields.peek(LEVEL_VALUE);
    Integer fromValue = levelValue != null && levelValue.isNumber() ? numericLevel(levelValue) : null;
    if (fromValue != null) {
      fields.consume(LEVEL_VALUE);
      if (event.severityNumber == null && SeverityScale.fromText(event.severityText) == null) {
        event.severityNumber = fromValue;
      }
    }
  }

  private static Integer numericLevel(JsonNode number) {
    return number.isIntegralNumber() && number.canConvertToLong()
        ? SeverityScale.fromNumericLevel(number.longValue()) : null;
  }

  private void classify(Reading reading, ParseContext context) {
    ParsedEvent event = reading.event;
    CatalogueEntry entry = reading.entry;
    if (entry != null && entry.classification() != null && entry.classification().decides()) {
      entry.classify(event, reading.outcomeText);
      return;
    }
    if (entry == null || entry.origin() == CatalogueEntry.Origin.USER) {
      // A catalogue's shape entry knows its source: only its classifying entries decide, not the usual
      // guesses (Winlogbeat writes event.action "Logon" for a service's logon, and a logoff with
      // event.category authentication). A policy's json_mappings entry leaves the usual classification on.
      classifyAsUsual(reading);
    } else {
      event.action = reading.action;
    }
    if (entry != null) {
      // A shape entry (no classification) or a category only: the entry is named, its category wins.
      entry.classify(event, entry.classification() == null ? null : reading.outcomeText);
      if (entry.classification() != null || event.category != null) {
        return;
      }
    } else if (event.category != null) {
      event.classifiedBy(GenericRules.JSON_SIGN_IN);
      return;
    }
    if (event.message != null && messages.classify(event, event.message, context)) {
      return;
    }
    if (entry == null) {
      GenericRules.classifyJson(event, reading.fields);
    }
  }

  private static void classifyAsUsual(Reading reading) {
    ParsedEvent event = reading.event;
    String action = reading.action;
    if (isSignIn(action) || (reading.authenticationCategory && event.outcome != Outcome.UNKNOWN)) {
      event.category = Category.AUTHENTICATION;
      event.action = "sign_in";
    } else if (reading.authenticationCategory) {
      event.category = Category.AUTHENTICATION;
      event.action = action;
    } else {
      event.action = action;
    }
  }

  private static void finish(ParsedEvent event) {
    if (event.message != null) {
      event.message = stripLineEnd(event.message);
    }
    if (event.severityText == null && event.severityNumber == null && event.message != null) {
      event.severityText = levelWordAtStart(event.message);
    }
    if (event.errorStack != null && event.errorType == null) {
      readStackHead(event);
    }
  }

  static Outcome outcome(String text) {
    Outcome word = GenericRules.outcomeWord(text);
    return word == null ? Outcome.UNKNOWN : word;
  }

  private static boolean isSignIn(String action) {
    return action != null && SIGN_IN_ACTIONS.contains(action.toLowerCase(Locale.ROOT));
  }

  // ECS event.category is an array by the spec and a string in many producers.
  private static boolean isAuthentication(JsonNode category) {
    if (category == null) {
      return false;
    }
    if (category.isArray()) {
      for (JsonNode element : category) {
        if ("authentication".equalsIgnoreCase(JsonValues.text(element))) {
          return true;
        }
      }
      return false;
    }
    return "authentication".equalsIgnoreCase(JsonValues.text(category));
  }

  /** The fields no canonical field took, flattened with dotted keys. */
  static void addAttributes(ParsedEvent event, JsonFields fields) {
    Iterator<Map.Entry<String, JsonNode>> it = fields.root().fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonAttributes.flatten(event, field.getKey(), field.getValue(), fields.usedPaths(), 0);
    }
  }

  private static ObjectNode embeddedObject(String message) {
    if (message == null || message.length() > MAX_EMBEDDED_CHARS) {
      return null;
    }
    int start = 0;
    int end = message.length();
    while (start < end && Character.isWhitespace(message.charAt(start))) {
      start++;
    }
    while (end > start && Character.isWhitespace(message.charAt(end - 1))) {
      end--;
    }
    if (end - start < 2 || message.charAt(start) != '{' || message.charAt(end - 1) != '}') {
      return null;
    }
    try {
      JsonNode node = EMBEDDED_JSON.readTree(message);
      return node != null && node.isObject() ? (ObjectNode) node : null;
    } catch (JsonProcessingException notJson) {
      // A message that only looks like JSON stays the message.
      return null;
    }
  }

  private static String stripLineEnd(String message) {
    int end = message.length();
    while (end > 0 && (message.charAt(end - 1) == '\n' || message.charAt(end - 1) == '\r')) {
      end--;
    }
    return end == message.length() ? message : message.substring(0, end);
  }

  /**
   * The level word among the first few words of a line a shipper forwarded unparsed, e.g. {@code
   * 2026-07-22T09:45:23Z ERROR [orders] ...}; upper case only, so prose is not mistaken for a level.
   */
  static String levelWordAtStart(String message) {
    int limit = Math.min(message.length(), 80);
    int words = 0;
    int i = 0;
    while (i < limit && words < 4) {
      while (i < limit && message.charAt(i) == ' ') {
        i++;
      }
      int start = i;
      while (i < limit && message.charAt(i) != ' ') {
        i++;
      }
      if (i > start) {
        words++;
        int from = start;
        int to = i;
        if (to - from > 2 && message.charAt(from) == '[' && message.charAt(to - 1) == ']') {
          from++;
          to--;
        }
        if (to - from >= 4 && to - from <= 8 && Character.isUpperCase(message.charAt(from))) {
          String word = message.substring(from, to);
          if (LEVEL_WORDS.contains(word)) {
            return word;
          }
        }
      }
    }
    return null;
  }

  /**
   * The exception type and message of a stack trace's head line ({@code java.lang.X: message}), or
   * of its last line for a Python traceback, which names the exception at the end.
   */
  private static void readStackHead(ParsedEvent event) {
    String stack = event.errorStack;
    String line;
    if (stack.startsWith("Traceback")) {
      int end = stack.length();
      while (end > 0 && Character.isWhitespace(stack.charAt(end - 1))) {
        end--;
      }
      line = stack.substring(stack.lastIndexOf('\n', end - 1) + 1, end);
    } else {
      int newline = stack.indexOf('\n');
      line = newline < 0 ? stack : stack.substring(0, newline);
    }
    line = line.strip();
    int colon = line.indexOf(": ");
    String type = colon < 0 ? line : line.substring(0, colon);
    if (!isTypeName(type) || (colon < 0 && type.indexOf('.') < 0)) {
      return;
    }
    event.errorType = type;
    if (colon >= 0 && event.errorMessage == null) {
      event.errorMessage = line.substring(colon + 2).strip();
    }
  }

  private static boolean isTypeName(String text) {
    if (text.isEmpty() || text.length() > 256 || !Character.isJavaIdentifierStart(text.charAt(0))) {
      return false;
    }
    for (int i = 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isJavaIdentifierPart(c) && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static ObjectMapper embeddedJsonMapper() {
    JsonMapper mapper = JsonMapper.builder().build();
    // The record's own depth limit does not reach into a string; the embedded document needs its own.
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(RecordNormalizer.MAX_JSON_DEPTH)
        .build());
    return mapper;
  }
}
