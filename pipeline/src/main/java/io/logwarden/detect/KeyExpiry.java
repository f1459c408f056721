package io.logwarden.detect;

import io.logwarden.detect.rules.DetectionRule;
import io.logwarden.schema.detect.RuleKeyState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The wall-clock side of a rule: a pass over its keys, a slice each second, that sends what their
 * alerts owe ({@link AlertLifecycle#settle}) and removes the keys whose windows and suppression have
 * passed, state and signals.
 *
 * <p>A key goes once its windows and its alert's suppression have passed in stream time, and as long
 * in wall-clock time since its last signal (so a key whose logs lag behind the others' keeps its
 * windows while they keep coming). Each run looks at the next {@link #BATCH} keys after where the last
 * one stopped, so that no run holds up the stream thread however many keys there are (a whole scan
 * at once showed as latency spikes). A pass over all the keys learns when the next could find work: a
 * key it kept needs the wall clock to reach its touched_at plus its keep, or, once that has passed,
 * stream time to reach its latest plus its keep; an alert's owed record its own due times; a key
 * touched or added after the pass began waits at least the signal retention in wall time. Until one
 * of those comes, no pass starts (decoding every key's state each second, however few keys can go,
 * was 13% of the stream thread).
 */
final class KeyExpiry implements AlertLifecycle.Wakeup {

  /** How often a slice of the keys is checked, and how many keys a slice holds. */
  static final Duration INTERVAL = Duration.ofSeconds(1);
  static final int BATCH = 2_000;

  private final KeyValueStore<String, RuleKeyState> states;
  private final SignalStore signals;
  private final AlertLifecycle alerts;
  private final long grace;
  private final long suppression;
  private final long signalRetention;
  /** The rule's alerts with an UPDATED record owed, summed over its tasks: each adds what its last whole pass counted. */
  private final AtomicLong pendingUpdates;

  /** Where the next run starts (null: the first key, a new pass). */
  private String cursor;
  /** No pass starts before the wall clock or stream time reaches these (learnt by the last pass). */
  private long nextPassWallTime = Long.MIN_VALUE;
  private long nextPassStreamTime = Long.MIN_VALUE;
  /** What the pass under way has learnt so far. */
  private long passWallTime;
  private long passStreamTime;
  private long pendingReported;
  private long pendingThisPass;

  KeyExpiry(DetectionRule rule, KeyValueStore<String, RuleKeyState> states, SignalStore signals,
      AlertLifecycle alerts, AtomicLong pendingUpdates, long signalRetention) {
    this.states = states;
    this.signals = signals;
    this.alerts = alerts;
    this.grace = rule.grace().toMillis();
    this.suppression = rule.suppression().toMillis();
    this.signalRetention = signalRetention;
    this.pendingUpdates = pendingUpdates;
  }

  @Override
  public void due(long wallTime, long streamTime) {
    nextPassWallTime = Math.min(nextPassWallTime, wallTime);
    nextPassStreamTime = Math.min(nextPassStreamTime, streamTime);
    passWallTime = Math.min(passWallTime, wallTime);
    passStreamTime = Math.min(passStreamTime, streamTime);
  }

  /** Runs the next slice of the pass, or nothing when no key can have work before the times learnt. */
  void run(long streamTime, long now) {
    if (cursor == null) {
      if (now < nextPassWallTime && streamTime < nextPassStreamTime) {
        return;
      }
      passWallTime = now + signalRetention;
      passStreamTime = Long.MAX_VALUE;
      pendingThisPass = 0;
    }
    List<String> gone = new ArrayList<>();
    List<KeyValue<String, RuleKeyState>> settled = new ArrayList<>();
    int seen = 0;
    String last = null;
    try (KeyValueIterator<String, RuleKeyState> it = states.range(cursor, null)) {
      while (it.hasNext() && seen < BATCH) {
        KeyValue<String, RuleKeyState> entry = it.next();
        seen++;
        last = entry.key;
        RuleKeyState state = entry.value;
        AlertLifecycle.Settled outcome = alerts.settle(entry.key, state, now);
        if (outcome.changed()) {
          settled.add(KeyValue.pair(entry.key, state));
        }
        if (outcome.pending()) {
          pendingThisPass++;
        }
        passWallTime = Math.min(passWallTime, outcome.wallTime());
        long keep = state.getAlertId() == null ? signalRetention : Math.max(signalRetention, suppression + grace);
        long since = state.getAlertId() == null ? state.getLatest() : Math.max(state.getLatest(), state.getOpenedAt());
        long wallTimeDue = state.getTouchedAt() + keep;
        if (since + keep <= streamTime && wallTimeDue <= now) {
          gone.add(entry.key);
        } else if (wallTimeDue > now) {
          passWallTime = Math.min(passWallTime, wallTimeDue);
        } else {
          passStreamTime = Math.min(passStreamTime, since + keep);
        }
      }
      // Start after the last key next time, or from the first once the end was reached.
      cursor = it.hasNext() && last != null ? last + '\u0000' : null;
    }
    if (cursor == null) {
      nextPassWallTime = passWallTime;
      nextPassStreamTime = passStreamTime;
      pendingUpdates.addAndGet(pendingThisPass - pendingReported);
      pendingReported = pendingThisPass;
      pendingThisPass = 0;
    }
    settled.forEach(entry -> states.put(entry.key, entry.value));
    for (String key : gone) {
      states.delete(key);
      signals.prune(key, Long.MAX_VALUE);
    }
  }

  /** The task moves: its keys' owed updates are counted where they go. */
  void close() {
    pendingUpdates.addAndGet(-pendingReported);
    pendingReported = 0;
  }
}
