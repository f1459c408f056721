package io.logwarden.notify;

import io.logwarden.event.Metrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Delivers notifications to one destination, one at a time, with its retries, rate limit and circuit
 * breaker, within its delivery timeout; counts what it does per destination. A notification it
 * cannot deliver in time, or that the destination refuses, is parked: the caller writes it to the
 * dead-letter topic.
 */
final class Delivery implements AutoCloseable {


  private final Destination destination;
  private final Channel channel;
  private final DeliveryPolicy policy;
  private final TokenBucket bucket;
  private final CircuitBreaker circuit;
  private final LongSupplier clock;
  private final Counter sent;
  private final Counter failed;
  private final Counter retried;
  private final Counter parked;
  /** Until when the destination asked to be left alone ({@code Retry-After}), as a nanoTime. */
  private long quietUntil;

  Delivery(Destination destination, Channel channel, MeterRegistry meters, LongSupplier clock) {
    this.destination = destination;
    this.channel = channel;
    this.policy = destination.delivery();
    this.clock = clock;
    this.bucket = policy.rateLimit() == null ? null : new TokenBucket(policy.rateLimit(), clock.getAsLong());
    this.circuit = new CircuitBreaker(policy.circuitOpenFor());
    this.quietUntil = clock.getAsLong();
    String name = destination.name();
    this.sent = meters.counter(Metrics.NOTIFICATIONS_SENT.name(), "destination", name);
    this.failed = meters.counter(Metrics.NOTIFICATIONS_FAILED.name(), "destination", name);
    this.retried = meters.counter(Metrics.NOTIFICATIONS_RETRIED.name(), "destination", name);
    this.parked = meters.counter(Metrics.NOTIFICATIONS_PARKED.name(), "destination", name);
  }

  Destination destination() {
    return destination;
  }

  /**
   * The longest {@link #deliver} takes: the delivery timeout (an attempt's wait for an answer is cut
   * to what is left of it; only a connection still being set up may run over, by at most its
   * connect timeout, and the caller gives it up after a grace).
   */
  Duration bound() {
    return policy.deliveryTimeout();
  }

  /**
   * Delivers a notification, retrying with exponential backoff and jitter (or the destination's
   * {@code Retry-After}), within the rate limit and the delivery timeout.
   *
   * @throws InterruptedException when the thread is interrupted; nothing is counted then
   */
  synchronized Outcome deliver(Notification notification) throws InterruptedException {
    long start = clock.getAsLong();
    long deadline = start + policy.deliveryTimeout().toNanos();
    if (!circuit.allows(start)) {
      return park(notification, start, 0, "the destination kept failing: its circuit breaker is open for "
          + seconds(circuit.remaining(start)) + " more, so this was parked without a try");
    }
    int maxAttempts = circuit.probing(start) ? 1 : policy.maxAttempts();
    // An attempt begun too near the deadline could only time out: it is not made.
    long lastStart = deadline - shortestAttempt();
    int attempts = 0;
    while (true) {
      long at = bucket == null ? later(clock.getAsLong(), quietUntil)
          : bucket.reserve(later(clock.getAsLong(), quietUntil), lastStart);
      if (at < 0 || at - lastStart > 0) {
        // Not a failure of the destination: the circuit stays as it is.
        return park(notification, start, attempts, (attempts == 0 ? "" : "after " + attempts + " attempt(s), ")
            + "its rate limit or Retry-After would hold it past the delivery timeout of "
            + seconds(policy.deliveryTimeout().toNanos()));
      }
      sleepUntil(at);
      if (attempts > 0) {
        retried.increment();
      }
      attempts++;
      long left = deadline - clock.getAsLong();
      Attempt attempt = channel.send(notification, Duration.ofNanos(
          Math.max(Duration.ofMillis(1).toNanos(), Math.min(policy.requestTimeout().toNanos(), left))));
      long now = clock.getAsLong();
      if (attempt.delivered()) {
        sent.increment();
        circuit.answered();
        return new Outcome(destination.name(), Outcome.Status.DELIVERED, notification, attempts, took(start, now), null);
      }
      failed.increment();
      if (attempt.retryAfter() != null) {
        quietUntil = later(quietUntil, now + attempt.retryAfter().toNanos());
      }
      if (!attempt.retryable()) {
        circuit.answered();
        return park(notification, start, attempts, attempt.problem() + "; refused, not retried");
      }
      if (attempts >= maxAttempts) {
        circuit.failed(now);
        return park(notification, start, attempts, attempt.problem() + " (" + attempts + " attempt(s))");
      }
      long next = later(now + backoff(attempts), quietUntil);
      if (quietUntil - lastStart > 0) {
        // The destination asked for a pause longer than is left: honoured, and no reason to open the circuit.
        return park(notification, start, attempts, attempt.problem() + " (" + attempts
            + " attempt(s); its Retry-After reaches past the delivery timeout of "
            + seconds(policy.deliveryTimeout().toNanos()) + ")");
      }
      if (next - lastStart > 0) {
        circuit.failed(now);
        return park(notification, start, attempts, attempt.problem() + " (" + attempts
            + " attempt(s); the next would pass the delivery timeout of " + seconds(policy.deliveryTimeout().toNanos())
            + ")");
      }
      sleepUntil(next);
    }
  }

  /** The least time worth an attempt: the request timeout, or 200 ms when that is longer. */
  private long shortestAttempt() {
    return Math.min(policy.requestTimeout().toNanos(), Duration.ofMillis(200).toNanos());
  }

  /** One attempt, for {@code notify test}: no retry, no rate limit, no circuit breaker, nothing counted. */
  Attempt once(Notification notification) throws InterruptedException {
    return channel.send(notification, policy.requestTimeout());
  }

  /**
   * The wait before retry {@code attempts} + 1: the initial backoff doubled per attempt made, at most
   * the maximum backoff, of which a random half is jitter (so that retries of many notifications do not
   * arrive together).
   */
  private long backoff(int attempts) {
    long base = policy.initialBackoff().toNanos();
    long ceiling = policy.maxBackoff().toNanos();
    long wait = base;
    for (int doubled = 1; doubled < attempts && wait < ceiling; doubled++) {
      wait = wait > ceiling / 2 ? ceiling : wait * 2;
    }
    wait = Math.min(wait, ceiling);
    if (wait <= 1) {
      return wait;
    }
    return wait / 2 + ThreadLocalRandom.current().nextLong(wait / 2 + 1);
  }

  private Outcome park(Notification notification, long start, int attempts, String problem) {
    parked.increment();
    return Outcome.parked(destination.name(), notification, attempts, took(start, clock.getAsLong()), problem);
  }

  private void sleepUntil(long at) throws InterruptedException {
    long wait = at - clock.getAsLong();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private static long later(long a, long b) {
    return a - b >= 0 ? a : b;
  }

  private static Duration took(long start, long end) {
    return Duration.ofNanos(Math.max(0, end - start));
  }

  private static String seconds(long nanos) {
    return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
  }

  @Override
  public void close() {
    channel.close();
  }
}
