package io.logwarden.benchmarks.flood;

import io.logwarden.benchmarks.detect.AlertReader;
import io.logwarden.benchmarks.detect.CpuUsage;
import io.logwarden.benchmarks.detect.DetectApp;
import io.logwarden.benchmarks.detect.Progress;
import io.logwarden.benchmarks.detect.StreamsSettings;
import io.logwarden.benchmarks.flood.FloodReference.Expected;
import io.logwarden.benchmarks.pipeline.OpenLoopLoad;
import io.logwarden.config.LogwardenConfig;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.redact.Pseudonymizer;
import io.logwarden.schema.serde.TrustedRecordClasses;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An attack flood through the whole pipeline on a real broker: the in-process single-node broker with
 * the shipped policy's topics, the normalize and detect topologies as {@code logwarden run} runs them
 * (exactly-once, the shipped rules, {@code run}'s Streams settings), background traffic of the
 * benchmark corpus at a steady rate for the whole run, and, after a warm-up, a flood of failed sshd
 * sign-ins ({@link FloodPlan}) written to a raw topic as fast as a producer can. An independent
 * reference ({@link FloodReference}) computes every alert the flood must open; the alerts topic is read
 * from the start and checked against it ({@link AlertCheck}). Measured: the producer's rate, the lag of
 * both consumer groups over time (detect's with its repartition topics) and how long after the flood's
 * last record detect's lag is under 5 s, alert records per alert id against their bound, and memory
 * (RSS, heap, RocksDB). Markdown report on standard output, progress on standard error.
 *
 * <p>Exit codes: 0, every expected alert was read (opened at its time or within the rule's grace after
 * it, see {@link AlertCheck}); 2, some are missing; 3, the lag did not come under 5 s within the
 * recovery timeout (the report is printed either way).
 */
@Command(
    name = "AttackFloodBenchmark",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "An attack flood of failed sshd sign-ins through normalize and detect on an in-process broker: "
        + "every expected alert, alert records per alert, detect's lag and recovery, memory.")
public final class AttackFloodBenchmark implements Callable<Integer> {

  static final String FLOOD_SOURCE = "sshd";
  static final String BACKGROUND_SOURCE = "bench";
  /** Detect has caught up when its lag is under this. */
  static final long RECOVERED_LAG_MS = 5_000;

  @Option(names = "--flood-events", description = "Failed sign-ins in the flood (default ${DEFAULT-VALUE}).")
  long floodEvents = 1_000_000;

  @Option(names = "--flood-span", converter = Durations.class,
      description = "Event-time span of the flood, e.g. 600s or 10m (default 10m).")
  Duration floodSpan = Duration.ofMinutes(10);

  @Option(names = "--addresses", description = "Source addresses (default ${DEFAULT-VALUE}).")
  int addresses = 10_000;

  @Option(names = "--users", description = "Users tried (default ${DEFAULT-VALUE}).")
  int users = 1_000;

  @Option(names = "--spray-share", description = "Share of the addresses that spray passwords, each against "
      + "20 to 60 users within 20 to 90 s (default ${DEFAULT-VALUE}).")
  double sprayShare = 0.01;

  @Option(names = "--low-and-slow-share", description = "Share of the other addresses that try only 1 to 6 times "
      + "over the whole span (default ${DEFAULT-VALUE}).")
  double lowAndSlowShare = 0.4;

  @Option(names = "--invalid-user-share", description = "Share of the users that do not exist (default ${DEFAULT-VALUE}).")
  double invalidUserShare = 0.2;

  @Option(names = "--compromised-users", description = "Users that sign in successfully after failures "
      + "(default: a fiftieth of the users, at least 2).")
  Integer compromisedUsers;

  @Option(names = "--hosts", description = "sshd hosts attacked (default ${DEFAULT-VALUE}).")
  int hosts = 6;

  enum RawPartitioning { host, single }

  @Option(names = "--raw-partitioning", description = "How the flood's lines are spread over its raw topic's "
      + "partitions: host (default: a partition per host, as shippers keyed by host do) or single (all in partition 0, "
      + "as one relay would).")
  RawPartitioning rawPartitioning = RawPartitioning.host;

  @Option(names = "--background-rate", description = "Background raw records/s for the whole run (default ${DEFAULT-VALUE}).")
  double backgroundRate = 2_000;

  @Option(names = "--warmup", description = "Seconds of background alone before the flood (default ${DEFAULT-VALUE}).")
  long warmupSeconds = 30;

  @Option(names = "--recovery-timeout", description = "Seconds allowed after the flood for the lag to come under "
      + "5 s (default ${DEFAULT-VALUE}).")
  long recoveryTimeoutSeconds = 1_800;

  @Option(names = "--stable", description = "Seconds the lag must then stay under 5 s to count as recovered "
      + "(default ${DEFAULT-VALUE}).")
  long stableSeconds = 30;

  @Option(names = "--settle", description = "Seconds to wait after recovery for owed alert updates, which go out "
      + "30 s (update_interval) of wall-clock time after a key's last event (default ${DEFAULT-VALUE}).")
  long settleSeconds = 40;

  @Option(names = "--close-wait", description = "Seconds to wait at most, after that, for every alert of the flood "
      + "to have its CLOSED record (up to suppression + grace after its key's last event); 0: no wait "
      + "(default ${DEFAULT-VALUE}).")
  long closeWaitSeconds = 720;

  @Option(names = "--sample-ms", description = "Lag and memory sampling interval (default ${DEFAULT-VALUE}).")
  long sampleMs = 1_000;

  @Option(names = "--table-step", description = "Seconds between the rows of the lag table (default ${DEFAULT-VALUE}).")
  long tableStepSeconds = 10;

  @Option(names = "--seed", description = "Seed of the flood and the background (default ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--streams-config", paramLabel = "KEY=VALUE", description = "Overrides a Kafka Streams setting "
      + "of both topologies, e.g. commit.interval.ms=20; repeatable.")
  Map<String, String> streamsOverrides = new LinkedHashMap<>();

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the report here.")
  Path out;

  @Option(names = "--series", paramLabel = "FILE", description = "Write every lag and memory sample here (TSV).")
  Path series;

  @Option(names = "--smoke", description = "Small: 20,000 flood events over 20 s (less than the rules' 30 s grace, so "
      + "that no event can be late however the pipeline orders them), 200 addresses, 50 users, 200 background "
      + "records/s, no waiting for CLOSED records. Checks the harness; measures nothing.")
  boolean smoke;

  /** What the last run measured, for the smoke test. */
  FloodRun lastRun;

  public static void main(String[] args) {
    System.exit(new CommandLine(new AttackFloodBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (smoke) {
      floodEvents = Math.min(floodEvents, 20_000);
      floodSpan = Duration.ofSeconds(20);
      addresses = Math.min(addresses, 200);
      users = Math.min(users, 50);
      backgroundRate = Math.min(backgroundRate, 200);
      warmupSeconds = Math.min(warmupSeconds, 3);
      recoveryTimeoutSeconds = Math.min(recoveryTimeoutSeconds, 60);
      settleSeconds = 0;
      closeWaitSeconds = 0;
      tableStepSeconds = Math.min(tableStepSeconds, 2);
      stableSeconds = Math.min(stableSeconds, 5);
    }
    long runStart = System.currentTimeMillis();
    double[] loadAtStart = LagSampler.loadAverage();
    int compromised = compromisedUsers != null ? compromisedUsers : Math.max(2, users / 50);
    FloodPlan.Settings settings = new FloodPlan.Settings(floodEvents, floodSpan.toMillis(), addresses, users,
        sprayShare, lowAndSlowShare, 20, 60, compromised, invalidUserShare, hosts, seed);
    TrustedRecordClasses.trustLogwardenRecords();
    Policy policy = PolicyLoader.loadDefault();

    long planning = System.nanoTime();
    FloodPlan plan = FloodPlan.generate(settings);
    List<Expected> expected = FloodReference.expected(plan);
    Map<String, Long> expectedByRule = new LinkedHashMap<>();
    FloodReference.RULES.forEach(rule -> expectedByRule.put(rule, 0L));
    expected.forEach(e -> expectedByRule.merge(e.ruleId(), 1L, Long::sum));
    Progress.log("flood planned in %.1f s: %,d events from %,d addresses against %,d users over %d s; the reference "
        + "expects %,d alerts %s", (System.nanoTime() - planning) / 1e9, plan.size(), addresses, users,
        floodSpan.toSeconds(), expected.size(), expectedByRule);

    String floodTopic = policy.topics().rawTopic(FLOOD_SOURCE);
    String backgroundTopic = policy.topics().rawTopic(BACKGROUND_SOURCE);
    String alertsTopic = policy.topics().alerts().name();
    BackgroundCorpus corpus = BackgroundCorpus.of(seed);
    FloodRun run = new FloodRun();
    run.settings = settings;
    run.plan = plan;
    run.expectedByRule = expectedByRule;
    run.backgroundDescription = corpus.description();
    run.loadAtStart = loadAtStart;
    run.machine = machine();
    run.options = this;

    try (DetectApp app = DetectApp.start(policy, streamsOverrides); Admin admin = Admin.create(harnessClient(app))) {
      int partitions = policy.topics().partitions();
      createRawTopics(admin, List.of(backgroundTopic, floodTopic), partitions);
      app.startNormalize();
      app.startTopology();
      app.awaitRunning(Duration.ofSeconds(120));
      Progress.log("normalize and detect running");
      run.topology = app.describeTopology();
      run.detectSettings = StreamsSettings.of(app.streamsConfig());
      run.normalizeSettings = StreamsSettings.of(new StreamsConfig(app.normalizeProperties()));
      run.rocksDbBudgetMb = LogwardenConfig.DEFAULT_ROCKSDB_MEMORY_MB;

      AlertLog log = new AlertLog();
      Map<String, Object> client = app.clientProperties();
      try (AlertReader reader = new AlertReader(client, alertsTopic, true, log);
          LagSampler sampler = new LagSampler(admin, app, List.of(backgroundTopic, floodTopic), log::recordsRead,
              () -> (long) metrics(app.meters()).values().stream().mapToDouble(m -> m.get("late events")).sum(),
              Duration.ofMillis(sampleMs))) {
        run.lagTopics = sampler.describe();
        Map<String, Object> backgroundProps = new HashMap<>(client);
        backgroundProps.putAll(backgroundProducerSettings());
        backgroundProps.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-background");
        run.backgroundProducerSettings = backgroundProducerSettings();
        OpenLoopLoad background = new OpenLoopLoad(backgroundProps, List.of(backgroundTopic), corpus, 0,
            backgroundRate, 0);
        sampler.start();
        long backgroundStart = System.currentTimeMillis();
        background.start();
        try {
          Progress.log("background: %.0f records/s to %s; warm-up %d s", backgroundRate, backgroundTopic, warmupSeconds);
          await(app, reader, sampler, warmupSeconds * 1000, () -> false);

          // The flood's event time ends now: nothing in it is ahead of when it arrives.
          long startMs = (System.currentTimeMillis() - floodSpan.toMillis() - 2_000) / 1000 * 1000;
          run.floodStartMs = startMs;
          AlertCheck checker = new AlertCheck(plan, expected, startMs, new Pseudonymizer(DetectApp.KEY));
          CpuUsage cpuBefore = CpuUsage.snapshot();
          run.metricsAtFloodStart = metrics(app.meters());
          Progress.log("flood: %,d events to %s, dated from %s", plan.size(), floodTopic,
              java.time.Instant.ofEpochMilli(startMs));
          FloodProducer.Result flood = FloodProducer.send(client, floodTopic,
              rawPartitioning == RawPartitioning.single ? 1 : partitions, plan, startMs);
          run.flood = flood;
          Progress.log("flood: %,d records (%,.0f records/s, %.1f MB/s) acknowledged in %.1f s, %d errors",
              flood.records(), flood.records() / flood.seconds(), flood.bytes() / flood.seconds() / 1e6,
              flood.seconds(), flood.errors());

          long deadline = flood.lastAckMs() + recoveryTimeoutSeconds * 1000;
          long nextLog = System.currentTimeMillis() + 10_000;
          while (System.currentTimeMillis() < deadline && (run.detectRecoveredMs == null || run.pipelineRecoveredMs == null)) {
            checkHealthy(app, reader, sampler);
            List<LagSampler.Sample> samples = sampler.samples();
            LagSampler.Sample s = samples.isEmpty() ? null : samples.get(samples.size() - 1);
            run.detectRecoveredMs = recovered(samples, flood.lastAckMs(), LagSampler.Sample::detectLagMs,
                stableSeconds * 1000);
            run.pipelineRecoveredMs = recovered(samples, flood.lastAckMs(), LagSampler.Sample::pipelineLagMs,
                stableSeconds * 1000);
            if (s != null && System.currentTimeMillis() >= nextLog) {
              nextLog += 10_000;
              Progress.log("catching up: normalize %,d records / %.1f s behind; detect %,d input + %,d repartition "
                  + "records / %.1f s behind; %,d alert records read", s.normalizeRecords(), s.normalizeLagMs() / 1e3,
                  s.detectInputRecords(), s.detectRepartitionRecords(), s.detectLagMs() / 1e3, log.recordsRead());
            }
            Thread.sleep(100);
          }
          run.cpuCatchingUp = CpuUsage.snapshot().since(cpuBefore);
          Progress.log("lag under %d s: detect %s, whole pipeline %s after the flood's last record",
              RECOVERED_LAG_MS / 1000, seconds(run.detectRecoveredMs), seconds(run.pipelineRecoveredMs));

          long allPresentBy = System.currentTimeMillis() + 60_000;
          boolean present = checker.allPresent(log.entries());
          while (!present && System.currentTimeMillis() < allPresentBy) {
            checkHealthy(app, reader, sampler);
            Thread.sleep(500);
            present = checker.allPresent(log.entries());
          }
          run.allPresentAfterMs = present ? System.currentTimeMillis() - flood.lastAckMs() : null;
          Progress.log(present ? "every expected alert read" : "not every expected alert read after 60 s more");

          if (settleSeconds > 0) {
            Progress.log("settling %d s: owed alert updates", settleSeconds);
            await(app, reader, sampler, settleSeconds * 1000, () -> false);
          }
          if (closeWaitSeconds > 0) {
            Progress.log("waiting up to %d s for every flood alert's CLOSED record", closeWaitSeconds);
            long closeStart = System.currentTimeMillis();
            long[] nextCloseLog = {closeStart + 30_000};
            await(app, reader, sampler, closeWaitSeconds * 1000, () -> {
              List<AlertLog.Entry> entries = log.entries();
              boolean closed = checker.allClosed(entries);
              if (System.currentTimeMillis() >= nextCloseLog[0]) {
                nextCloseLog[0] += 30_000;
                Progress.log("%,d alert records read", log.recordsRead());
              }
              return closed;
            });
            run.allClosed = checker.allClosed(log.entries());
            run.closeWaitedMs = System.currentTimeMillis() - closeStart;
            Progress.log(run.allClosed ? "every flood alert closed after %.0f s" : "not every flood alert closed after %.0f s",
                run.closeWaitedMs / 1e3);
          }
          run.checker = checker;
        } finally {
          background.close();
          run.backgroundSent = background.sent();
          run.backgroundSeconds = (System.currentTimeMillis() - backgroundStart) / 1e3;
        }
        run.samples = sampler.samples();
      }
      run.check = run.checker.check(log.entries());
      run.alertRecordsRead = log.recordsRead();
      run.metrics = metrics(app.meters());
      run.droppedRecords = app.streamsMetricSum("stream-task-metrics", "dropped-records-total");
    }
    run.loadAtEnd = LagSampler.loadAverage();
    run.runSeconds = (System.currentTimeMillis() - runStart) / 1e3;
    FloodRun result = run;
    lastRun = result;
    String report = new FloodReport(result).render();
    System.out.print(report);
    if (out != null) {
      Files.writeString(out, report);
    }
    if (series != null) {
      List<String> lines = new ArrayList<>();
      lines.add("t_ms_from_flood_end\t" + LagSampler.Sample.HEADER);
      for (LagSampler.Sample s : result.samples) {
        lines.add((s.wallMs() - result.flood.lastAckMs()) + "\t" + s.tsv());
      }
      Files.write(series, lines);
    }
    if (result.check.missingCount() > 0) {
      return 2;
    }
    return result.detectRecoveredMs == null ? 3 : 0;
  }

  /**
   * From {@code endMs} to the first sample after it from which the lag stayed under
   * {@link #RECOVERED_LAG_MS} for {@code stableMs}; null if there is none (yet).
   */
  static Long recovered(List<LagSampler.Sample> samples, long endMs,
      java.util.function.ToLongFunction<LagSampler.Sample> lag, long stableMs) {
    for (int i = 0; i < samples.size(); i++) {
      LagSampler.Sample candidate = samples.get(i);
      if (candidate.wallMs() <= endMs || lag.applyAsLong(candidate) >= RECOVERED_LAG_MS) {
        continue;
      }
      boolean held = true;
      boolean covered = false;
      for (int j = i + 1; j < samples.size() && held; j++) {
        LagSampler.Sample later = samples.get(j);
        if (later.wallMs() > candidate.wallMs() + stableMs) {
          covered = true;
          break;
        }
        held = lag.applyAsLong(later) < RECOVERED_LAG_MS;
      }
      if (held && covered) {
        return candidate.wallMs() - endMs;
      }
    }
    return null;
  }

  private static String seconds(Long ms) {
    return ms == null ? "never" : String.format(Locale.ROOT, "%.1f s", ms / 1e3);
  }

  /** The background producer's settings: those of the pipeline comparison's load (linger 100 ms, 64 KiB batches, lz4). */
  static Map<String, String> backgroundProducerSettings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    settings.put(ProducerConfig.LINGER_MS_CONFIG, "100");
    settings.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(64 * 1024));
    settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return settings;
  }

  private static Map<String, Object> harnessClient(DetectApp app) {
    Map<String, Object> props = new HashMap<>(app.clientProperties());
    props.put("client.id", "bench-harness-admin");
    return props;
  }

  /** Sleeps up to {@code ms}, checking health, until {@code done} holds. */
  private static void await(DetectApp app, AlertReader reader, LagSampler sampler, long ms,
      java.util.function.BooleanSupplier done) throws InterruptedException {
    long until = System.currentTimeMillis() + ms;
    while (System.currentTimeMillis() < until && !done.getAsBoolean()) {
      checkHealthy(app, reader, sampler);
      Thread.sleep(Math.min(1_000, Math.max(1, until - System.currentTimeMillis())));
    }
  }

  private static void checkHealthy(DetectApp app, AlertReader reader, LagSampler sampler) {
    app.checkHealthy();
    reader.checkHealthy();
    sampler.checkHealthy();
  }

  /** Raw topics as an operator would create them: the policy's partitions, served before anything is sent. */
  private static void createRawTopics(Admin admin, List<String> topics, int partitions) throws Exception {
    List<NewTopic> create = new ArrayList<>();
    topics.forEach(topic -> create.add(new NewTopic(topic, partitions, (short) 1)));
    admin.createTopics(create).all().get();
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    topics.forEach(topic -> {
      for (int p = 0; p < partitions; p++) {
        request.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
    });
    long deadline = System.currentTimeMillis() + 60_000;
    while (true) {
      try {
        admin.listOffsets(request).all().get();
        return;
      } catch (ExecutionException e) {
        if (System.currentTimeMillis() > deadline) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  /** logwarden's own detect metrics per rule: late events, tallied signals, coalesced updates, records by status. */
  private static Map<String, Map<String, Double>> metrics(MeterRegistry meters) {
    Map<String, Map<String, Double>> byRule = new LinkedHashMap<>();
    for (String rule : FloodReference.RULES) {
      Map<String, Double> values = new LinkedHashMap<>();
      values.put("late events", sum(meters, "logwarden.detect.late.events", rule, null));
      values.put("signals tallied", sum(meters, "logwarden.detect.signals.tallied", rule, null));
      values.put("updates coalesced", sum(meters, "logwarden.alert.updates.coalesced", rule, null));
      values.put("OPEN", sum(meters, "logwarden.alerts", rule, "OPEN"));
      values.put("UPDATED", sum(meters, "logwarden.alerts", rule, "UPDATED"));
      values.put("CLOSED", sum(meters, "logwarden.alerts", rule, "CLOSED"));
      byRule.put(rule, values);
    }
    return byRule;
  }

  private static double sum(MeterRegistry meters, String name, String rule, String status) {
    var search = meters.find(name).tag("rule", rule);
    if (status != null) {
      search = search.tag("status", status);
    }
    return search.counters().stream().mapToDouble(Counter::count).sum();
  }

  private static Map<String, String> machine() {
    Map<String, String> machine = new LinkedHashMap<>();
    machine.put("cores (nproc)", String.valueOf(Runtime.getRuntime().availableProcessors()));
    machine.put("CPU", cpuModel());
    machine.put("memory", memTotal());
    machine.put("java -version", javaVersion());
    machine.put("JVM", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + ", max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, arguments "
        + java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    machine.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return machine;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst().orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String memTotal() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemTotal:"))
          .map(line -> String.format(Locale.ROOT, "%.1f GiB",
              Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0))
          .findFirst().orElse("unknown");
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  /** What {@code java -version} of this JVM's own binary prints, on one line. */
  private static String javaVersion() {
    try {
      String java = ProcessHandle.current().info().command().orElse("java");
      Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
      String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      process.waitFor(10, TimeUnit.SECONDS);
      return text.replace("\n", "; ");
    } catch (IOException | RuntimeException e) {
      return System.getProperty("java.version");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return System.getProperty("java.version");
    }
  }

  /** Durations as 600s, 10m, 1h, 500ms, or a number of seconds. */
  static final class Durations implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim();
      if (v.startsWith("P") || v.startsWith("p")) {
        return Duration.parse(v);
      }
      if (v.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      }
      char unit = v.charAt(v.length() - 1);
      if (Character.isDigit(unit)) {
        return Duration.ofSeconds(Long.parseLong(v));
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      return switch (unit) {
        case 's' -> Duration.ofSeconds(n);
        case 'm' -> Duration.ofMinutes(n);
        case 'h' -> Duration.ofHours(n);
        default -> throw new CommandLine.TypeConversionException("not a duration: " + value + " (e.g. 600s, 10m)");
      };
    }
  }
}
