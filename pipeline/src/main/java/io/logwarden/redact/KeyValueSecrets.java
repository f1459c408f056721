package io.logwarden.redact;

import static io.logwarden.redact.tokens.CharClasses.KEY;
import static io.logwarden.redact.tokens.CharClasses.LETTER;
import static io.logwarden.redact.tokens.CharClasses.is;
import static io.logwarden.redact.tokens.CharClasses.run;
import static io.logwarden.redact.tokens.CharClasses.runBack;

/**
 * Values under secret-named keys in free text: {@code key=value}, {@code key: value},
 * {@code "key": "value"}, {@code key => value}, with keys of up to three words ({@code API Key:},
 * {@code db password:}) of which the last one or two decide ({@link KeyNames}).
 *
 * <p>Where such a value ends:
 * <ul>
 *   <li>quoted ({@code "}, {@code '}, or {@code \"} inside a JSON string): at its closing quote, a
 *       backslash escaping the next character (after {@code =}, a doubled quote too, as in ADO.NET
 *       connection strings); braced after {@code =} (ODBC {@code Pwd={a;b}}): at the closing brace;</li>
 *   <li>unquoted: at the end of the field or line, i.e. the first line break or tab (also the JSON
 *       escapes {@code \n \r \t}), {@code "} or {@code \"} (the end of an enclosing string), {@code ;}
 *       (connection strings, cookies, sudo), an unbalanced closing bracket, {@code &name=} (a query
 *       string), or the next pair of a key=value list: a space or comma followed by {@code name=},
 *       {@code name:} (not {@code ://}), {@code "name":} or a command-line option ({@code -h},
 *       {@code --user}). So {@code password=correct horse battery staple} goes whole, while
 *       {@code password=hunter2 user=bob} keeps {@code user=bob}. In a URL query (the key follows
 *       {@code ?} or {@code &}) whitespace ends the value too, as a URL holds none. An unquoted value
 *       goes at most {@value #MAX_VALUE} characters far.</li>
 * </ul>
 *
 * <p>Not a value: an empty one, a marker, {@code ****}, the placeholders {@code none null nil
 * undefined - yes no true false} (any case: {@code using password: YES}, {@code Authorization:
 * none}), a JSON object or array (its members are scanned on their own), and prose after a colon:
 * {@code Password: must be at least 8 characters}, where the first word is one of a closed list of
 * function and status words and another word follows ({@code db password: correct horse battery
 * staple} is a value). {@code PWD=/path} is sudo's working directory, and {@code :secret:} inside an
 * ARN or URN ({@code a:b:secret:c}) is a path segment, not a key.
 */
final class KeyValueSecrets {

  static final int MAX_VALUE = 1024;

  // Flags of a value read.
  static final int EQUALS = 1; // after '=' (not ':')
  static final int PROSE_RISK = 1 << 1; // after "bare-key:" where prose is common
  static final int IN_URL = 1 << 2; // a query parameter
  static final int PWD_KEY = 1 << 3; // the key is exactly PWD

  private static final String[] PLACEHOLDERS = {"none", "null", "nil", "undefined", "-", "yes", "no", "true", "false"};

  /** Words that start a sentence about a secret rather than the secret itself. */
  private static final String[] PROSE_WORDS = {
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "is", "are", "was", "were", "be", "been",
    "being", "has", "have", "had", "do", "does", "did", "must", "should", "shall", "will", "would", "can",
    "cannot", "could", "may", "might", "not", "no", "never", "too", "only", "please", "check", "see", "use",
    "enter", "try", "contact", "ask", "required", "invalid", "incorrect", "wrong", "expired", "expires", "missing",
    "empty", "blank", "mismatch", "changed", "updated", "reset", "rotated", "revoked", "accepted", "rejected",
    "denied", "failed", "unknown", "hidden", "masked", "redacted", "provided", "supplied", "stored", "saved",
    "generated", "created", "deleted", "found", "detected", "present", "verified", "weak", "length",
    "contains", "needs", "doesn't", "isn't", "didn't", "hasn't", "won't", "can't", "for", "of", "to", "in",
    "on", "at", "by", "with", "from", "and", "or", "if", "when", "your", "my", "our", "their", "his", "her",
    "you", "we", "they", "he", "she", "successfully", "ok", "okay", "not", "now", "already", "still"
  };

  private KeyValueSecrets() {}

