package io.logwarden.notify;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What became of one notification at one destination.
 *
 * @param attempts tries made (0 when the circuit breaker parked it without one)
 * @param took from the start of its delivery to its end, waits included
 * @param problem why it was not delivered, in our own words (never a secret); null when delivered
 */
public record Outcome(String destination, Status status, Notification notification, int attempts, Duration took,
    String problem) {

  /** Delivered, or parked in the dead-letter topic. */
  public enum Status {
    DELIVERED,
    PARKED
  }

  public Outcome {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(notification, "notification");
    Objects.requireNonNull(took, "took");
  }

  private static final Logger LOG = LoggerFactory.getLogger(Outcome.class);

  /**
   * A notification parked in the dead-letter topic, with the one warning that says so (its
   * idempotency key, the destination and the problem: never the alert's content or a secret).
   */
  static Outcome parked(String destination, Notification notification, int attempts, Duration took, String problem) {
    LOG.warn("Notification {} to destination {} parked in the dead-letter topic: {}",
        notification.idempotencyKey(), destination, problem);
    return new Outcome(destination, Status.PARKED, notification, attempts, took, problem);
  }

  public boolean delivered() {
    return status == Status.DELIVERED;
  }
}
