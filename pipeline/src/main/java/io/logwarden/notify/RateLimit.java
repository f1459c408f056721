package io.logwarden.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * At most {@code requests} requests per {@code per} to one destination, in bursts of up to {@code
 * requests} (a token bucket that holds {@code requests} tokens and refills at {@code requests/per}).
 */
public record RateLimit(int requests, Duration per) {

  public RateLimit {
    Objects.requireNonNull(per, "per");
    if (requests < 1) {
      throw new IllegalArgumentException("a rate limit allows at least one request");
    }
    if (per.isZero() || per.isNegative()) {
      throw new IllegalArgumentException("a rate limit's period is positive");
    }
  }

  /**
   * Slack's default: Slack allows one message per second per incoming webhook, with short bursts
   * over it, and answers 429 with {@code Retry-After} beyond; one per second on average, ten at once.
   */
  public static final RateLimit SLACK = new RateLimit(10, Duration.ofSeconds(10));

  @Override
  public String toString() {
    return requests + " per " + per.toMillis() + " ms";
  }
}
