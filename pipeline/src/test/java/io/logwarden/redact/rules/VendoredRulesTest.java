package io.logwarden.redact.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.policy.StrictYaml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vendored gitleaks rules are the recorded ones (so that an update is deliberate: see
 * docs/redaction.md), keep the subset rule, and compile with RE2J; their licence and attribution ship
 * with them.
 */
class VendoredRulesTest {

  /** Rules of gitleaks v8.30.1 that scripts/gitleaks/subset.py keeps. */
  static final int VENDORED_RULES = 210;
  /** SHA-256 of the vendored gitleaks.toml. */
  static final String VENDORED_SHA256 = "5b95b53cf48c86bfb79c09a006f34d0eddfad116e0737221222796ac566597b7";
  /** The subset rule's shortest keyword (shorter ones would send most lines to their regexes). */
  static final int SHORTEST_SHIPPED_KEYWORD = 4;

  private static String vendoredText() {
    return StrictYaml.resource(SecretRulesLoader.VENDORED, "secret rules");
  }

  @Test
  void theVendoredFileIsTheRecordedOne() throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(vendoredText().getBytes(StandardCharsets.UTF_8));
    assertThat(HexFormat.of().formatHex(digest)).isEqualTo(VENDORED_SHA256);
    assertThat(RuleFileReader.read(vendoredText(), "gitleaks.toml", false).rules()).hasSize(VENDORED_RULES);
  }

  @Test
  void everyShippedRuleKeepsTheSubsetRule() {
    for (String resource : List.of(SecretRulesLoader.VENDORED, SecretRulesLoader.OWN)) {
      RuleFile file = RuleFileReader.read(StrictYaml.resource(resource, "secret rules"), resource, false);
      assertThat(file.rules()).as(resource).isNotEmpty();
      for (SecretRule rule : file.rules()) {
        assertThat(rule.id()).as(resource).isNotEqualTo("generic-api-key");
        assertThat(rule.keywords()).as(rule.id()).isNotEmpty()
            .allSatisfy(keyword -> assertThat(keyword).hasSizeGreaterThanOrEqualTo(SHORTEST_SHIPPED_KEYWORD));
      }
    }
  }

  @Test
  void everyShippedRegexCompilesWithRe2jAndEveryIdIsDistinct() {
    // The reader compiles every regex (rules' and allowlists') with RE2J and refuses one it cannot.
    List<SecretRule> vendored = RuleFileReader.read(vendoredText(), "gitleaks.toml", false).rules();
    List<SecretRule> own = RuleFileReader.read(StrictYaml.resource(SecretRulesLoader.OWN, "secret rules"), "own", false)
        .rules();
    assertThat(own).noneMatch(SecretRule::fileScoped);
    // Rules for files of some path (a .tf, a nuget.config) never fire on a log line: the set leaves them out.
    assertThat(vendored.stream().filter(SecretRule::fileScoped).map(SecretRule::id))
        .containsExactlyInAnyOrder("freemius-secret-key", "hashicorp-tf-password", "kubernetes-secret-yaml",
            "nuget-config-password");
    // A rule of logwarden's own with a vendored id is a fix that replaces the vendored rule.
    List<String> vendoredIds = vendored.stream().map(SecretRule::id).toList();
    List<String> replaced = own.stream().map(SecretRule::id).filter(vendoredIds::contains).toList();
    assertThat(replaced).containsExactly("microsoft-teams-webhook");
    SecretRuleSet shipped = SecretRulesLoader.shipped();
    assertThat(shipped.ruleIds()).hasSize(VENDORED_RULES - 4 + own.size() - replaced.size()).doesNotHaveDuplicates()
        .allSatisfy(id -> assertThat(id).matches("[a-z0-9][a-z0-9._-]*"));
  }

  @Test
  void theLicenceAndAttributionShipBesideTheRules() {
    String licence = StrictYaml.resource("/redact/gitleaks/LICENSE", "licence");
    assertThat(licence).contains("MIT License").contains("Zachary Rice");
    String attribution = StrictYaml.resource("/redact/gitleaks/ATTRIBUTION.md", "attribution");
    assertThat(attribution).contains("v8.30.1").contains(VENDORED_RULES + " of");
  }
}
