package io.logwarden.benchmarks.flood;

import io.logwarden.benchmarks.flood.AlertCheck.Records;
import io.logwarden.benchmarks.flood.AlertCheck.RuleResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/** The Markdown report of one run. */
final class FloodReport {

  private static final double MIB = 1024.0 * 1024.0;

  private final FloodRun run;
  private final StringBuilder md = new StringBuilder();

  FloodReport(FloodRun run) {
    this.run = run;
  }

  String render() {
    FloodPlan.Settings s = run.settings;
    AttackFloodBenchmark o = run.options;
    AlertCheck.Result check = run.check;
    line("# Attack flood through normalize and detect (" + LocalDate.now() + ")");
    line("");
    line(String.format(Locale.ROOT, "`AttackFloodBenchmark`%s: %,d failed sshd sign-ins (and %,d successes) from "
            + "%,d source addresses against %,d users, dated over %d s of event time and written to `%s` as fast as "
            + "one producer can, under %,.0f background records/s, through the normalize and detect topologies of "
            + "`logwarden run` on an in-process broker. Run took %.0f s.",
        o.smoke ? " `--smoke` (measures nothing)" : "", run.flood.failures(), run.flood.successes(), s.addresses(),
        s.users(), s.spanMs() / 1000, "logs.raw." + AttackFloodBenchmark.FLOOD_SOURCE, o.backgroundRate,
        run.runSeconds));
    line("");
    headline(check);
    setup();
    alerts(check);
    records(check);
    lag();
    memory();
    machine();
    line("## How to run");
    line("");
    line("```sh");
    line("mvn -o -q -DskipTests package -pl schemas,pipeline,tools,benchmarks");
    line("java -Xmx2g -cp \"benchmarks/target/benchmarks.jar:benchmarks/target/lib/*\" "
        + "io.logwarden.benchmarks.flood.AttackFloodBenchmark --out report.md --series series.tsv   # --help: options");
    line("```");
    return md.toString();
  }

  private void headline(AlertCheck.Result check) {
    Records all = check.allRecords();
    LagSampler.Sample peak = max(LagSampler.Sample::rssBytes);
    line("| figure | measured | target |");
    line("|---|---|---|");
    row("expected alerts (rule, key, opening time) read", String.format(Locale.ROOT,
        "%,d of %,d present, **%,d missing**; of the present: %,d exactly as expected (opening time, count, first_seen), "
            + "%,d at the expected time with another count or first_seen, %,d opened later within the grace (events "
            + "out of order); unexpected alerts on the flood's keys: %,d; events counted late by the four rules: %s",
        check.expected() - check.missingCount(), check.expected(), check.missingCount(), check.exactCount(),
        check.sameTimeCount(), check.laterCount(), check.unexpectedCount(), lateEvents()), "all present, none missing");
    row("alert records per alert id (max / median / p99)", String.format(Locale.ROOT,
        "%d / %s / %d over %,d alerts of the flood; over the bound: %,d (%,d counting the CLOSED record still owed)",
        all.max(), number(all.median()), all.p99(), all.alerts(), all.violations(), all.violationsIfClosed()),
        "≤ 2 + (last_seen − first_seen) ÷ 30 s + log2(count ÷ threshold) for every alert");
    row("detect's lag (inputs and repartition topics) under 5 s (and staying so) after the flood's last record",
        seconds(run.detectRecoveredMs) + "; whole pipeline (normalize too): " + seconds(run.pipelineRecoveredMs)
            + "; " + (run.allPresentAfterMs != null ? "every expected alert read after " + seconds(run.allPresentAfterMs)
            : String.format(Locale.ROOT, "%,d expected alerts never read", check.missingCount())), "≤ 60 s");
    row("flood producer", String.format(Locale.ROOT, "%,.0f records/s (%,.0f failed sign-ins/s, %.1f MB/s): %,d "
            + "records in %.1f s", run.flood.records() / run.flood.seconds(), run.flood.failures() / run.flood.seconds(),
        run.flood.bytes() / run.flood.seconds() / 1e6, run.flood.records(), run.flood.seconds()), "");
    row("memory, largest sample", String.format(Locale.ROOT,
        "RSS %s MiB (peak VmHWM %s MiB); heap used %s MiB; RocksDB block cache %s MiB, memtables %s MiB", mib(peak == null
            ? -1 : peak.rssBytes()), mib(maxOf(LagSampler.Sample::peakRssBytes)), mib(maxOf(LagSampler.Sample::heapUsedBytes)),
        mib(maxOf(LagSampler.Sample::blockCacheBytes)), mib(maxOf(LagSampler.Sample::memtableBytes))),
        "RocksDB within its " + run.rocksDbBudgetMb + " MiB budget");
    row("machine", run.machine.get("cores (nproc)") + " cores; load averages (1/5/15 min) "
        + load(run.loadAtStart) + " at start, " + load(run.loadAtEnd) + " at end, 1-min at most "
        + number(run.samples.stream().mapToDouble(LagSampler.Sample::load1).max().orElse(Double.NaN)), "");
    line("");
  }

