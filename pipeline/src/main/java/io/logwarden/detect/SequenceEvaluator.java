package io.logwarden.detect;

import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.detect.DetectionSignal;
import io.logwarden.schema.detect.RuleKeyState;
import io.logwarden.schema.detect.SignalStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * {@code type: sequence}: a second step ({@code then}) after at least {@code threshold} first steps of
 * the same key within the window ending at it. A rule on several key fields stores each signal under
 * the key field it was taken from and raises the alert under the second step's alert key. Second
 * steps are always kept whole (an out-of-order first step needs their alert keys); first steps past
 * {@code signal_cap} go into tallies.
 */
final class SequenceEvaluator extends RuleEvaluator {

  SequenceEvaluator(Scope scope) {
    super(scope);
  }

  @Override
  void evaluate(DetectionSignal signal, long time, RuleKeyState tracked, SignalStore.Kept kept) {
    if (signal.getStep() == SignalStep.THEN) {
      secondStep(signal, time, tracked);
    } else {
      firstStep(signal, time, tracked);
    }
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
            : tracked.getWindowCount() - signals.countBetween(key, tracked.getLatest() - width + 1, time - width);
        tracked.setWindowCount(kept + counted);
        tracked.setLatest(time);
      } else if (time > tracked.getLatest() - width) {
        tracked.setWindowCount(tracked.getWindowCount() + counted);
      }
      if (second) {
        tracked.setLatestSecondStep(Math.max(tracked.getLatestSecondStep(), time));
      }
    }
    tracked.setTouchedAt(now());
    states.put(key, tracked);
    return tracked;
  }

  private void rebuildTracking(RuleKeyState tracked, String key, long latest) {
    long count = 0;
    long latestSecond = Long.MIN_VALUE;
    for (StoredSignal stored : signals.fetch(key, Long.MIN_VALUE, Long.MAX_VALUE)) {
      if (stored.getStep() == SignalStep.THEN) {
        latestSecond = Math.max(latestSecond, stored.getTime());
      } else if (stored.getTime() > latest - width && stored.getTime() <= latest) {
        count += stored.weight();
      }
    }
    tracked.setLatest(latest);
    tracked.setWindowCount(count);
    tracked.setLatestSecondStep(latestSecond);
    tracked.setWindowValues(new HashMap<>());
  }

  // A second step: does its key have enough first steps in the window ending at it?
  private void secondStep(DetectionSignal signal, long time, RuleKeyState known) {
    RuleKeyState tracked = track(signal, time, known);
    String alertKey = signal.getAlertKey();
    String signalKey = signal.getKey();
    // In order, the window ending at this step is the one whose count the key's state keeps.
    WindowScan.Window window = time == tracked.getLatest() ? null
        : WindowScan.at(signals.fetch(signalKey, time - width + 1, time), time, width, countStep);
    long count = window == null ? tracked.getWindowCount() : window.count();
    boolean holds = count >= rule.threshold();
    // Under one key field the alert is the signal key's own state, just written by track.
    RuleKeyState state = alertKey.equals(signalKey) ? tracked : states.get(alertKey);
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
    alerts.decide(alertKey, signalKey, state, signal, time, holds ? List.of(time) : List.of(), count, null,
        end -> window != null ? window : signals.opening(signalKey, end, count, 0));
    states.put(alertKey, state);
  }

  // A first step that is out of order may complete sequences whose second step came before it.
  private void firstStep(DetectionSignal signal, long time, RuleKeyState before) {
    long latestBefore = before == null ? Long.MIN_VALUE : before.getLatest();
    RuleKeyState tracked = track(signal, time, before);
    if (time > latestBefore || tracked.getLatestSecondStep() <= time) {
      return; // no second step after this one to complete
    }
    if (rule.key().size() == 1 && alerts.covered(tracked, time + width - 1)) {
      // One key field: every second step is raised under this key, whose open alert covers every
      // window this step belongs to; none of them can open another.
      return;
    }
    String key = signal.getKey();
    List<StoredSignal> around = signals.fetch(key, time - width + 1, time + width - 1);
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
      if (alerts.covered(state, end)) {
        // Second steps an alert opened here covers would have updated it, had this come in order;
        // those covered by an alert that was open already did update it when they came.
        if (openedHere.contains(state.getAlertId())) {
          state.setLastSeen(Math.max(state.getLastSeen(), end));
          state.setLastEventId(then.getEventId());
          alerts.emit(alertKey, state, AlertStatus.UPDATED, WindowScan.at(around, end, width, countStep).count(), null,
              end);
          states.put(alertKey, state);
        }
      } else if (ends.contains(end)) {
        alerts.open(alertKey, state, WindowScan.at(around, end, width, countStep), then.getEventId());
        state.setLastEventId(then.getEventId());
        openedHere.add(state.getAlertId());
        states.put(alertKey, state);
      }
    }
  }
}
