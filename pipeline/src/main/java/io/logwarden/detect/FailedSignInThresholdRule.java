package io.logwarden.detect;

import io.logwarden.schema.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The foundation's one detection rule: at least {@code threshold} failed sign-ins from one source
 * address within a window of event time.
 *
 * @param id rule id written into alerts
 * @param title short human title
 * @param severity alert severity
 * @param attack MITRE ATT&CK technique ids
 * @param threshold failed sign-ins that raise the alert
 * @param window length of the (tumbling) event-time window
 * @param grace how late an event may arrive and still count
 */
public record FailedSignInThresholdRule(
    String id, String title, Severity severity, List<String> attack, int threshold, Duration window, Duration grace) {

  public FailedSignInThresholdRule {
    Objects.requireNonNull(id, "id");
    attack = List.copyOf(attack);
    if (threshold < 1) {
      throw new IllegalArgumentException("threshold must be at least 1");
    }
  }

  /** Brute force from one source: 8 failures within 120 s, high, ATT&CK T1110.001. */
  public static FailedSignInThresholdRule bruteForceBySource() {
    return new FailedSignInThresholdRule("auth.brute_force.source", "Repeated failed sign-ins from one source",
        Severity.HIGH, List.of("T1110.001"), 8, Duration.ofSeconds(120), Duration.ofSeconds(30));
  }
}
