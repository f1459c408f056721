package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.DIGIT;
import static io.logwarden.redact.tokens.CharClasses.boundaryAfter;
import static io.logwarden.redact.tokens.CharClasses.boundaryBefore;
import static io.logwarden.redact.tokens.CharClasses.is;

/**
 * Twilio API key SIDs: {@code SK} and 32 lower-case hex digits, a word of its own (gitleaks'
 * {@code twilio-api-key}, whose keyword is too short for the rule set's keyword filter).
 */
public final class TwilioKeys {

  public static final String API_KEY = "twilio-api-key";

  public static final TokenFamily FAMILY = new TokenFamily("Twilio",
      TokenShape.of("SK", API_KEY, TwilioKeys::end));

  private TwilioKeys() {}

  private static int end(String t, int i) {
    if (i + 34 > t.length() || !boundaryBefore(t, i)) {
      return -1;
    }
    int e = i + 2;
    while (e < i + 34 && (is(t.charAt(e), DIGIT) || (t.charAt(e) >= 'a' && t.charAt(e) <= 'f'))) {
      e++;
    }
    return e == i + 34 && boundaryAfter(t, e) ? e : -1;
  }
}