  private void setup() {
    FloodPlan.Settings s = run.settings;
    FloodPlan plan = run.plan;
    AttackFloodBenchmark o = run.options;
    line("## Setup");
    line("");
    line("| | |");
    line("|---|---|");
    row("broker", "in-process single-node KRaft broker (`EmbeddedKafkaBroker`) in the benchmark's JVM, topics of the "
        + "shipped policy (3 partitions each) and two raw topics of 3 partitions: `logs.raw."
        + AttackFloodBenchmark.BACKGROUND_SOURCE + "` (background), `logs.raw." + AttackFloodBenchmark.FLOOD_SOURCE
        + "` (flood)");
    row("topologies", "normalize and detect, each as `logwarden run` configures it (`StreamsProperties`, "
        + "`LogwardenConfig.local`: exactly-once v2, RocksDB budget " + run.rocksDbBudgetMb + " MiB), one stream "
        + "thread each, the shipped policy and rules (update_interval 30 s); detect: " + run.topology);
    run.detectSettings.forEach((k, v) -> row("detect " + k, v));
    run.normalizeSettings.forEach((k, v) -> row("normalize " + k, v));
    row("overrides (`--streams-config`)", o.streamsOverrides.isEmpty() ? "none" : o.streamsOverrides.toString());
    row("background", String.format(Locale.ROOT, "%,.0f records/s open loop for the whole run (%,d sent in %.0f s): %s",
        o.backgroundRate, run.backgroundSent, run.backgroundSeconds, run.backgroundDescription));
    row("background producer", run.backgroundProducerSettings.toString());
    long invalid = 0;
    for (int i = 0; i < plan.size(); i++) {
      if (!plan.isSuccess(i) && !plan.isValidUser(plan.user(i))) {
        invalid++;
      }
    }
    int sprayers = 0;
    for (int a = 0; a < s.addresses(); a++) {
      sprayers += plan.isSprayer(a) ? 1 : 0;
    }
    row("flood", String.format(Locale.ROOT, "%,d failed sign-ins, of which %,d for users that do not exist (each "
            + "after its \"Invalid user\" notice line) and %,d in password sprays (%d addresses, 20 to 60 users each "
            + "within 20 to 90 s), %,d from %,d low-and-slow addresses (1 to 6 each over the span), the rest from "
            + "%,d brute-forcing addresses (heavy-tailed, 1 to 3 target users each); %,d successful sign-ins "
            + "(\"Accepted password\") of up to %d users right after failures; %,d raw lines; event times %s to %s "
            + "(seed %d)", run.flood.failures(), invalid, plan.sprayFailures(), sprayers, plan.lowAndSlowFailures(),
        plan.lowAndSlowAddresses(), s.addresses() - sprayers - plan.lowAndSlowAddresses(), run.flood.successes(),
        s.compromisedUsers(), run.flood.records(),
        Instant.ofEpochMilli(run.floodStartMs), Instant.ofEpochMilli(run.floodStartMs + plan.time(plan.size() - 1)),
        s.seed()));
    row("flood lines", "rsyslog's high-precision format, e.g. `" + plan.line(0, plan.linesOf(0) - 1, run.floodStartMs)
        + (o.rawPartitioning == AttackFloodBenchmark.RawPartitioning.single ? "`; keyed by host, all in partition 0 ("
            : "`; keyed by host, one partition per host (") + s.hosts() + " hosts); records per partition "
        + java.util.Arrays.toString(run.flood.perPartition()));
    row("flood producer", run.flood.settings().toString());
    row("reference", "`FloodReference`: the expected OPEN alerts of `auth.brute_force.source`, `auth.brute_force.user`, "
        + "`auth.password_spraying` and `auth.success_after_failures` from the planned events alone, by the written "
        + "semantics (sliding windows (t − W, t], suppression 600 s), the shipped thresholds and windows; keys "
        + "compared as pseudonyms (the product's `Pseudonymizer` under the benchmark's key). Expected: "
        + run.expectedByRule);
    row("lag sampled", "every " + o.sampleMs + " ms: " + run.lagTopics);
    line("");
  }

