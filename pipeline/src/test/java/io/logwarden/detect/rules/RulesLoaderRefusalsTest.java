package io.logwarden.detect.rules;

import static io.logwarden.detect.rules.RulesText.BURST_RULE;
import static io.logwarden.detect.rules.RulesText.CHANGE_RULE;
import static io.logwarden.detect.rules.RulesText.FAILED_SIGN_INS;
import static io.logwarden.detect.rules.RulesText.SKEW_RULE;
import static io.logwarden.detect.rules.RulesText.SOURCE_RULE;
import static io.logwarden.detect.rules.RulesText.SPRAYING_RULE;
import static io.logwarden.detect.rules.RulesText.SUCCESS_RULE;
import static io.logwarden.detect.rules.RulesText.TEXT;
import static io.logwarden.detect.rules.RulesText.USER_RULE;
import static io.logwarden.detect.rules.RulesText.assertRefusedAt;
import static io.logwarden.detect.rules.RulesText.problemAt;
import static io.logwarden.detect.rules.RulesText.refused;
import static io.logwarden.detect.rules.RulesText.withRules;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.policy.PolicyException;
import io.logwarden.policy.YamlText;
import io.logwarden.policy.YamlText.Edit;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule that does not make sense is refused with the file, the line, and a path that names
 * the rule by its id and the field: {@code rules.yaml line 23: rules[auth.brute_force.user].threshold: ...}.
 */
class RulesLoaderRefusalsTest {

  private static final String USER = "rules[auth.brute_force.user]";
  private static final String SUCCESS = "rules[auth.success_after_failures]";
  private static final String CHANGE = "rules[config.change_after_suspicious_auth]";

  @Nested
  class MissingFields {

    @ParameterizedTest
    @ValueSource(strings = {
        "    title: Repeated failed sign-ins for one user", "    severity: MEDIUM", "    type: count",
        "    key: actor.user", "    threshold: 10", "    window: 600s", FAILED_SIGN_INS})
    void refusesACountWithoutARequiredFieldAtTheRulesLine(String line) {
      String yaml = TEXT.removeLine(USER_RULE, line);
      String field = line.strip().substring(0, line.strip().indexOf(':'));
      assertThat(problemAt(yaml, YamlText.lineOf(yaml, USER_RULE), USER + "." + field)).isEqualTo("required key is missing");
    }

    @Test
    void refusesARuleWithoutIdAtItsFirstLineNamingItByIndex() {
      Edit edit = TEXT.replace(USER_RULE, "  -");
      assertThat(problemAt(edit.yaml(), edit.line() + 1, "rules[1].id")).isEqualTo("required key is missing");
    }

