package io.logwarden.detect;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.Category;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.kstream.Windowed;

/**
 * The aggregation of failed sign-ins per source and window. The state is an {@link Alert} in the
 * making (count, first and last seen, sample ids), so the alert's own schema serves as the state
 * store's format.
 */
public final class FailedSignInCounter {

  static final int MAX_SAMPLES = 10;

  private final FailedSignInThresholdRule rule;

  public FailedSignInCounter(FailedSignInThresholdRule rule) {
    this.rule = rule;
  }

  /** Whether an event is a failed sign-in with a source address to correlate on. */
  public static boolean isFailedSignInWithSource(LogEvent event) {
    return event.getCategory() == Category.AUTHENTICATION
        && "sign_in".equals(event.getAction())
        && event.getOutcome() == Outcome.FAILURE
        && event.getSource().getAddress() != null;
  }

  /** The empty state of a window. */
  public Alert initial() {
    return Alert.newBuilder()
        .setAlertId("")
        .setRuleId(rule.id())
        .setTitle(rule.title())
        .setSeverity(rule.severity())
        .setAttack(rule.attack())
        .setKey("")
        .setKeyField("source.address")
        .setCount(0)
        .setFirstSeen(Instant.EPOCH)
        .setLastSeen(Instant.EPOCH)
        .setWindowStart(Instant.EPOCH)
        .setWindowEnd(Instant.EPOCH)
        .setSampleEventIds(new ArrayList<>())
        .setStatus(AlertStatus.OPEN)
        .setSummary("")
        .setDetectedAt(Instant.EPOCH)
        .build();
  }

  /** Adds one failed sign-in to the window's state. */
  public Alert add(String source, LogEvent event, Alert state) {
    Instant time = event.getEventTime();
    Instant eventMillis = Instant.ofEpochMilli(time.toEpochMilli());
    boolean first = state.getCount() == 0;
    List<String> samples = new ArrayList<>(state.getSampleEventIds());
    if (samples.size() < MAX_SAMPLES) {
      samples.add(event.getEventId());
    }
    return Alert.newBuilder(state)
        .setKey(source)
        .setCount(state.getCount() + 1)
        .setFirstSeen(first || eventMillis.isBefore(state.getFirstSeen()) ? eventMillis : state.getFirstSeen())
        .setLastSeen(first || eventMillis.isAfter(state.getLastSeen()) ? eventMillis : state.getLastSeen())
        .setSampleEventIds(samples)
        .build();
  }

  /** The alert a window's state raises, once the count reaches the threshold. */
  public Alert toAlert(Windowed<String> window, Alert state) {
    long start = window.window().start();
    return Alert.newBuilder(state)
        .setAlertId(AlertIds.of(rule.id(), window.key(), start))
        .setKey(window.key())
        .setWindowStart(Instant.ofEpochMilli(start))
        .setWindowEnd(Instant.ofEpochMilli(window.window().end()))
        .setStatus(state.getCount() == rule.threshold() ? AlertStatus.OPEN : AlertStatus.UPDATED)
        .setSummary(state.getCount() + " failed sign-ins from " + window.key() + " within "
            + rule.window().toSeconds() + " s")
        .setDetectedAt(state.getLastSeen())
        .build();
  }

  public boolean reachesThreshold(Alert state) {
    return state.getCount() >= rule.threshold();
  }
}
