package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.B64;
import static io.logwarden.redact.tokens.CharClasses.SLACK;
import static io.logwarden.redact.tokens.CharClasses.WORD;
import static io.logwarden.redact.tokens.CharClasses.boundaryBefore;
import static io.logwarden.redact.tokens.CharClasses.is;
import static io.logwarden.redact.tokens.CharClasses.run;

/**
 * Fly.io access tokens (gitleaks' {@code flyio-access-token}, whose keywords are too short for the
 * rule set's keyword filter): {@code fo1_} and 43 word characters or dashes; {@code fm1a_},
 * {@code fm1r_} or {@code fm2_} and at least 100 base64 characters with their padding (a comma-joined
 * list of macaroons goes whole).
 */
public final class FlyIoTokens {

  public static final String ACCESS_TOKEN = "flyio-access-token";

  public static final TokenFamily FAMILY = new TokenFamily("Fly.io",
      TokenShape.of("fo1_", ACCESS_TOKEN, FlyIoTokens::orgToken),
      TokenShape.of("fm1a_", ACCESS_TOKEN, FlyIoTokens::macaroons),
      TokenShape.of("fm1r_", ACCESS_TOKEN, FlyIoTokens::macaroons),
      TokenShape.of("fm2_", ACCESS_TOKEN, FlyIoTokens::macaroons));

  private FlyIoTokens() {}

  private static int orgToken(String t, int i) {
    if (!boundaryBefore(t, i)) {
      return -1;
    }
    int e = run(t, i + 4, t.length(), WORD | SLACK);
    return e - (i + 4) == 43 && (e >= t.length() || !is(t.charAt(e), B64)) ? e : -1;
  }

  private static int macaroons(String t, int i) {
    if (!boundaryBefore(t, i)) {
      return -1;
    }
    int e = macaroon(t, i);
    if (e < 0) {
      return -1;
    }
    while (e + 1 < t.length() && t.charAt(e) == ',') {
      int next = macaroon(t, e + 1);
      if (next < 0) {
        break;
      }
      e = next;
    }
    return e;
  }

  private static int macaroon(String t, int i) {
    int body;
    if (t.startsWith("fm2_", i)) {
      body = i + 4;
    } else if (t.startsWith("fm1a_", i) || t.startsWith("fm1r_", i)) {
      body = i + 5;
    } else {
      return -1;
    }
    int n = t.length();
    int e = run(t, body, n, B64);
    if (e - body < 100) {
      return -1;
    }
    for (int pad = 0; pad < 3 && e < n && t.charAt(e) == '='; pad++) {
      e++;
    }
    return e;
  }
}
