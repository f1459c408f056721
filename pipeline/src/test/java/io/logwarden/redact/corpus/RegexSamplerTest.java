package io.logwarden.redact.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.re2j.Pattern;
import io.logwarden.redact.corpus.ScanRuleFile.Rule;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generator writes only what the expression matches, for hand-written cases and every vendored rule. */
class RegexSamplerTest {

  private static Set<String> outputs(String regex, int draws) {
    RegexSampler sampler = RegexSampler.of(regex);
    Random random = new Random(1);
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < draws; i++) {
      out.add(sampler.sample(random).text());
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "abc|abc",
      "a{3}|aaa",
      "\\x60\\x41|`A",
      "\\.\\-\\/\\\\|.-/\\",
      "^\\bfoo\\b$|foo",
      "(?:ab){2} |abab ",
      "\\Aa\\z|a",
      "[0-9]{0}x|x",
  })
  void writesTheOnlyString(String regex, String expected) {
    assertThat(outputs(regex, 20)).containsExactly(expected);
  }

  @Test
  void choosesEveryAlternative() {
    assertThat(outputs("x(?:y|z)|w", 200)).containsExactlyInAnyOrder("xy", "xz", "w");
  }

  @Test
  void writesClassesAndLiteralsAsGivenUnderCaseFolding() {
    assertThat(outputs("(?i)key-[a-c]", 200)).containsExactlyInAnyOrder("key-a", "key-b", "key-c");
    assertThat(outputs("(?i)x(?-i:[a])", 50)).containsExactly("xa");
    assertThat(RegexSampler.of("(?i)[^a]").sample(new Random(1)).text()).isNotIn("a", "A");
    for (String s : outputs("(?i)([a-f0-9]{32})", 50)) {
      assertThat(Pattern.compile("(?i)([a-f0-9]{32})").matcher(s).matches()).isTrue();
      assertThat(s).matches("[a-f0-9]{32}");
    }
  }

  @Test
  void writesALoneDotAsADotAndRepeatedDotsAsAnything() {
    assertThat(outputs("hooks.slack.com/", 20)).containsExactly("hooks.slack.com/");
    assertThat(outputs("(x).{6}", 50)).hasSizeGreaterThan(40);
  }

  @Test
  void aSecretFromAClassThatAdmitsAlmostAnythingIsMadeOfTokenCharacters() {
    assertThat(String.join("", outputs("([^\"]{40})", 50))).matches("[A-Za-z0-9+/=_.@!-]+");
    // A class with a space fills between words and stays short even inside the secret.
    assertThat(outputs("(-----BEGIN[ A-Z]{0,100}KEY)", 100)).allMatch(s -> s.length() < 25);
  }

  @Test
  void withoutAPlainGroupTheWholeExpressionIsTheSecret() {
    // Named groups only label alternatives: the class after them is drawn as a secret, over its whole range.
    assertThat(outputs("(?P<a>x)[A-Z]{5,40}", 100).stream().mapToInt(String::length).max().orElseThrow()).isGreaterThan(20);
    assertThat(outputs("(x)[A-Z]{5,40}", 100).stream().mapToInt(String::length).max().orElseThrow()).isLessThan(20);
  }

  @Test
  void inlineFlagsHoldToTheEndOfTheirGroup() {
    // A negated class under (?i) leaves out both cases; after the group, only the one written.
    Set<String> out = outputs("([^x](?i)[^b])([^c])", 400);
    assertThat(out).noneMatch(s -> s.charAt(1) == 'b' || s.charAt(1) == 'B');
    assertThat(out).anyMatch(s -> s.charAt(2) == 'C').noneMatch(s -> s.charAt(2) == 'c');
  }

  @Test
  void classesKeepToTheirMembers() {
    assertThat(String.join("", outputs("[^\\s\"'a-z]{8}", 200))).doesNotContainPattern("[\\sa-z\"']");
    assertThat(String.join("", outputs("[[:alnum:]]{8}", 200))).matches("[A-Za-z0-9]+");
    assertThat(String.join("", outputs("(?i)[\\w.-]{8}", 200))).matches("[\\w.-]+");
    assertThat(String.join("", outputs("[\\s'\"]", 100))).matches("[ '\"]+");
    assertThat(outputs("[\\r\\n]", 100)).containsExactlyInAnyOrder("\r", "\n");
    assertThat(outputs("[]a]", 100)).containsExactlyInAnyOrder("]", "a");
    assertThat(outputs("[a-]", 100)).containsExactlyInAnyOrder("-", "a");
  }

  @Test
  void quantifiersStayInTheirBounds() {
    for (String s : outputs("([a-z]{3,7})", 300)) {
      assertThat(s.length()).isBetween(3, 7);
    }
    assertThat(outputs("([a-z]{3,7})", 300).stream().map(String::length).distinct().count()).isEqualTo(5);
    for (String s : outputs("(x+)", 100)) {
      assertThat(s).matches("x{1,41}");
    }
    // Outside the groups of an expression that has some, a count stays near its minimum.
    assertThat(outputs("(z)a.{0,50}?b", 100)).allMatch(s -> s.length() < 14);
    assertThat(outputs("(z)[a-z]{2,}?", 100)).allMatch(s -> s.length() >= 3 && s.length() < 14);
    assertThat(outputs("(z)[a-z]{2,}?", 100).stream().mapToInt(String::length).average().orElseThrow()).isLessThan(4);
  }

  @Test
  void namesGroupsAndKnowsWhichRepeat() {
    RegexSampler sampler = RegexSampler.of("(?P<alg>a)(b)(?:(c)d){3}(e)?");
    assertThat(sampler.groupCount()).isEqualTo(4);
    assertThat(sampler.groupName(1)).isEqualTo("alg");
    assertThat(sampler.groupName(2)).isNull();
    assertThat(sampler.isRepeated(2)).isFalse();
    assertThat(sampler.isRepeated(3)).isTrue();
    assertThat(sampler.isRepeated(4)).isFalse();
  }

  @Test
  void marksTheCharactersDrawnFromClasses() {
    RegexSampler.Sample sample = RegexSampler.of("ab[0-9]{3}c").sample(new Random(3));
    assertThat(sample.drawn().toString()).isEqualTo("{2, 3, 4}");
  }

  @Test
  void refusesSyntaxItDoesNotKnow() {
    assertThatThrownBy(() -> RegexSampler.of("\\pL")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegexSampler.of("a(b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegexSampler.of("a)")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RegexSampler.of("(\\1)")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mostDrawsOfEveryVendoredRuleMatchItsRegex() {
    ScanRuleFile file = ScanRuleFile.load(GeneratedSecretCorpusTest.GITLEAKS).orElseThrow();
    assertThat(file.rules()).hasSize(210);
    Random random = new Random(11);
    for (Rule rule : file.rules()) {
      RegexSampler sampler = RegexSampler.of(rule.regex());
      Pattern pattern = Pattern.compile(rule.regex());
      int matched = 0;
      for (int i = 0; i < 50; i++) {
        if (pattern.matcher(sampler.sample(random).text()).find()) {
          matched++;
        }
      }
      assertThat(matched).as(rule.id()).isGreaterThanOrEqualTo(10);
    }
  }

  @Test
  void everyValueOfEveryVendoredRuleIsAFindingOfThatRule() {
    ScanRuleFile file = ScanRuleFile.load(GeneratedSecretCorpusTest.GITLEAKS).orElseThrow();
    for (SecretPositives.Positive p : SecretPositives.fromRules("gitleaks", file, rule -> true, 10, 5)) {
      Rule rule = file.rules().stream().filter(r -> r.id().equals(p.source())).findFirst().orElseThrow();
      assertThat(Pattern.compile(rule.regex()).matcher(p.planted()).find()).as(p.source()).isTrue();
      assertThat(rule.find(p.planted())).as(p.source()).isPresent();
      assertThat(p.planted()).as(p.source()).contains(p.secret());
      assertThat(p.pieces()).as(p.source()).isNotEmpty().allMatch(p.secret()::contains);
      String secret = rule.find(p.planted()).orElseThrow().secret();
      if (rule.entropy() > 0) {
        assertThat(ScanRuleFile.shannonEntropy(secret)).as(p.source()).isGreaterThan(rule.entropy());
      }
    }
  }
}
