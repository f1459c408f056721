package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads fields of a JSON log object by ECS-style dotted names, whether the producer nested them
 * ({@code {"user":{"name":"x"}}}) or flattened them ({@code {"user.name":"x"}}), and remembers which
 * paths were used so the rest can become attributes.
 */
public final class JsonFields {

  /** A dotted field name split once, so that looking it up in each record allocates nothing. */
  public static final class Path {
    final String dotted;
    final String[] segments;
    // rests[i]: segments i.. joined with dots, for a nested key that holds dots itself.
    final String[] rests;

    private Path(String dotted) {
      this.dotted = dotted;
      this.segments = split(dotted);
      this.rests = new String[segments.length];
      for (int i = 1; i < segments.length - 1; i++) {
        rests[i] = rest(segments, i);
      }
    }

    @Override
    public String toString() {
      return dotted;
    }
  }

  private final ObjectNode root;
  // Dotted paths, not top-level names: reading user.name must not hide user.email from the attributes.
  private final Set<String> used = new HashSet<>();
  private int dottedKeys = -1;

  public JsonFields(ObjectNode root) {
    this.root = root;
  }

  /** The path of a dotted name; compile candidate names once, not per record. */
  public static Path path(String dottedName) {
    return new Path(dottedName);
  }

  /** The paths of several dotted names, in order. */
  public static Path[] paths(String... dottedNames) {
    Path[] paths = new Path[dottedNames.length];
    for (int i = 0; i < dottedNames.length; i++) {
      paths[i] = new Path(dottedNames[i]);
    }
    return paths;
  }

  /** The object the fields are read from. */
  public ObjectNode root() {
    return root;
  }

  /** The first of the candidate fields that holds a scalar, as text; null if none does. */
  public String text(Path... candidates) {
    JsonNode node = node(candidates);
    return node == null ? null : node.asText();
  }

  /** The first of the candidate fields that holds a scalar (JSON nulls are skipped); null if none does. */
  public JsonNode node(Path... candidates) {
    for (Path candidate : candidates) {
      JsonNode found = find(candidate);
      if (found != null && found.isValueNode() && !found.isNull()) {
        used.add(candidate.dotted);
        return found;
      }
    }
    return null;
  }

  /** The node at a dotted path whatever its type, or null; does not mark it used. */
  public JsonNode peek(Path path) {
    return find(path);
  }

  /** Whether the dotted path exists with a non-null value, nested or flat. */
  public boolean has(Path path) {
    JsonNode found = find(path);
    return found != null && !found.isNull();
  }

  /** Marks a path used without reading it, e.g. a field that only repeats another. */
  public void consume(Path path) {
    used.add(path.dotted);
  }

  /** The dotted paths read or consumed so far. */
  public Set<String> usedPaths() {
    return used;
  }

  private JsonNode find(Path path) {
    String[] segments = path.segments;
    if (segments.length == 1) {
      return root.get(path.dotted);
    }
    if (hasDottedKeys()) {
      JsonNode flat = root.get(path.dotted);
      if (flat != null) {
        return flat;
      }
    }
    JsonNode current = root;
    for (int i = 0; i < segments.length; i++) {
      JsonNode parent = current;
      // A number indexes an array: sourceIPs.0, target.0.alternateId.
      current = parent.isArray() ? parent.get(index(segments[i])) : parent.get(segments[i]);
      if (current == null) {
        // A nested key may hold dots itself (Azure's claims: {"claims": {"http://.../upn": ...}}).
        return i > 0 && i < segments.length - 1 && parent.isObject() ? parent.get(path.rests[i]) : null;
      }
    }
    return current;
  }

  private static String rest(String[] segments, int from) {
    StringBuilder joined = new StringBuilder(segments[from]);
    for (int i = from + 1; i < segments.length; i++) {
      joined.append('.').append(segments[i]);
    }
    return joined.toString();
  }

  private static int index(String segment) {
    if (segment.isEmpty() || segment.length() > 9) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  // Most objects have no dotted top-level keys; knowing so saves a lookup per dotted candidate.
  private boolean hasDottedKeys() {
    if (dottedKeys < 0) {
      dottedKeys = 0;
      Iterator<String> names = root.fieldNames();
      while (names.hasNext()) {
        if (names.next().indexOf('.') >= 0) {
          dottedKeys = 1;
          break;
        }
      }
    }
    return dottedKeys == 1;
  }

  private static String[] split(String dotted) {
    int count = 1;
    for (int i = 0; i < dotted.length(); i++) {
      if (dotted.charAt(i) == '.') {
        count++;
      }
    }
    String[] segments = new String[count];
    int start = 0;
    for (int i = 0; i < count; i++) {
      int dot = dotted.indexOf('.', start);
      int end = dot < 0 ? dotted.length() : dot;
      segments[i] = dotted.substring(start, end);
      start = end + 1;
    }
    return segments;
  }
}
