package io.logwarden.normalize.catalogue;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code key=value} pairs of a message, as PAM, auditd and many daemons write them: a key starts
 * the message or follows white space; a value runs to the next white space, or is {@code "quoted"}; a
 * value that opens with {@code '} is read as another pair (auditd nests its PAM fields in {@code
 * msg='...'}). The first occurrence of a key wins, so text an attacker puts late in a line (a user
 * name) cannot override a field written before it.
 */
final class KeyValues {

  /** Most pairs read from one message. */
  static final int MAX_PAIRS = 64;

  private KeyValues() {}

  static Map<String, String> parse(String text) {
    Map<String, String> pairs = new HashMap<>(32);
    int length = text.length();
    int i = 0;
    while (i < length && pairs.size() < MAX_PAIRS) {
      while (i < length && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == '\'')) {
        i++;
      }
      int keyStart = i;
      while (i < length && isKeyChar(text.charAt(i))) {
        i++;
      }
      if (i == keyStart || i >= length || text.charAt(i) != '=') {
        // Not a pair: skip the token.
        while (i < length && !Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        continue;
      }
      String key = text.substring(keyStart, i);
      i++;
      if (i < length && text.charAt(i) == '\'') {
        // msg='op=... res=failed': the quoted text holds more pairs; the key itself has no value.
        continue;
      }
      String value;
      if (i < length && text.charAt(i) == '"') {
        int close = text.indexOf('"', i + 1);
        int end = close < 0 ? length : close;
        value = text.substring(i + 1, end);
        i = close < 0 ? length : close + 1;
      } else {
        int start = i;
        while (i < length && !Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        int end = i;
        while (end > start && (text.charAt(end - 1) == '\'' || text.charAt(end - 1) == ',')) {
          end--;
        }
        value = text.substring(start, end);
      }
      pairs.putIfAbsent(key, value);
    }
    return pairs;
  }

  private static boolean isKeyChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
  }
}
