package io.logwarden.notify;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;

/** The file destination: one JSON line per alert state, exactly the alert as {@code AvroJson} renders it. */
final class FileDestinationChannel implements Channel {

  private final RotatingFile file;

  FileDestinationChannel(Destination.JsonLinesFile target) {
    this.file = new RotatingFile(target.path(), target.maxBytes(), target.keep());
  }

  @Override
  public Attempt send(Notification notification, java.time.Duration timeout) throws InterruptedException {
    try {
      file.append(Payloads.fileLine(notification.alert()));
      return Attempt.DELIVERED;
    } catch (ClosedByInterruptException | InterruptedIOException e) {
      throw new InterruptedException("the write was interrupted");
    } catch (IOException e) {
      return Attempt.retryable("the write failed (" + e.getClass().getSimpleName() + ")", null);
    }
  }

  @Override
  public void close() {
    try {
      file.close();
    } catch (IOException e) {
      // Every line was forced to disk when written; nothing is lost by a failed close.
    }
  }
}
