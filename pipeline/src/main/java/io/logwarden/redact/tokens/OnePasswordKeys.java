package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.UPNUM;
import static io.logwarden.redact.tokens.CharClasses.boundaryAfter;
import static io.logwarden.redact.tokens.CharClasses.boundaryBefore;
import static io.logwarden.redact.tokens.CharClasses.is;
import static io.logwarden.redact.tokens.CharClasses.run;

/**
 * 1Password secret keys: {@code A3-}, six, then eleven (or six and five) characters, then three
 * groups of five, upper-case letters and digits separated by dashes, a word of its own (gitleaks'
 * {@code 1password-secret-key}, whose keyword is too short for the rule set's keyword filter).
 */
public final class OnePasswordKeys {

  public static final String SECRET_KEY = "1password-secret-key";

  public static final TokenFamily FAMILY = new TokenFamily("1Password",
      TokenShape.of("A3-", SECRET_KEY, OnePasswordKeys::end));

  private OnePasswordKeys() {}

  private static int end(String t, int i) {
    if (!boundaryBefore(t, i)) {
      return -1;
    }
    int p = group(t, i + 3, 6);
    if (p < 0 || !dash(t, p)) {
      return -1;
    }
    int q = group(t, p + 1, 11);
    if (q < 0) {
      q = group(t, p + 1, 6);
      q = q < 0 || !dash(t, q) ? -1 : group(t, q + 1, 5);
    }
    for (int g = 0; g < 3 && q >= 0; g++) {
      q = dash(t, q) ? group(t, q + 1, 5) : -1;
    }
    return q >= 0 && boundaryAfter(t, q) ? q : -1;
  }

  private static int group(String t, int s, int len) {
    int e = run(t, s, Math.min(t.length(), s + len), UPNUM);
    return e - s == len && (e >= t.length() || !is(t.charAt(e), UPNUM)) ? e : -1;
  }

  private static boolean dash(String t, int p) {
    return p < t.length() && t.charAt(p) == '-';
  }
}
