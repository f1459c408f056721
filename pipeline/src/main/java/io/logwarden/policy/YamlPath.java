package io.logwarden.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A location in the policy document as a sequence of mapping keys and list indexes, written as
 * {@code stores.betterstack.retention} or {@code routing[1].stores[0]}.
 *
 * <p>Kept as segments rather than a dotted string because keys may themselves contain dots.
 */
final class YamlPath {

  private static final YamlPath ROOT = new YamlPath(List.of());

  private final List<Object> segments;

  private YamlPath(List<Object> segments) {
    this.segments = segments;
  }

  static YamlPath root() {
    return ROOT;
  }

  YamlPath key(String key) {
    return append(key);
  }

  YamlPath index(int index) {
    return append(index);
  }

  private YamlPath append(Object segment) {
    List<Object> next = new ArrayList<>(segments.size() + 1);
    next.addAll(segments);
    next.add(segment);
    return new YamlPath(List.copyOf(next));
  }

  /** The segments in order: {@link String} for a mapping key, {@link Integer} for a list index. */
  List<Object> segments() {
    return segments;
  }

  boolean isRoot() {
    return segments.isEmpty();
  }

  /** The last mapping key of the path, e.g. {@code retention} for {@code stores.sentry.retention}. */
  Optional<String> lastKey() {
    for (int i = segments.size() - 1; i >= 0; i--) {
      if (segments.get(i) instanceof String key) {
        return Optional.of(key);
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof YamlPath that && segments.equals(that.segments);
  }

  @Override
  public int hashCode() {
    return segments.hashCode();
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
