package io.logwarden.redact;

import static io.logwarden.redact.tokens.CharClasses.KEY;
import static io.logwarden.redact.tokens.CharClasses.is;
import static io.logwarden.redact.tokens.CharClasses.run;
import static io.logwarden.redact.tokens.CharClasses.runBack;

/**
 * Name/value pairs whose name and value sit in two members: {@code {"name":"x-api-key","value":"…"}}
 * (either order, any of the names {@link KeyNames#isPairName} and {@code value}/{@code val}, also
 * inside a JSON string and with OTLP's {@code {"stringValue":"…"}}), logfmt {@code name=password
 * value=…}, Kubernetes env lists ({@code - name: DB_PASSWORD} then {@code value: …}, or
 * {@code {name: API_TOKEN, value: …}}), and header pairs {@code ["Authorization","Bearer …"]} or
 * {@code ('X-Api-Key', '…')}.
 *
 * <p>The value member is looked for in the same object: forwards, then backwards, at most
 * {@value #WINDOW} characters far, never past the object's braces or a YAML list item's {@code - }.
 */
final class SplitPairSecrets {

  private static final int WINDOW = 256;

  private SplitPairSecrets() {}

  /**
   * A name member's value starts at {@code v} (its key starts at {@code ks}); when the name says
   * secret, the pair's value member is redacted.
   */
  static Spans afterNameMember(String t, int ks, int v, Spans spans) {
    int n = t.length();
    int ns;
    int ne;
    int after;
    char q = t.charAt(v);
    if (q == '"' || q == '\'') {
      ns = v + 1;
      ne = run(t, ns, Math.min(n, ns + 64), KEY);
      if (ne >= n || t.charAt(ne) != q) {
        return spans;
      }
      after = ne + 1;
    } else if (q == '\\' && v + 1 < n && t.charAt(v + 1) == '"') {
      ns = v + 2;
      ne = run(t, ns, Math.min(n, ns + 64), KEY);
      if (ne + 1 >= n || t.charAt(ne) != '\\' || t.charAt(ne + 1) != '"') {
        return spans;
      }
      after = ne + 2;
    } else {
      ns = v;
      ne = run(t, ns, Math.min(n, ns + 64), KEY);
      if (ne < n && !isBareNameEnd(t.charAt(ne))) {
        return spans;
      }
      after = ne;
    }
    if (ne == ns) {
      return spans;
    }
    int kind = KeyNames.kind(t, ns, ne);
    if (kind == KeyNames.NONE) {
      return spans;
    }
    int sep = valueMemberAfter(t, after);
    if (sep < 0) {
      sep = valueMemberBefore(t, ks);
    }
    return sep < 0 ? spans : valueOfMember(t, sep, kind, spans);
  }

  private static boolean isBareNameEnd(char c) {
    return c == ' ' || c == ',' || c == '}' || c == ']' || c == ';' || c == '&' || c == '\n' || c == '\r'
        || c == '\t' || c == '"' || c == '\\' || c == ')';
  }

  /** The separator of a value member after {@code from} in the same object, or -1. */
  private static int valueMemberAfter(String t, int from) {
    int max = Math.min(t.length(), from + WINDOW);
    int depth = 0;
    for (int k = from; k < max; k++) {
      char c = t.charAt(k);
      switch (c) {
        case '{', '[' -> depth++;
        case '}', ']' -> {
          if (--depth < 0) {
            return -1;
          }
        }
        case '\n' -> {
          if (yamlItemAt(t, k + 1)) {
            return -1;
          }
        }
        case '\\' -> {
          if (k + 1 < max && t.charAt(k + 1) == 'n' && yamlItemAt(t, k + 2)) {
            return -1;
          }
        }
        case ':', '=' -> {
          if (depth == 0 && isValueMemberSeparator(t, k)) {
            return k;
          }
        }
        default -> { }
      }
    }
    return -1;
  }

  /** The separator of a value member before {@code to} in the same object, or -1. */
  private static int valueMemberBefore(String t, int to) {
    int min = Math.max(0, to - WINDOW);
    int depth = 0;
    for (int k = to - 1; k >= min; k--) {
      char c = t.charAt(k);
      switch (c) {
        case '}', ']' -> depth++;
        case '{', '[' -> {
          if (--depth < 0) {
            return -1;
          }
        }
        case '\n' -> {
          if (yamlItemAt(t, k + 1)) {
            return -1;
          }
        }
        case ':', '=' -> {
          if (depth == 0 && isValueMemberSeparator(t, k)) {
            return k;
          }
        }
        default -> { }
      }
    }
    return -1;
  }

  /** A YAML list item starts at {@code k}: spaces, then {@code - }. */
  private static boolean yamlItemAt(String t, int k) {
    int n = t.length();
    int p = k;
    while (p < n && t.charAt(p) == ' ') {
      p++;
    }
    return p + 1 < n && t.charAt(p) == '-' && t.charAt(p + 1) == ' ';
  }

