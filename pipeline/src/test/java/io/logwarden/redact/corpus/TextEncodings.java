package io.logwarden.redact.corpus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The ways the corpus writes a value into a record: JSON string escapes, percent-encoding as a URL's
 * query or a form body has it, XML escapes, {@code \}{@code uXXXX} escapes, and a multi-line value
 * put on one line. A secret leaks when a piece of it survives in any of these forms.
 */
final class TextEncodings {

  private TextEncodings() {}

  /** Every form, the identity first. */
  static final List<UnaryOperator<String>> FORMS = List.of(UnaryOperator.identity(), TextEncodings::oneLine,
      TextEncodings::json, TextEncodings::query, TextEncodings::form, TextEncodings::xml, TextEncodings::unicodeAll,
      TextEncodings::unicodeSymbols);

  /** Each piece in each form. */
  static Set<String> inEveryForm(List<String> pieces) {
    Set<String> forms = new LinkedHashSet<>();
    for (UnaryOperator<String> form : FORMS) {
      for (String piece : pieces) {
        forms.add(form.apply(piece));
      }
    }
    return forms;
  }

  /** The content of a JSON string. */
  static String json(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04X", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  /** A multi-line value as one-line formats write it: line breaks as {@code \n}. */
  static String oneLine(String s) {
    return s.replace("\r", "\\r").replace("\n", "\\n");
  }

  /** A query parameter's value as a client writes it: only what would end or break the value is encoded. */
  static String query(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean keep = c > 0x20 && c < 0x7f && "\"#%&+<>[\\]^`{|}".indexOf(c) < 0;
      if (keep) {
        sb.append((char) c);
      } else {
        sb.append('%').append(String.format("%02X", c));
      }
    }
    return sb.toString();
  }

  /** A value as an HTML form or a URL encoder writes it (space as '+'). */
  static String form(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
  }

  /** Every character as {@code \}{@code uXXXX}. */
  static String unicodeAll(String s) {
    StringBuilder sb = new StringBuilder(s.length() * 6);
    for (char c : s.toCharArray()) {
      sb.append(String.format("\\u%04X", (int) c));
    }
    return sb.toString();
  }

  /** Letters and digits as they are, every other character as {@code \}{@code uXXXX}. */
  static String unicodeSymbols(String s) {
    StringBuilder sb = new StringBuilder(s.length() * 2);
    for (char c : s.toCharArray()) {
      if (c < 0x80 && Character.isLetterOrDigit(c)) {
        sb.append(c);
      } else {
        sb.append(String.format("\\u%04X", (int) c));
      }
    }
    return sb.toString();
  }
}
