package io.logwarden.event;

import io.logwarden.event.DeadLetterReason;
import java.util.Objects;

/**
 * A raw record that cannot become an event. Thrown by parsers and turned into a dead letter by
 * {@link DeadLetterProcessingHandler}. Its message says what is wrong and where (a line and column,
 * a field name) but never quotes the record, since records may hold secrets.
 */
public class RejectedRecordException extends RuntimeException {

  private final DeadLetterReason reason;
  private final String format;

  /**
   * @param reason the dead-letter reason
   * @param format the input format detected before the failure, or null
   * @param detail what is wrong, without quoting the record
   */
  public RejectedRecordException(DeadLetterReason reason, String format, String detail) {
    super(Objects.requireNonNull(detail, "detail"), null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.format = format;
  }

  public DeadLetterReason reason() {
    return reason;
  }

  public String format() {
    return format;
  }
}
