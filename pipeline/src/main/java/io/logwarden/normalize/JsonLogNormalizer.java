package io.logwarden.normalize;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.deadletter.DeadLetterReason;
import io.logwarden.deadletter.RejectedRecordException;
import io.logwarden.schema.Actor;
import io.logwarden.schema.Category;
import io.logwarden.schema.ErrorInfo;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Origin;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.Redaction;
import io.logwarden.schema.Source;
import io.logwarden.schema.serde.TrustedRecordClasses;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a JSON log object (application loggers and log shippers) into the canonical event. This is
 * the foundation's thin normalizer: it needs a timestamp and a message, reads ECS-style fields, and
 * recognizes sign-in outcomes; anything else is rejected with a reason for the dead-letter topic.
 */
public final class JsonLogNormalizer {

  /** Largest raw record accepted, in bytes. */
  public static final int MAX_RECORD_BYTES = 1024 * 1024;
  static final String FORMAT = "json";
  static final int MAX_ATTRIBUTES = 64;
  static final int MAX_ATTRIBUTE_CHARS = 1024;

  private static final Set<String> SIGN_IN_ACTIONS = Set.of(
      "sign_in", "signin", "sign-in", "login", "log_in", "logon", "user_login", "authenticate",
      "authentication", "user-login", "consolelogin");

  private final ObjectMapper json = JsonMapper.builder().build();

  static {
    // Avro refuses to instantiate classes that are not on its allow-list; ours must be.
    TrustedRecordClasses.trustLogwardenRecords();
  }

  public JsonLogNormalizer() {
    // A deeply nested record must be rejected quickly, not exhaust the stack.
    json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
  }

  /**
   * The event of a raw record.
   *
   * @throws RejectedRecordException when the record cannot become an event
   */
  public LogEvent normalize(RawRecord raw) {
    ObjectNode root = parseObject(raw.value());
    JsonFields fields = new JsonFields(root);
    Instant eventTime = eventTime(fields);
    String message = fields.text("message", "msg", "log");
    if (message == null) {
      throw new RejectedRecordException(DeadLetterReason.MISSING_MESSAGE, FORMAT,
          "JSON object has no message field (message, msg or log)");
    }
    String level = fields.text("level", "log.level", "severity", "levelname");
    String outcomeText = fields.text("event.outcome", "outcome");
    String action = fields.text("event.action", "action");
    String eventCategory = fields.text("event.category");
    Outcome outcome = outcome(outcomeText);
    boolean signIn = outcome != Outcome.UNKNOWN && (isSignInAction(action) || "authentication".equalsIgnoreCase(eventCategory));

    Actor actor = Actor.newBuilder()
        .setUser(fields.text("user.name", "user", "username", "user_id", "user.id"))
        .setProcess(fields.text("process.name", "logger_name", "logger"))
        .setService(fields.text("service.name", "service", "app", "application"))
        .build();
    Source source = Source.newBuilder()
        .setHost(fields.text("host.name", "host", "hostname"))
        .setAddress(fields.text("source.ip", "source.address", "client.ip", "remote_addr"))
        .setPort(port(fields.node("source.port", "client.port")))
        .build();
    String stack = fields.text("stack_trace", "error.stack_trace", "exception.stacktrace");
    String errorType = fields.text("error.type", "exception.type", "exception.class");
    String errorMessage = fields.text("error.message", "exception.message");
    String producerId = fields.text("event.id", "event_id", "uuid", "id");
    String traceId = fields.text("trace_id", "trace.id", "traceId");
    String spanId = fields.text("span_id", "span.id", "spanId");

    long observedMillis = raw.timestamp();
    Instant observed = Instant.ofEpochMilli(observedMillis);
    Instant micros = EventTimes.toMicros(eventTime);
    return LogEvent.newBuilder()
        .setEventId(producerId != null ? producerId : EventIds.of(raw.topic(), raw.partition(), raw.offset(), 0))
        .setEventTime(micros)
        .setObservedTime(observed)
        .setClockSkewMs(Duration.between(observed, micros).toMillis())
        .setCategory(signIn ? Category.AUTHENTICATION : Category.APPLICATION)
        .setAction(signIn ? "sign_in" : action != null ? action : "log")
        .setOutcome(outcome)
        .setSeverityNumber(SeverityScale.fromText(level))
        .setSeverityText(level)
        .setActor(actor)
        .setSource(source)
        .setMessage(message)
        .setAttributes(attributes(root, fields))
        .setError(stack == null && errorType == null && errorMessage == null ? null
            : ErrorInfo.newBuilder().setType(errorType).setMessage(errorMessage).setStack(stack).build())
        .setTraceId(traceId)
        .setSpanId(spanId)
        .setOrigin(Origin.newBuilder()
            .setTopic(raw.topic()).setPartition(raw.partition()).setOffset(raw.offset())
            .setIndex(0).setFormat(FORMAT).build())
        .setRedaction(Redaction.newBuilder().build())
        .setFlags(new ArrayList<>())
        .build();
  }

