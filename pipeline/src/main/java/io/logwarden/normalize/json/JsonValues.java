package io.logwarden.normalize.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.logwarden.normalize.EventTimes;
import io.logwarden.normalize.ParseContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * Reads typed values out of JSON nodes leniently: a missing node, a JSON null or a value of the
 * wrong type gives null, never an exception, because producers send every kind of wrong type.
 */
final class JsonValues {

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final BigDecimal MAX_LONG = BigDecimal.valueOf(Long.MAX_VALUE);

  private JsonValues() {}

  /** The text of a scalar (string, number, boolean); null for a missing node, null, object or array. */
  static String text(JsonNode node) {
    return node != null && node.isValueNode() && !node.isNull() ? node.asText() : null;
  }

  /** The text of a scalar field of an object; null when the parent is no object or the field no scalar. */
  static String text(JsonNode parent, String field) {
    return parent == null ? null : text(parent.get(field));
  }

  /** Like {@link #text(JsonNode)} but blank text counts as absent. */
  static String nonBlank(JsonNode node) {
    String text = text(node);
    return text == null || text.isBlank() ? null : text;
  }

  /** An object field that is an object, else null. */
  static JsonNode object(JsonNode parent, String field) {
    JsonNode node = parent == null ? null : parent.get(field);
    return node != null && node.isObject() ? node : null;
  }

  /** An object field that is an array, else null. */
  static JsonNode array(JsonNode parent, String field) {
    JsonNode node = parent == null ? null : parent.get(field);
    return node != null && node.isArray() ? node : null;
  }

  /** Whether {@code parent.child} exists, nested ({@code {"a":{"b":..}}}) or flattened ({@code {"a.b":..}}). */
  static boolean hasPath(JsonNode root, String parent, String child, String flattened) {
    JsonNode nested = root.get(parent);
    return (nested != null && nested.isObject() && nested.has(child)) || root.has(flattened);
  }

  /** A finite JSON number, or a string that holds a plain decimal number; else null. */
  static BigDecimal decimal(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isNumber()) {
      if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
        return null;
      }
      return node.decimalValue();
    }
    if (node.isTextual()) {
      String text = node.asText().trim();
      return isDecimal(text) ? new BigDecimal(text) : null;
    }
    return null;
  }

  /**
   * The instant of a JSON time value: an epoch number in seconds, millis, micros or nanos (as a
   * number or a string of digits), or an ISO-8601 string in the context's zone when it has no offset.
   */
  static Instant time(JsonNode node, ParseContext context) {
    if (node == null) {
      return null;
    }
    if (node.isNumber()) {
      BigDecimal value = decimal(node);
      return value == null ? null : EventTimes.fromEpoch(value);
    }
    if (!node.isTextual()) {
      return null;
    }
    String text = node.asText().trim();
    if (isEpochText(text)) {
      return EventTimes.fromEpoch(new BigDecimal(text));
    }
    return text.isEmpty() ? null : EventTimes.parseIso(text, context.zone());
  }

  /**
   * The instant of an OTLP {@code fixed64} nanosecond timestamp, encoded as a decimal string or a
   * number; null when absent, zero (OTLP's "unset") or unreadable.
   */
  static Instant unixNanos(JsonNode node) {
    long nanos;
    if (node == null) {
      return null;
    } else if (node.isIntegralNumber() && node.canConvertToLong()) {
      nanos = node.longValue();
    } else if (node.isNumber()) {
      BigDecimal value = decimal(node);
      if (value == null || value.compareTo(MAX_LONG) > 0) {
        return null;
      }
      nanos = value.longValue();
    } else if (node.isTextual()) {
      String text = node.asText().trim();
      if (text.isEmpty() || text.length() > 19 || !allDigits(text, 0, text.length())) {
        return null;
      }
      nanos = Long.parseLong(text);
    } else {
      return null;
    }
    return nanos <= 0 ? null : Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
  }

  /** A number as short plain text: {@code 0.42}, {@code 3}, never an exponent. */
  static String plainNumber(BigDecimal value) {
    return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
  }

  /**
   * A W3C trace or span id as lowercase hex of {@code bytes} bytes: from hex in either case, or from
   * the base64 that early OTLP/JSON exporters wrote. Null when empty, all zero (invalid by W3C) or
   * neither encoding.
   */
  static String hexId(String text, int bytes) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String hex;
    if (text.length() == bytes * 2 && isHex(text)) {
      hex = text.toLowerCase(Locale.ROOT);
    } else if (text.length() == (bytes + 2) / 3 * 4 && isBase64(text)) {
      byte[] raw = Base64.getDecoder().decode(text);
      if (raw.length != bytes) {
        return null;
      }
      char[] out = new char[bytes * 2];
      for (int i = 0; i < bytes; i++) {
        out[2 * i] = HEX[(raw[i] >> 4) & 0xf];
        out[2 * i + 1] = HEX[raw[i] & 0xf];
      }
      hex = new String(out);
    } else {
      return null;
    }
    for (int i = 0; i < hex.length(); i++) {
      if (hex.charAt(i) != '0') {
        return hex;
      }
    }
    return null;
  }

  static boolean isHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return !text.isEmpty();
  }

  private static boolean isBase64(String text) {
    int end = text.length();
    while (end > 0 && text.charAt(end - 1) == '=') {
      end--;
    }
    if (text.length() - end > 2) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/')) {
        return false;
      }
    }
    return end > 0;
  }

  // Digits with an optional fraction of up to 9 digits: what an epoch time looks like as text.
  private static boolean isEpochText(String text) {
    int dot = text.indexOf('.');
    int intEnd = dot < 0 ? text.length() : dot;
    if (intEnd == 0 || intEnd > 20 || !allDigits(text, 0, intEnd)) {
      return false;
    }
    if (dot < 0) {
      return true;
    }
    int fraction = text.length() - dot - 1;
    return fraction >= 1 && fraction <= 9 && allDigits(text, dot + 1, text.length());
  }

  // A plain decimal, optionally signed, with a small exponent: enough for metric values, and never
  // an exponent so large that BigDecimal arithmetic on it would be slow.
  static boolean isDecimal(String text) {
    int n = text.length();
    if (n == 0 || n > 64) {
      return false;
    }
    int i = text.charAt(0) == '-' || text.charAt(0) == '+' ? 1 : 0;
    int digits = 0;
    while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
      digits++;
    }
    if (i < n && text.charAt(i) == '.') {
      i++;
      while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
        i++;
      }
      int expStart = i;
      while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        i++;
      }
      if (i == expStart || i - expStart > 3) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean allDigits(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return from < to;
  }
}
