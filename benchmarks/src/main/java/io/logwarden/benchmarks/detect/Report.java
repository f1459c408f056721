package io.logwarden.benchmarks.detect;

import io.logwarden.policy.Policy;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures as Markdown tables. */
final class Report {

  /** More than this many cores used by other processes marks a measurement as disturbed. */
  private static final double DISTURBED_CORES = 0.2;

  private final PrintStream out;

  Report(PrintStream out) {
    this.out = out;
  }

  void header(Map<String, String> machine, Policy policy) {
    out.println("## Detect topology on a real broker (" + LocalDate.now() + ")");
    out.println();
    out.println("| machine | |");
    out.println("|---|---|");
    machine.forEach((key, value) -> row(key, value));
    row("broker", "in-process single-node KRaft broker (`EmbeddedKafkaBroker`) in the benchmark's JVM; topics "
        + "from the shipped policy (`" + policy.topics().securityEvents().name() + "`: "
        + policy.topics().partitions() + " partitions)");
    out.println();
  }

  void settings(Map<String, String> streams, Map<String, String> producer, Map<String, String> overrides) {
    out.println("| client setting | value |");
    out.println("|---|---|");
    streams.forEach((key, value) -> row("detect (Streams) " + key, value));
    row("detect overrides (`--streams-config`)", overrides.isEmpty() ? "none" : overrides.toString());
    if (producer != null) {
      producer.forEach((key, value) -> row("latency load producer " + key, value));
    }
    AlertReader.settings().forEach((key, value) -> row("alert consumer " + key, value));
    out.println();
  }

  void latency(LatencyPhase.Result r) {
    LatencyPhase.Settings s = r.settings();
    double attacksPerSecond = 1000.0 / s.attackInterval().toMillis();
    out.println("### Alert latency");
    out.println();
    out.println("| figure | value |");
    out.println("|---|---|");
    row("detect topology measured", r.topology());
    row("load (open loop)", String.format(Locale.ROOT,
        "%,.0f events/s: %,.0f/s background failed sign-ins round robin over %,d source addresses and %,d users "
            + "(at most %d per source per %d s), and %.0f attacks/s of %d failed sign-ins from a fresh source",
        s.rate(), s.rate() - attacksPerSecond * SignInEvents.ATTACK_SIZE, r.backgroundSources(), r.backgroundUsers(),
        SignInEvents.BACKGROUND_PER_SOURCE_WINDOW, SignInEvents.SOURCE_WINDOW.toSeconds(), attacksPerSecond,
        SignInEvents.ATTACK_SIZE));
    row("achieved send rate", String.format(Locale.ROOT, "%,.0f events/s (%,d events, %d send errors); sender "
        + "at most %.1f ms behind schedule", r.achievedRate(), r.eventsSent(), r.sendErrors(),
        r.maxSenderLag().toNanos() / 1e6));
    row("measured", String.format(Locale.ROOT, "%d s after %d s warm-up: %,d attacks", s.measure().toSeconds(),
        s.warmup().toSeconds(), r.attacksMeasured()));
    row("**attacks without an alert**", "**" + r.attacksWithoutAlert() + "**"
        + (r.attacksFailedToSend() > 0 ? " (" + r.attacksFailedToSend() + " more failed to send)" : ""));
    row("**alert latency**, 8th event handed to the producer → OPEN alert read (p50 / p90 / p99 / max)",
        "**" + percentiles(r.handedToSeenMs()) + "**");
    row("alert latency from the 8th event's ack (p50 / p90 / p99 / max)", percentiles(r.ackedToSeenMs()));
    row("produce latency of the 8th event, handed → acked (p50 / p90 / p99 / max)", percentiles(r.handedToAckedMs()));
    row("brute-force alerts on background sources (should be 0)", String.valueOf(r.unexpectedBruteForceAlerts()));
    row("alerts read, by rule and status", r.alertsByRuleAndStatus().isEmpty() ? "none"
        : r.alertsByRuleAndStatus().toString());
    cpu(r.cpu(), "measured period");
    out.println();
    out.println("Alert latency by " + LatencyPhase.INTERVAL.toSeconds() + " s of the measured period "
        + "(handed → read; p50 / p99 / max):");
    out.println();
    out.println("| seconds | attacks alerted | latency |");
    out.println("|---|---|---|");
    long step = LatencyPhase.INTERVAL.toSeconds();
    List<List<Double>> intervals = r.handedToSeenByInterval();
    for (int i = 0; i < intervals.size(); i++) {
      List<Double> values = new ArrayList<>(intervals.get(i));
      Collections.sort(values);
      out.println("| " + i * step + "–" + (i + 1) * step + " | " + values.size() + " | " + (values.isEmpty() ? "n/a"
          : String.format(Locale.ROOT, "%.0f / %.0f / %.0f ms", rank(values, 50), rank(values, 99),
              values.get(values.size() - 1))) + " |");
    }
    out.println();
  }

