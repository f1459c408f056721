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
  void caseInsensitiveClassesTakeBothCasesAndLiteralsStayAsWritten() {
    Set<String> out = outputs("(?i)key-[a-c]", 200);
    assertThat(out).containsExactlyInAnyOrder("key-a", "key-b", "key-c", "key-A", "key-B", "key-C");
    assertThat(outputs("(?i)x(?-i:[a])", 50)).containsExactly("xa");
    assertThat(outputs("(?i:[a])b", 50)).containsExactlyInAnyOrder("ab", "Ab");
  }

  @Test
  void inlineFlagsHoldToTheEndOfTheirGroup() {
    assertThat(outputs("([a](?i)[b])[c]", 200)).containsExactlyInAnyOrder("abc", "aBc");
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
    for (SecretPositives.Positive p : SecretPositives.fromRules("gitleaks", file, 10, 5)) {
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
