package io.logwarden.notify;

import io.logwarden.schema.Alert;
import java.util.Objects;

/**
 * One alert state to notify, with the key that identifies it to every destination: {@code
 * <alert_id>:<status>:<escalation_step>} (0 when the record has no step, as OPEN and CLOSED do not).
 * A destination sees the same key each time the same state is delivered again (a retry, a replay after
 * a restart), so a receiver that deduplicates on it sees each state once.
 *
 * @param test whether this is {@code notify test}'s made-up alert, not a detection
 */
public record Notification(Alert alert, Trigger trigger, String idempotencyKey, boolean test) {

  /** The HTTP header every request carries the key in. */
  public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  public Notification {
    Objects.requireNonNull(alert, "alert");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }

  /** The notification of an alert record that is a trigger. */
  public static Notification of(Alert alert, Trigger trigger) {
    return new Notification(alert, trigger, idempotencyKey(alert), false);
  }

  /** {@code <alert_id>:<status>:<escalation_step>}. */
  public static String idempotencyKey(Alert alert) {
    Integer step = alert.getEscalationStep();
    return alert.getAlertId() + ":" + alert.getStatus() + ":" + (step == null ? 0 : step);
  }
}
