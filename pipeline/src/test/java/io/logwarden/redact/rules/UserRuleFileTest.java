package io.logwarden.redact.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.policy.PolicyException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A user's rule file with a mistake is refused at the line of the mistake, naming the key and the problem. */
class UserRuleFileTest {

  private static PolicyException refused(String toml) {
    return (PolicyException) assertThatThrownBy(() -> SecretRulesLoader.withUserRules(toml, "rules.toml", List.of()))
        .as("refused:\n" + toml).isInstanceOf(PolicyException.class).actual();
  }

  private static final String GOOD = """
      [[rules]]
      id = "acme-token"
      regex = '''acme_[a-z0-9]{20}'''
      keywords = ["acme_"]
      """;

  static Stream<Arguments> mistakes() {
    return Stream.of(
        Arguments.of("not TOML", """
            [[rules]]
            id = "acme-token"
            regex =
            keywords = ["acme_"]
            """, 3, "", "is not valid TOML"),
        Arguments.of("misspelt key", """
            [[rules]]
            id = "acme-token"
            keywords = ["acme_"]
            regx = '''acme_[a-z0-9]{20}'''
            """, 4, "rules[0].regx", "did you mean 'regex'?"),
        Arguments.of("regex RE2 refuses", GOOD + """

            [[rules]]
            id = "acme-other"
            regex = '''acme(?=_)'''
            keywords = ["acme"]
            """, 8, "rules[1].regex", "is not a valid RE2 expression"),
        Arguments.of("no id", GOOD + """

            [[rules]]
            regex = '''acme_[a-z0-9]{20}'''
            keywords = ["acme_"]
            """, 6, "rules[1].id", "required key is missing"),
        Arguments.of("no regex", """
            [[rules]]
            id = "acme-token"
            keywords = ["acme_"]
            """, 1, "rules[0].regex", "required key is missing"),
        Arguments.of("id twice", GOOD + """

            [[rules]]
            id = "acme-token"
            regex = '''acme-[a-z0-9]{20}'''
            keywords = ["acme-"]
            """, 7, "rules[1].id", "'acme-token' is already the id of rules[0] (line 2)"),
        Arguments.of("id not a kind", """
            [[rules]]
            id = "Acme Token"
            regex = '''acme_[a-z0-9]{20}'''
            keywords = ["acme_"]
            """, 2, "rules[0].id", "'Acme Token' is not an id"),
        Arguments.of("id not text", """
            [[rules]]
            id = 5
            regex = '''acme_[a-z0-9]{20}'''
            keywords = ["acme_"]
            """, 2, "rules[0].id", "must be text in quotes"),
        Arguments.of("no keywords", """
            [[rules]]
            id = "acme-token"
            regex = '''acme_[a-z0-9]{20}'''
            """, 1, "rules[0].keywords", "required key is missing"),
        Arguments.of("empty keywords", """
            [[rules]]
            id = "acme-token"
            regex = '''acme_[a-z0-9]{20}'''
            keywords = []
            """, 4, "rules[0].keywords", "is an empty list"),
        Arguments.of("short keyword on its own line", """
            [[rules]]
            id = "acme-token"
            regex = '''acme_[a-z0-9]{20}'''
            keywords = [
                "acme_",
                "ac",
            ]
            """, 6, "rules[0].keywords[1]", "'ac' is too short"),
        Arguments.of("secretGroup past the groups", """
            [[rules]]
            id = "acme-token"
            regex = '''acme_([a-z0-9]{20})'''
            secretGroup = 3
            keywords = ["acme_"]
            """, 4, "rules[0].secretGroup", "3 names no capture group: the regex has 1"),
        Arguments.of("entropy out of range", """
            [[rules]]
            id = "acme-token"
            regex = '''acme_[a-z0-9]{20}'''
            entropy = 9.5
            keywords = ["acme_"]
            """, 4, "rules[0].entropy", "must be a number from 0 to 8"),
        Arguments.of("entropy not a number", """
            [[rules]]
            id = "acme-token"
            regex = '''acme_[a-z0-9]{20}'''
            entropy = "high"
            keywords = ["acme_"]
            """, 4, "rules[0].entropy", "must be a number from 0 to 8"),
        Arguments.of("a path, which a log line lacks", """
            [[rules]]
            id = "acme-token"
            regex = '''acme_[a-z0-9]{20}'''
            path = '''\\.env$'''
            keywords = ["acme_"]
            """, 4, "rules[0].path", "a log line has no file path"),
        Arguments.of("a multi-part rule", GOOD + """
            [[rules.required]]
            id = "acme-id"
            """, 5, "rules[0].required", "multi-part rules"),
        Arguments.of("unknown regexTarget", GOOD + """
            [[rules.allowlists]]
            regexTarget = "value"
            regexes = ['''^test''']
            """, 6, "rules[0].allowlists[0].regexTarget", "'value' is not a target (secret, match, line)"),
        Arguments.of("unknown condition", GOOD + """
            [[rules.allowlists]]
            condition = "XOR"
            stopwords = ["test"]
            """, 6, "rules[0].allowlists[0].condition", "'XOR' is not a condition (AND, OR)"),
        Arguments.of("bad allowlist regex on its own line", GOOD + """
            [[rules.allowlists]]
            description = "fixtures"
            regexes = [
                '''^test''',
                '''^(dev''',
            ]
            """, 9, "rules[0].allowlists[0].regexes[1]", "is not a valid RE2 expression"),
        Arguments.of("second allowlist of a later rule", GOOD + """
            [[rules.allowlists]]
            stopwords = ["test"]

            [[rules]]
            id = "acme-other"
            regex = '''acme-[a-z0-9]{20}'''
            keywords = ["acme-"]
            [[rules.allowlists]]
            stopwords = ["dev"]
            [[rules.allowlists]]
            stopwords = [""]
            """, 15, "rules[1].allowlists[1].stopwords[0]", "is empty"),
        Arguments.of("allowlist without a check", GOOD + """
            [[rules.allowlists]]
            description = "nothing"
            """, 5, "rules[0].allowlists[0]", "must hold at least one check"),
        Arguments.of("both allowlist spellings", """
            [allowlist]
            stopwords = ["test"]

            [[allowlists]]
            stopwords = ["dev"]
            """ + GOOD, 1, "allowlist", "older spelling"),
        Arguments.of("extend without the shipped rules", """
            [extend]
            useDefault = false
            """ + GOOD, 2, "extend.useDefault", "always runs its shipped rules"),
        Arguments.of("extend by path", """
            [extend]
            path = "other.toml"
            """ + GOOD, 2, "extend.path", "is not supported"),
        Arguments.of("only comments", """
            # nothing yet
            """, -1, "", "holds no rules"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void aMistakeIsRefusedAtItsLine(String name, String toml, int line, String path, String problem) {
    PolicyException e = refused(toml);
    assertThat(e.sourceName()).isEqualTo("rules.toml");
    assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
    assertThat(e.path()).as(e.getMessage()).isEqualTo(path);
    assertThat(e.problem()).as(e.getMessage()).contains(problem);
    String where = line > 0 ? "rules.toml line " + line + ": " : "rules.toml: ";
    assertThat(e.getMessage()).startsWith(where + (path.isEmpty() ? "" : path + ": "));
  }

  @Test
  void namesOfRulesThatDoNotExistAreRefusedAtTheirLines() {
    PolicyException disabled = refused("""
        [extend]
        disabledRules = [
            "linear-api-key",
            "no-such-rule",
        ]
        """);
    assertThat(disabled.getMessage()).isEqualTo(
        "rules.toml line 4: extend.disabledRules[1]: 'no-such-rule' is no shipped rule (see docs/redaction.md for their ids)");
    PolicyException target = refused("""
        [[allowlists]]
        targetRules = ["acme-token", "acme-tokn"]
        stopwords = ["test"]
        """ + GOOD);
    assertThat(target.getMessage()).isEqualTo(
        "rules.toml line 2: allowlists[0].targetRules[1]: 'acme-tokn' is no rule of this file nor a shipped rule");
  }

  @Test
  void aGoodFileIsAccepted() {
    SecretRuleSet set = SecretRulesLoader.withUserRules(GOOD, "rules.toml", List.of());
    assertThat(set.ruleIds()).contains("acme-token", "shopify-access-token");
  }
}
