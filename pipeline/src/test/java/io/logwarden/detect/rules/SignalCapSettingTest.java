package io.logwarden.detect.rules;

import static io.logwarden.detect.rules.RulesText.SOURCE_RULE;
import static io.logwarden.detect.rules.RulesText.problemAt;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.policy.YamlText.Edit;
import org.junit.jupiter.api.Test;

/** {@code signal_cap}: per rule or under {@code defaults}, at least the threshold and 10. */
class SignalCapSettingTest {

  private static final String BRUTE_FORCE_SOURCE = "auth.brute_force.source";

  @Test
  void aRuleThatDoesNotSayTakesTheDefaultCap() {
    RuleSet rules = RulesText.parse(RulesText.DEFAULT);
    assertThat(rules.rules()).extracting(DetectionRule::signalCap).containsOnly(DetectionRule.DEFAULT_SIGNAL_CAP);
  }

  @Test
  void aRuleSetsItsOwnCapAndDefaultsSetEveryOtherRulesCap() {
    String yaml = RulesText.TEXT.replace("defaults:", "  grace: 30s", "  grace: 30s\n  signal_cap: 50").yaml()
        .replace("    threshold: 8\n", "    threshold: 8\n    signal_cap: 20\n");
    RuleSet rules = RulesText.parse(yaml);
    assertThat(rules.rule(BRUTE_FORCE_SOURCE).signalCap()).isEqualTo(20);
    assertThat(rules.rules()).filteredOn(r -> !r.id().equals(BRUTE_FORCE_SOURCE))
        .extracting(DetectionRule::signalCap).containsOnly(50);
  }

  @Test
  void aThresholdAboveTheDefaultCapRaisesTheRulesCapToIt() {
    String yaml = RulesText.DEFAULT.replace("    threshold: 8\n", "    threshold: 5000\n");
    assertThat(RulesText.parse(yaml).rule(BRUTE_FORCE_SOURCE).signalCap()).isEqualTo(5000);
  }

  @Test
  void refusesACapBelowTheThreshold() {
    Edit edit = RulesText.TEXT.replace(SOURCE_RULE, "    threshold: 8", "    threshold: 8\n    signal_cap: 7");
    assertThat(problemAt(edit.yaml(), edit.line() + 1, "rules[auth.brute_force.source].signal_cap"))
        .isEqualTo("must be a whole number of at least 10 (the threshold, and the 10 signals an alert's samples come from)");
  }

  @Test
  void refusesADefaultCapBelowTen() {
    Edit edit = RulesText.TEXT.replace("defaults:", "  grace: 30s", "  grace: 30s\n  signal_cap: 9");
    assertThat(problemAt(edit.yaml(), edit.line() + 1, "defaults.signal_cap")).startsWith("must be a whole number of at least 10");
  }
}
