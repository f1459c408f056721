package io.logwarden.detect.rules;

import io.logwarden.schema.LogEvent;

/** An event field a rule correlates on, named in rule files by its dotted name. */
public enum KeyField {
  SOURCE_ADDRESS("source.address"),
  USER("actor.user"),
  SERVICE("actor.service"),
  HOST("source.host"),
  PROCESS("actor.process");

  private final String fieldName;

  KeyField(String fieldName) {
    this.fieldName = fieldName;
  }

  /** The dotted name used in rule files and in alerts' {@code key_field}. */
  public String fieldName() {
    return fieldName;
  }

  /** The field's value in the event, or null when the event has none (or an empty one). */
  public String of(LogEvent event) {
    String value = switch (this) {
      case SOURCE_ADDRESS -> event.getSource().getAddress();
      case USER -> event.getActor().getUser();
      case SERVICE -> event.getActor().getService();
      case HOST -> event.getSource().getHost();
      case PROCESS -> event.getActor().getProcess();
    };
    return value == null || value.isEmpty() ? null : value;
  }

  /** The field of this dotted name, or null when there is none. */
  public static KeyField byName(String name) {
    for (KeyField field : values()) {
      if (field.fieldName.equals(name)) {
        return field;
      }
    }
    return null;
  }
}