  /** At a {@code :} or {@code =} that is not {@code ://}: reads the key before it and adds its value. */
  static Spans atSeparator(String t, int sep, Spans spans) {
    int n = t.length();
    boolean colon = t.charAt(sep) == ':';
    // The key, read backwards.
    int j = sep;
    int spaces = 0;
    while (j > 0 && t.charAt(j - 1) == ' ' && spaces < 3) {
      j--;
      spaces++;
    }
    char keyQuote = 0;
    if (j > 0 && (t.charAt(j - 1) == '"' || t.charAt(j - 1) == '\'')) {
      keyQuote = t.charAt(j - 1);
      j--;
      while (j > 0 && t.charAt(j - 1) == '\\' && sep - j < 12) {
        j--; // JSON text inside a JSON string: \"key\":, and deeper
      }
    } else if (spaces > 0 && colon) {
      return spans; // "Token : x" reads as prose, not as a field.
    }
    int ke = j;
    int ws = runBack(t, ke, Math.max(0, ke - 64), KEY);
    if (ws == ke || (ws > 0 && is(t.charAt(ws - 1), KEY))) {
      return spans;
    }
    int ks = ws;
    int kind = KeyNames.kind(t, ws, ke);
    // A quoted key opens with its quote, unless the text starts inside it (a cut JSON fragment).
    boolean quoteBefore = keyQuote == 0 || ws == 0 || t.charAt(ws - 1) == keyQuote;
    if (kind == KeyNames.NONE && quoteBefore && !KeyNames.isPairName(t, ws, ke) && !KeyNames.endsInKey(t, ws, ke)) {
      return spans; // most keys: nothing more to read
    }
    // Words in front, over single spaces ("API Key", "db password", "Next Token"), can change only a
    // secret word or "key", or hold a quoted key's opening quote: most keys are not read further.
    if ((kind != KeyNames.NONE || !quoteBefore || KeyNames.endsInKey(t, ws, ke))
        && ws > 1 && t.charAt(ws - 1) == ' ' && is(t.charAt(ws - 2), KEY)) {
      ks = wordsBefore(t, ws);
      if (keyQuote != 0) {
        while (ks < ws && ks > 0 && t.charAt(ks - 1) != keyQuote) {
          ks = run(t, ks, ws, KEY) + 1; // drop words in front of the opening quote
        }
      }
      kind = KeyNames.kind(t, ks, ke);
    }
    if (keyQuote != 0 && !(ks == 0 || t.charAt(ks - 1) == keyQuote)) {
      return spans;
    }
    if (keyQuote == 0 && colon && ks > 0 && t.charAt(ks - 1) == ':') {
      return spans; // arn:aws:secretsmanager:...:secret:name, urn:x:token:y: segments, not a key
    }
    // The value.
    int v = sep + 1;
    if (!colon && v < n && t.charAt(v) == '>') {
      v++; // key => value
    }
    // "password= user=bob" has an empty password; "password = x" and "password: x" have x.
    while (v < n && t.charAt(v) == ' ' && (colon || spaces > 0)) {
      v++;
    }
    if (v >= n || t.charAt(v) == '=' || t.charAt(v) == ':') {
      return spans; // "token == null", "Token::parse": code, not a field
    }
    if (kind == KeyNames.NONE) {
      return KeyNames.isPairName(t, ws, ke) ? SplitPairSecrets.afterNameMember(t, ks, v, spans) : spans;
    }
    int flags = (colon ? 0 : EQUALS) | (colon && keyQuote == 0 ? PROSE_RISK : 0);
    if (ks > 0 && (t.charAt(ks - 1) == '?' || t.charAt(ks - 1) == '&')) {
      flags |= IN_URL;
    }
    if (ke - ws == 3 && t.startsWith("PWD", ws)) {
      flags |= PWD_KEY;
    }
    return value(t, v, kind, flags, spans);
  }

  /** The start of up to two words before the one at {@code ws}, each after a single space. */
  private static int wordsBefore(String t, int ws) {
    int ks = ws;
    for (int w = 0; w < 2 && ks > 1 && t.charAt(ks - 1) == ' ' && is(t.charAt(ks - 2), KEY); w++) {
      int ps = runBack(t, ks - 1, Math.max(0, ks - 33), KEY);
      if (ps > 0 && is(t.charAt(ps - 1), KEY)) {
        break;
      }
      ks = ps;
    }
    return ks;
  }

