package io.logwarden.detect;

import io.logwarden.detect.rules.DetectionRule;
import io.logwarden.detect.rules.RuleType;
import io.logwarden.event.Metrics;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.detect.DetectionSignal;
import io.logwarden.schema.detect.RuleKeyState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * One rule's alerts, whatever the rule type: when a matching event opens an alert or updates the
 * open one, which records go out (OPEN at once; UPDATED coalesced by {@code update_interval} and at
 * each escalation step; CLOSED once, with the exact final count) and what is owed for later. The
 * evaluators decide which windows hold; this decides what the alert does about it. An alert lives in
 * its key's {@link RuleKeyState}, which the caller writes back.
 */
final class AlertLifecycle {

  /** Where the next pass over the keys must come no later than: wall time, stream time. */
  interface Wakeup {
    void due(long wallTime, long streamTime);
  }

  private final DetectionRule rule;
  private final long width;
  private final long grace;
  private final long suppression;
  private final long updateInterval;
  private final AlertFactory alerts;
  private final Consumer<Alert> forward;
  private final Wakeup wakeup;
  private final Counter late;
  private final Counter coalesced;
  private final Map<AlertStatus, Counter> published = new EnumMap<>(AlertStatus.class);

  AlertLifecycle(DetectionRule rule, MeterRegistry meters, Consumer<Alert> forward, Wakeup wakeup) {
    this.rule = rule;
    this.width = rule.window().toMillis();
    this.grace = rule.grace().toMillis();
    this.suppression = rule.suppression().toMillis();
    this.updateInterval = rule.updateInterval().toMillis();
    this.alerts = new AlertFactory(rule);
    this.forward = forward;
    this.wakeup = wakeup;
    this.late = Counter.builder(Metrics.LATE_EVENTS.name())
        .description("Events that arrived later than the rule's grace and were not evaluated")
        .tag("rule", rule.id())
        .register(meters);
    this.coalesced = Counter.builder(Metrics.ALERT_UPDATES_COALESCED.name())
        .description("Alert updates folded into a later UPDATED or CLOSED record by the rule's update_interval")
        .tag("rule", rule.id())
        .register(meters);
    for (AlertStatus status : List.of(AlertStatus.OPEN, AlertStatus.UPDATED, AlertStatus.CLOSED)) {
      published.put(status, Counter.builder(Metrics.ALERTS.name())
          .description("Alert records published")
          .tag("rule", rule.id())
          .tag("severity", rule.severity().name())
          .tag("status", status.name())
          .register(meters));
    }
  }

  /** Counts an event that came too late to be evaluated. */
  void late() {
    late.increment();
  }

  /**
   * The event at {@code time} updates the key's open alert if it is within the suppression; each
   * window in {@code holdingEnds} that no alert covers opens one.
   *
   * @param alertKey the key the alert is raised under
   * @param signalKey the key the signals are stored under (differs for sequences on several key fields)
   * @param windowAt the window ending at one of {@code holdingEnds}, as the alert opening there reports it
   */
  void decide(String alertKey, String signalKey, RuleKeyState state, DetectionSignal signal, long time,
      List<Long> holdingEnds, long latestCount, Long latestDistinct, LongFunction<WindowScan.Window> windowAt) {
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
        open(alertKey, state, windowAt.apply(end), rule.type() == RuleType.SEQUENCE ? signal.getEventId() : null);
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

  /** Whether an alert of the key covers the window ending at {@code end}: it cannot open another. */
  boolean covered(RuleKeyState state, long end) {
    return state.getAlertId() != null && end < state.getOpenedAt() + suppression;
  }

  /**
   * Opens an alert at the end of {@code window}, closing the key's previous one first.
   *
   * @param secondStepId for sequences, the second step's event id (the last sample); else null
   */
  void open(String alertKey, RuleKeyState state, WindowScan.Window window, String secondStepId) {
    if (closable(state)) {
      close(alertKey, state); // the key's previous alert ends where the next one opens
    }
    long end = window.end();
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
   * by {@link #settle}, folded with those that come before it.
   */
  void emit(String alertKey, RuleKeyState state, AlertStatus status, long count, Long distinct, long windowEnd) {
    state.setAlertCount(count);
    state.setAlertDistinct(distinct);
    state.setAlertDistinctCapped(distinct != null && windowEnd < state.getDistinctPartialUntil());
    state.setAlertWindowEnd(windowEnd);
    if (status == AlertStatus.OPEN) {
      state.setClosed(false);
      state.setEscalationStep(0);
      send(alertKey, state, AlertStatus.OPEN, null);
      wakeup.due(state.getTouchedAt() + Math.max(grace, closesAt(state) - state.getLatest()), Long.MAX_VALUE);
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
      wakeup.due(state.getTouchedAt() + updateInterval, Long.MAX_VALUE);
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
    Alert alert = alerts.build(alertKey, state, status);
    alert.setEscalationStep(escalationStep);
    forward.accept(alert);
    published.get(status).increment();
    state.setEmittedAt(alert.getDetectedAt().toEpochMilli());
  }

  /**
   * Whether the key's state holds an alert whose CLOSED record is owed. With an {@code update_interval}
   * of 0 every update goes out and no CLOSED record does: the output is what it was before coalescing.
   */
  boolean closable(RuleKeyState state) {
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

  /**
   * What {@link #settle} did and left owed.
   *
   * @param changed whether a record went out (the state must be written back)
   * @param pending whether an UPDATED record is still owed
   * @param wallTime the wall time by which something is due again (MAX_VALUE: nothing)
   */
  record Settled(boolean changed, boolean pending, long wallTime) {
    static final Settled NOTHING = new Settled(false, false, Long.MAX_VALUE);
    static final Settled SENT = new Settled(true, false, Long.MAX_VALUE);
  }

  /**
   * Sends what the key's alert owes once its time has come without a new event: the owed UPDATED
   * record once the key has been quiet for {@code update_interval} in wall-clock time; the CLOSED
   * record once it has been quiet, in wall-clock time, for as long as the end of its suppression and
   * grace was ahead of its last event (at least the grace). Neither by stream time: lateness is per
   * key, so a key behind the others can still update its alert however far stream time has moved on,
   * and while a backlog is worked off stream time runs ahead of a key's own events (owed updates sent
   * by it went out at a fraction of the interval apart in the key's time: the attack-flood benchmark).
   *
   * @return whether a record went out, what is still owed and when it comes due
   */
  Settled settle(String key, RuleKeyState state, long now) {
    if (!closable(state)) {
      return Settled.NOTHING;
    }
    long closesAt = closesAt(state);
    long closeWall = state.getTouchedAt() + Math.max(grace, closesAt - state.getLatest());
    if (state.getLatest() >= closesAt || now >= closeWall) {
      close(key, state);
      return Settled.SENT;
    }
    if (!state.getUpdatePending()) {
      return new Settled(false, false, closeWall);
    }
    long flushWall = state.getTouchedAt() + updateInterval;
    if (now >= flushWall) {
      send(key, state, AlertStatus.UPDATED, null);
      return new Settled(true, false, closeWall);
    }
    return new Settled(false, true, Math.min(closeWall, flushWall));
  }
}
