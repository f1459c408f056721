package io.logwarden.detect;

import io.logwarden.detect.ReferenceSshLog.Outcome;
import io.logwarden.detect.ReferenceSshLog.SignIn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The sign-in detection rules as written, computed the slow and obvious way, to compare the
 * pipeline's alerts with. It reads like the specification:
 *
 * <ul>
 *   <li>Events are taken in time order, equal times in line order. The window of length W ending
 *       at an event at time t holds the matching events already taken with times in (t − W, t].
 *   <li>An alert opens at an event where the rule's condition first holds for a (rule, key). For
 *       600 s of event time after the opening, every matching event for that key updates it (same
 *       alert, status UPDATED), whether or not the condition still holds: count is the number of
 *       matching events in the window ending at that event, last_seen its time; first_seen stays the
 *       time of the first event of the opening window. From opened_at + 600 s on, an event where the
 *       condition holds opens a new alert; one where it does not changes nothing.
 *   <li>Keys are given as the pipeline writes them (pseudonyms); an event without the key field
 *       does not count for a rule keyed by that field.
 * </ul>
 */
public final class ReferenceDetector {

  static final String BRUTE_FORCE_SOURCE = "auth.brute_force.source";
  static final String BRUTE_FORCE_USER = "auth.brute_force.user";
  static final String PASSWORD_SPRAYING = "auth.password_spraying";
  static final String SUCCESS_AFTER_FAILURES = "auth.success_after_failures";

  /** How long after its opening an alert takes updates and its (rule, key) cannot open another. */
  static final Duration SUPPRESSION = Duration.ofSeconds(600);

  public enum Status { OPEN, UPDATED }

  /** One record of an alert on the alerts topic. */
  public record State(Status status, long count, Long distinctCount, Instant firstSeen, Instant lastSeen, Instant detectedAt) {}

  /** One alert: every state it went through, the opening one first. */
  public record Alert(String ruleId, String keyField, String key, Instant openedAt, List<State> states) {
    public State opening() {
      return states.get(0);
    }

    public State last() {
      return states.get(states.size() - 1);
    }
  }

  private ReferenceDetector() {}

