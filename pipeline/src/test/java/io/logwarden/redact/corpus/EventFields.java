package io.logwarden.redact.corpus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Every text of an Avro record, with its field path: strings, map keys and values, list elements,
 * nested records, enum symbols. Walked from the schema, so a field added to the event is covered
 * without a change here.
 */
final class EventFields {

  /** One text of the record, and where it sits ({@code attributes[detail]}, {@code error.message}). */
  record Field(String path, String text) {}

  private EventFields() {}

  static List<Field> of(IndexedRecord record) {
    List<Field> fields = new ArrayList<>();
    walk("", record, fields);
    return fields;
  }

  private static void walk(String path, Object value, List<Field> out) {
    if (value == null) {
      return;
    }
    if (value instanceof IndexedRecord record) {
      for (Schema.Field field : record.getSchema().getFields()) {
        walk(path.isEmpty() ? field.name() : path + "." + field.name(), record.get(field.pos()), out);
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        out.add(new Field(path + "{key}", key));
        walk(path + "[" + key + "]", entry.getValue(), out);
      }
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(path + "[" + i + "]", list.get(i), out);
      }
    } else if (value instanceof CharSequence || value instanceof Enum<?>) {
      out.add(new Field(path, value.toString()));
    } else if (value instanceof ByteBuffer bytes) {
      ByteBuffer copy = bytes.duplicate();
      byte[] data = new byte[copy.remaining()];
      copy.get(data);
      out.add(new Field(path, new String(data, StandardCharsets.ISO_8859_1)));
    }
  }
}
