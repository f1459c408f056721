package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.AZURE;
import static io.logwarden.redact.tokens.CharClasses.DIGIT;
import static io.logwarden.redact.tokens.CharClasses.is;
import static io.logwarden.redact.tokens.CharClasses.run;

import java.util.List;

/**
 * Microsoft Entra ID (Azure AD) client secrets: 3 characters, a digit, {@code Q~}, then 34 more. The
 * only shape whose anchor sits inside a word rather than at its start, so it has no prefix: the scan
 * calls {@link #find} where it meets {@code Q~} inside a word.
 */
public final class AzureClientSecrets {

  public static final String CLIENT_SECRET = "azure-client-secret";

  public static final TokenFamily FAMILY = new TokenFamily("Microsoft Entra ID", List.of(), List.of(CLIENT_SECRET));

  private AzureClientSecrets() {}

  /** The secret around the {@code Q~} at {@code q}, as {@code start << 32 | end}, or -1. */
  public static long find(String t, int q) {
    if (q < 4 || q + 1 >= t.length() || t.charAt(q + 1) != '~' || !is(t.charAt(q - 1), DIGIT)) {
      return -1;
    }
    int s = q - 4;
    for (int k = s; k < q - 1; k++) {
      if (!is(t.charAt(k), AZURE)) {
        return -1;
      }
    }
    if (s > 0 && is(t.charAt(s - 1), AZURE)) {
      return -1;
    }
    int e = run(t, q + 2, t.length(), AZURE);
    return e - (q + 2) >= 34 ? (long) s << 32 | e : -1;
  }
}