  /** Adds the value that starts at {@code v} under a key of {@code kind} ({@link KeyNames}). */
  static Spans value(String t, int v, int kind, int flags, Spans spans) {
    int n = t.length();
    int cs;
    int limit;
    boolean quoted;
    char q = t.charAt(v);
    if (q == '"' || q == '\'') {
      cs = v + 1;
      limit = closingQuote(t, cs, q, (flags & EQUALS) != 0);
      quoted = true;
    } else if (q == '\\' && escapedQuoteLength(t, v) > 0) {
      // JSON text inside a JSON string: \"key\":\"value\", and deeper: \\\"value\\\"
      int len = escapedQuoteLength(t, v);
      cs = v + len;
      limit = closingEscapedQuote(t, cs, v, len);
      quoted = true;
    } else if (q == '{' && (flags & EQUALS) != 0 && kind == KeyNames.GENERIC) {
      cs = v + 1; // ODBC: Pwd={a;b}
      limit = bracedEnd(t, cs);
      quoted = true;
    } else if (q == '{' || q == '[') {
      return spans; // a structure: its own fields are scanned on their own
    } else {
      // Each unquoted reader stops at line ends itself; no eager scan to the end of the line, so
      // that a long line with many keys stays linear.
      cs = v;
      limit = n;
      quoted = false;
    }
    boolean proseRisk = (flags & PROSE_RISK) != 0 && !quoted;
    return switch (kind) {
      case KeyNames.AUTHORIZATION -> HeaderSecrets.authorizationValue(t, cs, limit, quoted, proseRisk, spans);
      case KeyNames.COOKIE, KeyNames.SET_COOKIE ->
          HeaderSecrets.cookieValue(t, cs, limit, kind == KeyNames.SET_COOKIE, proseRisk, spans);
      default -> genericValue(t, cs, limit, quoted, flags, spans);
    };
  }

  private static Spans genericValue(String t, int cs, int limit, boolean quoted, int flags, Spans spans) {
    int e;
    if (quoted) {
      e = limit;
    } else {
      e = fieldEnd(t, cs, limit, (flags & IN_URL) != 0);
      // sudo and env dumps log the working directory as PWD=/path: not a password.
      if ((flags & PWD_KEY) != 0 && e > cs && t.charAt(cs) == '/') {
        return spans;
      }
      if ((flags & PROSE_RISK) != 0 && isProse(t, cs, e)) {
        return spans;
      }
    }
    if (e <= cs || SecretScanner.isMarker(t, cs, e) || allStars(t, cs, e) || isPlaceholder(t, cs, e)) {
      return spans;
    }
    return Spans.add(spans, cs, e, SecretScanner.SECRET_VALUE, Spans.PRIO_GENERIC);
  }

  /** The end of an unquoted value that starts at {@code cs}: see the class comment. */
  static int fieldEnd(String t, int cs, int limit, boolean inUrl) {
    int n = t.length();
    int max = Math.min(limit, cs + MAX_VALUE);
    int open = 0;
    int k = cs;
    scan:
    for (; k < max; k++) {
      char c = t.charAt(k);
      switch (c) {
        case '\n', '\r', '\t', '"', ';' -> {
          break scan;
        }
        case '\\' -> {
          if (k + 1 < n) {
            char d = t.charAt(k + 1);
            if (d == 'n' || d == 'r' || d == 't' || d == '"') {
              break scan;
            }
            k++;
          }
        }
        case '&' -> {
          if (nameEqualsAt(t, k + 1, max)) {
            break scan;
          }
        }
        case '(', '[', '{' -> open++;
        case ')', ']', '}' -> {
          if (open == 0) {
            break scan;
          }
          open--;
        }
        case ' ' -> {
          if (inUrl || nextPairAt(t, k)) {
            break scan;
          }
        }
        case ',' -> {
          if (nextPairAt(t, k)) {
            break scan;
          }
        }
        default -> { }
      }
    }
    int e = Math.min(k, max);
    // Trailing separators belong to the text, not to the value.
    while (e > cs && (t.charAt(e - 1) == ' ' || t.charAt(e - 1) == ',')) {
      e--;
    }
    return e;
  }

  /** Whether {@code name=} starts at {@code s}. */
  static boolean nameEqualsAt(String t, int s, int limit) {
    int a = run(t, s, limit, KEY);
    return a > s && a < limit && t.charAt(a) == '=';
  }

  /**
   * Whether the space or comma at {@code k} is followed by the next pair of a key=value list:
   * {@code name=}, {@code name:x} (not {@code ://}), {@code "name":}, or a command-line option.
   */
  static boolean nextPairAt(String t, int k) {
    int n = t.length();
    int p = k + 1;
    while (p < n && t.charAt(p) == ' ' && p - k < 8) {
      p++;
    }
    if (p >= n) {
      return false;
    }
    char c = t.charAt(p);
    if (c == '-') {
      int q = p + 1;
      if (q < n && t.charAt(q) == '-') {
        q++;
      }
      return t.charAt(k) == ' ' && q < n && is(t.charAt(q), LETTER);
    }
    int quote = 0;
    if (c == '"' || c == '\'') {
      quote = 1;
      p++;
    } else if (c == '\\' && escapedQuoteLength(t, p) > 0) {
      quote = escapedQuoteLength(t, p);
      p += quote;
    }
    if (p >= n || !(is(t.charAt(p), LETTER) || t.charAt(p) == '_')) {
      return false;
    }
    int e = run(t, p, Math.min(n, p + 64), KEY);
    if (quote > 0) {
      if (e + quote > n || t.charAt(e + quote - 1) != (quote == 1 ? c : '"') || (quote > 1 && t.charAt(e) != '\\')) {
        return false;
      }
      e += quote;
      while (e < n && t.charAt(e) == ' ' && e - p < 72) {
        e++;
      }
    }
    if (e >= n) {
      return false;
    }
    char s = t.charAt(e);
    if (s == '=') {
      return e + 1 >= n || t.charAt(e + 1) != '=';
    }
    if (s == ':') {
      return e + 1 >= n || (t.charAt(e + 1) != '/' && t.charAt(e + 1) != ':');
    }
    return false;
  }