  void throughput(ThroughputPhase.Result r) {
    ThroughputPhase.Settings s = r.settings();
    out.println("### Detect throughput from a backlog");
    out.println();
    out.println("| figure | value |");
    out.println("|---|---|");
    row("detect topology measured", r.topology());
    row("backlog", String.format(Locale.ROOT, "%,d security events preloaded before the topology starts: "
            + "%.0f%% of background sign-ins succeed, the rest fail, round robin over sources and users; an attack "
            + "(8 failures from a fresh source) every %d ms of event time: %,d attacks; event times increase "
            + "at %,.0f events/s over %d s, ending now", r.preloaded(), s.successShare() * 100,
        s.attackInterval().toMillis(), r.attacksPlanted(), s.eventTimeRate(), r.eventTimeSpan().toSeconds()));
    row("preload", String.format(Locale.ROOT, "%.1f s (%,.0f events/s produced)", seconds(r.preloadTime()),
        r.preloaded() / seconds(r.preloadTime())));
    row("start → RUNNING", String.format(Locale.ROOT, "%.1f s", seconds(r.toRunning())));
    row("**start → input committed** (group's committed offsets = end offsets of `security.events`)",
        String.format(Locale.ROOT, "%.1f s: **%,.0f events/s** (%,.0f events/s from RUNNING)",
            seconds(r.toInputCommitted()), r.inputEventsPerSecond(), r.inputEventsPerSecondFromRunning()));
    row("start → drained (repartition topics committed too)", String.format(Locale.ROOT, "%.1f s: %,.0f events/s",
        seconds(r.toDrained()), r.drainedEventsPerSecond()));
    row("attacks alerted (OPEN `" + SignInEvents.BRUTE_FORCE_SOURCE_RULE + "`)",
        r.attacksAlerted() + " of " + r.attacksPlanted());
    row("brute-force alerts on background sources (should be 0)", String.valueOf(r.unexpectedBruteForceAlerts()));
    row("records dropped by Streams (late, expired windows; `dropped-records-total`)",
        String.format(Locale.ROOT, "%,.0f", r.droppedRecords()));
    cpu(r.cpu(), "start → drained");
    out.println();
  }

  private void cpu(CpuUsage.Report cpu, String period) {
    cpu.busiestThreads().forEach((thread, cores) ->
        Progress.log("cpu over the %s: %.3f cores in thread %s", period, cores, thread));
    StringBuilder groups = new StringBuilder();
    cpu.byGroup().forEach((group, cores) -> {
      if (groups.length() > 0) {
        groups.append(", ");
      }
      groups.append(group).append(String.format(Locale.ROOT, " %.2f", cores));
    });
    row("CPU over the " + period + " (cores of " + cpu.cores() + ")", String.format(Locale.ROOT,
        "machine %.0f%% busy; this JVM %.2f cores: %s; other processes %.2f cores%s", cpu.machineBusy() * 100,
        cpu.processCores(), groups, cpu.otherProcessesCores(),
        cpu.otherProcessesCores() > DISTURBED_CORES ? " (**disturbed**: repeat)" : ""));
  }

  private static String percentiles(List<Double> values) {
    if (values.isEmpty()) {
      return "n/a";
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return String.format(Locale.ROOT, "%.0f / %.0f / %.0f / %.0f ms", rank(sorted, 50), rank(sorted, 90),
        rank(sorted, 99), sorted.get(sorted.size() - 1));
  }

  /** Nearest-rank percentile. */
  private static double rank(List<Double> sorted, double percentile) {
    int index = (int) Math.ceil(percentile / 100 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static double seconds(java.time.Duration duration) {
    return duration.toNanos() / 1e9;
  }

  private void row(String key, String value) {
    out.println("| " + key + " | " + value + " |");
  }
}
