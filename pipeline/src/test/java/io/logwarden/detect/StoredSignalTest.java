package io.logwarden.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.schema.detect.DetectionSignal;
import io.logwarden.schema.detect.SignalStep;
import io.logwarden.schema.serde.LogwardenSerdes;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/** A signal read back from its store key and encoded value is the signal that was stored. */
class StoredSignalTest {

  private static final Serializer<DetectionSignal> ENCODER = LogwardenSerdes.detectionSignal().serializer();

  @Property(tries = 500)
  void everyFieldAWindowScanReadsIsTheStoredSignals(@ForAll @StringLength(max = 40) String eventId,
      @ForAll @LongRange(min = -4_000_000_000_000L, max = 4_000_000_000_000L) long time,
      @ForAll @StringLength(max = 300) String key, @ForAll @StringLength(max = 40) String alertKey,
      @ForAll @StringLength(max = 20) String keyField, @ForAll @StringLength(max = 200) String distinct,
      @ForAll boolean hasDistinct, @ForAll SignalStep step) {
    DetectionSignal signal = DetectionSignal.newBuilder().setEventId(eventId).setTime(time).setKey(key)
        .setAlertKey(alertKey).setKeyField(keyField).setDistinct(hasDistinct ? distinct : null).setStep(step).build();
    Bytes storeKey = SignalKeys.of(key, time, step, eventId);
    byte[] value = ENCODER.serialize(null, signal);

    StoredSignal stored = StoredSignal.of(storeKey, value);
    assertThat(stored.getTime()).isEqualTo(time);
    assertThat(stored.getStep()).isEqualTo(step);
    assertThat(stored.getEventId()).isEqualTo(eventId);
    // The distinct value without decoding, then the decoder's reading of the rest.
    assertThat(StoredSignal.distinctOfCurrent(value)).isEqualTo(signal.getDistinct());
    assertThat(stored.getDistinct()).isEqualTo(signal.getDistinct());
    assertThat(stored.getAlertKey()).isEqualTo(alertKey);
    assertThat(stored.signal()).isEqualTo(signal);
  }

  @Property(tries = 300)
  void aTallyReadsBackItsTimeStepValueAndWeightAndIsNeverAWholeSignal(@ForAll @StringLength(max = 300) String key,
      @ForAll @LongRange(min = -4_000_000_000_000L, max = 4_000_000_000_000L) long time, @ForAll SignalStep step,
      @ForAll @StringLength(max = 200) String value, @ForAll boolean hasValue,
      @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long weight) {
    Bytes storeKey = SignalKeys.tally(key, time, step, hasValue ? value : null);
    StoredSignal stored = StoredSignal.of(storeKey, java.nio.ByteBuffer.allocate(Long.BYTES).putLong(weight).array());
    assertThat(stored.isTally()).isTrue();
    assertThat(stored.getTime()).isEqualTo(time);
    assertThat(stored.getStep()).isEqualTo(step);
    assertThat(stored.getDistinct()).isEqualTo(hasValue ? value : null);
    assertThat(stored.weight()).isEqualTo(weight);
    // Inside the key's range of that time, like its whole signals.
    assertThat(storeKey.compareTo(SignalKeys.from(key, time))).isPositive();
    assertThat(storeKey.compareTo(SignalKeys.to(key, time))).isNegative();
    // A whole signal is never read as a tally, whatever its event id (empty, or a NUL first).
    assertThat(StoredSignal.of(SignalKeys.of(key, time, step, hasValue ? value : ""), null).isTally()).isFalse();
  }

  @Test
  void aValueWrittenWithAnotherSchemaIsDecodedByAvro() {
    DetectionSignal signal = DetectionSignal.newBuilder().setEventId("e-1").setTime(1_000).setKey("k")
        .setAlertKey("k").setKeyField("source.address").setDistinct("alice").setStep(SignalStep.MATCH).build();
    byte[] value = ENCODER.serialize(null, signal);
    byte[] otherFingerprint = value.clone();
    otherFingerprint[2] ^= 0x01; // not the current schema's fingerprint: the shortcut must not be taken
    StoredSignal stored = StoredSignal.of(SignalKeys.of("k", 1_000, SignalStep.MATCH, "e-1"), otherFingerprint);
    org.assertj.core.api.Assertions.assertThatThrownBy(stored::getDistinct)
        .as("an unknown fingerprint goes to the decoder, which refuses it")
        .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
  }
}
