package io.logwarden.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * The health of the running topologies, from their Kafka Streams state transitions.
 *
 * <p><b>Ready</b> when at least one topology was started and every started topology is RUNNING: only
 * then does the instance process its share of the partitions. <b>Live</b> unless a topology is dead or
 * stuck: dead is ERROR or PENDING_ERROR, or stopping (PENDING_SHUTDOWN, NOT_RUNNING) without having
 * been asked to close; stuck is CREATED or REBALANCING for longer than the stuck limit (a rebalance
 * that never ends, a start that never gets going). A restart is the cure for both, so liveness fails
 * only then; a rebalance of normal length keeps the instance live but not ready.
 */
public final class TopologyHealth {

  /** The default stuck limit. */
  public static final Duration DEFAULT_STUCK_AFTER = Duration.ofMinutes(5);

  private record Observed(State state, Instant since) {}

  /**
   * A snapshot.
   *
   * @param states each topology's Kafka Streams state, by topology id
   * @param problem why the instance is not live, or null when it is
   */
  public record Status(boolean live, boolean ready, Map<String, String> states, String problem) {}

  private final Clock clock;
  private final Duration stuckAfter;
  private final Map<String, Observed> topologies = new LinkedHashMap<>();
  private boolean closing;

  public TopologyHealth(Clock clock, Duration stuckAfter) {
    this.clock = clock;
    this.stuckAfter = stuckAfter;
  }

  public TopologyHealth() {
    this(Clock.systemUTC(), DEFAULT_STUCK_AFTER);
  }

  /** A topology was started, or changed state. */
  public synchronized void observe(String topology, State state) {
    Observed before = topologies.get(topology);
    if (before == null || before.state() != state) {
      topologies.put(topology, new Observed(state, clock.instant()));
    }
  }

  /** The topologies are being closed on purpose: stopping is no longer a failure. */
  public synchronized void closing() {
    closing = true;
  }

  public synchronized Status status() {
    Map<String, String> states = new LinkedHashMap<>();
    String problem = null;
    boolean ready = !topologies.isEmpty();
    Instant now = clock.instant();
    for (Map.Entry<String, Observed> entry : topologies.entrySet()) {
      State state = entry.getValue().state();
      states.put(entry.getKey(), state.name());
      ready &= state == State.RUNNING;
      if (problem == null) {
        problem = problem(entry.getKey(), entry.getValue(), now);
      }
    }
    return new Status(problem == null, ready, states, problem);
  }

  private String problem(String topology, Observed observed, Instant now) {
    return switch (observed.state()) {
      case ERROR, PENDING_ERROR -> topology + " has failed (" + observed.state() + ")";
      case PENDING_SHUTDOWN, NOT_RUNNING -> closing ? null : topology + " has stopped (" + observed.state() + ")";
      case CREATED, REBALANCING -> Duration.between(observed.since(), now).compareTo(stuckAfter) > 0
          ? topology + " has been " + observed.state() + " for more than " + stuckAfter.toSeconds() + " s" : null;
      case RUNNING -> null;
    };
  }
}
