package io.logwarden.notify;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import java.util.Locale;
import java.util.Optional;

/**
 * The alert states that are worth a notification: an alert opening, its count reaching an escalation
 * step (threshold × 2, × 4, ...: an UPDATED record with {@code escalation_step}), and, where a
 * destination asks for it, its closing. The other UPDATED records (at most one per rule's
 * {@code update_interval}) never notify: a notification per update would be noise.
 */
public enum Trigger {
  OPEN,
  ESCALATION,
  CLOSED;

  /** The trigger an alert record is, or empty for a plain UPDATED record (or a status this build does not know). */
  public static Optional<Trigger> of(Alert alert) {
    AlertStatus status = alert.getStatus();
    if (status == AlertStatus.OPEN) {
      return Optional.of(OPEN);
    }
    if (status == AlertStatus.UPDATED && alert.getEscalationStep() != null) {
      return Optional.of(ESCALATION);
    }
    if (status == AlertStatus.CLOSED) {
      return Optional.of(CLOSED);
    }
    return Optional.empty();
  }

  /** As the config file writes it: {@code open}, {@code escalation}, {@code closed}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
