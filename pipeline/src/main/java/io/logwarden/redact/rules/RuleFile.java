package io.logwarden.redact.rules;

import java.util.List;

/**
 * One rule file as read and checked by {@link RuleFileReader}: its rules, its global allowlists, and
 * the shipped rules it turns off. Rule ids it names in other places keep where they were written, so
 * that a name the merged rule set does not know can still be refused at its line.
 *
 * @param sourceName the file's name in messages
 * @param rules the rules, in file order
 * @param allowlists the global allowlists ({@code [allowlist]}, {@code [[allowlists]]})
 * @param disabledRules {@code [extend] disabledRules}: shipped rules the file turns off
 */
record RuleFile(String sourceName, List<SecretRule> rules, List<Targeted> allowlists, List<Reference> disabledRules) {

  RuleFile {
    rules = List.copyOf(rules);
    allowlists = List.copyOf(allowlists);
    disabledRules = List.copyOf(disabledRules);
  }

  /** A rule id as written in the file. */
  record Reference(String id, int line, String path) {}

  /** A global allowlist; it applies to the rules it targets, or to every rule when it targets none. */
  record Targeted(RuleAllowlist allowlist, List<Reference> targetRules) {
    Targeted {
      targetRules = List.copyOf(targetRules);
    }
  }
}
