package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.DIGIT;
import static io.logwarden.redact.tokens.CharClasses.HEX;
import static io.logwarden.redact.tokens.CharClasses.boundaryAfter;
import static io.logwarden.redact.tokens.CharClasses.is;
import static io.logwarden.redact.tokens.CharClasses.run;

/** Databricks personal access tokens: {@code dapi}, 32 hex digits, and an optional {@code -<digits>} suffix. */
public final class DatabricksTokens {

  public static final String TOKEN = "databricks-token";

  public static final TokenFamily FAMILY = new TokenFamily("Databricks",
      TokenShape.of("dapi", TOKEN, DatabricksTokens::end));

  private DatabricksTokens() {}

  private static int end(String t, int i) {
    int n = t.length();
    int e = run(t, i + 4, n, HEX);
    if (e - (i + 4) != 32) {
      return -1;
    }
    if (e + 1 < n && t.charAt(e) == '-' && is(t.charAt(e + 1), DIGIT)) {
      e = run(t, e + 1, n, DIGIT);
    }
    return boundaryAfter(t, e) ? e : -1;
  }
}
