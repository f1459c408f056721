package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.ALNUM;
import static io.logwarden.redact.tokens.CharClasses.B64URL;
import static io.logwarden.redact.tokens.CharClasses.is;
import static io.logwarden.redact.tokens.CharClasses.looksRandom;
import static io.logwarden.redact.tokens.CharClasses.run;
import static io.logwarden.redact.tokens.TokenShape.body;

/**
 * HashiCorp Vault tokens: service, batch and recovery tokens ({@code hvs. hvb. hvr.}) and the legacy
 * service tokens ({@code s.} and 24 random-looking letters and digits), which are too plain to trust
 * without "vault" in the 80 characters before.
 */
public final class VaultTokens {

  public static final String TOKEN = "vault-token";

  public static final TokenFamily FAMILY = new TokenFamily("HashiCorp Vault",
      TokenShape.of("hvs.", TOKEN, body(4, B64URL, 24)),
      TokenShape.of("hvb.", TOKEN, body(4, B64URL, 24)),
      TokenShape.of("hvr.", TOKEN, body(4, B64URL, 24)),
      TokenShape.of("s.", TOKEN, VaultTokens::legacy));

  private VaultTokens() {}

  private static int legacy(String t, int i) {
    int e = run(t, i + 2, t.length(), ALNUM);
    if (e - (i + 2) == 24 && (e == t.length() || !is(t.charAt(e), B64URL)) && looksRandom(t, i + 2, e)
        && vaultBefore(t, i)) {
      return e;
    }
    return -1;
  }

  private static boolean vaultBefore(String t, int i) {
    for (int k = Math.max(0, i - 80); k + 5 <= i; k++) {
      if (t.regionMatches(true, k, "vault", 0, 5)) {
        return true;
      }
    }
    return false;
  }
}