  private void alerts(AlertCheck.Result check) {
    line("## Expected alerts");
    line("");
    line("An expected alert is present when an alert of its rule and key opened at its opening time or up to the "
        + "rule's grace (30 s) after it: the window holds in the events' time order, but the pipeline may deliver a "
        + "key's events out of order (its topics are partitioned by other keys), and an alert opens at the event at "
        + "whose arrival the window holds; an event more than the grace behind its key's latest is not counted at all. "
        + "Exact: also the count (and distinct count) and first_seen of the opening window.");
    line("");
    line("| rule | expected | present | exact | same time, other count or first_seen | later (median / max delay) | missing | unexpected (flood keys) | keys with an expected alert / with any alert of the rule | events counted late (warm-up / after) |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (RuleResult r : check.byRule().values()) {
      Map<String, Double> m = run.metrics.get(r.ruleId());
      Map<String, Double> w = run.metricsAtFloodStart == null ? null : run.metricsAtFloodStart.get(r.ruleId());
      String late = m == null ? "-" : w == null ? String.format(Locale.ROOT, "%,.0f", m.get("late events"))
          : String.format(Locale.ROOT, "%,.0f / %,.0f", w.get("late events"), m.get("late events") - w.get("late events"));
      line(String.format(Locale.ROOT, "| `%s` | %,d | %,d | %,d | %,d | %,d (%s / %s) | %,d | %,d | %,d / %,d | %s |",
          r.ruleId(), r.expected(), r.present(), r.exact(), r.sameTime(), r.later(), seconds(r.medianDelayMs()),
          seconds(r.maxDelayMs()), r.missing(), r.unexpected(), r.keys(), r.keysAlerted(), late));
    }
    line("");
    line(String.format(Locale.ROOT, "Alerts on keys of the background (not checked): %,d %s. Alert records read in "
            + "all: %,d. Alerts of the flood whose OPEN record was not read: %d.", check.backgroundAlerts(),
        check.backgroundByRule(), run.alertRecordsRead, check.withoutOpen()));
    line("");
    line("Late events come from the background too: its corpus repeats lines of different dates for the same users "
        + "and addresses (the warm-up's figure is the background's alone). Over the run: " + lateEvents() + ".");
    list("Missing (first " + check.missing().size() + ")", check.missing());
    list("At the expected time, another count or first_seen (first " + check.differing().size() + ")", check.differing());
    list("Opened later within the grace (first " + check.later().size() + ")", check.later());
    list("Unexpected (first " + check.unexpected().size() + ")", check.unexpected());
    line("");
  }

