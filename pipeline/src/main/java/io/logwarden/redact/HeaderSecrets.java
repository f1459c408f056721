package io.logwarden.redact;

import static io.logwarden.redact.tokens.CharClasses.ALNUM;
import static io.logwarden.redact.tokens.CharClasses.B64;
import static io.logwarden.redact.tokens.CharClasses.KEY;
import static io.logwarden.redact.tokens.CharClasses.LETTER;
import static io.logwarden.redact.tokens.CharClasses.SLACK;
import static io.logwarden.redact.tokens.CharClasses.TOKEN68;
import static io.logwarden.redact.tokens.CharClasses.boundaryBefore;
import static io.logwarden.redact.tokens.CharClasses.is;
import static io.logwarden.redact.tokens.CharClasses.run;

/**
 * HTTP credentials: Authorization values (the scheme word stays, the credential goes), cookie values
 * (names stay), and {@code Bearer}/{@code Basic} credentials met without a header name.
 */
final class HeaderSecrets {

  private HeaderSecrets() {}

  static Spans authorizationValue(String t, int cs, int limit, boolean quoted, boolean proseRisk, Spans spans) {
    int s = cs;
    while (s < limit && t.charAt(s) == ' ') {
      s++;
    }
    // A scheme is a short word of letters, digits and dashes; anything else is a bare credential.
    int w = run(t, s, limit, ALNUM | SLACK);
    int cred = s;
    if (w > s && w - s <= 20 && is(t.charAt(s), LETTER) && w < limit && t.charAt(w) == ' ') {
      int c2 = w;
      while (c2 < limit && t.charAt(c2) == ' ') {
        c2++;
      }
      if (c2 < limit && !isTerminator(t.charAt(c2))) {
        cred = c2; // the scheme word stays
      }
    }
    if (cred >= limit || SecretScanner.isMarker(t, cred, limit)) {
      return spans;
    }
    int e;
    int p = run(t, cred, limit, KEY);
    boolean params = p > cred && p < limit && t.charAt(p) == '=' && p + 1 < limit && t.charAt(p + 1) != ' '
        && t.charAt(p + 1) != '=';
    if (quoted || params) {
      // Digest-like parameter lists run to the end of the value, quoted parameters included.
      e = quoted ? limit : paramListEnd(t, cred);
      while (e > cred && t.charAt(e - 1) == ' ') {
        e--;
      }
    } else {
      e = cred;
      while (e < limit && !isTerminator(t.charAt(e))) {
        e++;
      }
      if (proseRisk && KeyValueSecrets.isLetterWordThenWord(t, cred, e)) {
        return spans;
      }
    }
    if (e <= cred || KeyValueSecrets.isPlaceholder(t, cred, e)) {
      return spans;
    }
    return Spans.add(spans, cred, e, SecretScanner.AUTHORIZATION, Spans.PRIO_STRUCTURE);
  }

  /** End of an unquoted {@code a="x", b=y} list: line end or the end of the enclosing JSON string. */
  private static int paramListEnd(String t, int from) {
    int n = t.length();
    for (int k = from; k < n; k++) {
      char c = t.charAt(k);
      if (c == '=' && k + 1 < n && t.charAt(k + 1) == '"') {
        int close = t.indexOf('"', k + 2);
        if (close < 0) {
          return n;
        }
        k = close;
      } else if (c == '=' && k + 2 < n && t.charAt(k + 1) == '\\' && t.charAt(k + 2) == '"') {
        int close = t.indexOf("\\\"", k + 3);
        if (close < 0) {
          return n;
        }
        k = close + 1;
      } else if (c == '"' || c == '\n' || c == '\r') {
        return k;
      } else if (c == '\\' && isLineOrStringEnd(t, k + 1)) {
        return k;
      }
    }
    return n;
  }

  /** After a backslash in JSON text: {@code \n}, {@code \r} or {@code \"}. */
  private static boolean isLineOrStringEnd(String t, int k) {
    if (k >= t.length()) {
      return false;
    }
    char c = t.charAt(k);
    return c == 'n' || c == 'r' || c == '"';
  }

  private static boolean isTerminator(char c) {
    return c == ' ' || c == '\t' || c == '"' || c == '\\' || c == ',' || c == ';' || c == '\n' || c == '\r';
  }

  static Spans cookieValue(String t, int cs, int limit, boolean setCookie, boolean proseRisk, Spans spans) {
    int k = cs;
    boolean first = true;
    while (k < limit) {
      while (k < limit && t.charAt(k) == ' ') {
        k++;
      }
      int nameEnd = k;
      while (nameEnd < limit && !isCookieStop(t.charAt(nameEnd)) && t.charAt(nameEnd) != '=') {
        nameEnd++;
      }
      int vs;
      if (nameEnd < limit && t.charAt(nameEnd) == '=' && nameEnd > k) {
        vs = nameEnd + 1;
      } else if (first) {
        vs = k; // a bare value, no name
        if (proseRisk && KeyValueSecrets.isLetterWordThenWord(t, vs, nameEnd)) {
          return spans;
        }
      } else {
        return spans;
      }
      int ve = vs;
      while (ve < limit && !isCookieStop(t.charAt(ve))) {
        ve++;
      }
      if (ve > vs && !SecretScanner.isMarker(t, vs, ve) && !(first && vs == k && KeyValueSecrets.isPlaceholder(t, vs, ve))) {
        spans = Spans.add(spans, vs, ve, SecretScanner.COOKIE, Spans.PRIO_STRUCTURE);
      }
      if (setCookie) {
        return spans;
      }
      first = false;
      k = ve;
      if (k < limit && t.charAt(k) == ';') {
        k++;
      } else {
        return spans;
      }
    }
    return spans;
  }

  private static boolean isCookieStop(char c) {
    return c == ';' || c == ' ' || c == '\t' || c == '"' || c == '\\' || c == ',' || c == '\n' || c == '\r';
  }

  /**
   * {@code Bearer <token>} and {@code Basic <base64 of user:password>} outside a header name (e.g.
   * an OTLP attribute value): the scheme stays, the credential goes.
   */
  static Spans schemeCredential(String t, int i, Spans spans) {
    int n = t.length();
    if (!boundaryBefore(t, i)) {
      return spans;
    }
    if (i + 7 < n && t.regionMatches(true, i, "bearer ", 0, 7)) {
      int s = i + 7;
      int e = run(t, s, n, TOKEN68);
      while (e < n && t.charAt(e) == '=') {
        e++;
      }
      if (e - s >= 16 && !SecretScanner.isMarker(t, s, e)) {
        return Spans.add(spans, s, e, SecretScanner.AUTHORIZATION, Spans.PRIO_STRUCTURE);
      }
    } else if (i + 6 < n && t.regionMatches(true, i, "basic ", 0, 6)) {
      int s = i + 6;
      int e = run(t, s, n, B64);
      while (e < n && t.charAt(e) == '=') {
        e++;
      }
      if (e - s >= 8 && base64HasColon(t, s, e)) {
        return Spans.add(spans, s, e, SecretScanner.AUTHORIZATION, Spans.PRIO_STRUCTURE);
      }
    }
    return spans;
  }

  private static boolean base64HasColon(String t, int s, int e) {
    int acc = 0;
    int bits = 0;
    for (int k = s; k < e; k++) {
      int v = EncodedSecrets.base64Digit(t.charAt(k));
      if (v < 0) {
        break;
      }
      acc = (acc << 6) | v;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        if (((acc >> bits) & 0xFF) == ':') {
          return true;
        }
      }
    }
    return false;
  }
}
