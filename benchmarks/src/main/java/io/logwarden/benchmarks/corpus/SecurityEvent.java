package io.logwarden.benchmarks.corpus;

import io.logwarden.schema.Outcome;

/**
 * What a security record of the corpus says, as the normalizer should read it: enough for a scenario
 * to compute the alerts the shipped rules must raise without running logwarden.
 *
 * @param kind failed sign-in, successful sign-in, or an administrative or configuration action
 * @param action the canonical action the event should get: {@code sign_in}, {@code admin_action} or
 *     {@code config_change}
 * @param user the account, exactly as the event's {@code actor.user} should read before redaction
 * @param address the client address, or null when the source logs none (sudo)
 * @param outcome {@code FAILURE} for failed sign-ins, {@code SUCCESS} otherwise
 */
public record SecurityEvent(Kind kind, String action, String user, String address, Outcome outcome) {

  /** The three kinds of security record, in the corpus's shares 70 : 20 : 10. */
  public enum Kind {
    FAILED_SIGN_IN, SIGN_IN, ADMIN
  }

  /** Whether the shipped brute-force and spraying rules count it (an {@code AUTHENTICATION} failed sign-in). */
  public boolean isFailedSignIn() {
    return kind == Kind.FAILED_SIGN_IN;
  }
}
