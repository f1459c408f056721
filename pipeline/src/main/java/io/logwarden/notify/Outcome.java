package io.logwarden.notify;

import java.time.Duration;
import java.util.Objects;

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

  public boolean delivered() {
    return status == Status.DELIVERED;
  }
}
