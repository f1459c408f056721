package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.ALNUM;
import static io.logwarden.redact.tokens.CharClasses.B64;
import static io.logwarden.redact.tokens.CharClasses.B64URL;
import static io.logwarden.redact.tokens.CharClasses.SLACK;
import static io.logwarden.redact.tokens.CharClasses.boundaryBefore;
import static io.logwarden.redact.tokens.CharClasses.is;
import static io.logwarden.redact.tokens.CharClasses.run;

/**
 * Authress service client access keys (gitleaks' {@code authress-service-client-access-key}, whose
 * keywords are too short for the rule set's keyword filter): {@code sc_}, {@code ext_},
 * {@code scauth_} or {@code authress_}, 5 to 30 letters or digits, a dot, 4 to 6, {@code .acc_} or
 * {@code .acc-}, 10 to 32 letters, digits or dashes, a dot, and 30 to 120 base64 characters.
 */
public final class AuthressKeys {

  public static final String ACCESS_KEY = "authress-service-client-access-key";

  public static final TokenFamily FAMILY = new TokenFamily("Authress",
      TokenShape.of("sc_", ACCESS_KEY, (t, i) -> end(t, i, i + 3)),
      TokenShape.of("ext_", ACCESS_KEY, (t, i) -> end(t, i, i + 4)),
      TokenShape.of("scauth_", ACCESS_KEY, (t, i) -> end(t, i, i + 7)),
      TokenShape.of("authress_", ACCESS_KEY, (t, i) -> end(t, i, i + 9)));

  private AuthressKeys() {}

  private static int end(String t, int i, int p) {
    if (!boundaryBefore(t, i)) {
      return -1;
    }
    int n = t.length();
    int a = run(t, p, n, ALNUM);
    if (a - p < 5 || a - p > 30 || a >= n || t.charAt(a) != '.') {
      return -1;
    }
    int b = run(t, a + 1, n, ALNUM);
    if (b - (a + 1) < 4 || b - (a + 1) > 6 || !t.startsWith(".acc", b) || b + 4 >= n
        || (t.charAt(b + 4) != '_' && t.charAt(b + 4) != '-')) {
      return -1;
    }
    int c = run(t, b + 5, n, SLACK);
    if (c - (b + 5) < 10 || c - (b + 5) > 32 || c >= n || t.charAt(c) != '.') {
      return -1;
    }
    int d = c + 1;
    int e = d;
    while (e < n && (is(t.charAt(e), B64 | B64URL) || t.charAt(e) == '=')) {
      e++;
    }
    return e - d >= 30 && e - d <= 120 ? e : -1;
  }
}
