package io.logwarden.detect.rules;

import io.logwarden.policy.Policy;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** TEMPORARY stub until the YAML loader lands. */
public final class RulesLoader {

  private RulesLoader() {}

  public static RuleSet loadDefault(Policy policy) {
    EventCondition failed = new EventCondition(Set.of(Category.AUTHENTICATION), Set.of("sign_in"), Set.of(Outcome.FAILURE), Set.of(), false);
    EventCondition success = new EventCondition(Set.of(Category.AUTHENTICATION), Set.of("sign_in"), Set.of(Outcome.SUCCESS), Set.of(), false);
    Duration s = Duration.ofSeconds(600);
    Duration g = Duration.ofSeconds(30);
    return new RuleSet("stub", List.of(
        new DetectionRule("auth.brute_force.source", "Repeated failed sign-ins from one source", Severity.HIGH, List.of("T1110.001"), RuleType.COUNT, null, failed, List.of(KeyField.SOURCE_ADDRESS), null, 8, Duration.ofSeconds(120), null, List.of(), s, g, "{count} failed sign-ins from {key} within {window}"),
        new DetectionRule("auth.brute_force.user", "Repeated failed sign-ins for one user", Severity.MEDIUM, List.of("T1110.001"), RuleType.COUNT, null, failed, List.of(KeyField.USER), null, 10, Duration.ofSeconds(600), null, List.of(), s, g, "{count} failed sign-ins for user {key} within {window}"),
        new DetectionRule("auth.password_spraying", "Failed sign-ins for many users from one source", Severity.HIGH, List.of("T1110.003"), RuleType.DISTINCT_COUNT, null, failed, List.of(KeyField.SOURCE_ADDRESS), KeyField.USER, 10, Duration.ofSeconds(600), null, List.of(), s, g, "failed sign-ins for {distinct} distinct users from {key} within {window}"),
        new DetectionRule("auth.success_after_failures", "Successful sign-in after repeated failures", Severity.CRITICAL, List.of("T1110", "T1078"), RuleType.SEQUENCE, null, failed, List.of(KeyField.USER), null, 5, Duration.ofSeconds(600), success, List.of(), s, g, "user {key} signed in after {count} failed sign-ins within {window}"),
        new DetectionRule("config.change_after_suspicious_auth", "Configuration change after suspicious sign-in activity", Severity.CRITICAL, List.of("T1098"), RuleType.SEQUENCE, null, null, List.of(KeyField.USER, KeyField.SOURCE_ADDRESS), null, 1, Duration.ofMinutes(30), new EventCondition(Set.of(), Set.of("config_change", "admin_action"), Set.of(), Set.of(), false), List.of("auth.brute_force.source", "auth.brute_force.user", "auth.password_spraying", "auth.success_after_failures"), s, g, "configuration change by {key} within {window} of a sign-in alert"),
        new DetectionRule("system.clock_skew", "Host clock running ahead", Severity.MEDIUM, List.of(), RuleType.COUNT, null, new EventCondition(Set.of(), Set.of(), Set.of(), Set.of("future_time"), false), List.of(KeyField.HOST), null, 3, Duration.ofMinutes(5), null, List.of(), s, g, "{count} events from host {key} dated ahead of their arrival within {window}"),
        new DetectionRule("availability.error_burst", "Burst of errors from one service", Severity.HIGH, List.of(), RuleType.COUNT, "sentry", new EventCondition(Set.of(), Set.of(), Set.of(), Set.of(), true), List.of(KeyField.SERVICE, KeyField.PROCESS), null, 50, Duration.ofSeconds(60), null, List.of(), s, g, "{count} errors from service {key} within {window}")));
  }

  public static RuleSet forPolicyFile(Path policyFile, Policy policy) {
    return loadDefault(policy);
  }
}
