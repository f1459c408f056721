package io.logwarden.redact.corpus;

import io.logwarden.redact.FakeSecrets;
import io.logwarden.redact.Leaks;
import io.logwarden.redact.corpus.ScanRuleFile.Finding;
import io.logwarden.redact.corpus.ScanRuleFile.Rule;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * The secrets the corpus plants: values generated from each rule's regex that the rule itself would
 * report (its keywords present, its secret group above its entropy threshold, no allowlist hit), and
 * the fast path's kinds from {@link FakeSecrets}.
 */
final class SecretPositives {

  /**
   * One secret to plant.
   *
   * @param origin where the secret's shape comes from: a rule file, or {@link #FAST_PATH}
   * @param family the rule id's first word, or the fast path's kind
   * @param source the rule id, or the {@link FakeSecrets} variant
   * @param planted the text to put in a record: the rule's whole match, with the context it needs
   * @param secret what must not survive
   * @param pieces the runs of the secret whose survival is a leak (see {@link io.logwarden.redact.Leaks})
   * @param rule the rule the value was generated from, or null for the fast path's kinds
   */
  record Positive(String origin, String family, String source, String planted, String secret, List<String> pieces,
      Rule rule) {}

  /** The origin of the fast path's kinds. */
  static final String FAST_PATH = "fast path";

  private static final int ATTEMPTS = 4000;

  private static final String TOKEN_TAIL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private SecretPositives() {}

  /** {@code perRule} values for every rule of {@code file} that {@code runs}, each rule drawing from its own seed. */
  static List<Positive> fromRules(String origin, ScanRuleFile file, java.util.function.Predicate<Rule> runs, int perRule,
      long seed) {
    List<Positive> positives = new ArrayList<>();
    for (Rule rule : file.rules()) {
      if (!runs.test(rule)) {
        continue;
      }
      RegexSampler sampler = RegexSampler.of(rule.regex());
      Random random = new Random(seed ^ rule.id().hashCode());
      for (int i = 0; i < perRule; i++) {
        positives.add(fromRule(origin, rule, sampler, random));
      }
    }
    return positives;
  }

  /** One value of one rule; fails when none of {@value #ATTEMPTS} draws is a finding of the rule. */
  static Positive fromRule(String origin, Rule rule, RegexSampler sampler, Random random) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      RegexSampler.Sample sample = sampler.sample(random);
      String text = sample.text();
      BitSet drawn = sample.drawn();
      // One-line values fit every context; a rule that can only be met across lines gets one later.
      if (attempt < ATTEMPTS / 2 && !printable(text)) {
        continue;
      }
      if (!rule.keywords().isEmpty() && !hasKeyword(rule, text)) {
        // gitleaks wants a keyword anywhere in the text; some regexes do not hold one.
        String prefix = rule.keywords().get(0) + " ";
        text = prefix + text;
        drawn = shifted(drawn, prefix.length());
      }
      Optional<Finding> found = rule.find(text);
      if (found.isEmpty()) {
        continue;
      }
      Finding finding = found.get();
      // What follows the secret (a delimiter, an escaped line break) is left to the context when the
      // rule still finds the same secret without it; a quote opened before the secret is closed.
      if (finding.secretEnd() < text.length()) {
        String trimmed = text.substring(0, finding.secretEnd()) + closingQuote(text, finding);
        Optional<Finding> again = rule.find(trimmed);
        if (again.isPresent() && again.get().secretStart() == finding.secretStart()
            && again.get().secret().equals(finding.secret())) {
          text = trimmed;
          finding = again.get();
        }
      }
      int start = finding.secretStart();
      int end = finding.secretEnd();
      if (wholeMatchIsSecret(sampler, finding)) {
        start = finding.matchStart();
        end = finding.matchEnd();
      }
      if (drawn.get(start, end).isEmpty() && end == text.length()) {
        // An expression of constant text only (Bedrock's short-lived key prefix): a real key goes on
        // with its random part, which is what must not leak.
        StringBuilder tail = new StringBuilder();
        while (tail.length() < 64) {
          tail.append(TOKEN_TAIL.charAt(random.nextInt(TOKEN_TAIL.length())));
        }
        drawn = (BitSet) drawn.clone();
        drawn.set(text.length(), text.length() + tail.length());
        text = text + tail;
        end = text.length();
      }
      String secret = text.substring(start, end);
      return new Positive(origin, rule.family(), rule.id(), text, secret, pieces(secret, drawn.get(start, end)), rule);
    }
    throw new IllegalStateException("no value of rule " + rule.id() + " passes its own checks in " + ATTEMPTS + " draws");
  }

  /** {@code perVariant} values of each of the fast path's kinds. */
  static List<Positive> fromFakeSecrets(int perVariant, long seed) {
    Random random = new Random(seed);
    List<Positive> positives = new ArrayList<>();
    for (List<FakeSecrets.Variant> variants : List.of(FakeSecrets.TOKENS, FakeSecrets.STRUCTURED)) {
      for (FakeSecrets.Variant variant : variants) {
        for (int i = 0; i < perVariant; i++) {
          FakeSecrets.Planted planted = variant.plant(random);
          positives.add(new Positive(FAST_PATH, variant.kind(), variant.name(), planted.text(), planted.secret(),
              Leaks.pieces(planted.secret()), null));
        }
      }
    }
    return positives;
  }

  // gitleaks reports the first non-empty group; where that group only names an alternative
  // (jwt-base64's (?P<alg>...)) or is one repetition of a part (the Teams webhook's ([a-z0-9]{4}-){3}),
  // the credential is the whole match.
  private static boolean wholeMatchIsSecret(RegexSampler sampler, Finding finding) {
    int g = finding.group();
    return g > 0 && (sampler.isRepeated(g) || sampler.groupName(g) != null);
  }

  // Runs of the literal text around a secret (a PEM header, a fixed prefix) are no secret: a piece
  // counts when half of it was drawn at random. A secret with no such piece counts whole.
  private static List<String> pieces(String secret, BitSet drawn) {
    List<String> all = Leaks.pieces(secret);
    if (secret.length() <= Leaks.PIECE) {
      return all;
    }
    List<String> random = new ArrayList<>();
    for (int i = 0; i + Leaks.PIECE <= secret.length(); i++) {
      if (drawn.get(i, i + Leaks.PIECE).cardinality() * 2 >= Leaks.PIECE) {
        String piece = secret.substring(i, i + Leaks.PIECE);
        if (!random.contains(piece)) {
          random.add(piece);
        }
      }
    }
    return random.isEmpty() ? all : random;
  }

  private static String closingQuote(String text, Finding finding) {
    String before = text.substring(finding.matchStart(), finding.secretStart()).stripTrailing();
    char last = before.isEmpty() ? ' ' : before.charAt(before.length() - 1);
    return last == '\'' || last == '"' || last == '`' ? String.valueOf(last) : "";
  }

  private static boolean hasKeyword(Rule rule, String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    return rule.keywords().stream().anyMatch(lower::contains);
  }

  private static boolean printable(String text) {
    return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
  }

  private static BitSet shifted(BitSet bits, int by) {
    BitSet result = new BitSet();
    bits.stream().forEach(i -> result.set(i + by));
    return result;
  }
}
