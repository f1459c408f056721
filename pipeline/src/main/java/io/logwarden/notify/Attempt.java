package io.logwarden.notify;

import java.time.Duration;

/**
 * What one try to hand a notification to a destination came to.
 *
 * @param delivered whether the destination took it
 * @param retryable whether trying again may succeed (a 429, a 5xx, a timeout, a connection or write
 *     error); a refusal such as 400 or 404 would be refused again
 * @param retryAfter how long the destination asked to be left alone ({@code Retry-After}), or null
 * @param problem what went wrong, in our own words: a status code, an exception class, a short error
 *     code the destination answered; never a URL, a header or a body we sent
 */
public record Attempt(boolean delivered, boolean retryable, Duration retryAfter, String problem) {

  static final Attempt DELIVERED = new Attempt(true, false, null, null);

  static Attempt retryable(String problem, Duration retryAfter) {
    return new Attempt(false, true, retryAfter, problem);
  }

  static Attempt refused(String problem) {
    return new Attempt(false, false, null, problem);
  }
}
