package io.logwarden.detect;

import io.logwarden.schema.detect.SignalStep;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sliding windows over one key's signals, sorted by time: the window of length W that ends at time e
 * holds the signals with times in (e − W, e]. One pass with two pointers, so a scan costs one step
 * per signal however many windows it checks. Tallies count (and count their distinct value) by their
 * weight; sample ids come from whole signals only.
 */
final class WindowScan {

  /** Up to this many event ids are kept as an alert's samples. */
  static final int MAX_SAMPLES = 10;

  /** What one window holds. */
  record Window(long end, long count, long distinct, long firstTime, List<String> sampleIds) {}

  private WindowScan() {}

  /** The window ending at {@code end} over {@code signals} of the given step (sorted by time). */
  static Window at(List<StoredSignal> signals, long end, long width, SignalStep step) {
    Map<String, Long> distinct = new HashMap<>();
    long count = 0;
    long first = Long.MAX_VALUE;
    List<String> ids = new ArrayList<>();
    for (StoredSignal signal : signals) {
      long time = signal.getTime();
      if (signal.getStep() != step || time <= end - width || time > end) {
        continue;
      }
      count += signal.weight();
      first = Math.min(first, time);
      if (signal.getDistinct() != null) {
        distinct.merge(signal.getDistinct(), signal.weight(), Long::sum);
      }
      if (ids.size() < MAX_SAMPLES && !signal.isTally()) {
        ids.add(signal.getEventId());
      }
    }
    return new Window(end, count, distinct.size(), first == Long.MAX_VALUE ? end : first, ids);
  }

  /**
   * The end times, from {@code from} on and in order, of the windows ending at a signal of step
   * {@code endStep} in which the signals of step {@code countStep} reach {@code threshold} (distinct
   * values when {@code distinct}). Signals at the same time as a window's end are all inside it,
   * whatever their order in the list.
   */
  static List<Long> holdingEnds(List<StoredSignal> signals, long from, long width, SignalStep countStep,
      SignalStep endStep, long threshold, boolean distinct) {
    List<Long> ends = new ArrayList<>();
    Map<String, Long> values = new HashMap<>();
    int tail = 0;
    long count = 0;
    int n = signals.size();
    int j = 0;
    while (j < n) {
      long end = signals.get(j).getTime();
      int groupEnd = j;
      boolean endsHere = false;
      while (groupEnd < n && signals.get(groupEnd).getTime() == end) {
        StoredSignal added = signals.get(groupEnd);
        endsHere |= added.getStep() == endStep;
        if (added.getStep() == countStep) {
          count += added.weight();
          if (added.getDistinct() != null) {
            values.merge(added.getDistinct(), added.weight(), Long::sum);
          }
        }
        groupEnd++;
      }
      while (signals.get(tail).getTime() <= end - width) {
        StoredSignal removed = signals.get(tail++);
        if (removed.getStep() == countStep) {
          count -= removed.weight();
          if (removed.getDistinct() != null) {
            long weight = removed.weight();
            values.computeIfPresent(removed.getDistinct(), (k, c) -> c <= weight ? null : c - weight);
          }
        }
      }
      long measure = distinct ? values.size() : count;
      if (end >= from && endsHere && measure >= threshold) {
        ends.add(end);
      }
      j = groupEnd;
    }
    return ends;
  }
}
