package io.logwarden.policy;

import io.logwarden.schema.Category;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A user's mapping for a JSON shape they own: when an object has all of {@code whenFields}, its
 * canonical fields are read from the given (dotted) paths.
 *
 * @param name the mapping's name, for messages
 * @param whenFields dotted paths that must all be present for the mapping to apply
 * @param fields canonical field name (time, message, level, user, action, ...) to dotted JSON path
 * @param category the category of the events, or null to classify as usual
 */
public record JsonMapping(String name, List<String> whenFields, Map<String, String> fields, Category category) {

  /** The canonical fields a mapping may set. */
  public static final List<String> CANONICAL_FIELDS = List.of(
      "time", "message", "level", "user", "process", "service", "host", "source_address", "source_port",
      "action", "outcome", "target_kind", "target_name", "event_id", "trace_id", "span_id",
      "error_type", "error_message", "error_stack");

  public JsonMapping {
    Objects.requireNonNull(name, "name");
    whenFields = List.copyOf(whenFields);
    fields = Map.copyOf(fields);
  }
}
