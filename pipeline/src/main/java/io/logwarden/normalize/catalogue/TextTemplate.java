package io.logwarden.normalize.catalogue;

import java.util.ArrayList;
import java.util.List;

/**
 * An emitter's format string with its conversions named, e.g. {@code Failed {method} for {user*} from
 * {source_address} port {source_port:int}}, matched from the first character of a message in one pass:
 * each capture ends at the next literal (its first occurrence, or its last for {@code *}) or at the end of
 * a character class, so matching is linear in the message and never backtracks. Immutable and
 * thread-safe; a match returns the captured values by capture index.
 */
public final class TextTemplate {

  /** What a capture takes. */
  enum Kind {
    /** Up to the next literal, or the rest of the message. */
    TEXT,
    /** A run of non-white-space characters. */
    TOKEN,
    /** A run of characters other than white space and {@code (),;'"}. */
    WORD,
    /** A run of digits. */
    INT
  }

  private record Part(String literal, String name, Kind kind, boolean last) {
    boolean isLiteral() {
      return literal != null;
    }
  }

  private final String source;
  private final Part[] parts;
  private final List<String> names;

  private TextTemplate(String source, Part[] parts, List<String> names) {
    this.source = source;
    this.parts = parts;
    this.names = names;
  }

  /**
   * Compiles a template.
   *
   * @throws IllegalArgumentException with a message fit for a user when the template is malformed
   */
  public static TextTemplate compile(String template) {
    if (template == null || template.isEmpty()) {
      throw new IllegalArgumentException("is empty");
    }
    List<Part> parts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '\\' && i + 1 < template.length()
          && (template.charAt(i + 1) == '{' || template.charAt(i + 1) == '}' || template.charAt(i + 1) == '\\')) {
        literal.append(template.charAt(i + 1));
        i += 2;
        continue;
      }
      if (c == '}') {
        throw new IllegalArgumentException("has a '}' at character " + (i + 1) + " that closes no capture; write \\} for a literal one");
      }
      if (c != '{') {
        literal.append(c);
        i++;
        continue;
      }
      int close = template.indexOf('}', i);
      if (close < 0) {
        throw new IllegalArgumentException("has a '{' at character " + (i + 1) + " that is never closed");
      }
      if (literal.length() > 0) {
        parts.add(new Part(literal.toString(), null, null, false));
        literal.setLength(0);
      }
      Part capture = capture(template.substring(i + 1, close), i + 1);
      Part previous = parts.isEmpty() ? null : parts.get(parts.size() - 1);
      if (previous != null && !previous.isLiteral() && previous.kind() == Kind.TEXT) {
        throw new IllegalArgumentException("has two captures with no literal between them at character " + (i + 1)
            + "; the first would not know where to end (give it a kind: {name:token}, :word or :int)");
      }
      if (capture.name() != null) {
        if (names.contains(capture.name())) {
          throw new IllegalArgumentException("captures '" + capture.name() + "' twice");
        }
        names.add(capture.name());
      }
      parts.add(capture);
      i = close + 1;
    }
    if (literal.length() > 0) {
      parts.add(new Part(literal.toString(), null, null, false));
    }
    for (int k = 0; k < parts.size(); k++) {
      Part part = parts.get(k);
      if (part.last() && (k + 1 >= parts.size() || !parts.get(k + 1).isLiteral())) {
        throw new IllegalArgumentException("has '" + part.name() + "*' with no literal after it; '*' means up to the last occurrence of the literal that follows");
      }
    }
    return new TextTemplate(template, parts.toArray(Part[]::new), List.copyOf(names));
  }

  private static Part capture(String spec, int at) {
    boolean last = spec.endsWith("*");
    String body = last ? spec.substring(0, spec.length() - 1) : spec;
    int colon = body.indexOf(':');
    String name = colon < 0 ? body : body.substring(0, colon);
    Kind kind = Kind.TEXT;
    if (colon >= 0) {
      String kindName = body.substring(colon + 1);
      kind = switch (kindName) {
        case "token" -> Kind.TOKEN;
        case "word" -> Kind.WORD;
        case "int" -> Kind.INT;
        default -> throw new IllegalArgumentException("capture at character " + at + " has kind '" + kindName
            + "'; the kinds are token, word and int");
      };
    }
    if (last && kind != Kind.TEXT) {
      throw new IllegalArgumentException("capture at character " + at + " is both '*' and ':" + kind.name().toLowerCase(java.util.Locale.ROOT) + "'");
    }
    if (name.isEmpty() || name.equals("_")) {
      return new Part(null, null, kind, last);
    }
    for (int k = 0; k < name.length(); k++) {
      char c = name.charAt(k);
      if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '_' && c != '.') {
        throw new IllegalArgumentException("capture at character " + at + " has name '" + name
            + "'; names are letters, digits, '_' and '.'");
      }
    }
    return new Part(null, name, kind, last);
  }

  /** The capture names, in order; a match's values are in this order. */
  public List<String> names() {
    return names;
  }

  /** The literal the template opens with, or null when it opens with a capture. */
  public String leadingLiteral() {
    return parts.length > 0 && parts[0].isLiteral() ? parts[0].literal() : null;
  }

  /** The longest literal of the template, or null when it has none. */
  public String longestLiteral() {
    String longest = null;
    for (Part part : parts) {
      if (part.isLiteral() && (longest == null || part.literal().length() > longest.length())) {
        longest = part.literal();
      }
    }
    return longest;
  }

  /**
   * Matches the text from its first character that is not white space; trailing text after the last
   * part is allowed.
   *
   * @return the captured values by capture index (null for an empty capture), or null when the text does not match
   */
  public String[] match(String text) {
    String[] values = new String[names.size()];
    // Matching starts at the first character that is not white space (sudo right-aligns its user name).
    int position = 0;
    if (parts.length > 0 && !(parts[0].isLiteral() && Character.isWhitespace(parts[0].literal().charAt(0)))) {
      while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
        position++;
      }
    }
    int index = 0;
    int length = text.length();
    for (int p = 0; p < parts.length; p++) {
      Part part = parts[p];
      if (part.isLiteral()) {
        if (!text.startsWith(part.literal(), position)) {
          return null;
        }
        position += part.literal().length();
        continue;
      }
      int end;
      switch (part.kind()) {
        case TEXT -> {
          if (p + 1 == parts.length) {
            end = length;
          } else {
            String next = parts[p + 1].literal();
            end = part.last() ? text.lastIndexOf(next) : text.indexOf(next, position);
            if (end < position) {
              return null;
            }
          }
        }
        case TOKEN -> {
          end = position;
          while (end < length && !Character.isWhitespace(text.charAt(end))) {
            end++;
          }
        }
        case WORD -> {
          end = position;
          while (end < length && isWordChar(text.charAt(end))) {
            end++;
          }
        }
        case INT -> {
          end = position;
          while (end < length && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
            end++;
          }
          if (end == position) {
            return null;
          }
        }
        default -> throw new IllegalStateException(part.kind().name());
      }
      if (part.name() != null) {
        values[index++] = end > position ? text.substring(position, end) : null;
      }
      position = end;
    }
    return values;
  }

  private static boolean isWordChar(char c) {
    return !Character.isWhitespace(c) && c != '(' && c != ')' && c != ',' && c != ';' && c != '\'' && c != '"';
  }

  @Override
  public String toString() {
    return source;
  }
}
