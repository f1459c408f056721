package io.logwarden.detect;

import io.logwarden.schema.detect.SignalStep;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of a rule's signals store: the correlation key (length-prefixed, so no key is a prefix of
 * another's encoding), then the time, step and the signal's offset on the rule's repartition topic.
 * The store orders keys byte by byte, so one key's signals are contiguous and sorted by time, and a
 * time range of a key is one range scan.
 */
final class SignalKeys {

  private SignalKeys() {}

  static Bytes of(String key, long time, SignalStep step, long offset) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(4 + k.length + 8 + 1 + 8)
        .putInt(k.length)
        .put(k)
        .putLong(time ^ Long.MIN_VALUE) // sign bit flipped: negative times sort before positive ones
        .put((byte) step.ordinal())
        .putLong(offset ^ Long.MIN_VALUE)
        .array());
  }

  /** The first possible store key of {@code key} at {@code time}. */
  static Bytes from(String key, long time) {
    return of(key, time, SignalStep.values()[0], Long.MIN_VALUE);
  }

  /** The last possible store key of {@code key} at {@code time}. */
  static Bytes to(String key, long time) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(4 + k.length + 8 + 1 + 8)
        .putInt(k.length)
        .put(k)
        .putLong(time ^ Long.MIN_VALUE)
        .put((byte) 0xff)
        .putLong(-1L)
        .array());
  }
}
