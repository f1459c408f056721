package io.logwarden.detect.rules;

import static io.logwarden.detect.rules.RulesText.POLICY;
import static io.logwarden.detect.rules.RulesText.USER_RULE;
import static io.logwarden.detect.rules.RulesText.assertRefusedAt;
import static io.logwarden.detect.rules.RulesText.problemAt;
import static io.logwarden.detect.rules.RulesText.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyException;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.policy.YamlText;
import io.logwarden.policy.YamlText.Edit;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.Severity;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The shipped default rules state the seven rules exactly, a user's rules of every type
 * load, the file is found next to the policy, and a file that is not YAML of the right shape is
 * refused at its line. The refusals of rules that do not make sense are in {@link RulesLoaderRefusalsTest}.
 */
class RulesLoaderTest {

  private static final EventCondition FAILED_SIGN_INS = new EventCondition(
      Set.of(Category.AUTHENTICATION), Set.of("sign_in"), Set.of(Outcome.FAILURE), Set.of(), false);

  /** What the shipped default must say, from the list of rules. */
  @Nested
  class ShippedDefault {

    private final RuleSet rules = RulesLoader.loadDefault(POLICY);

    @Test
    void hasTheSevenRulesWithTheirThresholdsWindowsKeysSeveritiesAndAttackIds() {
      assertThat(rules.source()).isEqualTo("rules.yaml (shipped default)");
      assertThat(rules.rules())
          .extracting(DetectionRule::id, DetectionRule::type, DetectionRule::threshold, DetectionRule::window,
              DetectionRule::key, DetectionRule::severity, DetectionRule::attack)
          .containsExactly(
              tuple("auth.brute_force.source", RuleType.COUNT, 8, Duration.ofSeconds(120),
                  List.of(KeyField.SOURCE_ADDRESS), Severity.HIGH, List.of("T1110.001")),
              tuple("auth.brute_force.user", RuleType.COUNT, 10, Duration.ofSeconds(600),
                  List.of(KeyField.USER), Severity.MEDIUM, List.of("T1110.001")),
              tuple("auth.password_spraying", RuleType.DISTINCT_COUNT, 10, Duration.ofSeconds(600),
                  List.of(KeyField.SOURCE_ADDRESS), Severity.HIGH, List.of("T1110.003")),
              tuple("auth.success_after_failures", RuleType.SEQUENCE, 5, Duration.ofSeconds(600),
                  List.of(KeyField.USER), Severity.CRITICAL, List.of("T1110", "T1078")),
              tuple("config.change_after_suspicious_auth", RuleType.SEQUENCE, 1, Duration.ofMinutes(30),
                  List.of(KeyField.USER, KeyField.SOURCE_ADDRESS), Severity.CRITICAL, List.of("T1098")),
              tuple("system.clock_skew", RuleType.COUNT, 3, Duration.ofMinutes(5),
                  List.of(KeyField.HOST), Severity.MEDIUM, List.of()),
              tuple("availability.error_burst", RuleType.COUNT, 50, Duration.ofSeconds(60),
                  List.of(KeyField.SERVICE, KeyField.PROCESS), Severity.HIGH, List.of()));
    }

