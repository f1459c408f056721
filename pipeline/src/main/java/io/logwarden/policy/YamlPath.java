package io.logwarden.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A location in a YAML document (a policy or a rules file) as a sequence of mapping keys and list
 * indexes, written as {@code stores.betterstack.retention} or {@code routing[1].stores[0]}; a list
 * entry that has a name is written by it, {@code rules[auth.brute_force.user].threshold}.
 *
 * <p>Kept as segments rather than a dotted string because keys may themselves contain dots.
 */
public final class YamlPath {

  private static final YamlPath ROOT = new YamlPath(List.of());

  /** A list entry written by its name; its index is what finds it in the document. */
  record Entry(int index, String name) {}

  private final List<Object> segments;

  private YamlPath(List<Object> segments) {
    this.segments = segments;
  }

  public static YamlPath root() {
    return ROOT;
  }

  public YamlPath key(String key) {
    return append(key);
  }

  public YamlPath index(int index) {
    return append(index);
  }

  /** The list entry at {@code index}, written in messages by {@code name} instead of its index. */
  public YamlPath entry(int index, String name) {
    return append(new Entry(index, name));
  }

  private YamlPath append(Object segment) {
    List<Object> next = new ArrayList<>(segments.size() + 1);
    next.addAll(segments);
    next.add(segment);
    return new YamlPath(List.copyOf(next));
  }

  /** This path with the list index at {@code position} written by {@code name}. */
  YamlPath naming(int position, String name) {
    List<Object> next = new ArrayList<>(segments);
    next.set(position, new Entry((Integer) segments.get(position), name));
    return new YamlPath(List.copyOf(next));
  }

  /** The path one segment up; the root for a top-level key. */
  YamlPath parent() {
    return segments.isEmpty() ? this : new YamlPath(segments.subList(0, segments.size() - 1));
  }

  /**
   * The segments in order: {@link String} for a mapping key, {@link Integer} for a list index,
   * {@link Entry} for a list entry written by its name.
   */
  List<Object> segments() {
    return segments;
  }

  public boolean isRoot() {
    return segments.isEmpty();
  }

  /** The last mapping key of the path, e.g. {@code retention} for {@code stores.sentry.retention}. */
  public Optional<String> lastKey() {
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
      } else if (segment instanceof Entry entry) {
        text.append('[').append(entry.name()).append(']');
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
