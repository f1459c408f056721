package io.logwarden.it;

import io.logwarden.redact.Pseudonymizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Raw records with producer ids for the reliability tests, and what the pipeline must make of them:
 * which output topics each id belongs to, and every alert record each attack must raise, computed
 * here from the records and the shipped rules' written semantics (never from the pipeline's output).
 *
 * <p>Application lines ({@code logs.raw.app}) are INFO, or ERROR one in {@link #ERROR_EVERY}: an
 * INFO line belongs to the Better Stack store, an error also to the Sentry store (no service or
 * process, so the error-burst rule has no key for them). Attacks ({@code logs.raw.auth}) are
 * brute forces: {@link Attack#FAILURES} failed sign-ins of one user from one address, 3 s apart in
 * event time, then a successful sign-in; their lines belong to Better Stack and security events.
 * Each attack's lines carry the attack as Kafka key, so they stay in order on one raw partition, and
 * one user, so they stay in order on one security-events partition.
 */
public final class ReliabilityWorkload {

  public static final String APP_TOPIC = "logs.raw.app";
  public static final String AUTH_TOPIC = "logs.raw.auth";
  public static final String BETTERSTACK = "store.betterstack";
  public static final String SENTRY = "store.sentry";
  public static final String SECURITY_EVENTS = "security.events";
  public static final String ALERTS = "security.alerts";
  public static final String DLQ = "logs.dlq";
  /** Every output topic an event or a dead letter may reach. */
  public static final List<String> OUTPUT_TOPICS =
      List.of(BETTERSTACK, SENTRY, "store.posthog", "store.langfuse", SECURITY_EVENTS, ALERTS, DLQ);
  static final int ERROR_EVERY = 50;
  private static final Instant ATTACK_EPOCH = Instant.parse("2026-01-05T00:00:00Z");

  /** One raw record and the output topics its event must reach, each exactly once. */
  public record Raw(String topic, String key, String id, String value, Set<String> destinations) {}

  /** An alert the rules must raise: rule, key (a pseudonym), and the counts of its records in order (OPEN first). */
  public record ExpectedAlert(String ruleId, String key, List<Long> counts) {}

  /**
   * A brute force: {@link #FAILURES} failed sign-ins of {@code user} from {@code address}, then one
   * success.
   */
  public record Attack(String run, int index) {
    public static final int FAILURES = 12;
    /** Lines per attack: the failures, then the success. */
    public static final int LINES = FAILURES + 1;

    public String user() {
      return "victim-" + run + "-" + index;
    }

    /** An address of 198.18.0.0/15 (benchmarking addresses), one per attack index up to 131,071. */
    public String address() {
      return "198." + (18 + index / 65_536) + "." + (index / 256 % 256) + "." + (index % 256);
    }

    /** The attack's line {@code step} (0 to {@link #LINES} - 1); the last is the success. */
    public Raw line(int step) {
      boolean success = step == FAILURES;
      String id = "auth-" + run + "-" + index + "-" + step;
      // Attacks 15 minutes apart in event time, so that no window or suppression spans two of them.
      Instant time = ATTACK_EPOCH.plus(Duration.ofMinutes(15L * index)).plusSeconds(3L * step);
      String value = "{\"@timestamp\":\"" + time + "\",\"level\":\"" + (success ? "INFO" : "WARN") + "\","
          + "\"message\":\"Sign-in " + (success ? "succeeded" : "failed") + "\","
          + "\"event\":{\"id\":\"" + id + "\",\"action\":\"user_login\",\"outcome\":\""
          + (success ? "success" : "failure") + "\"},"
          + "\"user\":{\"name\":\"" + user() + "\"},\"source\":{\"ip\":\"" + address() + "\"}}";
      return new Raw(AUTH_TOPIC, "attack-" + run + "-" + index, id, value, Set.of(BETTERSTACK, SECURITY_EVENTS));
    }

    /**
     * The alerts of the shipped rules: by source (8 failures in 120 s) opens at the 8th and updates at
     * each later failure; by user (10 in 600 s) likewise from the 10th; success after at least 5
     * failures in 600 s opens once, counting the failures. Password spraying needs 10 distinct users.
     */
    public List<ExpectedAlert> alerts(Pseudonymizer pseudonyms) {
      return alertsAfter(pseudonyms, LINES);
    }

    /** The alerts once the attack's first {@code steps} lines are processed. */
    public List<ExpectedAlert> alertsAfter(Pseudonymizer pseudonyms, int steps) {
      int failures = Math.min(steps, FAILURES);
      List<ExpectedAlert> alerts = new ArrayList<>();
      if (failures >= 8) {
        alerts.add(new ExpectedAlert("auth.brute_force.source", pseudonyms.pseudonym(address()), range(8, failures)));
      }
      if (failures >= 10) {
        alerts.add(new ExpectedAlert("auth.brute_force.user", pseudonyms.pseudonym(user()), range(10, failures)));
      }
      if (steps > FAILURES) {
        alerts.add(new ExpectedAlert("auth.success_after_failures", pseudonyms.pseudonym(user()),
            List.of((long) FAILURES)));
      }
      return alerts;
    }
  }

  private ReliabilityWorkload() {}

  /** Application line {@code n} of a run. */
  public static Raw appLine(String run, long n) {
    boolean error = n % ERROR_EVERY == 0;
    String id = "app-" + run + "-" + n;
    String time = Instant.parse("2026-01-04T00:00:00Z").plusMillis(n).toString();
    String value = "{\"@timestamp\":\"" + time + "\",\"level\":\"" + (error ? "ERROR" : "INFO") + "\","
        + "\"message\":\"" + (error ? "request " + n + " failed" : "request " + n + " served") + "\","
        + "\"event\":{\"id\":\"" + id + "\"}}";
    return new Raw(APP_TOPIC, null, id, value, error ? Set.of(BETTERSTACK, SENTRY) : Set.of(BETTERSTACK));
  }

  /**
   * {@code total} raw records of a run: application lines with the lines of {@code attacks} attacks
   * woven through them, so that every attack spans the whole stream (its step {@code s} comes in the
   * {@code s}-th of {@link Attack#LINES} equal slices). {@code total} counts both.
   */
  public static List<Raw> interleaved(String run, int total, int attacks) {
    int attackLines = attacks * Attack.LINES;
    if (attackLines > total) {
      throw new IllegalArgumentException("more attack lines than records");
    }
    return round(run, 0, total - attackLines, 0, attacks, 0, Attack.LINES);
  }

  /**
   * Application lines {@code firstApp} to {@code firstApp + appLines - 1} of a run, with steps
   * {@code fromStep} to {@code toStep - 1} of {@code attacks} attacks from {@code firstAttack} woven
   * through them: step {@code s} of every attack in the slice of the application lines for that step.
   * Attacks of different indexes never share a key, whatever their runs; the same index in two runs
   * shares its address, so a run that reuses indexes must be the only one with them.
   */
  public static List<Raw> round(String run, long firstApp, int appLines, int firstAttack, int attacks, int fromStep,
      int toStep) {
    List<Raw> records = new ArrayList<>(appLines + attacks * (toStep - fromStep));
    int steps = toStep - fromStep;
    int perSlice = appLines / steps;
    long app = firstApp;
    for (int step = fromStep; step < toStep; step++) {
      int inThisSlice = step == toStep - 1 ? appLines - perSlice * (steps - 1) : perSlice;
      int every = Math.max(1, inThisSlice / Math.max(1, attacks));
      int attack = 0;
      for (int i = 0; i < inThisSlice; i++) {
        records.add(appLine(run, app++));
        if (i % every == every - 1 && attack < attacks) {
          records.add(new Attack(run, firstAttack + attack++).line(step));
        }
      }
      while (attack < attacks) {
        records.add(new Attack(run, firstAttack + attack++).line(step));
      }
    }
    return records;
  }

  /** The destinations of each id of the records, in order. */
  public static Map<String, Set<String>> destinations(List<Raw> records) {
    Map<String, Set<String>> byId = new LinkedHashMap<>();
    for (Raw raw : records) {
      if (byId.put(raw.id(), raw.destinations()) != null) {
        throw new IllegalArgumentException("id " + raw.id() + " twice in the workload");
      }
    }
    return byId;
  }

  /** The alerts the attacks numbered 0 to {@code attacks} - 1 of a run must raise. */
  public static List<ExpectedAlert> alerts(String run, int attacks, Pseudonymizer pseudonyms) {
    return alertsAfter(run, 0, attacks, pseudonyms, Attack.LINES);
  }

  /** The alerts of {@code attacks} attacks from {@code firstAttack} once their first {@code steps} lines are processed. */
  public static List<ExpectedAlert> alertsAfter(String run, int firstAttack, int attacks, Pseudonymizer pseudonyms,
      int steps) {
    List<ExpectedAlert> alerts = new ArrayList<>();
    for (int i = firstAttack; i < firstAttack + attacks; i++) {
      alerts.addAll(new Attack(run, i).alertsAfter(pseudonyms, steps));
    }
    return alerts;
  }

  private static List<Long> range(long from, long to) {
    List<Long> counts = new ArrayList<>();
    for (long c = from; c <= to; c++) {
      counts.add(c);
    }
    return counts;
  }
}
