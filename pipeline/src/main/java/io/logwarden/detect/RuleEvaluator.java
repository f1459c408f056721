package io.logwarden.detect;

import io.logwarden.detect.rules.DetectionRule;
import io.logwarden.detect.rules.RuleType;
import io.logwarden.schema.detect.DetectionSignal;
import io.logwarden.schema.detect.RuleKeyState;
import io.logwarden.schema.detect.SignalStep;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.function.LongSupplier;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What one rule type does with a signal of a key: which windows it completes, read from the key's
 * state (kept incrementally) and, for signals out of order, from the signals store; the alert's
 * side is {@link AlertLifecycle}'s. A new rule type is one subclass, chosen in {@link #of}, and its
 * validation in {@code rules/RulesValidator}.
 *
 * <p>The window of length W ending at time t holds the signals with times in (t − W, t]. The signal
 * is in the store already when {@link #evaluate} runs, kept as {@link #keeping} chose.
 */
abstract class RuleEvaluator {

  /** What the evaluators of one rule share. */
  record Scope(DetectionRule rule, SignalStore signals, KeyValueStore<String, RuleKeyState> states,
      AlertLifecycle alerts, LongSupplier wallClock, MeterRegistry meters) {}

  protected final DetectionRule rule;
  protected final long width;
  protected final int cap;
  protected final SignalStep countStep;
  protected final SignalStore signals;
  protected final KeyValueStore<String, RuleKeyState> states;
  protected final AlertLifecycle alerts;
  private final LongSupplier wallClock;

  RuleEvaluator(Scope scope) {
    this.rule = scope.rule();
    this.width = rule.window().toMillis();
    this.cap = rule.signalCap();
    this.countStep = countStep(rule);
    this.signals = scope.signals();
    this.states = scope.states();
    this.alerts = scope.alerts();
    this.wallClock = scope.wallClock();
  }

  /** The evaluator of the rule's type. */
  static RuleEvaluator of(Scope scope) {
    return switch (scope.rule().type()) {
      case COUNT -> new CountEvaluator(scope);
      case DISTINCT_COUNT -> new DistinctCountEvaluator(scope);
      case SEQUENCE -> new SequenceEvaluator(scope);
    };
  }

  /** The step whose signals a rule's windows count: a sequence's first step, else every match. */
  static SignalStep countStep(DetectionRule rule) {
    return rule.type() == RuleType.SEQUENCE ? SignalStep.FIRST : SignalStep.MATCH;
  }

  /**
   * How the signal is stored: whole, unless its key's window ending at its latest signal holds the
   * rule's {@code signal_cap} already (counted signals only), when it goes into a tally.
   */
  SignalStore.Kept keeping(DetectionSignal signal, RuleKeyState tracked) {
    boolean full = tracked != null && signal.getStep() == countStep && tracked.getWindowCount() >= cap;
    return full ? SignalStore.Kept.TALLY : SignalStore.Kept.WHOLE;
  }

  /**
   * Evaluates the signal, stored already, against the key's state as it was before it ({@code tracked},
   * null for a new key), and writes the state back.
   */
  abstract void evaluate(DetectionSignal signal, long time, RuleKeyState tracked, SignalStore.Kept kept);

  /** A new key's state. */
  protected RuleKeyState fresh(DetectionSignal signal, long time) {
    return RuleKeyState.newBuilder()
        .setKeyField(signal.getKeyField())
        .setTouchedAt(now())
        .setLatest(time)
        .setWindowCount(0)
        .setSamples(new ArrayList<>())
        .build();
  }

  protected long now() {
    return wallClock.getAsLong();
  }
}
