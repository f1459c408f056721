package io.logwarden.redact.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.redact.FakeSecrets;
import io.logwarden.redact.SecretScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry holds together: every registered prefix has a fake token in {@link FakeSecrets}, which the
 * scan replaces whole under the shape's kind, and the prefix with a body too short stays.
 */
class TokenShapesTest {

  static Stream<TokenShape> shapes() {
    return ProviderTokens.FAMILIES.stream().flatMap(family -> family.shapes().stream());
  }

  /** The shapes the fast path redacts (not the prefixes it leaves to the rule set). */
  static Stream<TokenShape> redactedShapes() {
    return shapes().filter(shape -> shape.kind() != null);
  }

  private final SecretScanner scanner = new SecretScanner();

  @ParameterizedTest(name = "{0}")
  @MethodSource("redactedShapes")
  void everyPrefixHasAFakeTokenThatTheScanReplacesWhole(TokenShape shape) {
    List<FakeSecrets.Variant> variants = FakeSecrets.TOKENS.stream()
        .filter(v -> v.kind().equals(shape.kind()) && startsWithPrefix(v.plant(new Random(1)).secret(), shape.prefix()))
        .toList();
    assertThat(variants).as("FakeSecrets.TOKENS has a variant for the prefix %s", shape.prefix()).isNotEmpty();
    for (FakeSecrets.Variant variant : variants) {
      for (int seed = 0; seed < 20; seed++) {
        FakeSecrets.Planted planted = variant.plant(new Random(seed));
        String out = scanner.redact("event=call " + planted.text() + " status=200", null);
        assertThat(out).as(variant.name()).doesNotContain(planted.secret())
            .contains("[REDACTED:" + shape.kind() + "]").startsWith("event=call ").endsWith(" status=200");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void thePrefixWithAShortBodyStays(TokenShape shape) {
    String text = "see " + shape.prefix() + "ab12 for details";
    assertThat(scanner.redact(text, null)).isEqualTo(text);
  }

  @Test
  void aPrefixLeftToTheRuleSetIsNoShorterPrefixsToken() {
    // sk-lf- is Langfuse's: the fast path's sk- (OpenAI, legacy) must not take it, so the rule set names it.
    String langfuse = "sk-" + "lf-" + "4f3c2b1a-9d8e-4c7b-a6f5-1e2d3c4b5a69";
    assertThat(scanner.redact("key " + langfuse, null)).isEqualTo("key " + langfuse);
    assertThat(ProviderTokens.FAMILIES.stream().flatMap(f -> f.shapes().stream()).filter(s -> s.kind() == null))
        .extracting(TokenShape::prefix).containsExactly("sk-lf-");
  }

  @Test
  void prefixesAreUniqueAndAKindBelongsToOneFamily() {
    Set<String> prefixes = new HashSet<>();
    Map<String, String> familyOfKind = new HashMap<>();
    List<String> clashes = new ArrayList<>();
    for (TokenFamily family : ProviderTokens.FAMILIES) {
      for (TokenShape shape : family.shapes()) {
        if (!prefixes.add(shape.prefix())) {
          clashes.add("prefix " + shape.prefix());
        }
      }
      for (String kind : family.kinds()) {
        String before = familyOfKind.put(kind, family.name());
        if (before != null) {
          clashes.add(kind + " in " + before + " and " + family.name());
        }
      }
    }
    assertThat(clashes).isEmpty();
    assertThat(ProviderTokens.kinds()).hasSize(familyOfKind.size()).doesNotContainAnyElementsOf(SecretScanner.STRUCTURE_KINDS);
  }

  @Test
  void theLongestPrefixDecides() {
    // sk-ant- is Anthropic's even though sk- (OpenAI) also matches at the same place.
    String anthropic = "sk-" + "ant-api03-" + "a".repeat(20) + "B".repeat(20) + "9".repeat(20);
    assertThat(scanner.redact(anthropic, null)).isEqualTo("[REDACTED:" + AiProviderKeys.ANTHROPIC_API_KEY + "]");
  }

  private static boolean startsWithPrefix(String secret, String prefix) {
    return secret.startsWith(prefix) || secret.startsWith("https://" + prefix) || secret.startsWith("http://" + prefix);
  }
}
