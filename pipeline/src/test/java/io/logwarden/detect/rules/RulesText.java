package io.logwarden.detect.rules;

import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyException;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.policy.PolicyRefusals;
import io.logwarden.policy.YamlText;

/**
 * The shipped default rules and edits of them for tests (see {@link YamlText}), and the refusal
 * assertions of the policy tests, for a file named {@code rules.yaml}.
 */
final class RulesText {

  static final String SOURCE = "rules.yaml";

  /** The shipped default, read as a resource the same way the loader reads it. */
  static final String DEFAULT = YamlText.resource(RulesLoader.DEFAULT_RESOURCE);

  /** Edits of the shipped default. */
  static final YamlText TEXT = YamlText.of(DEFAULT);

  /** The shipped default policy, whose stores are the inputs the rules may read. */
  static final Policy POLICY = PolicyLoader.loadDefault();

  /** The first line of each shipped rule, the anchors of edits. */
  static final String SOURCE_RULE = "  - id: auth.brute_force.source";
  static final String USER_RULE = "  - id: auth.brute_force.user";
  static final String SPRAYING_RULE = "  - id: auth.password_spraying";
  static final String SUCCESS_RULE = "  - id: auth.success_after_failures";
  static final String CHANGE_RULE = "  - id: config.change_after_suspicious_auth";
  static final String SKEW_RULE = "  - id: system.clock_skew";
  static final String BURST_RULE = "  - id: availability.error_burst";

  /** The match of failed sign-ins, as the shipped count rules write it. */
  static final String FAILED_SIGN_INS =
      "    match: {category: [AUTHENTICATION], action: [sign_in], outcome: [FAILURE]}";

  private RulesText() {}

  /** The shipped default with {@code rules} (entries of the rules list, indented by two) added at its end. */
  static String withRules(String rules) {
    return DEFAULT.stripTrailing() + "\n\n" + rules.stripTrailing() + "\n";
  }

  static RuleSet parse(String yaml) {
    return RulesLoader.parse(yaml, SOURCE, POLICY);
  }

  static PolicyException refused(String yaml) {
    try {
      parse(yaml);
    } catch (PolicyException e) {
      return e;
    }
    throw new AssertionError("the rules were accepted, expected a refusal");
  }

  static void assertRefusedAt(PolicyException e, int line, String path) {
    PolicyRefusals.assertRefusedAt(e, SOURCE, line, path);
  }

  /** Asserts the text is refused at this line and path, and returns the problem for further assertions. */
  static String problemAt(String yaml, int line, String path) {
    PolicyException e = refused(yaml);
    assertRefusedAt(e, line, path);
    return e.problem();
  }
}
