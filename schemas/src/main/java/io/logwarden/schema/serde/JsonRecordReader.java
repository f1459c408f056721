package io.logwarden.schema.serde;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Conversion;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads a record of a generated class back from the plain JSON that {@link AvroJson} writes,
 * guided by the class's schema: the reader's side of the {@code json} encoding.
 *
 * <p>Like Avro's schema resolution, a field the JSON lacks takes its default (a record written by
 * an older release), and a field the schema does not know is ignored (a newer release). A union's
 * branch is chosen by the JSON value's kind: {@code null}, text, number, boolean, object or array.
 * A value that fits no branch, or a required field without default that is missing, is an error
 * that names the field's path, never its value.
 *
 * <p>Thread-safe.
 */
public final class JsonRecordReader<T extends SpecificRecord> {

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Class<T> type;
  private final SpecificData model;
  private final Schema schema;

  /** A reader of records of the generated class {@code type}. */
  public JsonRecordReader(Class<T> type) {
    this.type = Objects.requireNonNull(type, "type");
    TrustedRecordClasses.trustLogwardenRecords();
    this.model = SpecificData.getForClass(type);
    this.schema = model.getSchema(type);
  }

  /**
   * The record in {@code json} (UTF-8).
   *
   * @throws IllegalArgumentException when the text is not a JSON object of this record's shape;
   *     the message names the field path and what was wrong, never a value
   */
  public T read(byte[] json) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not JSON (" + location(e) + ")");
    }
    return read(tree);
  }

  /** The record in a JSON tree. */
  @SuppressWarnings("unchecked")
  public T read(JsonNode tree) {
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException("not a JSON object (" + kind(tree) + ")");
    }
    return (T) record(schema, tree, type.getSimpleName());
  }

  private Object record(Schema recordSchema, JsonNode node, String path) {
    IndexedRecord record = (IndexedRecord) model.newRecord(null, recordSchema);
    for (Schema.Field field : recordSchema.getFields()) {
      JsonNode value = node.get(field.name());
      String fieldPath = path + "." + field.name();
      if (value == null || value.isMissingNode()) {
        if (!field.hasDefaultValue()) {
          throw new IllegalArgumentException(fieldPath + " is missing and has no default");
        }
        record.put(field.pos(), model.deepCopy(field.schema(), model.getDefaultValue(field)));
      } else {
        record.put(field.pos(), value(field.schema(), value, fieldPath));
      }
    }
    return record;
  }

  private Object value(Schema valueSchema, JsonNode node, String path) {
    switch (valueSchema.getType()) {
      case UNION:
        return value(branch(valueSchema, node, path), node, path);
      case NULL:
        if (!node.isNull()) {
          throw mismatch(path, "null", node);
        }
        return null;
      case RECORD:
        if (!node.isObject()) {
          throw mismatch(path, "an object", node);
        }
        return record(valueSchema, node, path);
      case ARRAY: {
        if (!node.isArray()) {
          throw mismatch(path, "an array", node);
        }
        List<Object> values = new ArrayList<>(node.size());
        int index = 0;
        for (JsonNode element : node) {
          values.add(value(valueSchema.getElementType(), element, path + "[" + index++ + "]"));
        }
        return values;
      }
      case MAP: {
        if (!node.isObject()) {
          throw mismatch(path, "an object", node);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> entry = it.next();
          values.put(entry.getKey(), value(valueSchema.getValueType(), entry.getValue(), path + "{}"));
        }
        return values;
      }
      case ENUM:
        if (!node.isTextual() || !valueSchema.hasEnumSymbol(node.textValue())) {
          throw mismatch(path, "a symbol of " + valueSchema.getName(), node);
        }
        return model.createEnum(node.textValue(), valueSchema);
      case STRING:
        if (!node.isTextual()) {
          throw mismatch(path, "text", node);
        }
        return node.textValue();
      case BYTES:
        return ByteBuffer.wrap(bytes(node, path));
      case FIXED: {
        byte[] bytes = bytes(node, path);
        if (bytes.length != valueSchema.getFixedSize()) {
          throw new IllegalArgumentException(path + " holds " + bytes.length + " bytes, not "
              + valueSchema.getFixedSize());
        }
        return model.createFixed(null, bytes, valueSchema);
      }
      case LONG:
        return converted(valueSchema, longValue(valueSchema, node, path));
      case INT:
        if (!node.canConvertToInt() || !node.isIntegralNumber()) {
          throw mismatch(path, "a whole number", node);
        }
        return converted(valueSchema, node.intValue());
      case FLOAT:
        if (!node.isNumber()) {
          throw mismatch(path, "a number", node);
        }
        return node.floatValue();
      case DOUBLE:
        if (!node.isNumber()) {
          throw mismatch(path, "a number", node);
        }
        return node.doubleValue();
      case BOOLEAN:
        if (!node.isBoolean()) {
          throw mismatch(path, "true or false", node);
        }
        return node.booleanValue();
      default:
        throw new IllegalArgumentException(path + " has an unsupported type " + valueSchema.getType());
    }
  }

  private static long longValue(Schema valueSchema, JsonNode node, String path) {
    LogicalType logical = valueSchema.getLogicalType();
    boolean timestamp = logical instanceof LogicalTypes.TimestampMillis
        || logical instanceof LogicalTypes.TimestampMicros
        || logical instanceof LogicalTypes.TimestampNanos;
    if (timestamp && node.isTextual()) {
      Instant instant;
      try {
        instant = Instant.parse(node.textValue());
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(path + " is not an ISO-8601 UTC time");
      }
      try {
        if (logical instanceof LogicalTypes.TimestampMillis) {
          return instant.toEpochMilli();
        }
        long perSecond = logical instanceof LogicalTypes.TimestampMicros ? 1_000_000L : 1_000_000_000L;
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), perSecond),
            instant.getNano() / (1_000_000_000L / perSecond));
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException(path + " is out of the range of its type");
      }
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      throw mismatch(path, timestamp ? "an ISO-8601 UTC time" : "a whole number", node);
    }
    return node.longValue();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object converted(Schema valueSchema, Object raw) {
    LogicalType logical = valueSchema.getLogicalType();
    if (logical == null) {
      return raw;
    }
    Conversion conversion = model.getConversionFor(logical);
    if (conversion == null) {
      return raw;
    }
    return org.apache.avro.Conversions.convertToLogicalType(raw, valueSchema, logical, conversion);
  }

  private static byte[] bytes(JsonNode node, String path) {
    if (node.isTextual()) {
      return node.textValue().getBytes(StandardCharsets.UTF_8);
    }
    JsonNode base64 = node.isObject() && node.size() == 1 ? node.get(AvroJson.BASE64_FIELD) : null;
    if (base64 != null && base64.isTextual()) {
      try {
        return Base64.getDecoder().decode(base64.textValue());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(path + "." + AvroJson.BASE64_FIELD + " is not Base64");
      }
    }
    throw mismatch(path, "text or {\"" + AvroJson.BASE64_FIELD + "\": ...}", node);
  }

  // The first branch a JSON value of this kind can be.
  private static Schema branch(Schema union, JsonNode node, String path) {
    for (Schema candidate : union.getTypes()) {
      if (fits(candidate, node)) {
        return candidate;
      }
    }
    throw mismatch(path, "one of " + union.getTypes().stream().map(Schema::getName).toList(), node);
  }

  private static boolean fits(Schema candidate, JsonNode node) {
    return switch (candidate.getType()) {
      case NULL -> node.isNull();
      case STRING, ENUM -> node.isTextual();
      case BYTES, FIXED -> node.isTextual() || node.isObject() && node.has(AvroJson.BASE64_FIELD);
      case LONG -> node.isIntegralNumber() || node.isTextual() && candidate.getLogicalType() != null;
      case INT -> node.isIntegralNumber() && node.canConvertToInt();
      case FLOAT, DOUBLE -> node.isNumber();
      case BOOLEAN -> node.isBoolean();
      case RECORD, MAP -> node.isObject();
      case ARRAY -> node.isArray();
      default -> false;
    };
  }

  private static IllegalArgumentException mismatch(String path, String expected, JsonNode node) {
    return new IllegalArgumentException(path + " should be " + expected + ", not " + kind(node));
  }

  // A value's kind only: JSON content may hold anything, and messages end up in logs.
  private static String kind(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    return switch (node.getNodeType()) {
      case NULL -> "null";
      case STRING -> "text";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case OBJECT -> "an object";
      case ARRAY -> "an array";
      default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String location(IOException e) {
    if (e instanceof com.fasterxml.jackson.core.JsonProcessingException json && json.getLocation() != null) {
      return "at byte " + json.getLocation().getByteOffset();
    }
    return e.getClass().getSimpleName();
  }
}
