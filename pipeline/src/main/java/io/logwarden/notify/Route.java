package io.logwarden.notify;

import io.logwarden.schema.Severity;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A route of {@code notify.routes}: alerts of these rules (every rule when none is named) with at
 * least this severity go to these destinations.
 *
 * @param where the route's place in the config file, e.g. {@code logwarden.yaml line 42: notify.routes[1]},
 *     for messages about it found later (a rule the rules file does not have)
 * @param rules rule ids; empty for every rule
 * @param minSeverity the lowest severity routed
 * @param to destination names, in the order written
 */
public record Route(String where, Set<String> rules, Severity minSeverity, List<String> to) {

  public Route {
    Objects.requireNonNull(where, "where");
    rules = Collections.unmodifiableSet(new LinkedHashSet<>(rules));
    Objects.requireNonNull(minSeverity, "minSeverity");
    to = List.copyOf(to);
    if (minSeverity == Severity.UNKNOWN) {
      throw new IllegalArgumentException("UNKNOWN is not a minimum severity");
    }
  }

  /** Whether an alert of this rule and severity takes this route. */
  public boolean matches(String ruleId, Severity severity) {
    return (rules.isEmpty() || rules.contains(ruleId)) && atLeast(severity, minSeverity);
  }

  /**
   * Whether {@code severity} is {@code min} or above. A severity this build does not know (UNKNOWN,
   * what a newer symbol reads as) passes every minimum: better a notification too many than an alert
   * of a new, perhaps higher, severity never sent.
   */
  static boolean atLeast(Severity severity, Severity min) {
    return severity == null || severity == Severity.UNKNOWN || severity.ordinal() >= min.ordinal();
  }
}
