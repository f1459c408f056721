package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.B64URL;
import static io.logwarden.redact.tokens.TokenShape.body;

/** Google Cloud API keys: {@code AIza} and 35 base64url characters. */
public final class GoogleKeys {

  public static final String API_KEY = "google-api-key";

  public static final TokenFamily FAMILY = new TokenFamily("Google Cloud",
      TokenShape.of("AIza", API_KEY, body(4, B64URL, 35)));

  private GoogleKeys() {}
}
