package io.logwarden.benchmarks.memory;

import io.logwarden.benchmarks.detect.PartitionsServed;
import io.logwarden.config.LogwardenConfig;
import io.logwarden.demo.EmbeddedKafkaBroker;
import io.logwarden.ops.PipelineRuntime;
import io.logwarden.ops.ScratchDirectory;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.policy.TopicSpec;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.schema.serde.TrustedRecordClasses;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Memory of the detect topology as the number of distinct keys grows: resident set, heap after GC,
 * state on disk and RocksDB's own memory, sampled while generations of N fresh keys (source address
 * and user) are fed to it with event time accelerated, so that earlier generations' keys expire while
 * later ones arrive. The topology runs in a JVM of its own ({@link DetectMemoryWorker}) against an
 * in-process broker in this one, so that its resident set is its own. Each run's samples are kept in
 * a tab-separated file; the Markdown report and the SVG chart are drawn from all the files of the
 * data directory, so runs of several invocations make one report.
 */
@Command(name = "DetectMemoryBenchmark", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Resident memory, heap after GC and state size of the detect topology at 10^3..10^6 keys.")
public final class DetectMemoryBenchmark implements Callable<Integer> {

  enum Mode { bounded, unbounded }

  @Option(names = "--keys", split = ",", description = "Distinct keys per generation (default ${DEFAULT-VALUE}).")
  List<Long> keys = List.of(1_000L, 10_000L, 100_000L, 1_000_000L);

  @Option(names = "--modes", split = ",", description = "RocksDB configurations, of ${COMPLETION-CANDIDATES}: bounded"
      + " is rocksdb_memory_mb, unbounded Kafka Streams' per-store defaults (default ${DEFAULT-VALUE}).")
  List<Mode> modes = List.of(Mode.bounded);

  @Option(names = "--rocksdb-memory-mb", description = "Budget of the bounded mode (default ${DEFAULT-VALUE}, the"
      + " product's default).")
  int memoryMb = LogwardenConfig.DEFAULT_ROCKSDB_MEMORY_MB;

  @Option(names = "--generations", description = "Generations of fresh keys per run (default ${DEFAULT-VALUE}).")
  int generations = 4;

  @Option(names = "--signals-per-key", description = "Failed sign-ins per key in its generation (default"
      + " ${DEFAULT-VALUE}).")
  int signalsPerKey = 2;

  @Option(names = "--generation-event-seconds", description = "Event time one generation spans, more than the"
      + " rules' window + grace (default ${DEFAULT-VALUE}).")
  long generationEventSeconds = 30;

  @Option(names = "--min-generation-seconds", description = "Wall-clock time a generation takes at least, more than"
      + " the rules' retention, so that small generations do not pile up (default ${DEFAULT-VALUE}).")
  long minGenerationSeconds = 30;

  @Option(names = "--settle-seconds", description = "After the last generation, at most this long with a trickle of"
      + " other keys moving stream time on, until the generations' keys are gone (default: from the keys).")
  Long settleSeconds;

  @Option(names = "--sample-seconds", description = "Sample interval (default ${DEFAULT-VALUE}).")
  double sampleSeconds = 5;

  @Option(names = "--worker-java-options", description = "JVM options of the measured process (default"
      + " '${DEFAULT-VALUE}': the Helm chart's detect heap, 75%% of 1536 MiB, resident from the start so that RSS"
      + " grows only outside the heap).")
  String workerJavaOptions = "-Xms1152m -Xmx1152m -XX:+AlwaysPreTouch";

  @Option(names = "--data-dir", description = "Where each run's samples are kept (default"
      + " benchmarks/results/detect-memory-DATE-data).")
  Path dataDir;

  @Option(names = "--out", description = "Report base name, without .md/.svg (default"
      + " benchmarks/results/detect-memory-DATE).")
  Path out;

  @Option(names = "--deadline", description = "UTC time of day (HH:MM) at which a run still going stops and keeps"
      + " the samples it has, marked incomplete (default: none).")
  LocalTime deadline;

  @Option(names = "--report-only", description = "Draw the report from the data directory without running.")
  boolean reportOnly;

  @Option(names = "--smoke", description = "Checks the harness, measures nothing: 500 keys, 2 generations, the"
      + " bounded mode, rules with 2 s windows (a key expires 5 s after its last signal); under a minute.")
  boolean smoke;

  /** The rules' retention in wall-clock time: 2 windows + grace ({@code memory/rules.yaml}). */
  private Duration retention = Duration.ofSeconds(22);
  private String rulesResource = DetectMemoryWorker.RULES_RESOURCE;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DetectMemoryBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    String date = LocalDate.now(ZoneOffset.UTC).toString();
    if (smoke) {
      keys = List.of(500L);
      modes = List.of(Mode.bounded);
      generations = 2;
      minGenerationSeconds = 2;
      generationEventSeconds = 6;
      sampleSeconds = 1;
      retention = Duration.ofSeconds(5);
      rulesResource = DetectMemoryWorker.SMOKE_RULES_RESOURCE;
      settleSeconds = settleSeconds == null ? 10L : settleSeconds;
      workerJavaOptions = "-Xms256m -Xmx256m -XX:+AlwaysPreTouch -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    }
    Path data = dataDir != null ? dataDir : Path.of("benchmarks", "results", "detect-memory-" + date + "-data");
    Path base = out != null ? out : Path.of("benchmarks", "results", "detect-memory-" + date);
    Files.createDirectories(data);
    if (!reportOnly) {
      TrustedRecordClasses.trustLogwardenRecords();
      Policy policy = PolicyLoader.loadDefault();
      for (long n : keys) {
        for (Mode mode : modes) {
          MemoryRun run = run(policy, n, mode);
          run.write(data.resolve("keys-" + n + "-" + mode + ".tsv"));
          report(data, base);
        }
      }
    }
    report(data, base);
    return 0;
  }

  private void report(Path data, Path base) throws IOException {
    List<MemoryRun> runs = new ArrayList<>();
    try (var files = Files.list(data)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList()) {
        runs.add(MemoryRun.read(file));
      }
    }
    if (runs.isEmpty()) {
      log("no runs in %s", data);
      return;
    }
    Path parent = base.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    String name = base.getFileName().toString();
    MemoryReport report = new MemoryReport(runs);
    Files.writeString(parent.resolve(name + ".svg"), report.svg());
    Files.writeString(parent.resolve(name + ".md"), report.markdown(name + ".svg", data.getFileName().toString()));
    log("report: %s.md and .svg (%d runs)", base, runs.size());
  }

  /** One run: a fresh broker and worker, the generations, then the settle phase. */
  private MemoryRun run(Policy policy, long n, Mode mode) throws Exception {
    if ((generations + 1) * n + 1_000 > FailedSignIns.MAX_INDEX) {
      throw new IllegalArgumentException(n + " keys per generation do not fit in 10.0.0.0/8");
    }
    int budget = mode == Mode.bounded ? memoryMb : 0;
    Duration sample = Duration.ofMillis((long) (sampleSeconds * 1000));
    // Expiry looks at 2,000 keys a second per rule and task (3 tasks): the retention, then time for a
    // full scan of two generations' keys, and a margin.
    long settleLimit = settleSeconds != null ? settleSeconds
        : retention.toSeconds() + 2 * n / (3 * 2_000) + 10;
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("keys", Long.toString(n));
    settings.put("mode", mode.name());
    settings.put("rocksdb_memory_mb", Integer.toString(budget));
    settings.put("generations", Integer.toString(generations));
    settings.put("signals_per_key", Integer.toString(signalsPerKey));
    settings.put("generation_event_seconds", Long.toString(generationEventSeconds));
    settings.put("min_generation_seconds", Long.toString(minGenerationSeconds));
    settings.put("rules", rulesResource.substring(1));
    settings.put("settle_seconds", Long.toString(settleLimit));
    settings.put("worker_java_options", workerJavaOptions);
    settings.put("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    log("run: %,d keys per generation, %s (rocksdb_memory_mb %d), %d generations of %,d events", n, mode, budget,
        generations, n * signalsPerKey);
    long runStart = System.nanoTime();
    List<MemoryRun.Phased> samples = new CopyOnWriteArrayList<>();
    AtomicReference<String> phase = new AtomicReference<>("g1");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        ScratchDirectory state = ScratchDirectory.create("logwarden-bench-memory-")) {
      LogwardenConfig config = LogwardenConfig.local(broker.bootstrapServers(), state.path());
      try (PipelineRuntime runtime = new PipelineRuntime(config, policy, new SimpleMeterRegistry())) {
        runtime.provisionTopics();
      }
      PartitionsServed.await(Map.of("bootstrap.servers", broker.bootstrapServers()), policy);
      Path workerLog = Files.createTempFile("logwarden-bench-memory-worker-", ".log");
      Process worker = new ProcessBuilder(DetectMemoryWorker.commandLine(workerJavaOptions, broker.bootstrapServers(),
          state.path(), budget, sample, rulesResource))
          .redirectError(workerLog.toFile())
          .start();
      CountDownLatch running = new CountDownLatch(1);
      BlockingQueue<Long> counts = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> readSamples(worker, running, phase, samples, counts), "worker-samples");
      reader.setDaemon(true);
      reader.start();
      try {
        if (!running.await(180, TimeUnit.SECONDS) || !worker.isAlive()) {
          throw new IllegalStateException("the worker did not start; its log: " + workerLog);
        }
        String input = policy.topics().securityEvents().name();
        FailedSignIns events = new FailedSignIns();
        long trickleEventSeconds = settleLimit * 5;
        Instant first = Instant.now().truncatedTo(ChronoUnit.SECONDS)
            .minusSeconds(generations * generationEventSeconds + trickleEventSeconds + 3_600);
        long produced = 0;
        try (KafkaProducer<String, LogEvent> producer = producer(broker.bootstrapServers())) {
          for (int g = 0; g < generations; g++) {
            phase.set("g" + (g + 1));
            long generationStart = System.nanoTime();
            produced += sendGeneration(producer, input, events, g, n, first.plusSeconds(g * generationEventSeconds));
            awaitProcessed(worker, samples, produced, workerLog, deadlineInstant());
            long left = TimeUnit.SECONDS.toNanos(minGenerationSeconds) - (System.nanoTime() - generationStart);
            if (left > 0) {
              Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left));
            }
            log("  generation %d: %,d events processed in %.0f s; %s", g + 1, produced,
                (System.nanoTime() - generationStart) / 1e9, describe(last(samples)));
          }
          if (mode == Mode.bounded) {
            // Counting reads every entry: in the bounded mode the shared cache holds what it reads within
            // the budget; per-store caches of the unbounded mode would grow with it and distort the samples.
            settings.put("state_keys_last_generation", Long.toString(count(worker, counts)));
          }
          phase.set(MemoryRun.SETTLE);
          produced += settle(producer, input, events, produced, first.plusSeconds(generations * generationEventSeconds),
              settleLimit, samples, worker, workerLog);
        }
        awaitProcessed(worker, samples, produced, workerLog, null);
        Thread.sleep(sample.toMillis() + 500);
        settings.put("state_keys_settled", Long.toString(count(worker, counts)));
        log("  settled: %s; exact state keys %s (after the last generation %s)", describe(last(samples)),
            settings.get("state_keys_settled"), settings.getOrDefault("state_keys_last_generation", "not counted"));
        settings.put("events", Long.toString(produced));
      } catch (DeadlineReached e) {
        Sample latest = last(samples);
        settings.put("events", Long.toString(latest == null ? 0 : latest.processed()));
        settings.put("incomplete", "stopped at the deadline in " + phase.get());
        log("  stopped at the deadline in %s: %s", phase.get(), describe(latest));
      } finally {
        worker.destroy();
        if (!worker.waitFor(60, TimeUnit.SECONDS)) {
          worker.destroyForcibly().waitFor();
        }
      }
      log("  worker log: %s", workerLog);
    }
    settings.put("runtime_s", Long.toString(Math.round((System.nanoTime() - runStart) / 1e9)));
    return new MemoryRun(settings, List.copyOf(samples));
  }

  /** Every key of generation {@code g} gets its signals, spread over the generation's event time, in time order. */
  private long sendGeneration(KafkaProducer<String, LogEvent> producer, String topic, FailedSignIns events, int g,
      long n, Instant start) {
    long slice = TimeUnit.SECONDS.toMillis(generationEventSeconds) / signalsPerKey;
    long sent = 0;
    AtomicReference<Exception> error = new AtomicReference<>();
    for (int round = 0; round < signalsPerKey; round++) {
      for (long i = 0; i < n; i++) {
        long index = g * n + i;
        Instant time = start.plusMillis(round * slice + i * slice / n);
        send(producer, topic, events.event(index, time), error);
        sent++;
      }
    }
    producer.flush();
    if (error.get() != null) {
      throw new IllegalStateException("sending failed", error.get());
    }
    return sent;
  }

  /**
   * A trickle of 60 other keys a second, event time moving 5 s a second, so that every task's stream
   * time passes the last generation's keys, for long enough that expiry has looked at every key, and
   * then until the worker keeps up with the trickle (removing a generation's keys takes the stream
   * thread a while), at most three times as long.
   */
  private long settle(KafkaProducer<String, LogEvent> producer, String topic, FailedSignIns events, long before,
      Instant start, long limitSeconds, List<MemoryRun.Phased> samples, Process worker, Path workerLog)
      throws Exception {
    long trickleKeys = 60;
    long base = FailedSignIns.MAX_INDEX - trickleKeys;
    AtomicReference<Exception> error = new AtomicReference<>();
    long sent = 0;
    long begin = System.nanoTime();
    int keepingUp = 0;
    Sample seen = null;
    for (long second = 0; System.nanoTime() - begin < TimeUnit.SECONDS.toNanos(3 * limitSeconds); second++) {
      Sample latest = last(samples);
      if (latest != null && latest != seen) {
        seen = latest;
        keepingUp = before + sent - latest.processed() <= 3 * trickleKeys ? keepingUp + 1 : 0;
      }
      if (System.nanoTime() - begin >= TimeUnit.SECONDS.toNanos(limitSeconds) && keepingUp >= 3) {
        break;
      }
      Instant stop = deadlineInstant();
      if (stop != null && Instant.now().isAfter(stop)) {
        throw new DeadlineReached();
      }
      checkAlive(worker, workerLog);
      for (long k = 0; k < trickleKeys; k++) {
        send(producer, topic, events.event(base + k, start.plusMillis(second * 5_000 + k * 5_000 / trickleKeys)), error);
        sent++;
      }
      producer.flush();
      Thread.sleep(1_000);
    }
    if (error.get() != null) {
      throw new IllegalStateException("sending failed", error.get());
    }
    return sent;
  }

  private static void send(KafkaProducer<String, LogEvent> producer, String topic, LogEvent event,
      AtomicReference<Exception> error) {
    producer.send(new ProducerRecord<>(topic, event.getActor().getUser(), event), (metadata, e) -> {
      if (e != null) {
        error.compareAndSet(null, e);
      }
    });
  }

  private static KafkaProducer<String, LogEvent> producer(String bootstrap) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return new KafkaProducer<>(props, new StringSerializer(), LogwardenSerdes.logEvent().serializer());
  }

  /** Thrown where a run waits when the deadline has passed. */
  private static final class DeadlineReached extends RuntimeException {
    DeadlineReached() {
      super("deadline reached", null, false, false);
    }
  }

  private Instant deadlineInstant() {
    return deadline == null ? null : LocalDate.now(ZoneOffset.UTC).atTime(deadline).toInstant(ZoneOffset.UTC);
  }

  private static void awaitProcessed(Process worker, List<MemoryRun.Phased> samples, long target, Path workerLog,
      Instant deadline) throws InterruptedException {
    while (true) {
      checkAlive(worker, workerLog);
      if (deadline != null && Instant.now().isAfter(deadline)) {
        throw new DeadlineReached();
      }
      Sample latest = last(samples);
      if (latest != null && latest.processed() >= target) {
        return;
      }
      Thread.sleep(200);
    }
  }

  private static void checkAlive(Process worker, Path workerLog) {
    if (!worker.isAlive()) {
      throw new IllegalStateException("the worker stopped (exit " + worker.exitValue() + "); its log: " + workerLog);
    }
  }

  private static Sample last(List<MemoryRun.Phased> samples) {
    return samples.isEmpty() ? null : samples.get(samples.size() - 1).sample();
  }

  /** The worker's exact count of the rules' state entries (-1 if it could not count). */
  private static long count(Process worker, BlockingQueue<Long> counts) throws IOException, InterruptedException {
    worker.getOutputStream().write((DetectMemoryWorker.COUNT + "\n").getBytes(StandardCharsets.UTF_8));
    worker.getOutputStream().flush();
    Long count = counts.poll(300, TimeUnit.SECONDS);
    return count == null ? -1 : count;
  }

  private static void readSamples(Process worker, CountDownLatch running, AtomicReference<String> phase,
      List<MemoryRun.Phased> samples, BlockingQueue<Long> counts) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(worker.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.equals(DetectMemoryWorker.RUNNING)) {
          running.countDown();
        } else if (line.startsWith(DetectMemoryWorker.COUNT + " ")) {
          counts.add(Long.parseLong(line.substring(DetectMemoryWorker.COUNT.length() + 1).trim()));
        } else {
          Sample sample = Sample.parse(line);
          if (sample != null) {
            samples.add(new MemoryRun.Phased(phase.get(), sample));
          }
        }
      }
    } catch (IOException e) {
      // the worker went away; the run notices
    }
  }

  private static String describe(Sample s) {
    if (s == null) {
      return "no sample yet";
    }
    return String.format("RSS %.0f MiB, heap after GC %.0f MiB, state %.0f MiB, state keys %,d, block cache %.0f MiB,"
            + " memtables %.0f MiB", mib(s.rssBytes()), mib(s.heapAfterGcBytes()), mib(s.stateBytes()), s.stateKeys(),
        mib(s.blockCacheBytes()), mib(s.memtableBytes()));
  }

  static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }

  static void log(String format, Object... args) {
    System.err.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + String.format(format, args));
  }
}
