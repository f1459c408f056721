package io.logwarden.detect;

import io.logwarden.schema.detect.DetectionSignal;
import io.logwarden.schema.detect.RuleKeyState;
import java.util.List;

/**
 * {@code type: count}: at least {@code threshold} matching events of a key in a window. The count of
 * the window ending at the key's latest signal is kept in its state and slid incrementally, so an
 * in-order signal reads only the signals leaving the window, however busy its key; an alert opening
 * in order reads only its window's start ({@link SignalStore#opening}). A signal out of order reads
 * the windows it belongs to, unless an open alert covers them all.
 */
final class CountEvaluator extends RuleEvaluator {

  CountEvaluator(Scope scope) {
    super(scope);
  }

  @Override
  void evaluate(DetectionSignal signal, long time, RuleKeyState known, SignalStore.Kept kept) {
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
        count = state.getWindowCount() + 1 - signals.countBetween(key, state.getLatest() - width + 1, time - width);
      }
      state.setLatest(time);
      state.setWindowCount(count);
      long windowCount = count;
      alerts.decide(key, key, state, signal, time, count >= rule.threshold() ? List.of(time) : List.of(), count, null,
          end -> signals.opening(key, end, windowCount, 0));
    } else {
      if (time > state.getLatest() - width) {
        state.setWindowCount(state.getWindowCount() + 1);
      }
      long lastEnd = Math.min(time + width - 1, state.getLatest());
      // Windows that an open alert covers cannot open another: when it covers every window this
      // signal belongs to, its window need not be read (a burst out of order under an open alert
      // would otherwise read its whole window for every signal).
      List<StoredSignal> around = alerts.covered(state, lastEnd) ? List.of()
          : signals.fetch(key, time - width + 1, lastEnd);
      List<Long> ends = around.isEmpty() ? List.of()
          : WindowScan.holdingEnds(around, time, width, countStep, countStep, rule.threshold(), false);
      alerts.decide(key, key, state, signal, time, ends, state.getWindowCount(), null,
          end -> WindowScan.at(around, end, width, countStep));
    }
    state.setTouchedAt(now());
    states.put(key, state);
  }
}
