package io.logwarden.normalize.catalogue;

import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;

/**
 * What an entry says a record is; null parts leave the event as it was read. An entry whose
 * classification has no action lets the generic classification run first and then overrides it
 * (how a {@code json_mappings} category behaves).
 *
 * @param changeKind for a configuration change: account, permission, policy, setting or audit
 */
public record Classification(
    Category category,
    String action,
    Outcome outcome,
    String changeKind,
    String severity,
    String targetKind,
    String targetName) {

  /** The change kinds of the classification contract. */
  public static final java.util.List<String> CHANGE_KINDS = java.util.List.of("account", "permission", "policy", "setting", "audit");

  /** Whether it says what the record is (an action), rather than only adjusting fields. */
  public boolean decides() {
    return action != null;
  }
}
