package io.logwarden.redact.tokens;

import static io.logwarden.redact.tokens.CharClasses.ALNUM;
import static io.logwarden.redact.tokens.TokenShape.body;

/** Stripe: secret keys ({@code sk_live_}, {@code sk_test_}) and restricted keys ({@code rk_live_}, {@code rk_test_}). */
public final class StripeKeys {

  public static final String SECRET_KEY = "stripe-secret-key";
  public static final String RESTRICTED_KEY = "stripe-restricted-key";

  public static final TokenFamily FAMILY = new TokenFamily("Stripe",
      TokenShape.of("sk_live_", SECRET_KEY, body(8, ALNUM, 16)),
      TokenShape.of("sk_test_", SECRET_KEY, body(8, ALNUM, 16)),
      TokenShape.of("rk_live_", RESTRICTED_KEY, body(8, ALNUM, 16)),
      TokenShape.of("rk_test_", RESTRICTED_KEY, body(8, ALNUM, 16)));

  private StripeKeys() {}
}
