package io.logwarden.schema.serde;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Renders an Avro record (specific or generic) as plain JSON, driven by the record's schema: for
 * humans, and as the {@code json} encoding of a topic ({@link JsonRecordSerializer}; read back by
 * {@link JsonRecordReader}).
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
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private AvroJson() {}

  /** Returns {@code record} as a JSON object tree. */
  public static ObjectNode toJsonNode(IndexedRecord record) {
    Objects.requireNonNull(record, "record");
    try (TokenBuffer tokens = new TokenBuffer(MAPPER, false)) {
      write(tokens, record);
      return MAPPER.readTree(tokens.asParser());
    } catch (IOException e) {
      // Tokens in memory always read back; this would be a Jackson defect.
      throw new UncheckedIOException(e);
    }
  }

  /** Returns {@code record} as compact JSON text. */
  public static String toJson(IndexedRecord record) {
    Objects.requireNonNull(record, "record");
    StringWriter text = new StringWriter(512);
    try (JsonGenerator out = FACTORY.createGenerator(text)) {
      write(out, record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** Writes {@code record} as compact UTF-8 JSON to {@code out} (which is left open). */
  public static void writeUtf8(IndexedRecord record, ByteArrayOutputStream out) {
    Objects.requireNonNull(record, "record");
    try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      write(json, record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code record} as one JSON object to {@code out}. */
  public static void write(JsonGenerator out, IndexedRecord record) throws IOException {
    // The record's own schema, not the enclosing field's: its positions are the ones get() uses.
    out.writeStartObject();
    for (FieldPlan field : plan(record.getSchema())) {
      out.writeFieldName(field.name);
      Object value = record.get(field.pos);
      if (value == null) {
        out.writeNull();
      } else {
        writeValue(out, field.nonNull != null ? field.nonNull : field.schema, value);
      }
    }
    out.writeEndObject();
  }

  /**
   * A record schema's fields as the writer needs them, worked out once per schema: the name already
   * quoted and encoded, and for a {@code ["null", T]} union its one other branch, so that a record
   * costs no name encoding and no union search (the json encoding writes every event this way).
   */
  private record FieldPlan(SerializedString name, int pos, Schema schema, Schema nonNull) {}

  private static final Map<Schema, FieldPlan[]> PLANS = new ConcurrentHashMap<>();

  private static FieldPlan[] plan(Schema schema) {
    FieldPlan[] plan = PLANS.get(schema);
    if (plan == null) {
      List<Schema.Field> fields = schema.getFields();
      plan = new FieldPlan[fields.size()];
      for (int i = 0; i < plan.length; i++) {
        Schema.Field field = fields.get(i);
        plan[i] = new FieldPlan(new SerializedString(field.name()), field.pos(), field.schema(), nonNullBranch(field.schema()));
      }
      // Schemas are few (the generated classes' and the released ones): the map stays small.
      PLANS.putIfAbsent(schema, plan);
    }
    return plan;
  }

  private static Schema nonNullBranch(Schema schema) {
    if (schema.getType() != Schema.Type.UNION || schema.getTypes().size() != 2) {
      return null;
    }
    Schema first = schema.getTypes().get(0);
    Schema second = schema.getTypes().get(1);
    if (first.getType() == Schema.Type.NULL && second.getType() != Schema.Type.NULL) {
      return second;
    }
    return second.getType() == Schema.Type.NULL && first.getType() != Schema.Type.NULL ? first : null;
  }

  private static void writeValue(JsonGenerator out, Schema schema, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
      return;
    }
    switch (schema.getType()) {
      case UNION -> writeValue(out, UnionBranches.branchFor(schema, value), value);
      case RECORD -> {
        if (value instanceof IndexedRecord record) {
          write(out, record);
        } else {
          text(out, value);
        }
      }
      case ARRAY -> {
        if (value instanceof Collection<?> values) {
          out.writeStartArray();
          for (Object element : values) {
            writeValue(out, schema.getElementType(), element);
          }
          out.writeEndArray();
        } else {
          text(out, value);
        }
      }
      case MAP -> {
        if (value instanceof Map<?, ?> values) {
          out.writeStartObject();
          for (Map.Entry<?, ?> entry : values.entrySet()) {
            out.writeFieldName(String.valueOf(entry.getKey()));
            writeValue(out, schema.getValueType(), entry.getValue());
          }
          out.writeEndObject();
        } else {
          text(out, value);
        }
      }
      case BYTES -> bytes(out, value);
      case FIXED -> {
        if (value instanceof GenericFixed fixed) {
          bytes(out, fixed.bytes());
        } else {
          text(out, value);
        }
      }
      case LONG -> writeLong(out, schema.getLogicalType(), value);
      case INT -> {
        if (value instanceof Integer number) {
          out.writeNumber(number);
        } else {
          text(out, value);
        }
      }
      case FLOAT -> {
        if (value instanceof Float number) {
          out.writeNumber(number);
        } else {
          text(out, value);
        }
      }
      case DOUBLE -> {
        if (value instanceof Double number) {
          out.writeNumber(number);
        } else {
          text(out, value);
        }
      }
      case BOOLEAN -> {
        if (value instanceof Boolean flag) {
          out.writeBoolean(flag);
        } else {
          text(out, value);
        }
      }
      case NULL -> out.writeNull();
      default -> text(out, value);
    }
  }

  private static void writeLong(JsonGenerator out, LogicalType logicalType, Object value) throws IOException {
    int digits = logicalType instanceof LogicalTypes.TimestampMillis ? 3
        : logicalType instanceof LogicalTypes.TimestampMicros ? 6
        : logicalType instanceof LogicalTypes.TimestampNanos ? 9 : 0;
    if (digits > 0 && value instanceof Instant instant) {
      out.writeString(IsoTimes.format(instant.getEpochSecond(), instant.getNano(), digits));
      return;
    }
    if (digits > 0 && value instanceof Long raw) {
      Instant instant = toInstant(logicalType, raw);
      out.writeString(IsoTimes.format(instant.getEpochSecond(), instant.getNano(), digits));
      return;
    }
    if (value instanceof Long number) {
      out.writeNumber(number);
    } else {
      text(out, value);
    }
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

  private static void bytes(JsonGenerator out, Object value) throws IOException {
    if (value instanceof ByteBuffer buffer) {
      // A duplicate, so that reading leaves the record's buffer position untouched.
      ByteBuffer view = buffer.duplicate();
      byte[] bytes = new byte[view.remaining()];
      view.get(bytes);
      bytes(out, bytes);
    } else if (value instanceof byte[] bytes) {
      bytes(out, bytes);
    } else {
      text(out, value);
    }
  }

  private static void bytes(JsonGenerator out, byte[] bytes) throws IOException {
    try {
      out.writeString(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString());
    } catch (CharacterCodingException notText) {
      out.writeStartObject();
      out.writeStringField(BASE64_FIELD, Base64.getEncoder().encodeToString(bytes));
      out.writeEndObject();
    }
  }

  private static void text(JsonGenerator out, Object value) throws IOException {
    // Enum symbols (generic or generated) and strings (String or Utf8) print as themselves.
    out.writeString(value.toString());
  }

  static DateTimeFormatter instantFormatter(int fractionDigits) {
    return new DateTimeFormatterBuilder().appendInstant(fractionDigits).toFormatter();
  }
}