  /** The length of the backslashes and quote at {@code v} ({@code \"}, {@code \\\"}, ...), or 0. */
  static int escapedQuoteLength(String t, int v) {
    int n = t.length();
    int b = v;
    while (b < n && t.charAt(b) == '\\' && b - v < 8) {
      b++;
    }
    return b > v && b < n && t.charAt(b) == '"' ? b + 1 - v : 0;
  }

  /** Where the escaped quote of {@code len} characters at {@code open} comes again after {@code from}, or the end. */
  static int closingEscapedQuote(String t, int from, int open, int len) {
    int n = t.length();
    for (int k = from; k + len <= n; k++) {
      if (t.charAt(k) == '\\') {
        if (t.charAt(k - 1) != '\\' && t.regionMatches(k, t, open, len)) {
          return k;
        }
      }
    }
    return n;
  }

  static int closingQuote(String t, int from, char q, boolean doubledQuoteEscapes) {
    int n = t.length();
    for (int k = from; k < n; k++) {
      char c = t.charAt(k);
      if (c == '\\') {
        k++;
      } else if (c == q) {
        if (doubledQuoteEscapes && k > from && k + 1 < n && t.charAt(k + 1) == q) {
          k++;
          continue;
        }
        return k;
      }
    }
    return n;
  }

  /** The closing brace of an ODBC value ({@code }}} escapes one), or the line end. */
  private static int bracedEnd(String t, int from) {
    int n = t.length();
    int max = Math.min(n, from + MAX_VALUE);
    for (int k = from; k < max; k++) {
      char c = t.charAt(k);
      if (c == '}') {
        if (k + 1 < n && t.charAt(k + 1) == '}') {
          k++;
          continue;
        }
        return k;
      }
      if (c == '\n' || c == '\r') {
        return k;
      }
    }
    return max;
  }

  /**
   * "Password: must be at least 8 characters": after a colon, a value whose first word is a
   * function or status word and which goes on with another word is a sentence, not a secret.
   */
  static boolean isProse(String t, int s, int e) {
    int w = s;
    while (w < e && (is(t.charAt(w), LETTER) || t.charAt(w) == '\'')) {
      w++;
    }
    if (w == s || w + 1 >= e || t.charAt(w) != ' ' || !is(t.charAt(w + 1), LETTER)) {
      return false;
    }
    int len = w - s;
    for (String p : PROSE_WORDS) {
      if (p.length() == len && t.regionMatches(true, s, p, 0, len)) {
        return true;
      }
    }
    return false;
  }

  /** "Bad credentials: check the config": a plain word followed by more words is prose, not a credential. */
  static boolean isLetterWordThenWord(String t, int s, int e) {
    for (int k = s; k < e; k++) {
      if (!is(t.charAt(k), LETTER)) {
        return false;
      }
    }
    return e + 1 < t.length() && t.charAt(e) == ' ' && is(t.charAt(e + 1), LETTER);
  }

  /** {@code none}, {@code null}, {@code -}, {@code YES}, {@code false}, ...: a value that says there is no secret. */
  static boolean isPlaceholder(String t, int s, int e) {
    while (s < e && t.charAt(s) == ' ') {
      s++;
    }
    while (e > s && t.charAt(e - 1) == ' ') {
      e--;
    }
    int len = e - s;
    if (len == 0 || len > 9) {
      return len == 0;
    }
    for (String p : PLACEHOLDERS) {
      if (p.length() == len && t.regionMatches(true, s, p, 0, len)) {
        return true;
      }
    }
    return false;
  }

  static boolean isPlaceholder(String value) {
    return isPlaceholder(value, 0, value.length());
  }

  static boolean allStars(String t, int s, int e) {
    for (int k = s; k < e; k++) {
      if (t.charAt(k) != '*') {
        return false;
      }
    }
    return true;
  }
}
