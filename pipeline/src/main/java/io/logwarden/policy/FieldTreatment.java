package io.logwarden.policy;

import java.util.Locale;

/** What redaction does with the value of a field that may hold personal data. */
public enum FieldTreatment {
  /** The whole value becomes a keyed pseudonym (the same value, the same pseudonym under one key). */
  PSEUDONYMIZE,
  /** An IP address is cut to its network (/24, /48); any other value is pseudonymized. */
  TRUNCATE,
  /** The value is kept as it is (secrets in it are still replaced). */
  KEEP;

  /** The word as written in the policy file, e.g. {@code pseudonymize}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
