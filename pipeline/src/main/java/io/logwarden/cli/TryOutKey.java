package io.logwarden.cli;

import io.logwarden.config.ConfigException;
import io.logwarden.redact.PseudonymKey;
import java.io.PrintStream;
import java.util.Map;

/**
 * The pseudonymization key of {@code demo} and {@code process}: the environment's when set, else
 * the fixed demonstration key, said on standard error, so that the same input always gives the same
 * pseudonyms and alert ids. {@code run} never uses the demonstration key.
 */
public final class TryOutKey {

  private TryOutKey() {}

  public static PseudonymKey resolve(Map<String, String> env, PrintStream err) {
    String key = env.get(PseudonymKey.KEY_VARIABLE);
    if (key != null && !key.isBlank()) {
      try {
        return PseudonymKey.fromEnvironment(env);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("pseudonymization key refused: " + e.getMessage());
      }
    }
    err.println("logwarden: using the fixed demonstration pseudonymization key (id 'demo'); its pseudonyms"
        + " are not secret. Set " + PseudonymKey.KEY_VARIABLE + " to use your own.");
    return PseudonymKey.demo();
  }
}
