package io.logwarden.redact.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyException;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.policy.StrictYaml;
import io.logwarden.redact.EventRedactor;
import io.logwarden.redact.PseudonymKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy's {@code redaction.secret_rules_file} and {@code redaction.secret_allowlist}, as the pipeline reads them. */
class PolicySecretRulesTest {

  private static final String SHIPPED = StrictYaml.resource(PolicyLoader.DEFAULT_RESOURCE, "policy");
  /** The line of the shipped policy's {@code redaction:} key, 1-based. */
  private static final int REDACTION_LINE = SHIPPED.lines().toList().indexOf("redaction:") + 1;

  private static final String USER_RULES = """
      # The company's own keys.
      [[rules]]
      id = "acme-deploy-key"
      description = "ACME deploy key"
      regex = '''\\b(acmedk_[A-Za-z0-9]{24})\\b'''
      entropy = 3
      keywords = ["acmedk_"]
      """;

  /** The shipped policy with these lines first in its {@code redaction} section. */
  private static String policyWith(String redactionLines) {
    return SHIPPED.replace("redaction:\n", "redaction:\n" + redactionLines);
  }

  private static Path write(Path dir, String policy, String rules) throws IOException {
    if (rules != null) {
      Files.writeString(dir.resolve("rules.toml"), rules);
    }
    return Files.writeString(dir.resolve("policy.yaml"), policy);
  }

  private static EventRedactor redactor(Policy policy) {
    return new EventRedactor(PseudonymKey.demo(), policy.redaction(), new SimpleMeterRegistry());
  }

  @Test
  void aUserRuleFromTheFileBesideThePolicyRedactsUnderItsId(@TempDir Path dir) throws IOException {
    Policy policy = PolicyLoader.load(write(dir, policyWith("  secret_rules_file: rules.toml\n"), USER_RULES));
    assertThat(policy.redaction().secretRulesFile()).isEqualTo(dir.toAbsolutePath().resolve("rules.toml"));
    String key = "acme" + "dk_" + "Qw3rTy7uIoP1aSdF4gHjK8lZ";
    EventRedactor redactor = redactor(policy);
    assertThat(redactor.redactText("deploy with " + key + " ok")).isEqualTo("deploy with [REDACTED:acme-deploy-key] ok");
    // The shipped rules still run beside the user's.
    String linear = "lin_" + "api_" + "Ab3De5Gh7Jk9Mn1Pq3St5Vw7Yz9Bc1Ef3Hi5Kl7N";
    assertThat(redactor.redactText("client " + linear)).isEqualTo("client [REDACTED:linear-api-key]");
  }

  @Test
  void thePolicysAllowlistKeepsTheSecretsItMatches(@TempDir Path dir) throws IOException {
    Policy policy = PolicyLoader.load(write(dir, policyWith("""
          secret_rules_file: rules.toml
          secret_allowlist:
            - '^acmedk_TEST'
        """), USER_RULES));
    String fixture = "acme" + "dk_" + "TEST" + "w3rTy7uIoP1aSdF4gHjK";
    String live = "acme" + "dk_" + "Qw3rTy7uIoP1aSdF4gHjK8lZ";
    EventRedactor redactor = redactor(policy);
    assertThat(redactor.redactText("fixture " + fixture)).isEqualTo("fixture " + fixture);
    assertThat(redactor.redactText("live " + live)).isEqualTo("live [REDACTED:acme-deploy-key]");
  }

  @Test
  void aBadAllowlistRegexIsRefusedAtItsPolicyLine(@TempDir Path dir) throws IOException {
    Path file = write(dir, policyWith("""
          secret_allowlist:
            - '^fixture_'
            - '(?<!x)y'
        """), null);
    assertThatThrownBy(() -> PolicyLoader.load(file)).isInstanceOf(PolicyException.class).message().startsWith("policy.yaml line " + (REDACTION_LINE + 3)
        + ": redaction.secret_allowlist[1]: is not a valid RE2 expression");
  }

  @Test
  void anEmptyRulesFileNameIsRefusedAtItsPolicyLine(@TempDir Path dir) throws IOException {
    Path file = write(dir, policyWith("  secret_rules_file: ''\n"), null);
    assertThatThrownBy(() -> PolicyLoader.load(file)).isInstanceOf(PolicyException.class)
        .hasMessage("policy.yaml line " + (REDACTION_LINE + 1) + ": redaction.secret_rules_file: is empty");
  }

  @Test
  void aMissingOrBadRulesFileIsRefusedNamingIt(@TempDir Path dir) throws IOException {
    Policy missing = PolicyLoader.load(write(dir, policyWith("  secret_rules_file: none.toml\n"), null));
    assertThatThrownBy(() -> SecretRulesLoader.forSettings(missing.redaction())).isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("none.toml: cannot read").hasMessageContaining("no such file");
    Policy bad = PolicyLoader.load(write(dir, policyWith("  secret_rules_file: rules.toml\n"),
        USER_RULES.replace("entropy = 3", "entropy = 3\nsecretGroup = 2")));
    assertThatThrownBy(() -> redactor(bad)).isInstanceOf(PolicyException.class)
        .hasMessage("rules.toml line 7: rules[0].secretGroup: 2 names no capture group: the regex has 1");
  }

  @Test
  void theSameFileAndAllowlistGiveTheSameSharedRuleSet(@TempDir Path dir) throws IOException {
    Policy policy = PolicyLoader.load(write(dir, policyWith("  secret_rules_file: rules.toml\n"), USER_RULES));
    assertThat(SecretRulesLoader.forSettings(policy.redaction())).isSameAs(SecretRulesLoader.forSettings(policy.redaction()));
    assertThat(SecretRulesLoader.forSettings(PolicyLoader.loadDefault().redaction())).isSameAs(SecretRulesLoader.shipped());
    assertThat(PolicyLoader.loadDefault().redaction().secretAllowlist()).isEqualTo(List.of());
  }
}
