package io.logwarden.notify;

/** Hands one notification to one destination, once: no retry, no rate limit (that is {@link Delivery}'s). */
interface Channel extends AutoCloseable {

  /**
   * One attempt; never throws but on interruption.
   *
   * @param timeout how long it may wait for the destination's answer (the request timeout, or less when
   *     the delivery timeout is nearer)
   * @throws InterruptedException when the thread is interrupted (the delivery was given up on)
   */
  Attempt send(Notification notification, java.time.Duration timeout) throws InterruptedException;

  @Override
  default void close() {}
}
