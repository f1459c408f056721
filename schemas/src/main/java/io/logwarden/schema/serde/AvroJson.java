package io.logwarden.schema.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Renders an Avro record (specific or generic) as plain JSON for humans, driven by the record's
 * schema.
 *
 * <ul>
 *   <li>Fields keep the schema's order; nested records become objects, maps objects, arrays
 *       arrays, enums their symbol.
 *   <li>Unions are not wrapped: a {@code ["null","string"]} field is the string or {@code null}.
 *   <li>{@code timestamp-millis}, {@code -micros} and {@code -nanos} values, whether
 *       {@link Instant}s or raw longs, become ISO-8601 UTC strings with the type's fixed precision
 *       (3, 6 or 9 fraction digits), e.g. {@code "2026-11-27T10:15:30.123456Z"}.
 *   <li>{@code bytes} and {@code fixed} values become a string when they are valid UTF-8, else an
 *       object {@code {"base64": "..."}} holding their standard Base64 encoding.
 *   <li>A value of a Java type the schema type does not imply (the result of a logical-type
 *       conversion this class does not know, such as a {@code LocalDate}) becomes its
 *       {@code toString()}.
 * </ul>
 */
public final class AvroJson {

  /** Name of the field of the object that stands for bytes that are not valid UTF-8. */
  public static final String BASE64_FIELD = "base64";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DateTimeFormatter MILLIS = instantFormatter(3);
  private static final DateTimeFormatter MICROS = instantFormatter(6);
  private static final DateTimeFormatter NANOS = instantFormatter(9);

  private AvroJson() {}

  /** Returns {@code record} as a JSON object tree. */
  public static ObjectNode toJsonNode(IndexedRecord record) {
    Objects.requireNonNull(record, "record");
    return recordNode(record);
  }

  /** Returns {@code record} as compact JSON text. */
  public static String toJson(IndexedRecord record) {
    try {
      return MAPPER.writeValueAsString(toJsonNode(record));
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serializes; this would be a Jackson defect.
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode recordNode(IndexedRecord record) {
    // The record's own schema, not the enclosing field's: its positions are the ones get() uses.
    ObjectNode node = NODES.objectNode();
    for (Schema.Field field : record.getSchema().getFields()) {
      node.set(field.name(), toNode(field.schema(), record.get(field.pos())));
    }
    return node;
  }

  private static JsonNode toNode(Schema schema, Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    switch (schema.getType()) {
      case UNION:
        return toNode(UnionBranches.branchFor(schema, value), value);
      case RECORD:
        return value instanceof IndexedRecord ? recordNode((IndexedRecord) value) : text(value);
      case ARRAY:
        return value instanceof Collection ? arrayNode(schema, (Collection<?>) value) : text(value);
      case MAP:
        return value instanceof Map ? mapNode(schema, (Map<?, ?>) value) : text(value);
      case BYTES:
        return bytesNode(value);
      case FIXED:
        return value instanceof GenericFixed ? bytesNode(((GenericFixed) value).bytes())
            : text(value);
      case LONG:
        return longNode(schema.getLogicalType(), value);
      case INT:
        return value instanceof Integer ? NODES.numberNode((Integer) value) : text(value);
      case FLOAT:
        return value instanceof Float ? NODES.numberNode((Float) value) : text(value);
      case DOUBLE:
        return value instanceof Double ? NODES.numberNode((Double) value) : text(value);
      case BOOLEAN:
        return value instanceof Boolean ? NODES.booleanNode((Boolean) value) : text(value);
      case NULL:
        return NODES.nullNode();
      case ENUM:
      case STRING:
      default:
        return text(value);
    }
  }

  private static ArrayNode arrayNode(Schema schema, Collection<?> values) {
    ArrayNode node = NODES.arrayNode(values.size());
    for (Object element : values) {
      node.add(toNode(schema.getElementType(), element));
    }
    return node;
  }

  private static ObjectNode mapNode(Schema schema, Map<?, ?> values) {
    ObjectNode node = NODES.objectNode();
    for (Map.Entry<?, ?> entry : values.entrySet()) {
      node.set(String.valueOf(entry.getKey()), toNode(schema.getValueType(), entry.getValue()));
    }
    return node;
  }

  private static JsonNode longNode(LogicalType logicalType, Object value) {
    DateTimeFormatter format = timestampFormat(logicalType);
    if (format != null && (value instanceof Instant || value instanceof Long)) {
      Instant instant = value instanceof Instant ? (Instant) value
          : toInstant(logicalType, (Long) value);
      return NODES.textNode(format.format(instant));
    }
    return value instanceof Long ? NODES.numberNode((Long) value) : text(value);
  }

  private static DateTimeFormatter timestampFormat(LogicalType logicalType) {
    if (logicalType instanceof LogicalTypes.TimestampMillis) {
      return MILLIS;
    }
    if (logicalType instanceof LogicalTypes.TimestampMicros) {
      return MICROS;
    }
    if (logicalType instanceof LogicalTypes.TimestampNanos) {
      return NANOS;
    }
    return null;
  }

  private static Instant toInstant(LogicalType logicalType, long value) {
    if (logicalType instanceof LogicalTypes.TimestampMillis) {
      return Instant.ofEpochMilli(value);
    }
    long perSecond = logicalType instanceof LogicalTypes.TimestampMicros ? 1_000_000L
        : 1_000_000_000L;
    long nanosPerUnit = 1_000_000_000L / perSecond;
    // floorDiv/floorMod keep times before 1970 right: -1 µs is 23:59:59.999999 of the day before.
    return Instant.ofEpochSecond(Math.floorDiv(value, perSecond),
        Math.floorMod(value, perSecond) * nanosPerUnit);
  }

  private static JsonNode bytesNode(Object value) {
    if (value instanceof ByteBuffer) {
      // A duplicate, so that reading leaves the record's buffer position untouched.
      ByteBuffer view = ((ByteBuffer) value).duplicate();
      byte[] bytes = new byte[view.remaining()];
      view.get(bytes);
      return bytesNode(bytes);
    }
    return value instanceof byte[] ? bytesNode((byte[]) value) : text(value);
  }

  private static JsonNode bytesNode(byte[] bytes) {
    try {
      return NODES.textNode(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString());
    } catch (CharacterCodingException notText) {
      ObjectNode node = NODES.objectNode();
      node.put(BASE64_FIELD, Base64.getEncoder().encodeToString(bytes));
      return node;
    }
  }

  private static JsonNode text(Object value) {
    // Enum symbols (generic or generated) and strings (String or Utf8) print as themselves.
    return NODES.textNode(value.toString());
  }

  private static DateTimeFormatter instantFormatter(int fractionDigits) {
    return new DateTimeFormatterBuilder().appendInstant(fractionDigits).toFormatter();
  }
}