  /** The events in processing order: by time, then by line (a repeated line's events in turn). */
  static List<SignIn> inOrder(List<SignIn> events) {
    List<SignIn> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(SignIn::time).thenComparingInt(SignIn::line).thenComparingInt(SignIn::repeat));
    return sorted;
  }

  /** Rule 1: at least 8 failed sign-ins from the same source within any 120 s. */
  static List<Alert> bruteForceBySource(List<SignIn> events) {
    return countThreshold(BRUTE_FORCE_SOURCE, "source.address", events, SignIn::source, 8, Duration.ofSeconds(120));
  }

  /** Rule 2: at least 10 failed sign-ins for the same user within any 600 s. */
  static List<Alert> bruteForceByUser(List<SignIn> events) {
    return countThreshold(BRUTE_FORCE_USER, "actor.user", events, SignIn::user, 10, Duration.ofSeconds(600));
  }

  /**
   * Rule 3: at least 10 distinct users with failed sign-ins from the same source within any 600 s.
   * Every failed sign-in from the source is a matching event (count), also one that names no user;
   * distinct_count is the number of distinct users named in the window.
   */
  static List<Alert> passwordSpraying(List<SignIn> events) {
    Duration window = Duration.ofSeconds(600);
    Alerts alerts = new Alerts(PASSWORD_SPRAYING, "source.address");
    Map<String, Deque<SignIn>> windows = new HashMap<>();
    for (SignIn event : inOrder(events)) {
      if (event.outcome() != Outcome.FAILURE || event.source() == null) {
        continue;
      }
      Deque<SignIn> in = slide(windows, event.source(), event, window);
      Set<String> users = new HashSet<>();
      in.forEach(e -> {
        if (e.user() != null) {
          users.add(e.user());
        }
      });
      alerts.offer(event.source(), event.time(), users.size() >= 10, in.size(), (long) users.size(), in.peekFirst().time());
    }
    return alerts.all();
  }

  /**
   * Rule 4: a successful sign-in for a user who had at least 5 failed sign-ins in the 600 s window
   * ending at the success. The successes for the user are the matching events that open and update
   * the alert; count is the failures in the window ending at the success, first_seen the first of
   * them.
   */
  static List<Alert> successAfterFailures(List<SignIn> events) {
    Duration window = Duration.ofSeconds(600);
    Alerts alerts = new Alerts(SUCCESS_AFTER_FAILURES, "actor.user");
    Map<String, Deque<SignIn>> failures = new HashMap<>();
    for (SignIn event : inOrder(events)) {
      if (event.user() == null) {
        continue;
      }
      if (event.outcome() == Outcome.FAILURE) {
        failures.computeIfAbsent(event.user(), u -> new ArrayDeque<>()).addLast(event);
        continue;
      }
      Deque<SignIn> in = failures.computeIfAbsent(event.user(), u -> new ArrayDeque<>());
      evict(in, event.time(), window);
      Instant first = in.isEmpty() ? event.time() : in.peekFirst().time();
      alerts.offer(event.user(), event.time(), in.size() >= 5, in.size(), null, first);
    }
    return alerts.all();
  }

  /** Rules 1 and 2: at least {@code threshold} failed sign-ins with the same key within {@code window}. */
  private static List<Alert> countThreshold(String ruleId, String keyField, List<SignIn> events,
      Function<SignIn, String> keyOf, int threshold, Duration window) {
    Alerts alerts = new Alerts(ruleId, keyField);
    Map<String, Deque<SignIn>> windows = new HashMap<>();
    for (SignIn event : inOrder(events)) {
      String key = keyOf.apply(event);
      if (event.outcome() != Outcome.FAILURE || key == null) {
        continue;
      }
      Deque<SignIn> in = slide(windows, key, event, window);
      alerts.offer(key, event.time(), in.size() >= threshold, in.size(), null, in.peekFirst().time());
    }
    return alerts.all();
  }

  // Adds the event to its key's window and drops what is no longer in (t − W, t].
  private static Deque<SignIn> slide(Map<String, Deque<SignIn>> windows, String key, SignIn event, Duration window) {
    Deque<SignIn> in = windows.computeIfAbsent(key, k -> new ArrayDeque<>());
    in.addLast(event);
    evict(in, event.time(), window);
    return in;
  }

  private static void evict(Deque<SignIn> in, Instant end, Duration window) {
    Instant start = end.minus(window);
    while (!in.isEmpty() && !in.peekFirst().time().isAfter(start)) {
      in.removeFirst();
    }
  }

  /** The alerts of one rule: which (rule, key) has an alert open, and every state produced. */
  private static final class Alerts {
    private final String ruleId;
    private final String keyField;
    private final List<Alert> all = new ArrayList<>();
    private final Map<String, Alert> latest = new LinkedHashMap<>();

    Alerts(String ruleId, String keyField) {
      this.ruleId = ruleId;
      this.keyField = keyField;
    }

    /** A matching event for {@code key} at {@code time}, with the window ending at it. */
    void offer(String key, Instant time, boolean holds, long count, Long distinct, Instant firstOfWindow) {
      Objects.requireNonNull(key);
      Alert current = latest.get(key);
      if (current != null && time.isBefore(current.openedAt().plus(SUPPRESSION))) {
        current.states().add(new State(Status.UPDATED, count, distinct, current.opening().firstSeen(), time, time));
        return;
      }
      if (holds) {
        List<State> states = new ArrayList<>();
        states.add(new State(Status.OPEN, count, distinct, firstOfWindow, time, time));
        Alert opened = new Alert(ruleId, keyField, key, time, states);
        latest.put(key, opened);
        all.add(opened);
      }
    }

    List<Alert> all() {
      return List.copyOf(all);
    }
  }
}
