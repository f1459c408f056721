package io.logwarden.redact.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * A place in a rule file as keys and list indexes, written as messages name it:
 * {@code rules[3].allowlists[0].regexes[1]}.
 */
final class TomlPath {

  static final TomlPath ROOT = new TomlPath(List.of());

  private final List<Object> segments;

  private TomlPath(List<Object> segments) {
    this.segments = segments;
  }

  TomlPath key(String key) {
    return append(key);
  }

  TomlPath index(int index) {
    return append(index);
  }

  private TomlPath append(Object segment) {
    List<Object> next = new ArrayList<>(segments.size() + 1);
    next.addAll(segments);
    next.add(segment);
    return new TomlPath(List.copyOf(next));
  }

  /** {@link String} for a key, {@link Integer} for a list index. */
  List<Object> segments() {
    return segments;
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (Object segment : segments) {
      if (segment instanceof Integer index) {
        text.append('[').append(index).append(']');
      } else {
        if (text.length() > 0) {
          text.append('.');
        }
        text.append(segment);
      }
    }
    return text.toString();
  }
}
