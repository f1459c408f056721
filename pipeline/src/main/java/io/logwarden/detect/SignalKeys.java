package io.logwarden.detect;

import io.logwarden.schema.detect.SignalStep;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of a rule's signals store: the correlation key (length-prefixed, so no key is a prefix of
 * another's encoding), then the time, the step and the event id (for a tally: the step with its flags,
 * and its value). The store orders keys byte by byte,
 * so one key's signals are contiguous and sorted by time, and a time range of a key is one range
 * scan. The event id makes the key unique by itself, so nothing depends on a counter that a restart
 * would reset: the same event (a replay) lands on the same key.
 */
final class SignalKeys {

  private static final byte LAST_STEP = (byte) 0xff;

  private SignalKeys() {}

  /** Set in the step byte of a tally's key (see {@link SignalStore}); {@link #TALLY_VALUE} too when it has a value. */
  static final int TALLY = 0x40;
  static final int TALLY_VALUE = 0x20;
  /** The step byte's bits that hold the step. */
  static final int STEP_BITS = 0x1f;

  static Bytes of(String key, long time, SignalStep step, String eventId) {
    return encode(key, time, (byte) step.ordinal(), eventId.getBytes(StandardCharsets.UTF_8));
  }

  /** The key of the tally of {@code key}'s signals at {@code time} and {@code step} with {@code value} (null: none). */
  static Bytes tally(String key, long time, SignalStep step, String value) {
    int flags = TALLY | (value == null ? 0 : TALLY_VALUE);
    return encode(key, time, (byte) (step.ordinal() | flags),
        value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
  }

  /** The first possible store key of {@code key} at {@code time}. */
  static Bytes from(String key, long time) {
    return encode(key, time, (byte) 0, new byte[0]);
  }

  /** A store key after every signal of {@code key} at {@code time}. */
  static Bytes to(String key, long time) {
    return encode(key, time, LAST_STEP, new byte[0]);
  }

  private static Bytes encode(String key, long time, byte step, byte[] suffix) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(4 + k.length + 8 + 1 + suffix.length)
        .putInt(k.length)
        .put(k)
        .putLong(time ^ Long.MIN_VALUE) // sign bit flipped: negative times sort before positive ones
        .put(step)
        .put(suffix)
        .array());
  }
}
