package io.logwarden.benchmarks.flood;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alerts the flood must open, computed from the planned events alone, the slow and obvious way,
 * from the written rules (docs/detection-rules.md) and the shipped rules' numbers
 * (pipeline/src/main/resources/policy/rules.yaml), with nothing of the product's detect code:
 *
 * <ul>
 *   <li>Events are taken in time order (no address and no user has two events in one millisecond, so
 *       the order of equal times never matters). The window of length W that ends at an event at time
 *       t holds the matching events with times in (t − W, t].
 *   <li>An alert opens at a matching event where the rule's condition holds and the (rule, key) has no
 *       alert opened less than the suppression (600 s) before; matching events within the
 *       suppression update the open alert instead.
 *   <li>{@code auth.brute_force.source}: at least 8 failed sign-ins from the address within 120 s.
 *       {@code auth.brute_force.user}: at least 10 failed sign-ins for the user within 600 s.
 *       {@code auth.password_spraying}: failed sign-ins for at least 10 distinct users from the address
 *       within 600 s (its count: the failed sign-ins in the window). {@code auth.success_after_failures}:
 *       a successful sign-in of the user with at least 5 failed sign-ins of the user within the 600 s
 *       ending at it (its matching events are the successes; its count: the failures in the window).
 *   <li>{@code first_seen} at opening: the time of the first event of the window (for the sequence,
 *       the first failure in it).
 * </ul>
 *
 * It takes the events in time order; the pipeline may not deliver them so (a key's events come
 * through partitions keyed by something else), and an alert then opens at the event at whose arrival
 * its window holds, up to the grace (30 s) later than in time order, or, for an event more than the
 * grace behind its key's latest, without that event: {@link AlertCheck} allows the first and reports
 * the second. The other shipped rules cannot fire on the flood (it holds no configuration change and
 * no error, and no time ahead of its arrival).
 */
public final class FloodReference {

  public static final String BRUTE_FORCE_SOURCE = "auth.brute_force.source";
  public static final String BRUTE_FORCE_USER = "auth.brute_force.user";
  public static final String PASSWORD_SPRAYING = "auth.password_spraying";
  public static final String SUCCESS_AFTER_FAILURES = "auth.success_after_failures";
  /** The rules, in report order. */
  public static final List<String> RULES = List.of(BRUTE_FORCE_SOURCE, BRUTE_FORCE_USER, PASSWORD_SPRAYING,
      SUCCESS_AFTER_FAILURES);

  /**
   * The shipped rules' numbers: threshold (or at_least), window, suppression, grace, update interval; keyed
   * by address or user.
   */
  public record RuleNumbers(String id, boolean byAddress, int threshold, long windowMs, long suppressionMs,
      long graceMs, long updateIntervalMs) {}

  public static final Map<String, RuleNumbers> NUMBERS = Map.of(
      BRUTE_FORCE_SOURCE, new RuleNumbers(BRUTE_FORCE_SOURCE, true, 8, 120_000, 600_000, 30_000, 30_000),
      BRUTE_FORCE_USER, new RuleNumbers(BRUTE_FORCE_USER, false, 10, 600_000, 600_000, 30_000, 30_000),
      PASSWORD_SPRAYING, new RuleNumbers(PASSWORD_SPRAYING, true, 10, 600_000, 600_000, 30_000, 30_000),
      SUCCESS_AFTER_FAILURES, new RuleNumbers(SUCCESS_AFTER_FAILURES, false, 5, 600_000, 600_000, 30_000, 30_000));

  /**
   * One alert the flood must open.
   *
   * @param key the address's or the user's index in the plan
   * @param openedAt ms from the flood's start: the time of the event that opened it
   * @param distinct the distinct users, for the spraying rule; else null
   * @param firstSeen ms from the flood's start
   */
  public record Expected(String ruleId, boolean byAddress, int key, long openedAt, long count, Long distinct,
      long firstSeen) {}

  private FloodReference() {}

