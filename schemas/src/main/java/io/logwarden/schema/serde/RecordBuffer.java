package io.logwarden.schema.serde;

import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * A growable, unsynchronized byte buffer that one thread reuses for every record it encodes (the
 * Avro and JSON serializers each keep one per thread, with their encoder bound to it): {@link
 * #restart} begins the next record, {@link #bytes} copies it out.
 */
final class RecordBuffer extends OutputStream {

  private static final byte[] NO_HEADER = new byte[0];
  private static final int INITIAL = 1024;
  // A buffer grown past this by one large record is not kept for the thread's next ones.
  private static final int KEPT = 64 * 1024;

  private byte[] buffer = new byte[INITIAL];
  private int count;

  /** Begins the next record, empty. */
  void restart() {
    restart(NO_HEADER);
  }

  /** Begins the next record with {@code header} (e.g. the wire format's magic byte and schema id). */
  void restart(byte[] header) {
    if (buffer.length > KEPT) {
      buffer = new byte[INITIAL];
    }
    count = 0;
    ensure(header.length);
    System.arraycopy(header, 0, buffer, 0, header.length);
    count = header.length;
  }

  /** A copy of the record's bytes so far. */
  byte[] bytes() {
    return Arrays.copyOf(buffer, count);
  }

  @Override
  public void write(int b) {
    ensure(1);
    buffer[count++] = (byte) b;
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    ensure(length);
    System.arraycopy(bytes, offset, buffer, count, length);
    count += length;
  }

  private void ensure(int more) {
    int needed = count + more;
    if (needed < 0) {
      throw new IllegalStateException("record larger than 2 GiB");
    }
    if (needed > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(needed, buffer.length * 2));
    }
  }
}