  private void records(AlertCheck.Result check) {
    line("## Alert records per alert id");
    line("");
    line("Records read under each alert id of the flood's keys, against the bound 2 + (last_seen − first_seen) ÷ "
        + "update_interval + log2(count ÷ threshold), count being the largest count its records carried (the distinct "
        + "count for password spraying). "
        + (run.allClosed == null ? "CLOSED records were not waited for (`--close-wait 0`)"
            : run.allClosed ? String.format(Locale.ROOT, "Every alert of the flood had its CLOSED record (waited %.0f s)",
                run.closeWaitedMs / 1e3)
            : String.format(Locale.ROOT, "Not every alert had its CLOSED record after %.0f s", run.closeWaitedMs / 1e3))
        + "; \"with CLOSED owed\" counts one more record for each alert still without it.");
    line("");
    line("| rule | alerts | records | max | median | p99 | escalation records | without CLOSED | over bound | over bound with CLOSED owed | largest records ÷ bound |");
    line("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (Records r : check.records().values()) {
      recordsRow("`" + r.ruleId() + "`", r);
    }
    recordsRow("all", check.allRecords());
    list("Over the bound (the furthest over, up to 10 per rule)", check.violations());
    line("");
    line("logwarden's detect metrics (the run's meter registry):");
    line("");
    line("| rule | late events | signals tallied | updates coalesced | OPEN | UPDATED | CLOSED |");
    line("|---|---:|---:|---:|---:|---:|---:|");
    run.metrics.forEach((rule, m) -> line(String.format(Locale.ROOT, "| `%s` | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f |",
        rule, m.get("late events"), m.get("signals tallied"), m.get("updates coalesced"), m.get("OPEN"), m.get("UPDATED"),
        m.get("CLOSED"))));
    line("");
    line(String.format(Locale.ROOT, "Records dropped by detect's tasks (Streams' dropped-records-total): %,.0f.",
        run.droppedRecords));
    line("");
  }

  /**
   * Events the four rules counted late (`logwarden.detect.late.events`), from the samples: before the
   * flood (the background's alone), from the flood's first record until detect recovered, and after; the
   * flood's share of the middle one is what the background's rate before and after does not explain.
   */
  private String lateEvents() {
    List<LagSampler.Sample> samples = run.samples;
    if (samples.size() < 3 || run.detectRecoveredMs == null) {
      double all = run.metrics.values().stream().mapToDouble(m -> m.get("late events")).sum();
      return String.format(Locale.ROOT, "%,.0f in all, the background's included (`logwarden.detect.late.events`)", all);
    }
    long floodStart = run.flood.firstSendMs();
    long recovered = run.flood.lastAckMs() + run.detectRecoveredMs;
    LagSampler.Sample first = samples.get(0);
    LagSampler.Sample beforeFlood = first;
    LagSampler.Sample atRecovery = null;
    for (LagSampler.Sample s : samples) {
      if (s.wallMs() <= floodStart) {
        beforeFlood = s;
      }
      if (atRecovery == null && s.wallMs() >= recovered) {
        atRecovery = s;
      }
    }
    LagSampler.Sample last = samples.get(samples.size() - 1);
    if (atRecovery == null) {
      atRecovery = last;
    }
    double before = rate(first, beforeFlood);
    double after = rate(atRecovery, last);
    double background = Double.isNaN(before) ? after : Double.isNaN(after) ? before : (before + after) / 2;
    long during = atRecovery.lateEvents() - beforeFlood.lateEvents();
    double seconds = (atRecovery.wallMs() - beforeFlood.wallMs()) / 1e3;
    double flood = Math.max(0, during - (Double.isNaN(background) ? 0 : background * seconds));
    long signals = 4 * run.flood.failures() + run.flood.successes();
    return String.format(Locale.ROOT, "%,d from the flood's first record until detect recovered, of which about %,.0f "
            + "(%.1f%% of the flood's %,d signals to the four rules) the flood's, the rest the background's (%.0f/s "
            + "before the flood, %.0f/s after recovery)", during, flood, 100 * flood / signals, signals, before, after);
  }

  private static double rate(LagSampler.Sample from, LagSampler.Sample to) {
    double seconds = (to.wallMs() - from.wallMs()) / 1e3;
    return seconds < 1 ? Double.NaN : (to.lateEvents() - from.lateEvents()) / seconds;
  }

