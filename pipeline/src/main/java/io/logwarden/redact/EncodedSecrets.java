package io.logwarden.redact;

import static io.logwarden.redact.tokens.CharClasses.hexValue;
import static io.logwarden.redact.tokens.CharClasses.isHexDigit;

/**
 * Secrets hidden by an encoding: decode, then scan.
 *
 * <ul>
 *   <li>A base64 or base64url blob of at least {@value #MIN_BASE64} characters (padding included) that decodes to
 *       printable ASCII text which is {@code user:password}-shaped (kind {@code authorization}, as a
 *       Basic credential) or in which the scanner finds a secret (a secret-named key=value or JSON
 *       pair, a provider token, a key block; that secret's kind): the whole blob goes.</li>
 *   <li>JSON escapes (<code>&#92;u002F</code>, <code>&#92;u0022password&#92;u0022&#92;u003a…</code>, {@code \/}) and URL
 *       percent-escapes ({@code password%3Dhunter2}, {@code %22password%22%3A%22…}, a token holding
 *       {@code %2F}): the text is decoded once, the decoded copy scanned, and each secret found there
 *       replaced in the text in its escaped form.</li>
 * </ul>
 *
 * <p>The clean path stays free of allocation: a blob is decoded into a string only when every
 * decoded byte is printable (most random or hex runs fail within a byte or two), and a text is
 * decoded only when an escape of a printable ASCII character is in it. Decoding nests at most
 * {@value #MAX_DEPTH} levels deep.
 */
final class EncodedSecrets {

  static final int MIN_BASE64 = 16;
  /** The shortest run without its padding that can make a blob of {@value #MIN_BASE64}. */
  static final int MIN_RUN = MIN_BASE64 - 2;
  static final int MAX_DEPTH = 2;
  private static final int MAX_BASE64 = 16 * 1024;

  private EncodedSecrets() {}

