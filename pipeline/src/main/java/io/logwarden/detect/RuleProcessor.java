package io.logwarden.detect;

import io.logwarden.detect.rules.DetectionRule;
import io.logwarden.detect.rules.RuleType;
import io.logwarden.event.Metrics;
import io.logwarden.event.SharedGauges;
import io.logwarden.event.StageResources;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.detect.DetectionSignal;
import io.logwarden.schema.detect.RuleKeyState;
import io.logwarden.schema.detect.SignalStep;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs one rule over its signals, all of one key on one task: keeps them in a store ordered by key
 * and time, checks the window that ends at each one, and opens, updates or leaves alone the key's
 * alert.
 *
 * <p>Semantics (see docs/detection-rules.md): the window of length W ending at time t holds the
 * signals with times in (t − W, t]. An alert opens when the condition first holds for the key;
 * until {@code suppression} of event time after the opening, every matching event (for a sequence:
 * every second step) updates the open alert under the same id instead. A signal more than
 * {@code grace} behind the latest signal of its own key is late: counted in
 * {@code logwarden.}, not evaluated. Lateness is per key, so a key whose logs arrive
 * delayed (a lagging forwarder) loses nothing, and no key's events make another's late. A signal
 * that is out of order within the grace is counted in every window it belongs to, and the windows
 * ending after it are checked again.
 *
 * <p>A key's signals are kept for two windows plus the grace behind its latest signal; its state
 * (latest time, running count, alert) until window, grace and suppression have passed, both in
 * stream time and in wall-clock time since the key's last signal (so a key whose logs lag behind
 * the others' keeps its windows while they keep coming), and is then removed with its signals: the
 * stores grow with active keys, not with history.
 *
 * <p>Count rules keep the count of the window ending at the key's latest signal in the key's state
 * and slide it incrementally, so an in-order signal costs a constant number of store operations
 * however busy its key; distinct counts keep their window's values and sequences their first steps'
 * count the same way. Out-of-order signals read the windows they belong to.
 */
public final class RuleProcessor implements Processor<String, DetectionSignal, String, Alert> {


  private final DetectionRule rule;
  private final String signalsStoreName;
  private final String statesStoreName;
  private final long width;
  private final long grace;
  private final long suppression;
  private final long updateInterval;
  private final AlertFactory alerts;
  private final SignalStep countStep;
  private final long signalRetention;
  /** Where the next expiry run starts (null: the first key, a new pass). */
  private String expiryCursor;
  /** No pass starts before the wall clock or stream time reaches these (learnt by the last pass). */
  private long nextPassWallTime = Long.MIN_VALUE;
  private long nextPassStreamTime = Long.MIN_VALUE;
  /** What the pass under way has learnt so far. */
  private long passWallTime;
  private long passStreamTime;

  /** How often a slice of the keys is checked for expiry, and how many keys a slice holds. */
  static final Duration EXPIRY_INTERVAL = Duration.ofSeconds(1);
  static final int EXPIRY_BATCH = 2_000;

  private ProcessorContext<String, Alert> context;
  private KeyValueStore<Bytes, byte[]> signals;
  private final Serializer<DetectionSignal> signalEncoder = LogwardenSerdes.detectionSignal().serializer();
  private KeyValueStore<String, RuleKeyState> states;
  private Counter late;
  private Counter coalesced;
  /** The rule's alerts with an UPDATED record owed, summed over its tasks: each adds what its last whole pass counted. */
  private AtomicLong pendingUpdates;
  private long pendingReported;
  private long pendingThisPass;
  private final Map<AlertStatus, Counter> published = new EnumMap<>(AlertStatus.class);