  private void recordsRow(String name, Records r) {
    line(String.format(Locale.ROOT, "| %s | %,d | %,d | %d | %s | %d | %,d | %,d | %,d | %,d | %.2f |", name, r.alerts(),
        r.total(), r.max(), number(r.median()), r.p99(), r.escalations(), r.notClosed(), r.violations(),
        r.violationsIfClosed(), r.worstRatio()));
  }

  private void lag() {
    List<LagSampler.Sample> samples = run.samples;
    long end = run.flood.lastAckMs();
    line("## Lag");
    line("");
    LagSampler.Sample maxRecords = max(LagSampler.Sample::detectRecords);
    LagSampler.Sample maxTime = max(LagSampler.Sample::detectLagMs);
    LagSampler.Sample maxNormalize = max(LagSampler.Sample::normalizeRecords);
    long afterRecovery = -1;
    if (run.detectRecoveredMs != null) {
      for (LagSampler.Sample s : samples) {
        if (s.wallMs() - end >= run.detectRecoveredMs) {
          afterRecovery = Math.max(afterRecovery, s.detectLagMs());
        }
      }
    }
    line(String.format(Locale.ROOT, "The flood's records were handed to the producer from %.1f s before its last was "
            + "acknowledged (t = 0). Detect's lag (the largest over its input and repartition partitions) was under 5 s "
            + "from t = %s on (the first sample after which it stayed under 5 s for %d s; at most %s from then to the "
            + "end of the run); normalize and detect together from t = %s. Largest lag of detect: %,d records (t = %s), "
            + "%s behind (t = %s); of normalize: %,d records (t = %s). Time lag: how long ago the first record not yet "
            + "committed was appended, from the sampled end offsets (see `LagSampler`).",
        run.flood.seconds(), seconds(run.detectRecoveredMs), run.options.stableSeconds,
        afterRecovery < 0 ? "-" : seconds(afterRecovery), seconds(run.pipelineRecoveredMs),
        maxRecords == null ? 0 : maxRecords.detectRecords(),
        maxRecords == null ? "-" : t(maxRecords), maxTime == null ? "-" : seconds(maxTime.detectLagMs()),
        maxTime == null ? "-" : t(maxTime), maxNormalize == null ? 0 : maxNormalize.normalizeRecords(),
        maxNormalize == null ? "-" : t(maxNormalize)));
    line("");
    line("| t (s) | normalize records behind | normalize s behind | detect input records | detect repartition records | "
        + "detect s behind | alert records read | events counted late | RSS MiB | heap used MiB | block cache MiB | "
        + "memtables MiB | load (1 min) |");
    line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    long step = run.options.tableStepSeconds * 1000;
    long recoveredAt = run.pipelineRecoveredMs == null ? Long.MAX_VALUE : run.pipelineRecoveredMs;
    long next = Long.MIN_VALUE;
    LagSampler.Sample previous = null;
    for (int i = 0; i < samples.size(); i++) {
      LagSampler.Sample s = samples.get(i);
      long at = s.wallMs() - end;
      boolean last = i == samples.size() - 1;
      boolean firstAfterEnd = previous != null && previous.wallMs() <= end && s.wallMs() > end;
      if (at >= next || last || firstAfterEnd) {
        line(String.format(Locale.ROOT, "| %.0f | %,d | %.1f | %,d | %,d | %.1f | %,d | %,d | %s | %s | %s | %s | %.2f |",
            at / 1e3, s.normalizeRecords(), s.normalizeLagMs() / 1e3, s.detectInputRecords(), s.detectRepartitionRecords(),
            s.detectLagMs() / 1e3, s.alertRecords(), s.lateEvents(), mib(s.rssBytes()), mib(s.heapUsedBytes()), mib(s.blockCacheBytes()),
            mib(s.memtableBytes()), s.load1()));
        long rowStep = at > recoveredAt + 30_000 ? Math.max(step, 60_000) : step;
        next = Math.floorDiv(at, rowStep) * rowStep + rowStep;
      }
      previous = s;
    }
    line("");
  }