    @Test
    void refusesAnEmptyTitle() {
      Edit edit = TEXT.replace(USER_RULE, "    title: Repeated failed sign-ins for one user", "    title: \"\"");
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".title")).isEqualTo("is empty");
    }

    @Test
    void refusesADistinctCountWithoutTheFieldItCounts() {
      String yaml = TEXT.removeLine(SPRAYING_RULE, "    distinct: actor.user");
      assertThat(problemAt(yaml, YamlText.lineOf(yaml, SPRAYING_RULE), "rules[auth.password_spraying].distinct")).isEqualTo("required key is missing");
    }

    @Test
    void refusesASequenceWithoutFirstStep() {
      String yaml = TEXT.removeBlock("    first:");
      assertThat(problemAt(yaml, YamlText.lineOf(yaml, SUCCESS_RULE), SUCCESS + ".first")).isEqualTo("required key is missing");
    }

    @Test
    void refusesASequenceWithoutThenStep() {
      String yaml = TEXT.removeBlock("    then:");
      assertThat(problemAt(yaml, YamlText.lineOf(yaml, SUCCESS_RULE), SUCCESS + ".then")).isEqualTo("required key is missing");
    }

    @Test
    void refusesASequenceWithoutAtLeastAtTheLineOfItsFirstStep() {
      String yaml = TEXT.removeLine(SUCCESS_RULE, "      at_least: 5");
      assertThat(problemAt(yaml, YamlText.lineOf(yaml, SUCCESS_RULE, "    first:"), SUCCESS + ".first.at_least")).isEqualTo("required key is missing");
    }

    @Test
    void refusesAThenStepWithoutMatch() {
      Edit edit = YamlText.of(TEXT.removeLine(SUCCESS_RULE,
              "      match: {category: [AUTHENTICATION], action: [sign_in], outcome: [SUCCESS]}"))
          .replace(SUCCESS_RULE, "    then:", "    then: {}");
      assertThat(problemAt(edit.yaml(), edit.line(), SUCCESS + ".then.match")).isEqualTo("required key is missing");
    }

    @Test
    void refusesAFirstStepOfNeitherEventsNorAlerts() {
      String yaml = TEXT.removeLine(SUCCESS_RULE, "      match: {category: [AUTHENTICATION], action: [sign_in], outcome: [FAILURE]}");
      assertThat(problemAt(yaml, YamlText.lineOf(yaml, SUCCESS_RULE, "    first:"), SUCCESS + ".first")).isEqualTo(
          "needs match (the events of the first step) or alerts (the rules whose alerts are the first step)");
    }
  }

  @Nested
  class UnknownNames {

    @Test
    void refusesAnUnknownTypeListingTheTypes() {
      Edit edit = TEXT.replace(USER_RULE, "    type: count", "    type: counter");
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".type")).isEqualTo("unknown type 'counter' (types: count, distinct_count, sequence)");
    }

    @Test
    void refusesAnUnknownSeverityListingTheSeverities() {
      Edit edit = TEXT.replace(USER_RULE, "    severity: MEDIUM", "    severity: medium");
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".severity")).isEqualTo("unknown severity 'medium' (severities: LOW, MEDIUM, HIGH, CRITICAL)");
    }

    @Test
    void refusesAnUnknownCategoryListingTheCategories() {
      Edit edit = TEXT.replace(USER_RULE, FAILED_SIGN_INS,
          "    match: {category: [AUTHENTICATION, LOGIN], action: [sign_in], outcome: [FAILURE]}");
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".match.category[1]")).isEqualTo("unknown category 'LOGIN' (categories: AUTHENTICATION, "
          + "APPLICATION, SYSTEM, SECURITY, ANALYTICS, AI_TRACE, UNKNOWN)");
    }

    @Test
    void refusesAnUnknownOutcomeListingTheOutcomes() {
      Edit edit = TEXT.replace(SUCCESS_RULE,
          "      match: {category: [AUTHENTICATION], action: [sign_in], outcome: [SUCCESS]}",
          "      match:\n        outcome: [SUCCEEDED]");
      assertThat(problemAt(edit.yaml(), edit.line() + 1, SUCCESS + ".then.match.outcome[0]")).isEqualTo("unknown outcome 'SUCCEEDED' (outcomes: SUCCESS, FAILURE, UNKNOWN)");
    }

    @Test
    void refusesAnUnknownKeyFieldListingTheKeyFields() {
      Edit edit = TEXT.replace(USER_RULE, "    key: actor.user", "    key: user");
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".key")).isEqualTo("unknown key field 'user' "
          + "(key fields: source.address, actor.user, actor.service, source.host, actor.process)");
    }

    @Test
    void refusesAnUnknownKeyFieldInAListAtItsEntry() {
      Edit edit = TEXT.replace(BURST_RULE, "    key: [actor.service, actor.process]",
          "    key:\n      - actor.service\n      - actor.pid");
      assertThat(problemAt(edit.yaml(), edit.lineOf("      - actor.pid"), "rules[availability.error_burst].key[1]")).startsWith("unknown key field 'actor.pid' (key fields: ");
    }

    @Test
    void refusesAnUnknownDistinctField() {
      Edit edit = TEXT.replace(SPRAYING_RULE, "    distinct: actor.user", "    distinct: user.name");
      assertThat(problemAt(edit.yaml(), edit.line(), "rules[auth.password_spraying].distinct")).startsWith("unknown key field 'user.name' (key fields: ");
    }

    @Test
    void refusesAKeyFieldListedTwice() {
      Edit edit = TEXT.replace(BURST_RULE, "    key: [actor.service, actor.process]",
          "    key: [actor.service, actor.service]");
      assertThat(problemAt(edit.yaml(), edit.line(), "rules[availability.error_burst].key[1]"))
          .isEqualTo("'actor.service' is already listed at rules[availability.error_burst].key[0]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sign-In", "sign in", "1sign_in"})
    void refusesAnActionThatIsNotAWord(String action) {
      Edit edit = TEXT.replace(USER_RULE, FAILED_SIGN_INS, "    match: {action: [\"" + action + "\"]}");
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".match.action[0]")).isEqualTo("'" + action + "' is not an action name; "
          + "actions are lower snake case words, e.g. sign_in");
    }

    @Test
    void refusesAFlagThatIsNotAWord() {
      Edit edit = TEXT.replace(SKEW_RULE, "    match: {flags: [future_time]}", "    match: {flags: [future-time]}");
      assertThat(problemAt(edit.yaml(), edit.line(), "rules[system.clock_skew].match.flags[0]")).startsWith("'future-time' is not a flag name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"T111", "t1110", "T1110.1", "T1110.001.002", "1110"})
    void refusesAnAttackIdThatIsNotATechnique(String id) {
      Edit edit = TEXT.replace(USER_RULE, "    attack: [T1110.001]", "    attack: [T1110, \"" + id + "\"]");
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".attack[1]")).startsWith("'" + id + "' is not an ATT&CK technique id;");
    }
  }

  @Nested
  class Ids {

    @ParameterizedTest
    @ValueSource(strings = {"Auth.brute_force.user", "auth.brute-force.user", "auth..brute_force", ".auth",
        "auth.", "auth brute force"})
    void refusesAnIdThatIsNotLowerCaseDottedWords(String id) {
      Edit edit = TEXT.replace(USER_RULE, "  - id: \"" + id + "\"");
      assertThat(problemAt(edit.yaml(), edit.line(), "rules[" + id + "].id")).isEqualTo("rule id '" + id + "' is not allowed; rule ids are lower-case words "
          + "of letters, digits and '_' joined by dots, e.g. auth.brute_force.source");
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth", "a.b.c", "x_1.y_2", "2fa.failures"})
    void acceptsLowerCaseDottedWords(String id) {
      Edit edit = TEXT.replace(SKEW_RULE, "  - id: " + id);
      assertThat(RulesText.parse(edit.yaml()).rule(id)).isNotNull();
    }

    @Test
    void refusesADuplicateIdNamingTheEarlierRulesLine() {
      Edit edit = TEXT.replace(USER_RULE, SOURCE_RULE);
      assertThat(problemAt(edit.yaml(), edit.line(), "rules[auth.brute_force.source].id")).isEqualTo("rule id 'auth.brute_force.source' is already used by the rule at line "
          + YamlText.lineOf(RulesText.DEFAULT, SOURCE_RULE) + "; every rule needs its own id");
    }
  }

  @Nested
  class Inputs {

    @Test
    void refusesAStoreThePolicyDoesNotHave() {
      Edit edit = TEXT.replace(BURST_RULE, "    input: store:sentry", "    input: store:datadog");
      assertThat(problemAt(edit.yaml(), edit.line(), "rules[availability.error_burst].input"))
          .isEqualTo("unknown store 'datadog' (declared stores: betterstack, sentry, posthog, langfuse)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sentry", "security.events", "store sentry"})
    void refusesAnInputThatIsNeitherTheSecurityEventsNorAStore(String input) {
      Edit edit = TEXT.replace(BURST_RULE, "    input: store:sentry", "    input: " + input);
      assertThat(problemAt(edit.yaml(), edit.line(), "rules[availability.error_burst].input")).isEqualTo("'" + input + "' is not an input; write security_events (the default) "
          + "or store:<store id>, e.g. store:sentry");
    }
  }

  @Nested
  class KeysOfAnotherType {

    @Test
    void refusesADistinctFieldOnACount() {
      Edit edit = TEXT.insertAfter(USER_RULE, "    key: actor.user", "    distinct: source.address");
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".distinct")).isEqualTo(
          "only a distinct_count rule counts distinct values; remove it, or write type: distinct_count");
    }

    @Test
    void refusesADistinctFieldThatIsTheKey() {
      Edit edit = TEXT.replace(SPRAYING_RULE, "    distinct: actor.user", "    distinct: source.address");
      assertThat(problemAt(edit.yaml(), edit.line(), "rules[auth.password_spraying].distinct")).startsWith("'source.address' is a key field of the rule;");
    }

    @Test
    void refusesAFirstStepOnACount() {
      Edit edit = TEXT.insertAfter(USER_RULE, "    threshold: 10", "    first: {alerts: [auth.brute_force.source]}");
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".first")).isEqualTo("only a sequence has a first step; remove it, or write type: sequence");
    }

    @Test
    void refusesAThenStepOnADistinctCountEvenWithoutValue() {
      Edit edit = TEXT.insertAfter(SPRAYING_RULE, "    threshold: 10", "    then:");
      assertThat(problemAt(edit.yaml(), edit.line(), "rules[auth.password_spraying].then")).isEqualTo("only a sequence has a then step; remove it, or write type: sequence");
    }

    @Test
    void refusesAMatchOnASequence() {
      Edit edit = TEXT.insertAfter(SUCCESS_RULE, "    key: actor.user", FAILED_SIGN_INS);
      assertThat(problemAt(edit.yaml(), edit.line(), SUCCESS + ".match")).isEqualTo(
          "a sequence matches its events in first.match and then.match; move this match under first or then");
    }

    @Test
    void refusesAThresholdOnASequence() {
      Edit edit = TEXT.insertAfter(SUCCESS_RULE, "    key: actor.user", "    threshold: 5");
      assertThat(problemAt(edit.yaml(), edit.line(), SUCCESS + ".threshold")).isEqualTo(
          "a sequence counts its first step with first.at_least; move the threshold there");
    }

    @Test
    void refusesAFirstStepOfBothEventsAndAlerts() {
      Edit edit = TEXT.insertAfter(SUCCESS_RULE, "    first:", "      alerts: [auth.brute_force.user]");
      assertThat(problemAt(edit.yaml(), edit.line(), SUCCESS + ".first.alerts"))
          .isEqualTo("a first step is either events (match) or other rules' alerts (alerts), not both");
    }
  }

  @Nested
  class FollowedAlerts {

    private static final String ALERTS = "      alerts: [auth.brute_force.source, auth.brute_force.user, "
        + "auth.password_spraying, auth.success_after_failures]";

    @Test
    void refusesAnUnknownRuleListingTheOthers() {
      Edit edit = TEXT.replace(CHANGE_RULE, ALERTS, "      alerts: [auth.brute_force.source, auth.brute_force.usr]");
      assertThat(problemAt(edit.yaml(), edit.line(), CHANGE + ".first.alerts[1]")).isEqualTo("unknown rule 'auth.brute_force.usr' (other rules: auth.brute_force.source, "
          + "auth.brute_force.user, auth.password_spraying, auth.success_after_failures, system.clock_skew, "
          + "availability.error_burst)");
    }

    @Test
    void refusesTheRuleItself() {
      Edit edit = TEXT.replace(CHANGE_RULE, ALERTS,
          "      alerts:\n        - auth.brute_force.user\n        - config.change_after_suspicious_auth");
      assertThat(problemAt(edit.yaml(), edit.lineOf("        - config.change_after_suspicious_auth"), CHANGE + ".first.alerts[1]")).isEqualTo("a rule cannot follow its own alerts");
    }

    @Test
    void refusesARuleThatItselfFollowsAlertsSoThatNoCycleCanForm() {
      String yaml = withRules("""
            - id: config.second_change
              title: Another change after a change alert
              severity: HIGH
              type: sequence
              key: actor.user
              first:
                alerts: [config.change_after_suspicious_auth]
                at_least: 1
              then:
                match: {action: [config_change]}
              window: 1h
          """);
      assertThat(problemAt(yaml, YamlText.lineOf(yaml, "      alerts: [config.change_after_suspicious_auth]"),
          "rules[config.second_change].first.alerts[0]")).isEqualTo("rule 'config.change_after_suspicious_auth' itself follows alerts; a "
          + "sequence may follow only the alerts of rules that match events, so that rules never follow each other "
          + "in a cycle");
    }

    @Test
    void refusesARuleWhoseAlertsAreKeyedByAFieldTheSequenceIsNot() {
      String yaml = withRules("""
            - id: availability.restart_after_skew
              title: A restart after clock skew
              severity: LOW
              type: sequence
              key: [actor.service]
              first:
                alerts: [system.clock_skew]
                at_least: 1
              then:
                match: {action: [restart]}
              window: 1h
          """);
      assertThat(problemAt(yaml, YamlText.lineOf(yaml, "      alerts: [system.clock_skew]"),
          "rules[availability.restart_after_skew].first.alerts[0]")).isEqualTo("rule 'system.clock_skew' keys its alerts by source.host, none of this "
          + "rule's key fields (actor.service); its alerts could never match");
    }

    @Test
    void refusesARuleListedTwice() {
      Edit edit = TEXT.replace(CHANGE_RULE, ALERTS, "      alerts: [auth.brute_force.user, auth.brute_force.user]");
      assertThat(problemAt(edit.yaml(), edit.line(), CHANGE + ".first.alerts[1]")).isEqualTo("'auth.brute_force.user' is already listed at " + CHANGE + ".first.alerts[0]");
    }
  }

  @Nested
  class NumbersAndDurations {

    @ParameterizedTest
    @ValueSource(ints = {0, -3})
    void refusesAThresholdBelowOne(int threshold) {
      Edit edit = TEXT.replace(USER_RULE, "    threshold: 10", "    threshold: " + threshold);
      PolicyException e = refused(edit.yaml());
      assertThat(e.getMessage()).isEqualTo("rules.yaml line " + edit.line()
          + ": rules[auth.brute_force.user].threshold: must be a whole number of at least 1");
      assertRefusedAt(e, edit.line(), USER + ".threshold");
    }

    @Test
    void refusesASequenceOfAtLeastZero() {
      Edit edit = TEXT.replace(SUCCESS_RULE, "      at_least: 5", "      at_least: 0");
      assertThat(problemAt(edit.yaml(), edit.line(), SUCCESS + ".first.at_least")).isEqualTo("must be a whole number of at least 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "0ms", "-5s", "5w", "5S", "5 s", "PT5S", "99999999999999999999d", "9999999999999999d"})
    void refusesAWindowThatIsNotAPositiveDuration(String window) {
      Edit edit = TEXT.replace(USER_RULE, "    window: 600s", "    window: " + window);
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".window")).startsWith("'" + window + "' ")
          .endsWith("; a window is a positive duration, a whole number and a unit (ms, s, m, h, d), e.g. 120s");
    }

    @Test
    void saysWhyAWindowIsRefused() {
      assertThat(refused(TEXT.replace(USER_RULE, "    window: 600s", "    window: 0s").yaml()).problem())
          .startsWith("'0s' is zero;");
      assertThat(refused(TEXT.replace(USER_RULE, "    window: 600s", "    window: -5s").yaml()).problem())
          .startsWith("'-5s' is negative;");
      assertThat(refused(TEXT.replace(USER_RULE, "    window: 600s", "    window: 5w").yaml()).problem())
          .startsWith("'5w' has an unknown unit 'w' (units: ms, s, m, h, d);");
    }

    @Test
    void refusesANegativeSuppressionOfARule() {
      Edit edit = TEXT.insertAfter(USER_RULE, "    window: 600s", "    suppression: -10m");
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".suppression")).isEqualTo("'-10m' is negative; a suppression is a duration of zero or more, "
          + "a whole number and a unit (ms, s, m, h, d), e.g. 600s");
    }

    @Test
    void refusesANegativeDefaultSuppression() {
      Edit edit = TEXT.replace("  suppression: 600s", "  suppression: -600s");
      assertThat(problemAt(edit.yaml(), edit.line(), "defaults.suppression")).startsWith("'-600s' is negative; a suppression is a duration of zero or more");
    }

    @Test
    void refusesANegativeGraceOfARuleAndOfTheDefaults() {
      Edit rule = TEXT.insertAfter(SKEW_RULE, "    window: 5m", "    grace: -1s");
      assertThat(problemAt(rule.yaml(), rule.line(), "rules[system.clock_skew].grace")).isEqualTo("'-1s' is negative; a grace is a duration of zero or more, "
          + "a whole number and a unit (ms, s, m, h, d), e.g. 30s");
      Edit defaults = TEXT.replace("  grace: 30s", "  grace: -30s");
      assertRefusedAt(refused(defaults.yaml()), defaults.line(), "defaults.grace");
    }

    @Test
    void acceptsNoSuppressionAndNoGrace() {
      String yaml = TEXT.replace("  suppression: 600s", "  suppression: 0s\n  grace: 0ms").yaml()
          .replace("  grace: 30s\n", "");
      RuleSet rules = RulesText.parse(yaml);
      assertThat(rules.rules()).extracting(DetectionRule::suppression).containsOnly(Duration.ZERO);
      // Every rule that sets no grace of its own (the one that follows alerts sets 5m).
      assertThat(rules.rules()).filteredOn(rule -> !rule.followsAlerts())
          .extracting(DetectionRule::grace).containsOnly(Duration.ZERO);
    }
  }

  @Nested
  class Summaries {

    @Test
    void refusesAnUnknownPlaceholderListingTheKnownOnes() {
      Edit edit = TEXT.replace(USER_RULE, "    summary: \"{count} failed sign-ins for user {key} within {window}\"",
          "    summary: \"{count} failed sign-ins for {user} within {window}\"");
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".summary")).isEqualTo("unknown placeholder '{user}' "
          + "(placeholders: {count}, {distinct}, {key}, {threshold}, {window})");
    }

    @Test
    void refusesTheDistinctPlaceholderOutsideADistinctCount() {
      Edit edit = TEXT.replace(USER_RULE, "    summary: \"{count} failed sign-ins for user {key} within {window}\"",
          "    summary: \"{distinct} sources failed for {key}\"");
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".summary"))
          .isEqualTo("{distinct} is the number of distinct values of a distinct_count rule; a count rule has none");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{count failed sign-ins", "{count}} failed sign-ins", "failed sign-ins: {}"})
    void refusesABraceOutsideAPlaceholder(String summary) {
      Edit edit = TEXT.replace(USER_RULE, "    summary: \"{count} failed sign-ins for user {key} within {window}\"",
          "    summary: \"" + summary + "\"");
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".summary")).satisfiesAnyOf(
          problem -> assertThat(problem).startsWith("has a brace that is not part of a placeholder"),
          problem -> assertThat(problem).startsWith("unknown placeholder '{}'"));
    }
  }

  @Nested
  class EmptyMatches {

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{errors_only: false}"})
    void refusesACountOfEveryEvent(String match) {
      Edit edit = TEXT.replace(USER_RULE, FAILED_SIGN_INS, "    match: " + match);
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".match")).isEqualTo("matches every event; give at least one of category, action, outcome, "
          + "flags, or errors_only: true");
    }

    @Test
    void refusesADistinctCountOfEveryEvent() {
      Edit edit = TEXT.replace(SPRAYING_RULE, FAILED_SIGN_INS, "    match: {}");
      assertRefusedAt(refused(edit.yaml()), edit.line(), "rules[auth.password_spraying].match");
    }

    @Test
    void refusesAnEmptyListInAMatch() {
      Edit edit = TEXT.replace(USER_RULE, FAILED_SIGN_INS, "    match: {category: [AUTHENTICATION], outcome: []}");
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".match.outcome")).isEqualTo("is an empty list; it needs at least one entry");
    }

    @Test
    void refusesAMatchWrittenWithoutValue() {
      Edit edit = TEXT.replace(USER_RULE, FAILED_SIGN_INS, "    match:");
      assertThat(problemAt(edit.yaml(), edit.line(), USER + ".match")).isEqualTo("has no value");
    }
  }
}
