package io.logwarden.redact.rules;

import io.logwarden.redact.SecretSpans;
import java.util.ArrayList;
import java.util.List;

/**
 * The rule-set pass of the secret scan: rules in gitleaks' format (the vendored community rules,
 * logwarden's own, the user's), each reported span being a rule's secret and its kind the rule's id.
 *
 * <p>For speed, one pass over the text finds which rules' keywords occur (ignoring case, as gitleaks
 * does); only those rules' regexes run, and most of them only where their matches can start
 * ({@link RegexStart}). A text with no keyword costs that one pass and no allocation.
 *
 * <p>Immutable and thread-safe. RE2J matches in time linear in the text, and every expression was
 * compiled when the set was built, so {@link #find} has nothing left that can fail on some input.
 */
public final class SecretRuleSet implements SecretSpans {

  private final SecretRule[] rules;
  private final List<RuleAllowlist> global;
  /** Every rule's keywords, by rule index. */
  private final KeywordAutomaton keywords;
  /** The texts the matches of rules with a plan start with, by rule index. */
  private final KeywordAutomaton starts;

  SecretRuleSet(List<SecretRule> rules, List<RuleAllowlist> global) {
    this.rules = rules.toArray(new SecretRule[0]);
    this.global = List.copyOf(global);
    List<List<String>> keywordsByRule = new ArrayList<>(rules.size());
    List<List<String>> startsByRule = new ArrayList<>(rules.size());
    for (SecretRule rule : rules) {
      keywordsByRule.add(rule.keywords());
      startsByRule.add(rule.plan() == null ? List.of() : List.copyOf(rule.plan().starts()));
    }
    this.keywords = new KeywordAutomaton(keywordsByRule);
    this.starts = new KeywordAutomaton(startsByRule);
  }

  @Override
  public boolean find(String text, Sink sink) {
    long[] hits = keywords.scan(text);
    if (hits == null) {
      return false;
    }
    run(text, hits, sink);
    // A keyword in the text: read it as a query or form body too (no keyword holds '&', '+' or an escape).
    QueryView view = QueryView.of(text);
    if (view != null) {
      long[] viewHits = keywords.scan(view.text());
      if (viewHits != null) {
        run(view.text(), viewHits, (s, e, kind) -> sink.add(view.start(s), view.start(e), kind));
      }
    }
    return true;
  }

  private void run(String text, long[] hits, Sink sink) {
    // A second pass, on texts with a keyword only: where the triggered rules' matches can start.
    int[] at = starts.occurrences(text, hits);
    for (int word = 0; word < hits.length; word++) {
      long bits = hits[word];
      while (bits != 0) {
        int rule = (word << 6) + Long.numberOfTrailingZeros(bits);
        bits &= bits - 1;
        rules[rule].find(text, at, rule, global, sink);
      }
    }
  }

  /** The ids of the rules, in order. */
  public List<String> ruleIds() {
    List<String> ids = new ArrayList<>(rules.length);
    for (SecretRule rule : rules) {
      ids.add(rule.id());
    }
    return List.copyOf(ids);
  }

  /** The rules, in order. */
  List<SecretRule> rules() {
    return List.of(rules);
  }
}
