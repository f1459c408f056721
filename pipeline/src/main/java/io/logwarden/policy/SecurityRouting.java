package io.logwarden.policy;

import java.util.Set;

/**
 * Which events also go to the security-events topic for detection: those whose action is one of
 * {@code actions}, and those carrying one of {@code flags} (e.g. {@code future_time}: an event
 * ahead of its observed time by more than the clock-skew tolerance).
 */
public record SecurityRouting(Set<String> actions, Set<String> flags) {

  public SecurityRouting {
    actions = Set.copyOf(actions);
    flags = Set.copyOf(flags);
  }

  /** Sign-ins, administrative actions, configuration changes, and clocks running ahead. */
  public static SecurityRouting defaults() {
    return new SecurityRouting(Set.of("sign_in", "account_lockout", "admin_action", "access_denied", "config_change"), Set.of("future_time"));
  }
}
