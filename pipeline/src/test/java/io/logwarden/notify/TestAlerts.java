package io.logwarden.notify;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.Severity;
import java.time.Instant;
import java.util.List;

/** Alerts for tests, with invented values. */
public final class TestAlerts {

  public static final Instant FIRST_SEEN = Instant.parse("2026-11-27T10:15:30.123Z");

  private TestAlerts() {}

  /** An alert of rule {@code auth.brute_force.source} (HIGH) in the given state. */
  public static Alert alert(String id, AlertStatus status, Integer step) {
    return alert(id, "auth.brute_force.source", Severity.HIGH, status, step);
  }

  public static Alert alert(String id, String rule, Severity severity, AlertStatus status, Integer step) {
    long count = step == null ? 8 : 8L << step;
    return Alert.newBuilder()
        .setAlertId(id)
        .setRuleId(rule)
        .setTitle("Repeated failed sign-ins from one source")
        .setSeverity(severity)
        .setAttack(List.of("T1110.001"))
        .setKey("203.0.113.7")
        .setKeyField("source.address")
        .setCount(count)
        .setFirstSeen(FIRST_SEEN)
        .setLastSeen(FIRST_SEEN.plusSeconds(40))
        .setWindowStart(FIRST_SEEN)
        .setWindowEnd(FIRST_SEEN.plusSeconds(40))
        .setSampleEventIds(List.of("e1", "e2"))
        .setStatus(status)
        .setSummary(count + " failed sign-ins from 203.0.113.7 within 120 s")
        .setDetectedAt(FIRST_SEEN.plusSeconds(40))
        .setEscalationStep(step)
        .build();
  }
}
