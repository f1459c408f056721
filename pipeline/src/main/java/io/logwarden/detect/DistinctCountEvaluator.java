package io.logwarden.detect;

import io.logwarden.event.Metrics;
import io.logwarden.schema.detect.DetectionSignal;
import io.logwarden.schema.detect.RuleKeyState;
import io.micrometer.core.instrument.Counter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code type: distinct_count}: at least {@code threshold} distinct values of a field among a key's
 * matching events in a window. The window ending at the key's latest signal is kept in its state as
 * a count per value ({@code window_values}) and slid incrementally: an in-order signal reads only the
 * signals leaving the window. At most {@code signal_cap} values are tracked: a signal with another
 * value past it is kept without its value, and until it has left the window the distinct count is a
 * lower bound, which the alert says ({@code distinct_count_capped}). A signal out of order reads the
 * windows it belongs to, unless an open alert covers them all.
 */
final class DistinctCountEvaluator extends RuleEvaluator {

  private final Counter capped;

  DistinctCountEvaluator(Scope scope) {
    super(scope);
    this.capped = Counter.builder(Metrics.DISTINCT_CAPPED.name())
        .description("Signals whose distinct value was not tracked: the rule tracks its signal_cap of values already")
        .tag("rule", rule.id())
        .register(scope.meters());
  }

  /** Past the cap a signal goes into a tally, with its value while the rule tracks it or has room for it. */
  @Override
  SignalStore.Kept keeping(DetectionSignal signal, RuleKeyState tracked) {
    if (super.keeping(signal, tracked) == SignalStore.Kept.WHOLE || tracked.getWindowValues() == null) {
      return SignalStore.Kept.WHOLE;
    }
    Map<String, Long> values = tracked.getWindowValues();
    String value = signal.getDistinct();
    return value == null || values.containsKey(value) || values.size() < cap
        ? SignalStore.Kept.TALLY : SignalStore.Kept.TALLY_WITHOUT_VALUE;
  }

  @Override
  void evaluate(DetectionSignal signal, long time, RuleKeyState known, SignalStore.Kept kept) {
    String key = signal.getKey();
    RuleKeyState state = known;
    boolean valueKept = kept != SignalStore.Kept.TALLY_WITHOUT_VALUE;
    if (!valueKept) {
      capped.increment();
      state.setDistinctPartialUntil(Math.max(state.getDistinctPartialUntil(), time + width));
    }
    if (state == null || time >= state.getLatest()) {
      if (state == null) {
        state = fresh(signal, time);
      }
      slide(state, key, signal, time, valueKept);
      state.setLatest(time);
      long count = state.getWindowCount();
      long distinct = state.getWindowValues().size();
      List<Long> ends = distinct >= rule.threshold() ? List.of(time) : List.of();
      alerts.decide(key, key, state, signal, time, ends, count, distinct,
          end -> signals.opening(key, end, count, distinct));
    } else {
      long lastEnd = Math.min(time + width - 1, state.getLatest());
      // As for counts: an open alert covering every window this signal belongs to spares their read.
      List<StoredSignal> around = alerts.covered(state, lastEnd) ? List.of()
          : signals.fetch(key, time - width + 1, lastEnd);
      List<Long> ends = around.isEmpty() ? List.of()
          : WindowScan.holdingEnds(around, time, width, countStep, countStep, rule.threshold(), true);
      long latest = state.getLatest();
      if (state.getWindowValues() != null && time > latest - width) {
        // Out of order but inside the window that ends at the key's latest signal: it joins it.
        state.setWindowCount(state.getWindowCount() + 1);
        if (signal.getDistinct() != null && valueKept) {
          state.getWindowValues().merge(signal.getDistinct(), 1L, Long::sum);
        }
      }
      if (state.getWindowValues() == null) {
        readWindow(state, key, latest);
      }
      alerts.decide(key, key, state, signal, time, ends, state.getWindowCount(), (long) state.getWindowValues().size(),
          end -> WindowScan.at(around, end, width, countStep));
    }
    state.setTouchedAt(now());
    states.put(key, state);
  }

  /**
   * Moves the key's window on to end at {@code time} (not before its latest signal) with
   * {@code signal} in it: the signals that leave it are read by their keys (their values straight from
   * the encoding), so an in-order signal costs one step per signal leaving the window, however many
   * are in it. The first time, or with state written before the window was kept, the window is read
   * whole.
   */
  private void slide(RuleKeyState state, String key, DetectionSignal signal, long time, boolean valueKept) {
    Map<String, Long> values = state.getWindowValues();
    if (values == null) {
      readWindow(state, key, time); // the signal is in the store already
      return;
    }
    long count = state.getWindowCount();
    if (time - width >= state.getLatest()) {
      // The whole window left (its signals may be pruned already): start again from this signal.
      values.clear();
      count = 0;
    }
    for (StoredSignal left : signals.fetch(key, state.getLatest() - width + 1, time - width)) {
      if (left.getStep() == countStep) {
        long weight = left.weight();
        count -= weight;
        String value = left.getDistinct();
        if (value != null) {
          values.computeIfPresent(value, (v, n) -> n <= weight ? null : n - weight);
        }
      }
    }
    count++;
    if (signal.getDistinct() != null && valueKept) {
      values.merge(signal.getDistinct(), 1L, Long::sum);
    }
    state.setWindowCount(count);
  }

  private void readWindow(RuleKeyState state, String key, long end) {
    Map<String, Long> values = new HashMap<>();
    long count = 0;
    for (StoredSignal stored : signals.fetch(key, end - width + 1, end)) {
      if (stored.getStep() == countStep) {
        count += stored.weight();
        if (stored.getDistinct() != null) {
          values.merge(stored.getDistinct(), stored.weight(), Long::sum);
        }
      }
    }
    state.setWindowCount(count);
    state.setWindowValues(values);
  }
}