  /** The value of a base64 or base64url digit, or -1. */
  static int base64Digit(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '+' || c == '-') {
      return 62;
    }
    if (c == '/' || c == '_') {
      return 63;
    }
    return -1;
  }

  /** A run {@code [s, e)} of base64 characters has ended (padding not included). */
  static Spans base64Run(String t, int s, int e, int depth, Spans spans) {
    int len = e - s;
    if (len < MIN_RUN || len > MAX_BASE64 || len % 4 == 1) {
      return spans;
    }
    int n = t.length();
    if (t.startsWith(SecretScanner.MARKER_OPEN, e) || (s > 1 && t.charAt(s - 1) == ']' && SecretScanner.insideMarker(t, s - 1))) {
      return spans; // a run cut short by a redaction beside it was looked at whole before
    }
    int pad = 0;
    while (e + pad < n && t.charAt(e + pad) == '=' && pad < 2) {
      pad++;
    }
    if ((pad > 0 && (len + pad) % 4 != 0) || len + pad < MIN_BASE64) {
      return spans; // "x=" after a run: a key=value separator, not padding
    }
    int decodedLength = printableDecodedLength(t, s, e);
    if (decodedLength < 10) {
      return spans;
    }
    String decoded = decode(t, s, e, decodedLength);
    if (isUserPassword(decoded)) {
      return Spans.add(spans, s, e + pad, SecretScanner.AUTHORIZATION, Spans.PRIO_TOKEN);
    }
    if (depth >= MAX_DEPTH) {
      return spans;
    }
    Spans inner = SecretScanner.scan(decoded, depth + 1);
    return inner == null ? spans : Spans.add(spans, s, e + pad, inner.strongestKind(), Spans.PRIO_TOKEN);
  }

  /** The number of bytes {@code [s, e)} decodes to when all are printable ASCII (tab and line breaks too), else -1. */
  private static int printableDecodedLength(String t, int s, int e) {
    int acc = 0;
    int bits = 0;
    int count = 0;
    for (int k = s; k < e; k++) {
      int v = base64Digit(t.charAt(k));
      if (v < 0) {
        return -1;
      }
      acc = ((acc << 6) | v) & 0xFFFF;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        int b = (acc >> bits) & 0xFF;
        if (!(b >= 0x20 && b < 0x7F) && b != '\n' && b != '\r' && b != '\t') {
          return -1;
        }
        count++;
      }
    }
    return count;
  }

  private static String decode(String t, int s, int e, int length) {
    char[] out = new char[length];
    int acc = 0;
    int bits = 0;
    int o = 0;
    for (int k = s; k < e && o < length; k++) {
      acc = ((acc << 6) | base64Digit(t.charAt(k))) & 0xFFFF;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out[o++] = (char) ((acc >> bits) & 0xFF);
      }
    }
    return new String(out);
  }

  /** {@code user:password}: a user name of word characters, one colon, a password of at least four visible characters. */
  static boolean isUserPassword(String d) {
    int colon = d.indexOf(':');
    if (colon < 1 || colon > 64 || d.length() - colon - 1 < 4) {
      return false;
    }
    boolean letter = false;
    for (int k = 0; k < colon; k++) {
      char c = d.charAt(k);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '@' || c == '+')) {
        return false;
      }
      letter |= Character.isLetter(c);
    }
    if (!letter || d.startsWith("//", colon + 1)) {
      return false;
    }
    boolean nonDigit = false;
    for (int k = colon + 1; k < d.length(); k++) {
      char c = d.charAt(k);
      if (c <= ' ' || c == ':') {
        return false;
      }
      nonDigit |= c < '0' || c > '9';
    }
    return nonDigit;
  }

  /** At a backslash: <code>&#92;u00XX</code> of a printable ASCII character, or {@code \/}. */
  static boolean isJsonEscape(String t, int i) {
    int n = t.length();
    if (i + 1 >= n) {
      return false;
    }
    char c = t.charAt(i + 1);
    if (c == '/') {
      return true;
    }
    if (c != 'u' || i + 5 >= n || t.charAt(i + 2) != '0' || t.charAt(i + 3) != '0') {
      return false;
    }
    char h = t.charAt(i + 4);
    return (h >= '2' && h <= '7') && isHexDigit(t.charAt(i + 5));
  }

  /** At a {@code %}: the escape of a printable ASCII character. */
  static boolean isPercentEscape(String t, int i) {
    if (i + 2 >= t.length()) {
      return false;
    }
    char h = t.charAt(i + 1);
    return h >= '2' && h <= '7' && isHexDigit(t.charAt(i + 2));
  }

  /**
   * Decodes the JSON escapes (when {@code json}) and percent-escapes (when {@code percent}) of the
   * whole text, scans the decoded copy, and adds what it finds in the text's own offsets.
   */
  static Spans scanDecoded(String t, boolean json, boolean percent, int depth, Spans spans) {
    int n = t.length();
    StringBuilder sb = new StringBuilder(n);
    int[] origin = new int[n + 1];
    int k = 0;
    while (k < n) {
      char c = t.charAt(k);
      int len = 1;
      if (json && c == '\\' && k + 1 < n) {
        char d = t.charAt(k + 1);
        if (d == '/') {
          c = '/';
          len = 2;
        } else if (d == 'u' && k + 5 < n && isHexDigit(t.charAt(k + 2)) && isHexDigit(t.charAt(k + 3))
            && isHexDigit(t.charAt(k + 4)) && isHexDigit(t.charAt(k + 5))) {
          c = (char) ((hexValue(t.charAt(k + 2)) << 12) | (hexValue(t.charAt(k + 3)) << 8)
              | (hexValue(t.charAt(k + 4)) << 4) | hexValue(t.charAt(k + 5)));
          len = 6;
        }
      } else if (percent && c == '%' && k + 2 < n && isHexDigit(t.charAt(k + 1)) && isHexDigit(t.charAt(k + 2))) {
        c = (char) ((hexValue(t.charAt(k + 1)) << 4) | hexValue(t.charAt(k + 2)));
        len = 3;
      }
      origin[sb.length()] = k;
      sb.append(c);
      k += len;
    }
    origin[sb.length()] = n;
    Spans inner = SecretScanner.scan(sb.toString(), depth + 1);
    return inner == null ? spans : Spans.addMapped(spans, inner, origin);
  }
}
