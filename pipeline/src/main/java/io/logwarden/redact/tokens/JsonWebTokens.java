package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.B64URL;
import static io.logwarden.redact.tokens.CharClasses.run;

/**
 * JSON Web Tokens (RFC 7519, compact JWS serialisation): a header that starts {@code eyJ} (base64url
 * of <code>{"</code>), a dot, a payload of four characters or more, a dot, a signature (possibly empty,
 * for {@code alg: none}).
 */
public final class JsonWebTokens {

  public static final String JWT = "jwt";

  public static final TokenFamily FAMILY = new TokenFamily("JSON Web Token",
      TokenShape.of("eyJ", JWT, JsonWebTokens::end));

  private JsonWebTokens() {}

  private static int end(String t, int i) {
    int n = t.length();
    int h = run(t, i, n, B64URL);
    if (h - i < 10 || h >= n || t.charAt(h) != '.') {
      return -1;
    }
    int p = run(t, h + 1, n, B64URL);
    if (p - (h + 1) < 4 || p >= n || t.charAt(p) != '.') {
      return -1;
    }
    return run(t, p + 1, n, B64URL);
  }
}
