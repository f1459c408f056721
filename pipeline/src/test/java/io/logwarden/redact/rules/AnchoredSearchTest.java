package io.logwarden.redact.rules;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Trying a rule's regex only where its matches can start ({@link RegexStart}) finds exactly what
 * gitleaks' search along the whole text finds: every shipped rule with a plan, on texts made of its
 * keywords and start literals in varied case, separators, and runs of key-like characters of the
 * lengths the rules ask for.
 */
class AnchoredSearchTest {

  private static final String[] SEPARATORS = {
    " ", "=", ": ", " = ", "\"", "'", "_", "-", ".", "\n", "\\n", ";", ",", "=>", ":=", "\t", "`", "/", "@", "(",
    "\":\"", "_key=", "_token: ", "-secret=", "KEY=", " token ",
  };
  private static final int[] LENGTHS = {
    6, 8, 10, 14, 16, 20, 22, 24, 26, 27, 30, 32, 34, 35, 36, 38, 40, 42, 43, 45, 48, 50, 56, 58, 60, 64, 70, 80, 100,
    186, 250, 300,
  };
  private static final String[] ALPHABETS = {
    FakeKeys.ALNUM, FakeKeys.HEX, FakeKeys.LOWER_ALNUM, FakeKeys.UPPER_ALNUM, FakeKeys.WORD_DASH, FakeKeys.B64,
    FakeKeys.DIGITS,
  };

  private static List<String> spans(SecretRuleSet set, String text) {
    List<String> found = new ArrayList<>();
    set.find(text, (s, e, kind) -> found.add(s + "-" + e));
    return found;
  }

  private static String caseOf(Random r, String text) {
    return switch (r.nextInt(4)) {
      case 0 -> text.toUpperCase(Locale.ROOT);
      case 1 -> text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
      default -> text;
    };
  }

  private static String text(Random r, List<String> words) {
    StringBuilder text = new StringBuilder();
    int parts = 2 + r.nextInt(10);
    for (int p = 0; p < parts; p++) {
      switch (r.nextInt(4)) {
        case 0, 1 -> text.append(caseOf(r, words.get(r.nextInt(words.size()))));
        case 2 -> text.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
        default -> text.append(FakeKeys.chars(r, ALPHABETS[r.nextInt(ALPHABETS.length)], LENGTHS[r.nextInt(LENGTHS.length)]));
      }
    }
    return text.toString();
  }

  @Test
  void anchoredTriesFindWhatTheWholeTextSearchFinds() {
    Random random = new Random(2026);
    int planned = 0;
    int matches = 0;
    for (SecretRule rule : SecretRulesLoader.shipped().rules()) {
      if (rule.plan() == null) {
        continue;
      }
      planned++;
      SecretRuleSet anchored = new SecretRuleSet(List.of(rule), List.of());
      SecretRuleSet everywhere = new SecretRuleSet(List.of(rule.searchingEverywhere()), List.of());
      List<String> words = new ArrayList<>(rule.keywords());
      words.addAll(rule.plan().starts());
      for (String start : rule.plan().starts()) {
        // A start literal glued to key-like characters, as a prefixed key is written.
        words.add(start + FakeKeys.chars(random, FakeKeys.WORD_DASH, 8));
      }
      for (int i = 0; i < 400; i++) {
        String text = text(random, words);
        List<String> expected = spans(everywhere, text);
        assertThat(spans(anchored, text)).as(rule.id() + " on " + text).isEqualTo(expected);
        matches += expected.size();
      }
    }
    assertThat(planned).as("rules tried only where matches can start").isGreaterThan(150);
    assertThat(matches).as("texts in which the rules found something").isGreaterThan(1000);
  }

  @Test
  void theStartOfARegexGivesItsLiteralStartsOrNothing() {
    assertThat(RegexStart.literalStarts("ghp_[0-9a-zA-Z]{36}")).containsExactly("ghp_");
    assertThat(RegexStart.literalStarts("(?:ghu|ghs)_[0-9a-zA-Z]{36}")).containsExactly("ghu_", "ghs_");
    assertThat(RegexStart.literalStarts("((?:sk|rk)_(?:test|live|prod)_[a-z]{10})")).hasSize(6).contains("rk_prod_");
    assertThat(RegexStart.literalStarts("(?:(?-i:ETSY|[Ee]tsy))(?:[ \\t\\w.-]{0,20})=")).isEqualTo(Set.of("etsy"));
    assertThat(RegexStart.literalStarts("dp\\.pt\\.(?i)[a-z0-9]{43}")).containsExactly("dp.pt.");
    // Optional or repeated atoms, classes and anything unknown end the literal; too short gives nothing.
    assertThat(RegexStart.literalStarts("abcd?e")).containsExactly("abc");
    assertThat(RegexStart.literalStarts("(?:https?://)?hooks.slack.com")).isNull();
    assertThat(RegexStart.literalStarts("[a-z0-9]{14}\\.atlasv1")).isNull();
    assertThat(RegexStart.literalStarts("ab[0-9]+")).isNull();
    assertThat(RegexStart.literalStarts("abc|x")).isNull();
    assertThat(RegexStart.literalStarts("(?:\\bfoo|bar)")).isNull();
  }

  @Test
  void aLeadOrBoundaryIsTakenOffOnlyWhenItAppliesToTheWholeRegex() {
    RegexStart.Plan boundary = RegexStart.plan(Pattern.compile("\\b(abcd_[0-9]{4})"));
    assertThat(boundary.boundary()).isTrue();
    assertThat(boundary.anchored().pattern()).isEqualTo("(abcd_[0-9]{4})");
    RegexStart.Plan lead = RegexStart.plan(Pattern.compile("(?i)[\\w.-]{0,50}?(?:acme)=([0-9]{4})"));
    assertThat(lead.leadMax()).isEqualTo(50);
    assertThat(lead.anchored().pattern()).isEqualTo("(?i)(?:acme)=([0-9]{4})");
    // In a|b the \b or the lead belongs to the first alternative alone.
    assertThat(RegexStart.plan(Pattern.compile("\\b(abcd)|efgh"))).isNull();
    assertThat(RegexStart.plan(Pattern.compile("(?i)[\\w.-]{0,50}?acme=x|efgh"))).isNull();
    assertThat(RegexStart.plan(Pattern.compile("abcd|efgh")).starts()).containsExactly("abcd", "efgh");
  }

  @Test
  void anAllowlistRegexAnchoredAtTheStartGivesWhatItsTargetMustBeginWith() {
    assertThat(RegexStart.anchoredStarts("^\\$(?:\\d+|{\\d+})$")).containsExactly("$");
    assertThat(RegexStart.anchoredStarts("^/Users/(?i)[a-z0-9]+/[\\w .-/]+$")).containsExactly("/users/");
    assertThat(RegexStart.anchoredStarts("(?i)^Bearer [a-z]+")).containsExactly("bearer ");
    // The ^ binds to the first alternative only; a start that may be empty says nothing.
    assertThat(RegexStart.anchoredStarts("(?i)^true|false|null$")).isNull();
    assertThat(RegexStart.anchoredStarts("^(?i:a+|b+)$")).isNull();
    assertThat(RegexStart.anchoredStarts("true$")).isNull();
  }

  @Test
  void mostShippedRulesAreTriedOnlyWhereTheirMatchesCanStart() {
    List<SecretRule> rules = SecretRulesLoader.shipped().rules();
    long planned = rules.stream().filter(rule -> rule.plan() != null).count();
    assertThat(planned).isGreaterThan(rules.size() * 8 / 10);
  }
}