  /** Whether the {@code :} or {@code =} at {@code sep} follows {@code value}, {@code "val"}, {@code \"value\"}. */
  private static boolean isValueMemberSeparator(String t, int sep) {
    int n = t.length();
    if (sep + 1 < n && (t.charAt(sep + 1) == '=' || (t.charAt(sep) == ':' && t.charAt(sep + 1) == '/'))) {
      return false;
    }
    int j = sep;
    while (j > 0 && t.charAt(j - 1) == ' ' && sep - j < 3) {
      j--;
    }
    char quote = 0;
    if (j > 0 && (t.charAt(j - 1) == '"' || t.charAt(j - 1) == '\'')) {
      quote = t.charAt(j - 1);
      j--;
      if (j > 0 && t.charAt(j - 1) == '\\') {
        j--;
      }
    }
    int s = runBack(t, j, Math.max(0, j - 6), KEY);
    if (s == j || (s > 0 && is(t.charAt(s - 1), KEY)) || !KeyNames.isValueName(t, s, j)) {
      return false;
    }
    return quote == 0 || (s > 0 && t.charAt(s - 1) == quote);
  }

  private static Spans valueOfMember(String t, int sep, int kind, Spans spans) {
    int n = t.length();
    int v = sep + 1;
    while (v < n && t.charAt(v) == ' ') {
      v++;
    }
    if (v >= n) {
      return spans;
    }
    char c = t.charAt(v);
    if (c == '{' || c == '[') {
      v = firstStringValue(t, v);
      if (v < 0) {
        return spans;
      }
    }
    return KeyValueSecrets.value(t, v, kind, t.charAt(sep) == '=' ? KeyValueSecrets.EQUALS : 0, spans);
  }

  /** OTLP's {@code {"stringValue":"…"}} or an array of strings: the opening quote of the first string value. */
  private static int firstStringValue(String t, int from) {
    int n = t.length();
    int max = Math.min(n, from + 200);
    int k = from;
    while (k < max) {
      char c = t.charAt(k);
      if (c == '{' || c == '[' || c == ' ') {
        k++;
      } else if (c == '"' || (c == '\\' && k + 1 < n && t.charAt(k + 1) == '"')) {
        int open = k;
        int close = c == '"' ? KeyValueSecrets.closingQuote(t, k + 1, '"', false) : t.indexOf("\\\"", k + 2);
        if (close < 0 || close >= n) {
          return -1;
        }
        k = close + (c == '"' ? 1 : 2);
        while (k < n && t.charAt(k) == ' ') {
          k++;
        }
        if (k < n && t.charAt(k) == ':') {
          k++; // that string was a member name
        } else {
          return open;
        }
      } else {
        return -1;
      }
    }
    return -1;
  }

  /** At {@code [} or {@code (}: a pair of strings whose first one names a secret, such as a header. */
  static Spans headerPair(String t, int i, Spans spans) {
    int n = t.length();
    int p = i + 1;
    while (p < n && t.charAt(p) == ' ') {
      p++;
    }
    int quoteLen = quoteAt(t, p);
    if (quoteLen == 0) {
      return spans;
    }
    int ns = p + quoteLen;
    int ne = run(t, ns, Math.min(n, ns + 64), KEY);
    if (ne == ns || quoteAt(t, ne) != quoteLen || t.charAt(ne) != t.charAt(p)) {
      return spans;
    }
    int kind = KeyNames.kind(t, ns, ne);
    if (kind == KeyNames.NONE) {
      return spans;
    }
    p = ne + quoteLen;
    while (p < n && t.charAt(p) == ' ') {
      p++;
    }
    if (p >= n || t.charAt(p) != ',') {
      return spans;
    }
    p++;
    while (p < n && t.charAt(p) == ' ') {
      p++;
    }
    if (quoteAt(t, p) != quoteLen) {
      return spans;
    }
    // A pair, not a longer list of strings: the bracket closes after the second one.
    int close = quoteLen == 1 ? KeyValueSecrets.closingQuote(t, p + 1, t.charAt(p), false)
        : KeyValueSecrets.closingEscapedQuote(t, p + 2, p, 2);
    int after = close + quoteLen;
    while (after < n && t.charAt(after) == ' ') {
      after++;
    }
    if (after >= n || t.charAt(after) != (t.charAt(i) == '[' ? ']' : ')')) {
      return spans;
    }
    return KeyValueSecrets.value(t, p, kind, 0, spans);
  }

  /** 1 for {@code "} or {@code '}, 2 for {@code \"}, else 0. */
  private static int quoteAt(String t, int p) {
    int n = t.length();
    if (p >= n) {
      return 0;
    }
    char c = t.charAt(p);
    if (c == '"' || c == '\'') {
      return 1;
    }
    return c == '\\' && p + 1 < n && t.charAt(p + 1) == '"' ? 2 : 0;
  }
}
