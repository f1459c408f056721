package io.logwarden.notify;

/**
 * Keeps a destination that keeps failing from holding up the others: once a notification to it was
 * parked after its retries, the circuit opens, and for {@code openFor} its notifications are parked at
 * once, without a try. Then the next notification probes it with a single attempt: delivered (or
 * answered with a refusal, which is quick) closes the circuit, a failure opens it again. Times are
 * {@link System#nanoTime()} values.
 */
final class CircuitBreaker {

  private final long openForNanos;
  private boolean open;
  private long openUntil;

  CircuitBreaker(java.time.Duration openFor) {
    this.openForNanos = openFor.toNanos();
  }

  /** Whether a notification may be tried now; false while the circuit is open. */
  synchronized boolean allows(long now) {
    return !open || now - openUntil >= 0;
  }

  /** Whether the next try is a probe of an open circuit whose time is up (one attempt only). */
  synchronized boolean probing(long now) {
    return open && now - openUntil >= 0;
  }

  /** How long the circuit stays open from {@code now}, in nanoseconds; 0 when it is closed or its time is up. */
  synchronized long remaining(long now) {
    return open ? Math.max(0, openUntil - now) : 0;
  }

  /** The destination answered (delivered, or refused quickly): close. */
  synchronized void answered() {
    open = false;
  }

  /** A notification was parked after failing: open for {@code openFor} from {@code now}. */
  synchronized void failed(long now) {
    open = true;
    openUntil = now + openForNanos;
  }

  synchronized boolean isOpen() {
    return open;
  }
}
