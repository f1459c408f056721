package io.logwarden.detect;

import io.logwarden.detect.rules.DetectionRule;
import io.logwarden.event.Metrics;
import io.logwarden.event.SharedGauges;
import io.logwarden.event.StageResources;
import io.logwarden.schema.Alert;
import io.logwarden.schema.detect.DetectionSignal;
import io.logwarden.schema.detect.RuleKeyState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Runs one rule over its signals, all of one key on one task: drops a late signal, stores the others
 * ({@link SignalStore}, whole or past the rule's cap in a tally), lets the rule type's
 * {@link RuleEvaluator} find the windows the signal completes, whose alerts {@link AlertLifecycle}
 * opens, updates and closes, and runs {@link KeyExpiry} on the wall clock.
 *
 * <p>Semantics (see docs/detection-rules.md): the window of length W ending at time t holds the
 * signals with times in (t − W, t]. An alert opens when the condition first holds for the key;
 * until {@code suppression} of event time after the opening, every matching event (for a sequence:
 * every second step) updates the open alert under the same id instead. A signal more than
 * {@code grace} behind the latest signal of its own key is late: counted in
 * {@code logwarden.detect.late.events}, not evaluated. Lateness is per key, so a key whose logs arrive
 * delayed (a lagging forwarder) loses nothing, and no key's events make another's late. A signal
 * that is out of order within the grace is counted in every window it belongs to, and the windows
 * ending after it are checked again.
 *
 * <p>A key's signals are kept for two windows plus the grace behind its latest signal; its state
 * (latest time, running count, alert) until window, grace and suppression have passed, both in
 * stream time and in wall-clock time since the key's last signal, and is then removed with its
 * signals: the stores grow with active keys, not with history, and per key with at most
 * {@code signal_cap} whole signals per window.
 */
public final class RuleProcessor implements Processor<String, DetectionSignal, String, Alert> {

  private final DetectionRule rule;
  private final String signalsStoreName;
  private final String statesStoreName;
  private final long grace;
  private final long signalRetention;

  private ProcessorContext<String, Alert> context;
  private SignalStore signals;
  private KeyValueStore<String, RuleKeyState> states;
  private AlertLifecycle alerts;
  private RuleEvaluator evaluator;
  private KeyExpiry expiry;
  private Counter tallied;

  public RuleProcessor(DetectionRule rule, String signalsStoreName, String statesStoreName) {
    this.rule = rule;
    this.signalsStoreName = signalsStoreName;
    this.statesStoreName = statesStoreName;
    this.grace = rule.grace().toMillis();
    // A late signal reaches back one window, the incremental count's expiry two.
    this.signalRetention = 2 * rule.window().toMillis() + grace;
  }

  @Override
  public void init(ProcessorContext<String, Alert> context) {
    this.context = context;
    KeyValueStore<Bytes, byte[]> signalStore = context.getStateStore(signalsStoreName);
    this.signals = new SignalStore(signalStore, RuleEvaluator.countStep(rule), rule.window().toMillis());
    this.states = context.getStateStore(statesStoreName);
    Object registry = context.appConfigs().get(StageResources.METER_REGISTRY);
    MeterRegistry meters = registry instanceof MeterRegistry m ? m : new SimpleMeterRegistry();
    tallied = Counter.builder(Metrics.SIGNALS_TALLIED.name())
        .description("Signals kept as a count only because their key's window held the rule's signal_cap")
        .tag("rule", rule.id())
        .register(meters);
    alerts = new AlertLifecycle(rule, meters,
        alert -> context.forward(new Record<>(alert.getAlertId(), alert, alert.getDetectedAt().toEpochMilli())),
        (wall, stream) -> expiry.due(wall, stream));
    evaluator = RuleEvaluator.of(new RuleEvaluator.Scope(rule, signals, states, alerts,
        context::currentSystemTimeMs, meters));
    expiry = new KeyExpiry(rule, states, signals, alerts,
        SharedGauges.of(meters, Metrics.ALERT_UPDATES_PENDING,
            "Open alerts with an UPDATED record owed, as of the last pass over the rule's keys",
            Tags.of("rule", rule.id())),
        signalRetention);
    context.schedule(KeyExpiry.INTERVAL, PunctuationType.WALL_CLOCK_TIME,
        now -> expiry.run(context.currentStreamTimeMs(), context.currentSystemTimeMs()));
  }

  @Override
  public void close() {
    if (expiry != null) {
      expiry.close();
    }
  }

  @Override
  public void process(Record<String, DetectionSignal> record) {
    DetectionSignal signal = record.value();
    long time = signal.getTime();
    String key = signal.getKey();
    RuleKeyState tracked = states.get(key);
    if (tracked != null && time < tracked.getLatest() - grace) {
      alerts.late();
      return;
    }
    SignalStore.Kept kept = evaluator.keeping(signal, tracked);
    signals.put(signal, kept);
    if (kept != SignalStore.Kept.WHOLE) {
      tallied.increment();
    }
    if (tracked != null && Math.floorDiv(time, signalRetention) > Math.floorDiv(tracked.getLatest(), signalRetention)) {
      // Once per retention period of the key's time, not per signal: each prune leaves deletion
      // markers that the next scan from the key's start has to step over.
      signals.prune(key, time - signalRetention);
    }
    evaluator.evaluate(signal, time, tracked, kept);
  }
}