  public RuleProcessor(DetectionRule rule, String signalsStoreName, String statesStoreName) {
    this.rule = rule;
    this.signalsStoreName = signalsStoreName;
    this.statesStoreName = statesStoreName;
    this.width = rule.window().toMillis();
    this.grace = rule.grace().toMillis();
    this.suppression = rule.suppression().toMillis();
    this.updateInterval = rule.updateInterval().toMillis();
    this.alerts = new AlertFactory(rule);
    this.countStep = rule.type() == RuleType.SEQUENCE ? SignalStep.FIRST : SignalStep.MATCH;
    // A late signal reaches back one window, the incremental count's expiry two.
    this.signalRetention = 2 * width + grace;
  }


  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    this.signals = context.getStateStore(signalsStoreName);
    this.states = context.getStateStore(statesStoreName);
    Object registry = context.appConfigs().get(StageResources.METER_REGISTRY);
    MeterRegistry meters = registry instanceof MeterRegistry m ? m : new SimpleMeterRegistry();
    late = Counter.builder(Metrics.LATE_EVENTS.name())
        .description("Events that arrived later than the rule's grace and were not evaluated")
        .tag("rule", rule.id())
        .register(meters);
    coalesced = Counter.builder(Metrics.ALERT_UPDATES_COALESCED.name())
        .description("Alert updates folded into a later UPDATED or CLOSED record by the rule's update_interval")
        .tag("rule", rule.id())
        .register(meters);
    pendingUpdates = SharedGauges.of(meters, Metrics.ALERT_UPDATES_PENDING,
        "Open alerts with an UPDATED record owed, as of the last pass over the rule's keys", Tags.of("rule", rule.id()));
    for (AlertStatus status : List.of(AlertStatus.OPEN, AlertStatus.UPDATED, AlertStatus.CLOSED)) {
      published.put(status, Counter.builder(Metrics.ALERTS.name())
          .description("Alert records published")
          .tag("rule", rule.id())
          .tag("severity", rule.severity().name())
          .tag("status", status.name())
          .register(meters));
    }
    context.schedule(EXPIRY_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> expireStates());
  }

  @Override
  public void close() {
    if (pendingUpdates != null) {
      pendingUpdates.addAndGet(-pendingReported); // the task moves: its keys are counted where they go
      pendingReported = 0;
    }
  }

  @Override
  public void process(Record<String, DetectionSignal> record) {
    DetectionSignal signal = record.value();
    long time = signal.getTime();
    String key = signal.getKey();
    RuleKeyState tracked = states.get(key);
    if (tracked != null && time < tracked.getLatest() - grace) {
      late.increment();
      return;
    }
    signals.put(SignalKeys.of(key, time, signal.getStep(), signal.getEventId()), signalEncoder.serialize(null, signal));
    if (tracked != null && Math.floorDiv(time, signalRetention) > Math.floorDiv(tracked.getLatest(), signalRetention)) {
      // Once per retention period of the key's time, not per signal: each prune leaves deletion
      // markers that the next scan from the key's start has to step over.
      prune(key, time - signalRetention);
    }
    switch (rule.type()) {
      case COUNT -> count(signal, time, tracked);
      case DISTINCT_COUNT -> distinctCount(signal, time, tracked);
      case SEQUENCE -> {
        if (signal.getStep() == SignalStep.THEN) {
          secondStep(signal, time, tracked);
        } else {
          firstStep(signal, time, tracked);
        }
      }
    }
  }

  private void count(DetectionSignal signal, long time, RuleKeyState known) {
    String key = signal.getKey();
    RuleKeyState state = known;
    if (state == null || time >= state.getLatest()) {
      long count;
      if (state == null) {
        state = fresh(signal, time);
        count = 1;
      } else if (time - width >= state.getLatest()) {
        count = 1;
      } else {
        count = state.getWindowCount() + 1 - countBetween(key, state.getLatest() - width + 1, time - width);
      }
      state.setLatest(time);
      state.setWindowCount(count);
      decide(key, key, state, signal, time, count >= rule.threshold() ? List.of(time) : List.of(), count, null);
    } else {
      if (time > state.getLatest() - width) {
        state.setWindowCount(state.getWindowCount() + 1);
      }
      long lastEnd = Math.min(time + width - 1, state.getLatest());
      // Windows that an open alert covers cannot open another: when it covers every window this
      // signal belongs to, its window need not be read (a burst out of order under an open alert
      // would otherwise read its whole window for every signal).
      List<Long> ends = covered(state, lastEnd) ? List.of()
          : WindowScan.holdingEnds(fetch(key, time - width + 1, lastEnd), time, width, countStep, countStep,
              rule.threshold(), false);
      decide(key, key, state, signal, time, ends, state.getWindowCount(), null);
    }
    state.setTouchedAt(context.currentSystemTimeMs());
    states.put(key, state);
  }

  private void distinctCount(DetectionSignal signal, long time, RuleKeyState known) {
    String key = signal.getKey();
    RuleKeyState state = known;
    if (state == null || time >= state.getLatest()) {
      if (state == null) {
        state = fresh(signal, time);
      }
      slideDistinct(state, key, signal, time);
      state.setLatest(time);
      long distinct = state.getWindowValues().size();
      List<Long> ends = distinct >= rule.threshold() ? List.of(time) : List.of();
      decide(key, key, state, signal, time, ends, state.getWindowCount(), distinct);
    } else {
      List<StoredSignal> around = fetch(key, time - width + 1, Math.min(time + width - 1, state.getLatest()));
      List<Long> ends = WindowScan.holdingEnds(around, time, width, countStep, countStep, rule.threshold(), true);
      long latest = state.getLatest();
      if (state.getWindowValues() != null && time > latest - width) {
        // Out of order but inside the window that ends at the key's latest signal: it joins it.
        state.setWindowCount(state.getWindowCount() + 1);
        if (signal.getDistinct() != null) {
          state.getWindowValues().merge(signal.getDistinct(), 1L, Long::sum);
        }
      }
      if (state.getWindowValues() == null) {
        readDistinctWindow(state, key, latest);
      }
      decide(key, key, state, signal, time, ends, state.getWindowCount(), (long) state.getWindowValues().size());
    }
    state.setTouchedAt(context.currentSystemTimeMs());
    states.put(key, state);
  }

  /**
   * Moves the key's distinct-count window on to end at {@code time} (not before its latest signal)
   * with {@code signal} in it: the signals that leave it are read by their keys (their values
   * straight from the encoding), so an in-order signal costs one step per signal leaving the window,
   * however many are in it. The first time, or with state written before the window was kept, the
   * window is read whole.
   */
  private void slideDistinct(RuleKeyState state, String key, DetectionSignal signal, long time) {
    Map<String, Long> values = state.getWindowValues();
    if (values == null) {
      readDistinctWindow(state, key, time); // the signal is in the store already
      return;
    }
    long count = state.getWindowCount();
    if (time - width >= state.getLatest()) {
      // The whole window left (its signals may be pruned already): start again from this signal.
      values.clear();
      count = 0;
    }
    for (StoredSignal left : fetch(key, state.getLatest() - width + 1, time - width)) {
      if (left.getStep() == countStep) {
        count--;
        String value = left.getDistinct();
        if (value != null) {
          values.computeIfPresent(value, (v, n) -> n == 1 ? null : n - 1);
        }
      }
    }
    count++;
    if (signal.getDistinct() != null) {
      values.merge(signal.getDistinct(), 1L, Long::sum);
    }
    state.setWindowCount(count);
  }

  private void readDistinctWindow(RuleKeyState state, String key, long end) {
    Map<String, Long> values = new HashMap<>();
    long count = 0;
    for (StoredSignal stored : fetch(key, end - width + 1, end)) {
      if (stored.getStep() == countStep) {
        count++;
        if (stored.getDistinct() != null) {
          values.merge(stored.getDistinct(), 1L, Long::sum);
        }
      }
    }
    state.setWindowCount(count);
    state.setWindowValues(values);
  }

  /**
   * A sequence's signal key is tracked: its latest time (for lateness and expiry), the time of its
   * latest second step, and the number of first steps in the window ending at its latest signal,
   * slid like a count rule's (the signals that leave are read by key), so that an in-order second
   * step reads no window however many first steps its key holds. An empty {@code window_values}
   * marks these as kept; state written before they were gets them from the stored signals once.
   */
  private RuleKeyState track(DetectionSignal signal, long time, RuleKeyState known) {
    String key = signal.getKey();
    boolean second = signal.getStep() == SignalStep.THEN;
    long counted = second ? 0 : 1;
    RuleKeyState tracked = known;
    if (tracked == null) {
      tracked = fresh(signal, time);
      tracked.setWindowCount(counted);
      tracked.setWindowValues(new HashMap<>());
      tracked.setLatestSecondStep(second ? time : Long.MIN_VALUE);
    } else if (tracked.getWindowValues() == null) {
      rebuildTracking(tracked, key, Math.max(tracked.getLatest(), time)); // the signal is stored already
    } else {
      if (time >= tracked.getLatest()) {
        long kept = time - width >= tracked.getLatest() ? 0
            : tracked.getWindowCount() - countBetween(key, tracked.getLatest() - width + 1, time - width);
        tracked.setWindowCount(kept + counted);
        tracked.setLatest(time);
      } else if (time > tracked.getLatest() - width) {
        tracked.setWindowCount(tracked.getWindowCount() + counted);
      }
      if (second) {
        tracked.setLatestSecondStep(Math.max(tracked.getLatestSecondStep(), time));
      }
    }
    tracked.setTouchedAt(context.currentSystemTimeMs());
    states.put(key, tracked);
    return tracked;
  }

  private void rebuildTracking(RuleKeyState tracked, String key, long latest) {
    long count = 0;
    long latestSecond = Long.MIN_VALUE;
    try (KeyValueIterator<Bytes, byte[]> it =
        signals.range(SignalKeys.from(key, Long.MIN_VALUE), SignalKeys.to(key, Long.MAX_VALUE))) {
      while (it.hasNext()) {
        StoredSignal stored = StoredSignal.of(it.next().key, null);
        if (stored.getStep() == SignalStep.THEN) {
          latestSecond = Math.max(latestSecond, stored.getTime());
        } else if (stored.getTime() > latest - width && stored.getTime() <= latest) {
          count++;
        }
      }
    }
    tracked.setLatest(latest);
    tracked.setWindowCount(count);
    tracked.setLatestSecondStep(latestSecond);
    tracked.setWindowValues(new HashMap<>());
  }

  // A sequence's second step: does its key have enough first steps in the window ending at it?
  private void secondStep(DetectionSignal signal, long time, RuleKeyState known) {
    RuleKeyState tracked = track(signal, time, known);
    String alertKey = signal.getAlertKey();
    // In order, the window ending at this step is the one whose count the key's state keeps.
    long count = time == tracked.getLatest() ? tracked.getWindowCount()
        : WindowScan.at(fetch(signal.getKey(), time - width + 1, time), time, width, countStep).count();
    boolean holds = count >= rule.threshold();
    // Under one key field the alert is the signal key's own state, just written by track.
    RuleKeyState state = alertKey.equals(signal.getKey()) ? tracked : states.get(alertKey);
    if (state != null && signal.getEventId().equals(state.getLastEventId())) {
      return; // the same event, checked under another of the rule's key fields, was applied already
    }
    if (state == null && !holds) {
      return;
    }
    if (state == null) {
      state = fresh(signal, time);
    }
    state.setLatest(Math.max(state.getLatest(), time));
    decide(alertKey, signal.getKey(), state, signal, time, holds ? List.of(time) : List.of(), count, null);
    states.put(alertKey, state);
  }

  // A first step that is out of order may complete sequences whose second step came before it.
  private void firstStep(DetectionSignal signal, long time, RuleKeyState before) {
    long latestBefore = before == null ? Long.MIN_VALUE : before.getLatest();
    RuleKeyState tracked = track(signal, time, before);
    if (time > latestBefore || tracked.getLatestSecondStep() <= time) {
      return; // no second step after this one to complete
    }
    if (rule.key().size() == 1 && covered(tracked, time + width - 1)) {
      // One key field: every second step is raised under this key, whose open alert covers every
      // window this step belongs to; none of them can open another.
      return;
    }
    String key = signal.getKey();
    List<StoredSignal> around = fetch(key, time - width + 1, time + width - 1);
    boolean laterSecondStep = false;
    for (StoredSignal other : around) {
      laterSecondStep |= other.getStep() == SignalStep.THEN && other.getTime() >= time;
    }
    if (!laterSecondStep) {
      return;
    }
    // A first step at the same time as a second step came after it: not "before" it.
    List<Long> ends = WindowScan.holdingEnds(around, time + 1, width, countStep, SignalStep.THEN, rule.threshold(), false);
    List<String> openedHere = new ArrayList<>();
    for (StoredSignal then : around) {
      long end = then.getTime();
      if (then.getStep() != SignalStep.THEN || end <= time) {
        continue;
      }
      String alertKey = then.getAlertKey();
      RuleKeyState state = states.get(alertKey);
      if (state == null) {
        state = fresh(then.signal(), end);
      }
      state.setLatest(Math.max(state.getLatest(), end));
      if (covered(state, end)) {
        // Second steps an alert opened here covers would have updated it, had this come in order;
        // those covered by an alert that was open already did update it when they came.
        if (openedHere.contains(state.getAlertId())) {
          WindowScan.Window window = WindowScan.at(around, end, width, countStep);
          state.setLastSeen(Math.max(state.getLastSeen(), end));
          state.setLastEventId(then.getEventId());
          emit(alertKey, state, AlertStatus.UPDATED, window.count(), null, end);
          states.put(alertKey, state);
        }
      } else if (ends.contains(end)) {
        open(alertKey, key, state, end, then.getEventId());
        state.setLastEventId(then.getEventId());
        openedHere.add(state.getAlertId());
        states.put(alertKey, state);
      }
    }
  }

  /**
   * The event at {@code time} updates the key's open alert if it is within the suppression; each
   * window in {@code holdingEnds} that no alert covers opens one.
   *
   * @param alertKey the key the alert is raised under
   * @param signalKey the key the signals are stored under (differs for sequences on several key fields)
   */
  private void decide(String alertKey, String signalKey, RuleKeyState state, DetectionSignal signal, long time,
      List<Long> holdingEnds, long latestCount, Long latestDistinct) {
    if (closable(state) && state.getLatest() >= closesAt(state)) {
      close(alertKey, state); // no event of the key can update it any more: later ones would be late
    }
    if (state.getAlertId() != null && time < state.getOpenedAt() + suppression && state.getClosed()) {
      late.increment(); // its alert has closed with its final count (the key was quiet too long): too late for it
      return;
    }
    if (state.getAlertId() != null && time < state.getOpenedAt() + suppression) {
      state.setLastSeen(Math.max(state.getLastSeen(), time));
      if (time <= state.getOpenedAt() && time > state.getOpenedAt() - width) {
        state.setFirstSeen(Math.min(state.getFirstSeen(), time));
      }
      List<String> samples = state.getSamples();
      if (samples.size() < WindowScan.MAX_SAMPLES && !samples.contains(signal.getEventId())) {
        samples.add(signal.getEventId());
      }
      state.setLastEventId(signal.getEventId());
      emit(alertKey, state, AlertStatus.UPDATED, latestCount, latestDistinct, Math.max(state.getLatest(), time));
    }
    boolean opened = false;
    for (long end : holdingEnds) {
      if (!covered(state, end)) {
        open(alertKey, signalKey, state, end, rule.type() == RuleType.SEQUENCE ? signal.getEventId() : null);
        state.setLastEventId(signal.getEventId());
        opened = true;
      }
    }
    if (opened && rule.type() != RuleType.SEQUENCE && state.getLatest() > state.getOpenedAt()
        && state.getLatest() < state.getOpenedAt() + suppression) {
      // A late event opened the alert at a window before the key's latest event: the events since,
      // already processed, would have updated it had they come after.
      state.setLastSeen(state.getLatest());
      emit(alertKey, state, AlertStatus.UPDATED, latestCount, latestDistinct, state.getLatest());
    }
  }

  private boolean covered(RuleKeyState state, long end) {
    return state.getAlertId() != null && end < state.getOpenedAt() + suppression;
  }

  private void open(String alertKey, String signalKey, RuleKeyState state, long end, String secondStepId) {
    if (closable(state)) {
      close(alertKey, state); // the key's previous alert ends where the next one opens
    }
    WindowScan.Window window = WindowScan.at(fetch(signalKey, end - width + 1, end), end, width, countStep);
    List<String> samples = new ArrayList<>(window.sampleIds());
    if (secondStepId != null) {
      if (samples.size() == WindowScan.MAX_SAMPLES) {
        samples.remove(samples.size() - 1);
      }
      samples.add(secondStepId);
    }
    state.setAlertId(AlertIds.of(rule.id(), alertKey, end));
    state.setOpenedAt(end);
    state.setFirstSeen(window.firstTime());
    state.setLastSeen(end);
    state.setSamples(samples);
    Long distinct = rule.type() == RuleType.DISTINCT_COUNT ? window.distinct() : null;
    emit(alertKey, state, AlertStatus.OPEN, window.count(), distinct, end);
  }

  /**
   * Records a new state of the key's alert and sends what is due: an OPEN at once; an UPDATED at once
   * when {@code update_interval} of event time has passed since the last record of the alert, or when
   * the count reached a new escalation step (threshold × 2, × 4, ...); otherwise the update is owed
   * ({@code update_pending}) and goes out later, by the next update that finds the interval passed or
   * by {@link #expireStates}, folded with those that come before it.
   */
  private void emit(String alertKey, RuleKeyState state, AlertStatus status, long count, Long distinct, long windowEnd) {
    state.setAlertCount(count);
    state.setAlertDistinct(distinct);
    state.setAlertWindowEnd(windowEnd);
    if (status == AlertStatus.OPEN) {
      state.setClosed(false);
      state.setEscalationStep(0);
      send(alertKey, state, AlertStatus.OPEN, null);
      due(state.getTouchedAt() + Math.max(grace, closesAt(state) - state.getLatest()), Long.MAX_VALUE);
      return;
    }
    if (updateInterval == 0) {
      send(alertKey, state, AlertStatus.UPDATED, null); // one record per update, as before update_interval existed
      return;
    }
    int step = escalationStep(count, distinct);
    if (step > state.getEscalationStep()) {
      state.setEscalationStep(step);
      send(alertKey, state, AlertStatus.UPDATED, step);
    } else if (Math.max(state.getLastSeen(), windowEnd) >= state.getEmittedAt() + updateInterval) {
      send(alertKey, state, AlertStatus.UPDATED, null);
    } else {
      if (state.getUpdatePending()) {
        coalesced.increment(); // the owed update now carries this one's state instead
      }
      state.setUpdatePending(true);
      due(state.getTouchedAt() + updateInterval, state.getEmittedAt() + updateInterval);
    }
  }

  /** The largest k ≥ 1 with threshold × 2^k ≤ the alert's measure (its distinct count for distinct counts); 0 below twice the threshold. */
  private int escalationStep(long count, Long distinct) {
    long measure = rule.type() == RuleType.DISTINCT_COUNT && distinct != null ? distinct : count;
    long multiple = measure / rule.threshold();
    return multiple < 2 ? 0 : 63 - Long.numberOfLeadingZeros(multiple);
  }

  /** Sends the alert's recorded state with {@code status}; an owed update is paid by it. */
  private void send(String alertKey, RuleKeyState state, AlertStatus status, Integer escalationStep) {
    state.setUpdatePending(false); // an owed update goes out as this record, whatever its status
    Alert alert = alerts.build(alertKey, state, status, state.getAlertCount(), state.getAlertDistinct(),
        state.getAlertWindowEnd());
    alert.setEscalationStep(escalationStep);
    context.forward(new Record<>(alert.getAlertId(), alert, alert.getDetectedAt().toEpochMilli()));
    published.get(status).increment();
    state.setEmittedAt(alert.getDetectedAt().toEpochMilli());
  }

  /**
   * Whether the key's state holds an alert whose CLOSED record is owed. With an {@code update_interval}
   * of 0 every update goes out and no CLOSED record does: the output is what it was before coalescing.
   */
  private boolean closable(RuleKeyState state) {
    return updateInterval > 0 && state.getAlertId() != null && !state.getClosed();
  }

  /** The key time from which no event can update the alert: its suppression has ended and the grace after it passed. */
  private long closesAt(RuleKeyState state) {
    return state.getOpenedAt() + suppression + grace;
  }

  /** Sends the alert's final record: its exact last count and last-seen time, an owed update folded in. */
  private void close(String alertKey, RuleKeyState state) {
    if (state.getUpdatePending()) {
      coalesced.increment();
      state.setUpdatePending(false);
    }
    send(alertKey, state, AlertStatus.CLOSED, null);
    state.setClosed(true);
  }

  /** The next pass over the keys starts no later than wall time {@code wall} or stream time {@code stream}. */
  private void due(long wall, long stream) {
    nextPassWallTime = Math.min(nextPassWallTime, wall);
    nextPassStreamTime = Math.min(nextPassStreamTime, stream);
    passWallTime = Math.min(passWallTime, wall);
    passStreamTime = Math.min(passStreamTime, stream);
  }

  private RuleKeyState fresh(DetectionSignal signal, long time) {
    return RuleKeyState.newBuilder()
        .setKeyField(signal.getKeyField())
        .setTouchedAt(context.currentSystemTimeMs())
        .setLatest(time)
        .setWindowCount(0)
        .setSamples(new ArrayList<>())
        .build();
  }

  private long countBetween(String key, long from, long to) {
    if (from > to) {
      return 0;
    }
    long count = 0;
    try (KeyValueIterator<Bytes, byte[]> it = signals.range(SignalKeys.from(key, from), SignalKeys.to(key, to))) {
      while (it.hasNext()) {
        if (StoredSignal.of(it.next().key, null).getStep() == countStep) {
          count++;
        }
      }
    }
    return count;
  }

  private List<StoredSignal> fetch(String key, long from, long to) {
    List<StoredSignal> result = new ArrayList<>();
    if (from > to) {
      return result;
    }
    try (KeyValueIterator<Bytes, byte[]> it = signals.range(SignalKeys.from(key, from), SignalKeys.to(key, to))) {
      while (it.hasNext()) {
        KeyValue<Bytes, byte[]> entry = it.next();
        result.add(StoredSignal.of(entry.key, entry.value));
      }
    }
    return result;
  }

  /** Removes the key's signals at or before {@code until}. */
  private void prune(String key, long until) {
    List<Bytes> old = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it =
        signals.range(SignalKeys.from(key, Long.MIN_VALUE), SignalKeys.to(key, until))) {
      while (it.hasNext()) {
        old.add(it.next().key);
      }
    }
    old.forEach(signals::delete);
  }

  /**
   * Sends what the key's alert owes once its time has come without a new event: the owed UPDATED
   * record once {@code update_interval} has passed since the last record (in stream time) or since the
   * key's last signal (in wall-clock time); the CLOSED record once the key has been quiet, in
   * wall-clock time, for as long as the end of its suppression and grace was ahead of its last event
   * (at least the grace). Learns when the next pass must come for what it leaves.
   *
   * @return whether the state changed
   */
  private boolean settleAlert(String key, RuleKeyState state, long streamTime, long now) {
    if (!closable(state)) {
      return false;
    }
    long closesAt = closesAt(state);
    long closeWall = state.getTouchedAt() + Math.max(grace, closesAt - state.getLatest());
    // Not by stream time: lateness is per key, so a key behind the others can still update its alert
    // however far stream time has moved on.
    if (state.getLatest() >= closesAt || now >= closeWall) {
      close(key, state);
      return true;
    }
    passWallTime = Math.min(passWallTime, closeWall);
    if (!state.getUpdatePending()) {
      return false;
    }
    long flushWall = state.getTouchedAt() + updateInterval;
    if (streamTime >= state.getEmittedAt() + updateInterval || now >= flushWall) {
      send(key, state, AlertStatus.UPDATED, null);
      return true;
    }
    pendingThisPass++;
    passWallTime = Math.min(passWallTime, flushWall);
    passStreamTime = Math.min(passStreamTime, state.getEmittedAt() + updateInterval);
    return false;
  }

  // A key goes, state and signals, once its windows and its alert's suppression have passed in
  // stream time, and as long in wall-clock time since its last signal. Each run looks at the next
  // EXPIRY_BATCH keys after where the last one stopped, so that no run holds up the stream thread
  // however many keys there are (a whole scan at once showed as latency spikes). A pass over all the
  // keys learns when the next could find one to remove: a key it kept needs the wall clock to reach
  // its touched_at plus its keep, or, once that has passed, stream time to reach its latest plus its
  // keep; a key touched or added after the pass began waits at least the signal retention in wall
  // time. Until one of those comes, no pass starts (decoding every key's state each second, however
  // few keys can go, was 13% of the stream thread).
  private void expireStates() {
    long streamTime = context.currentStreamTimeMs();
    long now = context.currentSystemTimeMs();
    if (expiryCursor == null) {
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
    try (KeyValueIterator<String, RuleKeyState> it = states.range(expiryCursor, null)) {
      while (it.hasNext() && seen < EXPIRY_BATCH) {
        KeyValue<String, RuleKeyState> entry = it.next();
        seen++;
        last = entry.key;
        RuleKeyState state = entry.value;
        if (settleAlert(entry.key, state, streamTime, now)) {
          settled.add(KeyValue.pair(entry.key, state));
        }
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
      expiryCursor = it.hasNext() && last != null ? last + '\u0000' : null;
    }
    if (expiryCursor == null) {
      nextPassWallTime = passWallTime;
      nextPassStreamTime = passStreamTime;
      pendingUpdates.addAndGet(pendingThisPass - pendingReported);
      pendingReported = pendingThisPass;
      pendingThisPass = 0;
    }
    settled.forEach(entry -> states.put(entry.key, entry.value));
    for (String key : gone) {
      states.delete(key);
      prune(key, Long.MAX_VALUE);
    }
  }
}
