package io.logwarden.notify;

/**
 * A destination's rate limit as a token bucket: it holds up to {@code requests} tokens, refills at
 * {@code requests / per}, and each request takes one. Times are {@link System#nanoTime()} values.
 */
final class TokenBucket {

  private final double capacity;
  private final double tokensPerNano;
  private double tokens;
  private long last;

  TokenBucket(RateLimit limit, long now) {
    this.capacity = limit.requests();
    this.tokensPerNano = limit.requests() / (double) limit.per().toNanos();
    this.tokens = capacity;
    this.last = now;
  }

  /**
   * Reserves a token for a request at {@code earliest} or later: the time it may go, or -1 (nothing
   * reserved) when that would be after {@code latest}.
   */
  synchronized long reserve(long earliest, long latest) {
    if (earliest - last > 0) {
      tokens = Math.min(capacity, tokens + (earliest - last) * tokensPerNano);
      last = earliest;
    }
    long at = earliest;
    if (tokens < 1) {
      at = last + (long) Math.ceil((1 - tokens) / tokensPerNano);
    }
    if (at - latest > 0) {
      return -1;
    }
    tokens -= 1;
    return at;
  }
}