  private void memory() {
    List<LagSampler.Sample> samples = run.samples;
    LagSampler.Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
    line("## Memory");
    line("");
    line("Broker, both topologies and the harness share one JVM, so RSS and heap are all of them; RocksDB is detect's "
        + "state stores (normalize has none). Block cache: the one cache of the bounded configuration (it also holds the "
        + "memtables' reservations); memtables and table readers summed over detect's stores.");
    line("");
    line("| | largest sample | at the end |");
    line("|---|---:|---:|");
    memoryRow("RSS (VmRSS), MiB", LagSampler.Sample::rssBytes, last);
    memoryRow("peak RSS (VmHWM), MiB", LagSampler.Sample::peakRssBytes, last);
    memoryRow("heap used, MiB", LagSampler.Sample::heapUsedBytes, last);
    memoryRow("heap committed, MiB", LagSampler.Sample::heapCommittedBytes, last);
    memoryRow("RocksDB block cache in use, MiB", LagSampler.Sample::blockCacheBytes, last);
    memoryRow("RocksDB memtables, MiB", LagSampler.Sample::memtableBytes, last);
    memoryRow("RocksDB table readers (outside the cache), MiB", LagSampler.Sample::tableReadersBytes, last);
    line("");
  }

  private void memoryRow(String name, ToLongFunction<LagSampler.Sample> field, LagSampler.Sample last) {
    line("| " + name + " | " + mib(maxOf(field)) + " | " + (last == null ? "-" : mib(field.applyAsLong(last))) + " |");
  }

  private void machine() {
    line("## Machine");
    line("");
    line("| | |");
    line("|---|---|");
    run.machine.forEach(this::row);
    row("load averages (1/5/15 min)", "at start " + load(run.loadAtStart) + ", at end " + load(run.loadAtEnd)
        + "; 1-min sampled with the lag: at most " + number(run.samples.stream().mapToDouble(LagSampler.Sample::load1)
        .max().orElse(Double.NaN)));
    if (run.cpuCatchingUp != null) {
      row("CPU from the flood's start until recovered", String.format(Locale.ROOT,
          "%.0f s: this JVM %.2f cores, other processes %.2f cores (of %d)", run.cpuCatchingUp.seconds(),
          run.cpuCatchingUp.processCores(), run.cpuCatchingUp.otherProcessesCores(), run.cpuCatchingUp.cores()));
    }
    line("");
  }

  // ---------------------------------------------------------------------------------------------

  private LagSampler.Sample max(ToLongFunction<LagSampler.Sample> field) {
    LagSampler.Sample best = null;
    for (LagSampler.Sample s : run.samples) {
      if (best == null || field.applyAsLong(s) > field.applyAsLong(best)) {
        best = s;
      }
    }
    return best;
  }

  private long maxOf(ToLongFunction<LagSampler.Sample> field) {
    return run.samples.stream().mapToLong(field).max().orElse(-1);
  }

  private String t(LagSampler.Sample s) {
    return String.format(Locale.ROOT, "%.0f s", (s.wallMs() - run.flood.lastAckMs()) / 1e3);
  }

  private static String mib(long bytes) {
    return bytes < 0 ? "-" : String.format(Locale.ROOT, "%,.0f", bytes / MIB);
  }

  private static String seconds(Long ms) {
    return ms == null ? "never" : String.format(Locale.ROOT, "%.1f s", ms / 1e3);
  }

  private static String number(double value) {
    return Double.isNaN(value) ? "-" : value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String load(double[] load) {
    return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", load[0], load[1], load[2]);
  }

  private void list(String title, List<String> items) {
    if (items.isEmpty()) {
      return;
    }
    line("");
    line(title + ":");
    line("");
    items.forEach(item -> line("- " + item));
  }

  private void row(String key, String value) {
    line("| " + key + " | " + value.replace("|", "\\|") + " |");
  }

  private void row(String figure, String measured, String target) {
    line("| " + figure + " | " + measured + " | " + target + " |");
  }

  private void line(String text) {
    md.append(text).append('\n');
  }
}
