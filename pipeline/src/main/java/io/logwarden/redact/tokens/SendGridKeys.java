package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.B64URL;
import static io.logwarden.redact.tokens.CharClasses.run;

/** SendGrid API keys: {@code SG.}, 16 or more base64url characters, a dot, 30 or more. */
public final class SendGridKeys {

  public static final String API_KEY = "sendgrid-api-key";

  public static final TokenFamily FAMILY = new TokenFamily("SendGrid",
      TokenShape.of("SG.", API_KEY, SendGridKeys::end));

  private SendGridKeys() {}

  private static int end(String t, int i) {
    int n = t.length();
    int a = run(t, i + 3, n, B64URL);
    if (a - (i + 3) >= 16 && a < n && t.charAt(a) == '.') {
      int b = run(t, a + 1, n, B64URL);
      if (b - (a + 1) >= 30) {
        return b;
      }
    }
    return -1;
  }
}
