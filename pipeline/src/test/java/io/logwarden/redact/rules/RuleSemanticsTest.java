package io.logwarden.redact.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.logwarden.policy.FieldTreatment;
import io.logwarden.policy.RedactionSettings;
import io.logwarden.redact.SecretScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * gitleaks' reading of a rule, as the rule set applies it: which part of a match is the secret, the
 * keyword prefilter, the entropy threshold, allowlists (targets, stopwords, conditions) and the global
 * ones.
 */
class RuleSemanticsTest {

  private static SecretScanner scanner(String toml) {
    return scanner(toml, List.of());
  }

  private static SecretScanner scanner(String toml, List<String> allowlist) {
    return new SecretScanner(SecretRulesLoader.withUserRules(toml, "rules.toml", allowlist));
  }

  private static List<String> spans(String toml, String text) {
    List<String> found = new ArrayList<>();
    SecretRulesLoader.withUserRules(toml, "rules.toml", List.of())
        .find(text, (s, e, kind) -> found.add(kind + ":" + text.substring(s, e)));
    return found;
  }

  @Test
  void theSecretIsTheFirstCaptureGroupThatMatchedElseTheWholeMatch() {
    String rules = """
        [[rules]]
        id = "acme-pair"
        regex = '''acme(?:_a=(x[0-9]+)|_b=(y[0-9]+))'''
        keywords = ["acme"]

        [[rules]]
        id = "acme-plain"
        regex = '''ACMEPLAIN[0-9]{6}'''
        keywords = ["acmeplain"]
        """;
    assertThat(spans(rules, "got acme_b=y2024 ok")).containsExactly("acme-pair:y2024");
    assertThat(spans(rules, "got acme_a=x77 ok")).containsExactly("acme-pair:x77");
    assertThat(spans(rules, "got ACMEPLAIN123456 ok")).containsExactly("acme-plain:ACMEPLAIN123456");
  }

  @Test
  void secretGroupPicksTheGroupThatIsTheSecret() {
    String rules = """
        [[rules]]
        id = "acme-login"
        regex = '''acme_(login|token)=([a-z0-9]{8})'''
        secretGroup = 2
        keywords = ["acme_"]
        """;
    assertThat(scanner(rules).redact("sync acme_login=ab12cd34 done", null))
        .isEqualTo("sync acme_login=[REDACTED:acme-login] done");
  }

  @Test
  void newlinesAtTheEdgesOfAMatchAreNotPartOfTheSecret() {
    String rules = """
        [[rules]]
        id = "acme-line"
        regex = '''\\nACME[0-9]{4}\\n'''
        keywords = ["acme"]
        """;
    assertThat(spans(rules, "a\nACME1234\nb")).containsExactly("acme-line:ACME1234");
  }

  @Test
  void onlyRulesWhoseKeywordOccursRunAndKeywordsIgnoreCase() {
    String rules = """
        [[rules]]
        id = "acme-code"
        regex = '''\\b[0-9]{6}\\b'''
        keywords = ["acme"]
        """;
    SecretScanner scanner = scanner(rules);
    assertThat(scanner.redact("code 123456 sent", null)).isEqualTo("code 123456 sent");
    assertThat(scanner.redact("acme code 123456 sent", null)).isEqualTo("acme code [REDACTED:acme-code] sent");
    assertThat(scanner.redact("ACME code 123456 sent", null)).isEqualTo("ACME code [REDACTED:acme-code] sent");
    assertThat(scanner.redact("AcMe code 123456 sent", null)).isEqualTo("AcMe code [REDACTED:acme-code] sent");
  }

  @Test
  void aSecretMustBeAboveTheRulesEntropy() {
    String rules = """
        [[rules]]
        id = "acme-key"
        regex = '''acmekey:([a-z]{8,9})'''
        entropy = 3
        keywords = ["acmekey"]
        """;
    // Eight distinct letters: exactly 3 bits per character, which is not above 3.
    assertThat(SecretRule.shannonEntropy("abcdefgh", 0, 8)).isCloseTo(3.0, within(1e-9));
    assertThat(spans(rules, "acmekey:abcdefgh")).isEmpty();
    assertThat(spans(rules, "acmekey:abcdefghi")).containsExactly("acme-key:abcdefghi");
    assertThat(spans(rules, "acmekey:aaaabbbb")).isEmpty();
    assertThat(SecretRule.shannonEntropy("aaaa", 0, 4)).isZero();
  }

  @Test
  void allowlistRegexesTryTheSecretTheMatchOrTheLine() {
    String rules = """
        [[rules]]
        id = "acme-secret"
        regex = '''acme=([a-z0-9]{10})'''
        keywords = ["acme="]
        [[rules.allowlists]]
        regexes = ['''^test''']

        [[rules]]
        id = "acme-match"
        regex = '''acmm=([a-z0-9]{10})'''
        keywords = ["acmm="]
        [[rules.allowlists]]
        regexTarget = "match"
        regexes = ['''^acmm=test''']

        [[rules]]
        id = "acme-line"
        regex = '''acml=([a-z0-9]{10})'''
        keywords = ["acml="]
        [[rules.allowlists]]
        regexTarget = "line"
        regexes = ['''(?i)\\bsandbox\\b''']
        """;
    assertThat(spans(rules, "acme=test123456")).isEmpty();
    assertThat(spans(rules, "acme=prod123456")).containsExactly("acme-secret:prod123456");
    assertThat(spans(rules, "acmm=test123456")).isEmpty();
    assertThat(spans(rules, "acmm=prod123456")).containsExactly("acme-match:prod123456");
    assertThat(spans(rules, "first line acml=prod123456\nSANDBOX second line")).containsExactly("acme-line:prod123456");
    assertThat(spans(rules, "first line\nSandbox acml=prod123456")).isEmpty();
  }

