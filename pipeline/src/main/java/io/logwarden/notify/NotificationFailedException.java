package io.logwarden.notify;

/**
 * Why a notification was parked: the {@code error_class} of its dead letter. Its message is built
 * from the destination's name and our own words only, never a URL, header or body.
 */
public final class NotificationFailedException extends Exception {

  public NotificationFailedException(String message) {
    super(message, null, false, false);
  }
}