    @Test
    void suppressesFor600SecondsAndAllows30SecondsOfLatenessExceptAfterAlerts() {
      assertThat(rules.rules()).extracting(DetectionRule::suppression).containsOnly(Duration.ofSeconds(600));
      // The rule that follows alerts gets them a hop later than the events it pairs them with.
      assertThat(rules.rules()).filteredOn(rule -> !rule.followsAlerts())
          .extracting(DetectionRule::grace).containsOnly(Duration.ofSeconds(30));
      assertThat(rules.rule("config.change_after_suspicious_auth").grace()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void countsFailedSignInsPerSourcePerUserAndDistinctUsersPerSource() {
      for (String id : List.of("auth.brute_force.source", "auth.brute_force.user", "auth.password_spraying")) {
        assertThat(rules.rule(id).match()).as(id).isEqualTo(FAILED_SIGN_INS);
        assertThat(rules.rule(id).then()).as(id).isNull();
      }
      assertThat(rules.rule("auth.password_spraying").distinct()).isEqualTo(KeyField.USER);
      assertThat(rules.rule("auth.brute_force.source").distinct()).isNull();
    }

    @Test
    void seesASuccessfulSignInAfterAtLeastFiveFailures() {
      DetectionRule rule = rules.rule("auth.success_after_failures");
      assertThat(rule.match()).isEqualTo(FAILED_SIGN_INS);
      assertThat(rule.threshold()).isEqualTo(5);
      assertThat(rule.then()).isEqualTo(new EventCondition(
          Set.of(Category.AUTHENTICATION), Set.of("sign_in"), Set.of(Outcome.SUCCESS), Set.of(), false));
      assertThat(rule.followsAlerts()).isFalse();
    }

    @Test
    void seesAConfigurationChangeAfterAnAlertOfTheFourSignInRules() {
      DetectionRule rule = rules.rule("config.change_after_suspicious_auth");
      assertThat(rule.afterAlerts()).containsExactly("auth.brute_force.source", "auth.brute_force.user",
          "auth.password_spraying", "auth.success_after_failures");
      assertThat(rule.followsAlerts()).isTrue();
      assertThat(rule.match()).isNull();
      assertThat(rule.then()).isEqualTo(
          new EventCondition(Set.of(), Set.of("config_change", "admin_action"), Set.of(), Set.of(), false));
    }

    @Test
    void countsEventsFlaggedAheadOfTheirArrivalPerHost() {
      assertThat(rules.rule("system.clock_skew").match())
          .isEqualTo(new EventCondition(Set.of(), Set.of(), Set.of(), Set.of("future_time"), false));
    }

    @Test
    void countsErrorsBoundForSentryPerServiceElseProcess() {
      DetectionRule rule = rules.rule("availability.error_burst");
      assertThat(rule.inputStore()).isEqualTo("sentry");
      assertThat(rule.match()).isEqualTo(new EventCondition(Set.of(), Set.of(), Set.of(), Set.of(), true));
      assertThat(rules.inputStores()).containsExactly("sentry");
      assertThat(rules.readingFrom("sentry")).containsExactly(rule);
      assertThat(rules.readingFrom(null)).hasSize(6).doesNotContain(rule);
    }

    @Test
    void keepsTheSummariesAsWritten() {
      assertThat(rules.rule("auth.brute_force.source").summary())
          .isEqualTo("{count} failed sign-ins from {key} within {window}");
      assertThat(rules.rule("auth.password_spraying").summary())
          .isEqualTo("failed sign-ins for {distinct} distinct users from {key} within {window}");
    }

    @Test
    void loadsTheSameFromAFile(@TempDir Path dir) throws IOException {
      Path file = Files.writeString(dir.resolve("rules.yaml"), RulesText.DEFAULT);
      RuleSet loaded = RulesLoader.load(file, POLICY);
      assertThat(loaded.source()).isEqualTo("rules.yaml");
      assertThat(loaded.rules()).isEqualTo(rules.rules());
    }
  }

  // ---- a user's rules

  @Test
  void loadsAUsersCountRuleWithItsOwnSuppressionAndGraceAndADefaultSummary() {
    RuleSet rules = RulesText.parse(RulesText.withRules("""
          - id: app.failed_admin_actions
            title: Failed administrative actions by one user
            severity: LOW
            type: count
            match: {action: [admin_action], outcome: [FAILURE]}
            key: actor.user
            threshold: 3
            window: 15m
            suppression: 0s
            grace: 500ms
        """));
    DetectionRule rule = rules.rule("app.failed_admin_actions");
    assertThat(rules.rules()).hasSize(8).last().isEqualTo(rule);
    assertThat(rule.type()).isEqualTo(RuleType.COUNT);
    assertThat(rule.severity()).isEqualTo(Severity.LOW);
    assertThat(rule.attack()).isEmpty();
    assertThat(rule.inputStore()).isNull();
    assertThat(rule.match())
        .isEqualTo(new EventCondition(Set.of(), Set.of("admin_action"), Set.of(Outcome.FAILURE), Set.of(), false));
    assertThat(rule.key()).containsExactly(KeyField.USER);
    assertThat(rule.threshold()).isEqualTo(3);
    assertThat(rule.window()).isEqualTo(Duration.ofMinutes(15));
    assertThat(rule.suppression()).isZero();
    assertThat(rule.grace()).isEqualTo(Duration.ofMillis(500));
    assertThat(rule.summary()).isEqualTo("{count} matching events for {key} within {window}");
  }

  @Test
  void loadsAUsersDistinctCountRule() {
    RuleSet rules = RulesText.parse(RulesText.withRules("""
          - id: auth.host_hopping
            title: Failed sign-ins of one user on many hosts
            severity: HIGH
            attack: [T1021, T1110.001]
            type: distinct_count
            input: security_events
            match: {category: [AUTHENTICATION, SECURITY], outcome: [FAILURE, UNKNOWN]}
            key: [actor.user]
            distinct: source.host
            threshold: 4
            window: 2h
            summary: "{key} failed on {distinct} hosts within {window} (threshold {threshold})"
        """));
    DetectionRule rule = rules.rule("auth.host_hopping");
    assertThat(rule.type()).isEqualTo(RuleType.DISTINCT_COUNT);
    assertThat(rule.attack()).containsExactly("T1021", "T1110.001");
    assertThat(rule.inputStore()).isNull();
    assertThat(rule.match().categories()).containsExactlyInAnyOrder(Category.AUTHENTICATION, Category.SECURITY);
    assertThat(rule.match().outcomes()).containsExactlyInAnyOrder(Outcome.FAILURE, Outcome.UNKNOWN);
    assertThat(rule.key()).containsExactly(KeyField.USER);
    assertThat(rule.distinct()).isEqualTo(KeyField.HOST);
    assertThat(rule.threshold()).isEqualTo(4);
    assertThat(rule.window()).isEqualTo(Duration.ofHours(2));
    assertThat(rule.suppression()).isEqualTo(Duration.ofSeconds(600));
    assertThat(rule.summary()).isEqualTo("{key} failed on {distinct} hosts within {window} (threshold {threshold})");
  }

  @Test
  void loadsAUsersSequenceOfEventsReadingAStore() {
    RuleSet rules = RulesText.parse(RulesText.withRules("""
          - id: availability.restart_after_errors
            title: A service restarted after a burst of errors
            severity: MEDIUM
            type: sequence
            input: store:sentry
            key: [actor.service, actor.process]
            first:
              match: {errors_only: true}
              at_least: 20
            then:
              match: {category: [SYSTEM], action: [restart]}
            window: 1d
        """));
    DetectionRule rule = rules.rule("availability.restart_after_errors");
    assertThat(rule.type()).isEqualTo(RuleType.SEQUENCE);
    assertThat(rule.inputStore()).isEqualTo("sentry");
    assertThat(rule.match()).isEqualTo(new EventCondition(Set.of(), Set.of(), Set.of(), Set.of(), true));
    assertThat(rule.threshold()).isEqualTo(20);
    assertThat(rule.then())
        .isEqualTo(new EventCondition(Set.of(Category.SYSTEM), Set.of("restart"), Set.of(), Set.of(), false));
    assertThat(rule.afterAlerts()).isEmpty();
    assertThat(rule.window()).isEqualTo(Duration.ofDays(1));
    assertThat(rule.summary()).isEqualTo("{key} completed the sequence after {count} first steps within {window}");
    assertThat(rules.readingFrom("sentry")).extracting(DetectionRule::id)
        .containsExactly("availability.error_burst", "availability.restart_after_errors");
  }

  @Test
  void loadsAUsersSequenceAfterAlertsOfRulesBeforeAndAfterIt() {
    RuleSet rules = RulesText.parse(RulesText.withRules("""
          - id: auth.sign_in_after_alert
            title: Any event from a user after a brute-force or token alert
            severity: HIGH
            type: sequence
            key: [actor.user, source.address]
            first:
              alerts: [auth.brute_force.user, auth.token_failures]
              at_least: 2
            then:
              match: {}
            window: 1h
            summary: "{key} active within {window} of {count} alerts"
          - id: auth.token_failures
            title: Failed token checks for one user
            severity: LOW
            type: count
            match: {action: [token_check], outcome: [FAILURE]}
            key: actor.user
            threshold: 5
            window: 5m
        """));
    DetectionRule rule = rules.rule("auth.sign_in_after_alert");
    assertThat(rule.afterAlerts()).containsExactly("auth.brute_force.user", "auth.token_failures");
    assertThat(rule.match()).isNull();
    assertThat(rule.threshold()).isEqualTo(2);
    assertThat(rule.then()).as("an empty then-step matches any event")
        .isEqualTo(new EventCondition(Set.of(), Set.of(), Set.of(), Set.of(), false));
    assertThat(rules.rules()).extracting(DetectionRule::id).endsWith("auth.sign_in_after_alert", "auth.token_failures");
  }

  @Test
  void takesTheFilesDefaultsAndFallsBackOnTheBuiltInOnes() {
    Edit edit = RulesText.TEXT.replace("  suppression: 600s", "  suppression: 1h");
    assertThat(RulesText.parse(edit.yaml()).rules()).extracting(DetectionRule::suppression)
        .containsOnly(Duration.ofHours(1));
    String withoutDefaults = RulesText.TEXT.removeBlock("defaults:");
    assertThat(withoutDefaults).doesNotContain("defaults:");
    RuleSet rules = RulesText.parse(withoutDefaults);
    assertThat(rules.rules()).extracting(DetectionRule::suppression).containsOnly(Duration.ofSeconds(600));
    assertThat(rules.rules()).filteredOn(rule -> !rule.followsAlerts())
        .extracting(DetectionRule::grace).containsOnly(Duration.ofSeconds(30));
  }

  @Test
  void warnsAboutARuleWhoseActionsThePolicyDoesNotSendToSecurityEventsButLoadsIt() {
    String yaml = RulesText.withRules("""
          - id: auth.token_failures
            title: Failed token checks for one user
            severity: LOW
            type: count
            match: {action: [token_check], outcome: [FAILURE]}
            key: actor.user
            threshold: 5
            window: 5m
        """);
    Logger logger = (Logger) LoggerFactory.getLogger(RulesValidator.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    RuleSet rules;
    try {
      RulesText.parse(RulesText.DEFAULT);
      assertThat(appender.list).as("the shipped rules only match routed actions").isEmpty();
      rules = RulesText.parse(yaml);
    } finally {
      logger.detachAppender(appender);
    }
    assertThat(rules.rule("auth.token_failures")).isNotNull();
    assertThat(appender.list)
        .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
        .containsExactly(tuple(Level.WARN, "rules.yaml line "
            + YamlText.lineOf(yaml, "    match: {action: [token_check], outcome: [FAILURE]}")
            + ": rules[auth.token_failures].match.action: the policy's security_routing sends none of these "
            + "actions to security.events (it sends access_denied, account_lockout, admin_action, config_change, sign_in);"
            + " add them to "
            + "security_routing.actions, or the rule never sees its events"));
  }

  // ---- where the rules come from

  @Test
  void usesTheRulesFileNextToThePolicyFile(@TempDir Path dir) throws IOException {
    Path policyFile = Files.writeString(dir.resolve("company-policy.yaml"), "not read by the rules loader");
    Files.writeString(dir.resolve("rules.yaml"), """
        rules:
          - id: system.clock_skew
            title: Host clock running ahead
            severity: LOW
            type: count
            match: {flags: [future_time]}
            key: source.host
            threshold: 10
            window: 1m
        """);
    RuleSet rules = RulesLoader.forPolicyFile(policyFile, POLICY);
    assertThat(rules.source()).isEqualTo("rules.yaml");
    assertThat(rules.rules()).extracting(DetectionRule::id, DetectionRule::threshold)
        .containsExactly(tuple("system.clock_skew", 10));
  }

  @Test
  void usesTheShippedRulesWithoutARulesFileNextToThePolicyOrWithoutAPolicyFile(@TempDir Path dir) {
    Path policyFile = dir.resolve("policy.yaml");
    assertThat(RulesLoader.forPolicyFile(policyFile, POLICY)).isEqualTo(RulesLoader.loadDefault(POLICY));
    assertThat(RulesLoader.forPolicyFile(null, POLICY).source()).isEqualTo("rules.yaml (shipped default)");
  }

  @Test
  void refusesABadRulesFileNextToThePolicyNamingIt(@TempDir Path dir) throws IOException {
    Edit edit = RulesText.TEXT.replace(USER_RULE, "    threshold: 10", "    threshold: 0");
    Files.writeString(dir.resolve("rules.yaml"), edit.yaml());
    PolicyException e = refusal(() -> RulesLoader.forPolicyFile(dir.resolve("policy.yaml"), POLICY));
    assertThat(e.getMessage()).isEqualTo("rules.yaml line " + edit.line()
        + ": rules[auth.brute_force.user].threshold: must be a whole number of at least 1");
  }

  @Test
  void checksTheInputsAgainstThePolicysStores() throws URISyntaxException {
    Policy minimal = PolicyLoader.load(Path.of(RulesLoaderTest.class.getResource("/policy/minimal.yaml").toURI()));
    PolicyException e = refusal(() -> RulesLoader.loadDefault(minimal));
    int line = YamlText.lineOf(RulesText.DEFAULT, "    input: store:sentry");
    assertThat(e.getMessage()).isEqualTo("rules.yaml (shipped default) line " + line
        + ": rules[availability.error_burst].input: unknown store 'sentry' (declared stores: archive)");
  }

  @Test
  void refusesAMissingFileNamingIt(@TempDir Path dir) {
    Path file = dir.resolve("my-rules.yaml");
    PolicyException e = refusal(() -> RulesLoader.load(file, POLICY));
    assertThat(e.line()).isEqualTo(-1);
    assertThat(e.getMessage()).isEqualTo("my-rules.yaml: cannot read " + file + ": no such file");
  }

  // ---- YAML and the shape of the file

  @Test
  void refusesAMisspeltKeyOfARuleNamingTheRuleAndSuggestingTheKey() {
    Edit edit = RulesText.TEXT.replace(USER_RULE, "    threshold: 10", "    threshhold: 10");
    assertThat(problemAt(edit.yaml(), edit.line(), "rules[auth.brute_force.user].threshhold")).isEqualTo("unknown key 'threshhold'; did you mean 'threshold'? Known keys here: "
        + "id, title, severity, attack, type, input, match, key, distinct, threshold, window, first, then, "
        + "suppression, grace, update_interval, signal_cap, summary");
  }

  @Test
  void refusesAnUnknownKeyOfAMatch() {
    Edit edit = RulesText.TEXT.replace(USER_RULE, RulesText.FAILED_SIGN_INS,
        "    match: {category: [AUTHENTICATION], outcomes: [FAILURE]}");
    assertThat(problemAt(edit.yaml(), edit.line(), "rules[auth.brute_force.user].match.outcomes")).isEqualTo("unknown key 'outcomes'; did you mean 'outcome'? "
        + "Known keys here: category, action, outcome, flags, errors_only");
  }

  @Test
  void refusesAnUnknownKeyOfASequenceStep() {
    Edit edit = RulesText.TEXT.replace(RulesText.CHANGE_RULE, "      at_least: 1", "      atleast: 1");
    assertThat(problemAt(edit.yaml(), edit.line(), "rules[config.change_after_suspicious_auth].first.atleast")).startsWith("unknown key 'atleast'; did you mean 'at_least'?");
  }

  @Test
  void refusesAnUnknownSection() {
    Edit edit = RulesText.TEXT.replace("defaults:", "default:");
    assertThat(problemAt(edit.yaml(), edit.line(), "default")).isEqualTo("unknown key 'default'; did you mean 'defaults'? Known keys here: defaults, rules");
  }

  @Test
  void refusesADuplicateKeyInARule() {
    Edit edit = RulesText.TEXT.insertAfter(USER_RULE, "    threshold: 10", "    threshold: 12");
    assertThat(problemAt(edit.yaml(), edit.line(), "rules[auth.brute_force.user].threshold")).isEqualTo("duplicate key 'threshold'; a key may appear only once in a mapping");
  }

  @ParameterizedTest
  @ValueSource(strings = {"ten", "1.5", "[10]"})
  void refusesAThresholdThatIsNotAWholeNumber(String threshold) {
    Edit edit = RulesText.TEXT.replace(USER_RULE, "    threshold: 10", "    threshold: " + threshold);
    assertThat(problemAt(edit.yaml(), edit.line(), "rules[auth.brute_force.user].threshold")).startsWith("expected a whole number, found ");
  }

  @Test
  void refusesAWindowWithoutUnitExplainingDurations() {
    Edit edit = RulesText.TEXT.replace(USER_RULE, "    window: 600s", "    window: 600");
    assertThat(problemAt(edit.yaml(), edit.line(), "rules[auth.brute_force.user].window")).isEqualTo("expected text, found the number 600; "
        + "a duration is a whole number followed by a unit (ms, s, m, h, d), e.g. 120s");
  }

  @Test
  void refusesAKeyOfTheWrongTypeAtTheKeyWrittenAsOneValue() {
    Edit edit = RulesText.TEXT.replace(USER_RULE, "    key: actor.user", "    key: {field: actor.user}");
    assertThat(problemAt(edit.yaml(), edit.line(), "rules[auth.brute_force.user].key")).isEqualTo("expected text, found a mapping of keys");
  }

  @Test
  void refusesAMatchWrittenAsAList() {
    Edit edit = RulesText.TEXT.replace(USER_RULE, RulesText.FAILED_SIGN_INS, "    match: [AUTHENTICATION]");
    assertThat(problemAt(edit.yaml(), edit.line(), "rules[auth.brute_force.user].match")).isEqualTo("expected a mapping of keys, found a list");
  }

  @Test
  void namesARuleWhoseIdIsNotTextByItsIndex() {
    Edit edit = RulesText.TEXT.replace(USER_RULE, "  - id: 12");
    assertThat(problemAt(edit.yaml(), edit.line(), "rules[1].id")).isEqualTo("expected text, found the number 12; put it in quotes to make it text");
  }

  @Test
  void refusesInvalidYamlAtTheLineOfTheError() {
    Edit edit = RulesText.TEXT.replace(USER_RULE, "    title: Repeated failed sign-ins for one user",
        "    title: Failed: sign-ins");
    PolicyException e = refused(edit.yaml());
    assertThat(e.line()).isEqualTo(edit.line());
    assertThat(e.getMessage())
        .isEqualTo("rules.yaml line " + edit.line() + ": invalid YAML: mapping values are not allowed here");
  }

  @Test
  void refusesASecondDocument() {
    String yaml = RulesText.DEFAULT + "---\nrules: []\n";
    PolicyException e = refused(yaml);
    assertThat(e.line()).isEqualTo(YamlText.lineOf(yaml, "---"));
    assertThat(e.problem()).isEqualTo("a second YAML document starts here; a rules file holds exactly one document");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "# rules to come\n"})
  void refusesAFileWithoutContent(String yaml) {
    PolicyException e = refused(yaml);
    assertThat(e.getMessage()).isEqualTo("rules.yaml: the file holds no rules; it is empty or only comments");
  }

  @Test
  void refusesAFileThatIsAList() {
    PolicyException e = refused("- id: auth.brute_force.source\n- id: auth.brute_force.user\n");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.getMessage())
        .isEqualTo("rules.yaml line 1: the file must be a mapping of the sections defaults and rules; found a list");
  }

  @Test
  void refusesAMissingRulesSectionWithoutALine() {
    PolicyException e = refused("defaults:\n  suppression: 600s\n");
    assertThat(e.getMessage()).isEqualTo("rules.yaml: rules: required section is missing");
  }

  @Test
  void refusesAnEmptyRulesList() {
    String yaml = "defaults:\n  grace: 30s\nrules: []\n";
    assertThat(problemAt(yaml, 3, "rules")).isEqualTo("declares no rule; a rules file needs at least one");
  }

  @Test
  void refusesARuleWithoutContent() {
    Edit edit = RulesText.TEXT.insertAfter("rules:", "rules:", "  -");
    assertThat(problemAt(edit.yaml(), edit.line(), "rules[0]")).isEqualTo("has no value");
  }

  private static PolicyException refusal(Runnable load) {
    try {
      load.run();
    } catch (PolicyException e) {
      return e;
    }
    throw new AssertionError("the rules were accepted, expected a refusal");
  }
}
