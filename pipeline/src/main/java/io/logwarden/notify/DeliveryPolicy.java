package io.logwarden.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * How hard one destination is tried before a notification is parked in the dead-letter topic.
 *
 * @param requestTimeout how long one attempt may take (connect, send, response)
 * @param maxAttempts attempts per notification, the first included
 * @param initialBackoff the wait before the first retry; each next one doubles, up to {@code maxBackoff},
 *     with jitter (a random half of it); a {@code Retry-After} from the destination replaces it
 * @param deliveryTimeout the most one notification may take, retries and waits included; the stream
 *     thread waits at most this long (plus one request timeout) for a record's destinations
 * @param circuitOpenFor after a notification was parked for repeated failures, how long the
 *     destination's next notifications are parked without a try; then one attempt probes it
 * @param rateLimit the destination's rate limit, or null for none
 */
public record DeliveryPolicy(
    Duration requestTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration deliveryTimeout,
    Duration circuitOpenFor,
    RateLimit rateLimit) {

  /**
   * The longest delivery timeout: Kafka Streams polls again only between records, and a poll later
   * than {@code max.poll.interval.ms} (5 minutes by default) after the last one drops the instance
   * from the group. A thread stops processing to poll once half of it has passed, so one record may
   * take a little under half of it: two minutes.
   */
  public static final Duration MAX_DELIVERY_TIMEOUT = Duration.ofMinutes(2);

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(10);
  public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CIRCUIT_OPEN_FOR = Duration.ofSeconds(60);

  public DeliveryPolicy {
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
    Objects.requireNonNull(circuitOpenFor, "circuitOpenFor");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("at least one attempt");
    }
    if (requestTimeout.compareTo(deliveryTimeout) > 0) {
      throw new IllegalArgumentException("the request timeout exceeds the delivery timeout");
    }
    if (deliveryTimeout.compareTo(MAX_DELIVERY_TIMEOUT) > 0) {
      throw new IllegalArgumentException("the delivery timeout exceeds " + MAX_DELIVERY_TIMEOUT.toSeconds() + " s");
    }
  }

  /** The defaults, with this rate limit (null: none). */
  public static DeliveryPolicy defaults(RateLimit rateLimit) {
    return new DeliveryPolicy(DEFAULT_REQUEST_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF,
        DEFAULT_MAX_BACKOFF, DEFAULT_DELIVERY_TIMEOUT, DEFAULT_CIRCUIT_OPEN_FOR, rateLimit);
  }
}
