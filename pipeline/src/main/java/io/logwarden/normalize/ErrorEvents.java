package io.logwarden.normalize;

import io.logwarden.schema.LogEvent;

/** What counts as an error event, for routing (the policy's errors_only routes) and for detection. */
public final class ErrorEvents {

  /** The format id of Sentry event payloads. */
  public static final String SENTRY_FORMAT = "sentry";

  private ErrorEvents() {}

  /** An error: severity ERROR or above, an event that carries an exception, or a Sentry payload. */
  public static boolean isError(LogEvent event) {
    Integer severity = event.getSeverityNumber();
    return event.getError() != null
        || (severity != null && severity >= SeverityScale.ERROR)
        || SENTRY_FORMAT.equals(event.getOrigin().getFormat());
  }
}
