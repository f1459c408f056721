package io.logwarden.redact;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often each redaction rule fired on one record: what the event's redaction record and the
 * metrics report. Never holds the values that were replaced.
 */
public final class RedactionCounts {

  private final Map<String, Integer> byRule = new LinkedHashMap<>();

  /** Records {@code times} replacements by {@code rule}, e.g. {@code github-pat} or {@code email}. */
  public void add(String rule, int times) {
    if (times > 0) {
      byRule.merge(rule, times, Integer::sum);
    }
  }

  public boolean isEmpty() {
    return byRule.isEmpty();
  }

  /** Rule id to number of replacements, in the order the rules first fired. */
  public Map<String, Integer> asMap() {
    return byRule;
  }
}
