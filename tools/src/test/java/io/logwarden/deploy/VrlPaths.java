package io.logwarden.deploy;

import java.util.ArrayList;
import java.util.List;

/**
 * The event paths a VRL program (Vector's remap language) reads and writes, in program order:
 * {@code .actor.user}, {@code .attributes."properties.$ip"}, {@code .flags[0]}. Variables
 * ({@code props.x}), numbers, string literals ({@code "..."}, {@code s'...'}, {@code r'...'},
 * {@code t'...'}), comments and metadata ({@code %kafka.topic}) are not event paths; the bare root
 * {@code .} is left out. A path directly followed by {@code =} (not {@code ==}) is a write.
 * https://vector.dev/docs/reference/vrl/expressions/#path
 */
final class VrlPaths {

  /** One path: its segments (quoted ones unquoted, indexes left out) and whether it is assigned to. */
  record Path(List<String> segments, boolean write) {

    String dotted() {
      return String.join(".", segments);
    }
  }

  private VrlPaths() {}

  /** The paths of a program. */
  static List<Path> of(String program) {
    List<Path> paths = new ArrayList<>();
    int i = 0;
    int n = program.length();
    while (i < n) {
      char c = program.charAt(i);
      if (c == '#') {
        while (i < n && program.charAt(i) != '\n') {
          i++;
        }
      } else if (c == '"') {
        i = skipQuoted(program, i, '"');
      } else if ((c == 's' || c == 'r' || c == 't') && i + 1 < n && program.charAt(i + 1) == '\''
          && (i == 0 || !isIdentifierPart(program.charAt(i - 1)))) {
        i = skipQuoted(program, i + 1, '\'');
      } else if (c == '%') {
        i = skipPath(program, i + 1, null);
      } else if (c == '.' && startsPath(program, i)) {
        List<String> segments = new ArrayList<>();
        i = skipPath(program, i, segments);
        if (!segments.isEmpty()) {
          paths.add(new Path(segments, isAssigned(program, i)));
        }
      } else {
        i++;
      }
    }
    return paths;
  }

  /** Whether the dot at {@code at} begins an event path: nothing that ends a value stands before it. */
  private static boolean startsPath(String program, int at) {
    int before = at - 1;
    while (before >= 0 && program.charAt(before) == ' ') {
      before--;
    }
    if (before < 0) {
      return true;
    }
    char previous = program.charAt(before);
    boolean directlyBefore = before == at - 1;
    // a.b (a variable's field), 1.5, "x".y, f(x).y and a[0].b continue a value; after a space they cannot.
    return !(directlyBefore && (isIdentifierPart(previous) || previous == ')' || previous == ']' || previous == '"'));
  }

  /** Reads path segments from the dot at {@code at} (or a metadata path after {@code %}); returns the index after. */
  private static int skipPath(String program, int at, List<String> segments) {
    int i = at;
    int n = program.length();
    boolean expectSegment = segments == null; // a metadata path starts with its first segment
    while (i < n) {
      char c = program.charAt(i);
      if (c == '.' && !expectSegment) {
        expectSegment = true;
        i++;
      } else if (expectSegment && c == '"') {
        int end = skipQuoted(program, i, '"');
        add(segments, program.substring(i + 1, end - 1));
        expectSegment = false;
        i = end;
      } else if (expectSegment && (Character.isLetter(c) || c == '_' || c == '@')) {
        int start = i;
        while (i < n && isIdentifierPart(program.charAt(i))) {
          i++;
        }
        add(segments, program.substring(start, i));
        expectSegment = false;
      } else if (c == '[' && !expectSegment) {
        while (i < n && program.charAt(i) != ']') {
          i++;
        }
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private static void add(List<String> segments, String segment) {
    if (segments != null) {
      segments.add(segment);
    }
  }

  private static boolean isAssigned(String program, int after) {
    int i = after;
    while (i < program.length() && program.charAt(i) == ' ') {
      i++;
    }
    return i < program.length() && program.charAt(i) == '='
        && (i + 1 >= program.length() || program.charAt(i + 1) != '=');
  }

  private static int skipQuoted(String program, int open, char quote) {
    int i = open + 1;
    while (i < program.length() && program.charAt(i) != quote) {
      i += program.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '@' || c == '$';
  }
}