  @Test
  void stopwordsAreFoundInTheSecretIgnoringCase() {
    String rules = """
        [[rules]]
        id = "acme-token"
        regex = '''acme_tok=([A-Za-z0-9]{12})'''
        keywords = ["acme_tok"]
        [[rules.allowlists]]
        stopwords = ["example"]
        """;
    assertThat(spans(rules, "acme_tok=myEXAMPLEkey")).isEmpty();
    assertThat(spans(rules, "acme_tok=aB3dE5gH7jK9")).containsExactly("acme-token:aB3dE5gH7jK9");
    // The stopword must be in the secret, not merely on the line.
    assertThat(spans(rules, "example: acme_tok=aB3dE5gH7jK9")).containsExactly("acme-token:aB3dE5gH7jK9");
  }

  @Test
  void conditionAndNeedsEveryCheckAndPathsNeverMatchALogLine() {
    String rules = """
        [[rules]]
        id = "acme-and"
        regex = '''acma=([a-z0-9]{10})'''
        keywords = ["acma="]
        [[rules.allowlists]]
        condition = "AND"
        regexes = ['''^dev''']
        stopwords = ["0000"]

        [[rules]]
        id = "acme-path"
        regex = '''acmp=([a-z0-9]{10})'''
        keywords = ["acmp="]
        [[rules.allowlists]]
        paths = ['''.*''']
        [[rules.allowlists]]
        condition = "AND"
        paths = ['''.*''']
        stopwords = ["dev"]
        """;
    assertThat(spans(rules, "acma=dev0000abc")).isEmpty();
    assertThat(spans(rules, "acma=dev1234abc")).containsExactly("acme-and:dev1234abc");
    assertThat(spans(rules, "acma=prd0000abc")).containsExactly("acme-and:prd0000abc");
    assertThat(spans(rules, "acmp=dev1234abc")).containsExactly("acme-path:dev1234abc");
  }

  @Test
  void theVendoredGlobalAllowlistAppliesToEveryRule() {
    String rules = """
        [[rules]]
        id = "acme-any"
        regex = '''acmeany=([A-Za-z]{26,40})'''
        keywords = ["acmeany"]
        """;
    // gitleaks' global stopword "abcdefghijklmnopqrstuvwxyz", found ignoring case.
    assertThat(spans(rules, "acmeany=xxABCDEFGHIJKLMNOPQRSTUVWXYZ")).isEmpty();
    assertThat(spans(rules, "acmeany=QwErTyUiOpAsDfGhJkLzXcVbNm")).containsExactly("acme-any:QwErTyUiOpAsDfGhJkLzXcVbNm");
  }

  @Test
  void aGlobalAllowlistOfTheUsersTargetsTheRulesItNames() {
    String rules = """
        [[allowlists]]
        targetRules = ["acme-one", "shopify-access-token"]
        regexes = ['''^.{0,10}0000''']

        [[rules]]
        id = "acme-one"
        regex = '''one=([a-z0-9]{10})'''
        keywords = ["one="]

        [[rules]]
        id = "acme-two"
        regex = '''two=([a-z0-9]{10})'''
        keywords = ["two="]
        """;
    assertThat(spans(rules, "one=abcd0000ef")).isEmpty();
    assertThat(spans(rules, "two=abcd0000ef")).containsExactly("acme-two:abcd0000ef");
    String shopify = "shp" + "at_" + "0000" + "a1b2c3d4e5f6a7b8c9d0e1f2a3b4";
    assertThat(spans(rules, "call with " + shopify)).isEmpty();
  }

  @Test
  void thePolicysAllowlistKeepsASecretThatMatchesOne() {
    String shopify = "shp" + "at_" + "0123456789abcdef0123456789abcdef";
    String other = "shp" + "at_" + "fedcba9876543210fedcba9876543210";
    RedactionSettings settings = new RedactionSettings(FieldTreatment.KEEP, FieldTreatment.KEEP, Map.of(), null,
        List.of("^shp" + "at_0123456789"));
    SecretScanner scanner = new SecretScanner(SecretRulesLoader.forSettings(settings));
    assertThat(scanner.redact("fixture " + shopify, null)).isEqualTo("fixture " + shopify);
    assertThat(scanner.redact("live " + other, null)).isEqualTo("live [REDACTED:shopify-access-token]");
  }

  @Test
  void aUserRuleWithAShippedIdReplacesItAndDisabledRulesTurnsShippedOnesOff() {
    String linear = "lin_" + "api_" + "Ab3De5Gh7Jk9Mn1Pq3St5Vw7Yz9Bc1Ef3Hi5Kl7N";
    String shopify = "shp" + "at_" + "0123456789abcdef0123456789abcdef";
    SecretScanner scanner = scanner("""
        [extend]
        disabledRules = ["linear-api-key"]

        [[rules]]
        id = "shopify-access-token"
        regex = '''shpat_[a-f0-9]{32}_live'''
        keywords = ["shpat_"]
        """);
    assertThat(scanner.redact("client " + linear, null)).isEqualTo("client " + linear);
    assertThat(scanner.redact("call " + shopify + " ok", null)).isEqualTo("call " + shopify + " ok");
    assertThat(scanner.redact("call " + shopify + "_live ok", null)).isEqualTo("call [REDACTED:shopify-access-token] ok");
  }
}