  /** Every alert the plan's events open, rule by rule, in opening order. */
  public static List<Expected> expected(FloodPlan plan) {
    int addresses = plan.settings().addresses();
    int users = plan.settings().users();
    RuleNumbers bySource = NUMBERS.get(BRUTE_FORCE_SOURCE);
    RuleNumbers byUser = NUMBERS.get(BRUTE_FORCE_USER);
    RuleNumbers spraying = NUMBERS.get(PASSWORD_SPRAYING);
    RuleNumbers sequence = NUMBERS.get(SUCCESS_AFTER_FAILURES);

    Times[] sourceWindows = new Times[addresses];
    Times[] sprayWindows = new Times[addresses];
    Map<Integer, Map<Integer, Integer>> sprayUsers = new HashMap<>();
    Times[] userWindows = new Times[users];
    Times[] sequenceWindows = new Times[users];
    Opened opened = new Opened();
    List<Expected> expected = new ArrayList<>();

    for (int i = 0; i < plan.size(); i++) {
      long t = plan.time(i);
      int a = plan.address(i);
      int u = plan.user(i);
      if (plan.isSuccess(i)) {
        Times failures = sequenceWindows[u] == null ? (sequenceWindows[u] = new Times()) : sequenceWindows[u];
        failures.evictUpTo(t - sequence.windowMs(), null);
        long first = failures.size() == 0 ? t : failures.first();
        opened.offer(sequence, u, t, failures.size() >= sequence.threshold(), failures.size(), null, first, expected);
        continue;
      }
      // auth.brute_force.source
      Times source = sourceWindows[a] == null ? (sourceWindows[a] = new Times()) : sourceWindows[a];
      source.add(t, u);
      source.evictUpTo(t - bySource.windowMs(), null);
      opened.offer(bySource, a, t, source.size() >= bySource.threshold(), source.size(), null, source.first(), expected);
      // auth.password_spraying
      Times spray = sprayWindows[a] == null ? (sprayWindows[a] = new Times()) : sprayWindows[a];
      Map<Integer, Integer> distinct = sprayUsers.computeIfAbsent(a, k -> new HashMap<>());
      spray.add(t, u);
      distinct.merge(u, 1, Integer::sum);
      spray.evictUpTo(t - spraying.windowMs(), distinct);
      opened.offer(spraying, a, t, distinct.size() >= spraying.threshold(), spray.size(), (long) distinct.size(),
          spray.first(), expected);
      // auth.brute_force.user
      Times forUser = userWindows[u] == null ? (userWindows[u] = new Times()) : userWindows[u];
      forUser.add(t, u);
      forUser.evictUpTo(t - byUser.windowMs(), null);
      opened.offer(byUser, u, t, forUser.size() >= byUser.threshold(), forUser.size(), null, forUser.first(), expected);
      // auth.success_after_failures: the failure is a first step of the user's sequence
      Times steps = sequenceWindows[u] == null ? (sequenceWindows[u] = new Times()) : sequenceWindows[u];
      steps.add(t, u);
      steps.evictUpTo(t - sequence.windowMs(), null);
    }
    return expected;
  }

  /** The opening time of each (rule, key)'s latest alert. */
  private static final class Opened {
    private final Map<String, Map<Integer, Long>> latest = new HashMap<>();

    void offer(RuleNumbers rule, int key, long t, boolean holds, long count, Long distinct, long firstSeen,
        List<Expected> out) {
      Map<Integer, Long> byKey = latest.computeIfAbsent(rule.id(), r -> new HashMap<>());
      Long at = byKey.get(key);
      if (at != null && t < at + rule.suppressionMs()) {
        return; // updates the open alert
      }
      if (holds) {
        byKey.put(key, t);
        out.add(new Expected(rule.id(), rule.byAddress(), key, t, count, distinct, firstSeen));
      }
    }
  }

  /** A key's events in a window, oldest first: their times and users. */
  private static final class Times {
    private long[] times = new long[8];
    private int[] users = new int[8];
    private int head;
    private int size;

    void add(long t, int user) {
      if (size == times.length) {
        long[] t2 = new long[times.length * 2];
        int[] u2 = new int[times.length * 2];
        for (int k = 0; k < size; k++) {
          t2[k] = times[(head + k) % times.length];
          u2[k] = users[(head + k) % times.length];
        }
        times = t2;
        users = u2;
        head = 0;
      }
      times[(head + size) % times.length] = t;
      users[(head + size) % times.length] = user;
      size++;
    }

    /** Drops the events at or before {@code bound}: they are not in (t − W, t]; counts them out of {@code distinct}. */
    void evictUpTo(long bound, Map<Integer, Integer> distinct) {
      while (size > 0 && times[head] <= bound) {
        if (distinct != null) {
          distinct.merge(users[head], -1, (x, y) -> x + y == 0 ? null : x + y);
        }
        head = (head + 1) % times.length;
        size--;
      }
    }

    int size() {
      return size;
    }

    long first() {
      return times[head];
    }
  }
}
