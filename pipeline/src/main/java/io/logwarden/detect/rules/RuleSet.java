package io.logwarden.detect.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The detection rules in force, in file order.
 *
 * @param source where the rules were read from, for messages (a file name or the shipped default)
 */
public record RuleSet(String source, List<DetectionRule> rules) {

  public RuleSet {
    rules = List.copyOf(rules);
  }

  /** The ids of the stores whose topics some rule reads, in rule order. */
  public Set<String> inputStores() {
    Set<String> stores = new LinkedHashSet<>();
    for (DetectionRule rule : rules) {
      if (rule.inputStore() != null) {
        stores.add(rule.inputStore());
      }
    }
    return stores;
  }

  /** The rules that read the security-events topic (or, with a store id, that store's topic). */
  public List<DetectionRule> readingFrom(String storeOrNull) {
    List<DetectionRule> result = new ArrayList<>();
    for (DetectionRule rule : rules) {
      if (java.util.Objects.equals(rule.inputStore(), storeOrNull)) {
        result.add(rule);
      }
    }
    return result;
  }

  /** The rule of this id, or null. */
  public DetectionRule rule(String id) {
    for (DetectionRule rule : rules) {
      if (rule.id().equals(id)) {
        return rule;
      }
    }
    return null;
  }

  /** These rules, every one with {@code cap} as its {@code signal_cap}, raised to its threshold where that is higher. */
  public RuleSet withSignalCap(int cap) {
    return new RuleSet(source, rules.stream().map(rule -> rule.withSignalCap(Math.max(cap, rule.threshold()))).toList());
  }

  /** These rules, every one with {@code interval} as its {@code update_interval} (zero: an UPDATED record per matching event). */
  public RuleSet withUpdateInterval(Duration interval) {
    return new RuleSet(source, rules.stream().map(rule -> rule.withUpdateInterval(interval)).toList());
  }
}
