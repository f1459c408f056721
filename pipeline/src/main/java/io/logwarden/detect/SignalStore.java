package io.logwarden.detect;

import io.logwarden.schema.detect.DetectionSignal;
import io.logwarden.schema.detect.SignalStep;
import io.logwarden.schema.serde.LogwardenSerdes;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A rule's signals store, as its evaluators read and write it: one key's signals are contiguous and
 * sorted by time ({@link SignalKeys}), so every read is one range scan of the windows it needs.
 *
 * <p>A signal is kept whole (its key holds the event id, its value the signal's encoding) or, past
 * the rule's {@code signal_cap}, in a <em>tally</em>: one entry per key, millisecond, step (and
 * distinct value, for a value the rule tracks) whose value is the number of signals it stands for.
 * Counts and distinct values read tallies by their weight, so they stay exact; sample ids come from
 * whole signals only. A key's entries per window are thus at most its cap of whole signals plus one
 * tally per millisecond (and tracked value), whatever the rate of its events.
 */
final class SignalStore {

  private final KeyValueStore<Bytes, byte[]> store;
  private final SignalStep countStep;
  private final long width;
  private final Serializer<DetectionSignal> encoder = LogwardenSerdes.detectionSignal().serializer();

  SignalStore(KeyValueStore<Bytes, byte[]> store, SignalStep countStep, long width) {
    this.store = store;
    this.countStep = countStep;
    this.width = width;
  }

  private void keep(DetectionSignal signal) {
    store.put(SignalKeys.of(signal.getKey(), signal.getTime(), signal.getStep(), signal.getEventId()),
        encoder.serialize(null, signal));
  }

  /** How a signal is kept. */
  enum Kept {
    /** Whole: event id and encoding. */
    WHOLE,
    /** In a tally, with its distinct value if it has one. */
    TALLY,
    /** In a tally without its distinct value: the rule tracks its cap of values already. */
    TALLY_WITHOUT_VALUE
  }

  /** Keeps the signal as {@code kept} says. */
  void put(DetectionSignal signal, Kept kept) {
    if (kept == Kept.WHOLE) {
      keep(signal);
    } else {
      tally(signal, kept == Kept.TALLY ? signal.getDistinct() : null);
    }
  }

  /** Adds the signal to its key's tally at its time, step and {@code value} (null: none). */
  private void tally(DetectionSignal signal, String value) {
    Bytes at = SignalKeys.tally(signal.getKey(), signal.getTime(), signal.getStep(), value);
    byte[] before = store.get(at);
    long count = before == null ? 0 : ByteBuffer.wrap(before).getLong();
    store.put(at, ByteBuffer.allocate(Long.BYTES).putLong(count + 1).array());
  }

  /** The signals of the counted step, tallies by their weight, of {@code key} with times in [from, to]. */
  long countBetween(String key, long from, long to) {
    if (from > to) {
      return 0;
    }
    long count = 0;
    try (KeyValueIterator<Bytes, byte[]> it = store.range(SignalKeys.from(key, from), SignalKeys.to(key, to))) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> entry = it.next();
        StoredSignal stored = StoredSignal.of(entry.key, entry.value);
        if (stored.getStep() == countStep) {
          count += stored.weight();
        }
      }
    }
    return count;
  }

  /** Every entry of {@code key} with times in [from, to], in time order. */
  List<StoredSignal> fetch(String key, long from, long to) {
    List<StoredSignal> result = new ArrayList<>();
    if (from > to) {
      return result;
    }
    try (KeyValueIterator<Bytes, byte[]> it = store.range(SignalKeys.from(key, from), SignalKeys.to(key, to))) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> entry = it.next();
        result.add(StoredSignal.of(entry.key, entry.value));
      }
    }
    return result;
  }

  /**
   * The window ending at {@code end} as an alert opening there reports it, when its count (and
   * distinct count) are known already: only its start is read, up to its first time and
   * {@link WindowScan#MAX_SAMPLES} whole signals of the counted step, however many it holds.
   */
  WindowScan.Window opening(String key, long end, long count, long distinct) {
    long first = Long.MAX_VALUE;
    List<String> ids = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it =
        store.range(SignalKeys.from(key, end - width + 1), SignalKeys.to(key, end))) {
      while (it.hasNext() && ids.size() < WindowScan.MAX_SAMPLES) {
        KeyValue<Bytes, byte[]> entry = it.next();
        StoredSignal stored = StoredSignal.of(entry.key, entry.value);
        if (stored.getStep() != countStep) {
          continue;
        }
        first = Math.min(first, stored.getTime());
        if (!stored.isTally()) {
          ids.add(stored.getEventId());
        }
      }
    }
    return new WindowScan.Window(end, count, distinct, first == Long.MAX_VALUE ? end : first, ids);
  }

  /** Removes the key's entries at or before {@code until}. */
  void prune(String key, long until) {
    List<Bytes> old = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it =
        store.range(SignalKeys.from(key, Long.MIN_VALUE), SignalKeys.to(key, until))) {
      while (it.hasNext()) {
        old.add(it.next().key);
      }
    }
    old.forEach(store::delete);
  }
}
