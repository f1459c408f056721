package io.logwarden.normalize.text;

/**
 * Walks logfmt text pair by pair: {@code key=value}, {@code key="quoted \"value\""}, {@code key=}
 * (empty value) and a standalone {@code key} (value {@code true}). Tolerant: a quoted value left
 * open runs to the end of the line, and a token that has no key (it opens with {@code =} or a
 * quote) is skipped, so any text can be walked without error. Values are cut from the text only
 * when asked for, so a cheap shape check costs no allocation.
 */
final class LogfmtScanner {

  private final String text;
  private final int end;
  private int pos;
  private int keyStart;
  private int keyEnd;
  private int valueStart;
  private int valueEnd;
  private boolean hasValue;
  private boolean escaped;
  private boolean skipped;

  LogfmtScanner(String text, int from) {
    this.text = text;
    this.end = text.length();
    this.pos = from;
  }

  /** Moves to the next pair; false at the end of the text. */
  boolean next() {
    skipped = false;
    while (true) {
      while (pos < end && text.charAt(pos) <= ' ') {
        pos++;
      }
      if (pos >= end) {
        return false;
      }
      keyStart = pos;
      while (pos < end && isKeyChar(text.charAt(pos))) {
        pos++;
      }
      keyEnd = pos;
      if (keyEnd > keyStart) {
        break;
      }
      // No key: a stray quoted string or '=' token; step over it and try again.
      skipped = true;
      if (text.charAt(pos) == '"') {
        pos = quotedEnd(pos + 1);
        pos = Math.min(pos + 1, end);
      } else {
        while (pos < end && text.charAt(pos) > ' ') {
          pos++;
        }
      }
    }
    hasValue = false;
    escaped = false;
    if (pos < end && text.charAt(pos) == '=') {
      hasValue = true;
      pos++;
      if (pos < end && text.charAt(pos) == '"') {
        valueStart = pos + 1;
        valueEnd = quotedEnd(valueStart);
        pos = Math.min(valueEnd + 1, end);
      } else {
        valueStart = pos;
        while (pos < end && text.charAt(pos) > ' ') {
          pos++;
        }
        valueEnd = pos;
      }
    } else if (pos < end && text.charAt(pos) == '"') {
      // key"junk": the quote belongs to no value; drop it so the walk moves on.
      pos = Math.min(quotedEnd(pos + 1) + 1, end);
    }
    return true;
  }

  /** Whether text without a key was stepped over to reach the current pair. */
  boolean skippedText() {
    return skipped;
  }

  /** Whether the current pair has {@code =} (a standalone key does not). */
  boolean hasValue() {
    return hasValue;
  }

  String key() {
    return text.substring(keyStart, keyEnd);
  }

  /** Whether the current key equals {@code name}, without cutting it from the text. */
  boolean keyIs(String name) {
    return keyEnd - keyStart == name.length() && text.startsWith(name, keyStart);
  }

  /** The current value, unescaped; {@code true} for a standalone key. */
  String value() {
    if (!hasValue) {
      return "true";
    }
    return escaped ? unescape(text, valueStart, valueEnd) : text.substring(valueStart, valueEnd);
  }

  // The index of the closing quote of a value starting at from, or the end of the text.
  private int quotedEnd(int from) {
    int i = from;
    while (i < end) {
      char c = text.charAt(i);
      if (c == '\\') {
        escaped = true;
        i += 2;
        continue;
      }
      if (c == '"') {
        return i;
      }
      i++;
    }
    return end;
  }

  private static boolean isKeyChar(char c) {
    return c > ' ' && c != '=' && c != '"';
  }

  /** The text of a Go-style quoted string body: {@code \" \\ \n \t \r \/ \\uXXXX}; other escapes stay as written. */
  static String unescape(String text, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 >= to) {
        out.append(c);
        i++;
        continue;
      }
      char next = text.charAt(i + 1);
      switch (next) {
        case '"', '\\', '/' -> out.append(next);
        case 'n' -> out.append('\n');
        case 't' -> out.append('\t');
        case 'r' -> out.append('\r');
        case 'u' -> {
          int code = hex4(text, i + 2, to);
          if (code < 0) {
            out.append(c).append(next);
          } else {
            out.append((char) code);
            i += 4;
          }
        }
        default -> out.append(c).append(next);
      }
      i += 2;
    }
    return out.toString();
  }

  private static int hex4(String text, int at, int to) {
    if (at + 4 > to) {
      return -1;
    }
    int value = 0;
    for (int k = at; k < at + 4; k++) {
      int digit = Character.digit(text.charAt(k), 16);
      if (digit < 0) {
        return -1;
      }
      value = value * 16 + digit;
    }
    return value;
  }
}
