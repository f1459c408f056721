package io.logwarden.detect;

import io.logwarden.schema.detect.DetectionSignal;
import io.logwarden.schema.detect.SignalStep;
import io.logwarden.schema.serde.LogwardenSerdes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * A signal as a window scan reads it from the signals store: its time, step and event id come from
 * the store key ({@link SignalKeys}), and the stored value (the signal's Avro encoding) is decoded
 * only when a field that is not in the key is asked for. A count reads neither, so scanning a busy
 * key's window costs no decoding at all. A tally (see {@link SignalStore}; flagged in its key's step
 * byte) has no event id, perhaps a distinct value (in its key, where a signal's event id is), and the
 * number of signals it stands for as its {@link #weight()}.
 */
final class StoredSignal {


  private static final SignalStep[] STEPS = SignalStep.values();
  private static final Deserializer<DetectionSignal> DECODER = LogwardenSerdes.detectionSignal().deserializer();

  private final long time;
  private final SignalStep step;
  /** 0 for a whole signal, else the tally flags of {@link SignalKeys}. */
  private final int tally;
  private final byte[] key;
  private final int eventIdOffset;
  private final byte[] value;
  private DetectionSignal decoded;
  private String eventId;

  private StoredSignal(long time, SignalStep step, int tally, byte[] key, int eventIdOffset, byte[] value) {
    this.time = time;
    this.step = step;
    this.tally = tally;
    this.key = key;
    this.eventIdOffset = eventIdOffset;
    this.value = value;
  }

  /** The signal stored under {@code key} with {@code value}. */
  static StoredSignal of(Bytes key, byte[] value) {
    byte[] bytes = key.get();
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    int keyLength = buffer.getInt();
    buffer.position(4 + keyLength);
    long time = buffer.getLong() ^ Long.MIN_VALUE;
    int stepByte = buffer.get();
    SignalStep step = STEPS[stepByte & SignalKeys.STEP_BITS];
    return new StoredSignal(time, step, stepByte & (SignalKeys.TALLY | SignalKeys.TALLY_VALUE), bytes, buffer.position(),
        value);
  }

  /** A signal not read from the store (tests, and a signal being processed). */
  static StoredSignal of(DetectionSignal signal) {
    Bytes key = SignalKeys.of(signal.getKey(), signal.getTime(), signal.getStep(), signal.getEventId());
    StoredSignal stored = of(key, null);
    stored.decoded = signal;
    return stored;
  }

  long getTime() {
    return time;
  }

  SignalStep getStep() {
    return step;
  }

  /** Whether this entry is a tally of signals past the rule's cap rather than one whole signal. */
  boolean isTally() {
    return tally != 0;
  }

  /** The number of signals this entry stands for: 1, or a tally's count. */
  long weight() {
    if (!isTally()) {
      return 1;
    }
    long weight = 0; // big-endian, as SignalStore writes it; read in every window scan, so without a buffer
    for (int i = 0; i < Long.BYTES; i++) {
      weight = (weight << 8) | (value[i] & 0xFF);
    }
    return weight;
  }

  String getEventId() {
    if (eventId == null) {
      eventId = new String(key, eventIdOffset, key.length - eventIdOffset, StandardCharsets.UTF_8);
    }
    return eventId;
  }

  String getDistinct() {
    if (isTally()) {
      return (tally & SignalKeys.TALLY_VALUE) == 0 ? null
          : new String(key, eventIdOffset, key.length - eventIdOffset, StandardCharsets.UTF_8);
    }
    if (decoded == null && value != null && isCurrentSchema(value)) {
      return distinctOfCurrent(value);
    }
    return decoded().getDistinct();
  }

  private static final long CURRENT_FINGERPRINT =
      SchemaNormalization.parsingFingerprint64(DetectionSignal.getClassSchema());
  private static final int HEADER = 10;

  // Single-object encoding: C3 01, then the writer schema's fingerprint, little-endian.
  private static boolean isCurrentSchema(byte[] value) {
    if (value.length <= HEADER || value[0] != (byte) 0xC3 || value[1] != (byte) 0x01) {
      return false;
    }
    long fingerprint = 0;
    for (int i = HEADER - 1; i >= 2; i--) {
      fingerprint = (fingerprint << 8) | (value[i] & 0xFF);
    }
    return fingerprint == CURRENT_FINGERPRINT;
  }

  /**
   * The distinct value of a signal written with the current schema, read without decoding the
   * rest: a distinct count reads it for every signal of its window. Fields in schema order: event_id,
   * time, key, alert_key, key_field, distinct (union: null or string), step. A test holds this to
   * the Avro decoder's reading.
   */
  static String distinctOfCurrent(byte[] value) {
    int[] at = {HEADER};
    skipBytes(value, at); // event_id
    readLong(value, at); // time
    skipBytes(value, at); // key
    skipBytes(value, at); // alert_key
    skipBytes(value, at); // key_field
    if (readLong(value, at) == 0) {
      return null;
    }
    int length = (int) readLong(value, at);
    return new String(value, at[0], length, StandardCharsets.UTF_8);
  }

  private static void skipBytes(byte[] value, int[] at) {
    int length = (int) readLong(value, at);
    at[0] += length;
  }

  // Avro's zig-zag variable-length long.
  private static long readLong(byte[] value, int[] at) {
    long raw = 0;
    int shift = 0;
    byte b;
    do {
      b = value[at[0]++];
      raw |= (long) (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    return (raw >>> 1) ^ -(raw & 1);
  }

  String getAlertKey() {
    return decoded().getAlertKey();
  }

  /** The whole signal, decoded. */
  DetectionSignal signal() {
    return decoded();
  }

  private DetectionSignal decoded() {
    if (decoded == null) {
      decoded = DECODER.deserialize(null, value);
    }
    return decoded;
  }
}