  private ObjectNode parseObject(byte[] value) {
    if (value == null || value.length == 0) {
      throw new RejectedRecordException(DeadLetterReason.EMPTY_RECORD, null, "record has no value");
    }
    if (value.length > MAX_RECORD_BYTES) {
      throw new RejectedRecordException(DeadLetterReason.TOO_LARGE, null,
          "record of " + value.length + " bytes is larger than " + MAX_RECORD_BYTES);
    }
    JsonNode node;
    try {
      node = json.readTree(value);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      // Jackson's own message quotes the input, which may hold secrets: say only where it broke.
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new RejectedRecordException(DeadLetterReason.NOT_JSON, null, "not valid JSON" + where);
    } catch (IOException e) {
      throw new RejectedRecordException(DeadLetterReason.NOT_JSON, null, "not readable as JSON text");
    }
    if (node == null || node.isMissingNode()) {
      throw new RejectedRecordException(DeadLetterReason.EMPTY_RECORD, null, "record holds only whitespace");
    }
    if (!node.isObject()) {
      throw new RejectedRecordException(DeadLetterReason.NOT_AN_OBJECT, FORMAT,
          "JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object");
    }
    return (ObjectNode) node;
  }

  private static Instant eventTime(JsonFields fields) {
    JsonNode node = fields.node("@timestamp", "timestamp", "time", "ts");
    if (node == null) {
      throw new RejectedRecordException(DeadLetterReason.MISSING_TIMESTAMP, FORMAT,
          "JSON object has no timestamp field (@timestamp, timestamp, time or ts)");
    }
    Instant instant = node.isNumber() ? EventTimes.fromEpoch(node.decimalValue())
        : looksNumeric(node.asText()) ? EventTimes.fromEpoch(new java.math.BigDecimal(node.asText().trim()))
        : EventTimes.parseIso(node.asText());
    if (instant == null) {
      throw new RejectedRecordException(DeadLetterReason.BAD_TIMESTAMP, FORMAT,
          "timestamp field is neither ISO-8601 nor an epoch number");
    }
    return instant;
  }

  private static boolean looksNumeric(String text) {
    return text.trim().matches("\\d{1,20}(\\.\\d{1,9})?");
  }

  private static Outcome outcome(String text) {
    if (text == null) {
      return Outcome.UNKNOWN;
    }
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "success", "succeeded", "ok" -> Outcome.SUCCESS;
      case "failure", "failed", "fail", "denied" -> Outcome.FAILURE;
      default -> Outcome.UNKNOWN;
    };
  }

  private static boolean isSignInAction(String action) {
    return action != null && SIGN_IN_ACTIONS.contains(action.toLowerCase(Locale.ROOT));
  }

  private static Integer port(JsonNode node) {
    if (node == null || !node.canConvertToInt()) {
      return null;
    }
    int port = node.asInt();
    return port >= 0 && port <= 65535 ? port : null;
  }

  /** The fields no canonical field took, flattened with dotted keys and bounded. */
  private static Map<String, String> attributes(ObjectNode root, JsonFields fields) {
    Map<String, String> attributes = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = root.fields();
    while (it.hasNext() && attributes.size() < MAX_ATTRIBUTES) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!fields.isUsed(field.getKey())) {
        flatten(field.getKey(), field.getValue(), attributes, 0);
      }
    }
    return attributes;
  }

  private static void flatten(String key, JsonNode node, Map<String, String> into, int depth) {
    if (into.size() >= MAX_ATTRIBUTES || node.isNull()) {
      return;
    }
    if (node.isObject() && depth < 8) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> child = it.next();
        flatten(key + "." + child.getKey(), child.getValue(), into, depth + 1);
      }
      return;
    }
    String text = node.isValueNode() ? node.asText() : node.toString();
    into.put(key, text.length() <= MAX_ATTRIBUTE_CHARS ? text : text.substring(0, MAX_ATTRIBUTE_CHARS));
  }
}
