package io.logwarden.benchmarks.pipeline;

import io.logwarden.benchmarks.corpus.GeneratedCorpus;
import io.logwarden.benchmarks.detect.CpuUsage;
import io.logwarden.config.LogwardenConfig;
import io.logwarden.config.StreamsProperties;
import io.logwarden.demo.EmbeddedKafkaBroker;
import io.logwarden.ops.PipelineRuntime;
import io.logwarden.ops.ScratchDirectory;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.topology.DetectTopology;
import io.logwarden.topology.RawSubscription;
import io.logwarden.topology.Topologies;
import io.logwarden.topology.TopologyKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Drain throughput of logwarden against baselines that do the least possible work, in one run on
 * one broker: (a) a transactional consumer→producer copy loop, (b) an identity Kafka Streams
 * topology on byte arrays, (c) logwarden's normalize topology, (d) normalize plus detect. Each
 * system reads the same preloaded raw topics from their start with a fresh group and is timed until its
 * committed offsets reach the end; systems alternate within each round, the first round is
 * discarded, medians are reported with the CPU seconds per million records of the application's
 * threads and of the rest of the process (the broker). Identical client settings for all.
 */
@Command(name = "pipeline-comparison", mixinStandardHelpOptions = true,
    description = "Drain throughput of a copy loop, an identity topology, normalize, normalize+detect.")
public final class PipelineComparisonBenchmark implements Callable<Integer> {

  static final String RAW = "logs.raw.bench";
  static final int PARTITIONS = 4;
  private static final PseudonymKey KEY = new PseudonymKey("bench",
      "logwarden benchmark pseudonym key, not secret".getBytes(StandardCharsets.UTF_8));
  /** Settings every system gets, producers and consumers alike. */
  Map<String, String> clientSettings;

  // 100 ms is Kafka Streams' own producer default, which `logwarden run` keeps: under exactly-once
  // nothing is readable before the commit anyway, and a shorter linger only cuts a fan-out's
  // batches smaller (5 ms doubled normalize's allocation, most of it the compressor's per-batch buffers).
  @Option(names = "--linger-ms", defaultValue = "100", description = "Producer linger.ms of every system (default ${DEFAULT-VALUE}).")
  int lingerMs;

  @Option(names = "--commit-interval-ms", defaultValue = "100",
      description = "Commit interval of every system (Kafka Streams' and `run`'s default under exactly-once: ${DEFAULT-VALUE}).")
  long commitIntervalMs;

  @Option(names = "--detect-commit-interval-ms", defaultValue = "" + StreamsProperties.DETECT_COMMIT_INTERVAL_MS,
      description = "Commit interval of logwarden's detect topology in (d) (`run`'s under exactly-once: ${DEFAULT-VALUE}).")
  long detectCommitIntervalMs;

  @Option(names = "--poll-ms", defaultValue = "" + StreamsProperties.POLL_MS,
      description = "Kafka Streams' poll.ms of every Streams system (`run`'s: ${DEFAULT-VALUE}; Kafka Streams' own: 100).")
  long pollMs;

  static final String GUARANTEE = StreamsConfig.EXACTLY_ONCE_V2;

  enum SystemUnderTest {
    COPY("(a) copy loop"), IDENTITY("(b) identity topology"), NORMALIZE("(c) normalize"),
    NORMALIZE_DETECT("(d) normalize + detect");

    final String title;

    SystemUnderTest(String title) {
      this.title = title;
    }
  }

  /**
   * One drain: CPU seconds of the application's threads, of RocksDB's flush and compaction threads
   * (native, the application's stores'), of the broker's (every other Java thread but the harness's
   * and the JVM's own), of garbage collection and the JIT compilers, and of the rest of the process
   * (the harness).
   */
  record Measurement(double seconds, long records, double appCpuSeconds, double rocksDbCpuSeconds,
      double brokerCpuSeconds, double gcJitCpuSeconds, double otherCpuSeconds) {
    double recordsPerSecond() {
      return records / seconds;
    }
  }

  @Option(names = "--rocksdb-memory-mb", defaultValue = "" + LogwardenConfig.DEFAULT_ROCKSDB_MEMORY_MB,
      description = "RocksDB memory budget of logwarden's stores in MiB, as rocksdb_memory_mb (0: Kafka Streams' "
          + "per-store defaults; default ${DEFAULT-VALUE}).")
  int rocksDbMemoryMb;

  @Option(names = "--records", defaultValue = "1000000", description = "Raw records to preload (default ${DEFAULT-VALUE}).")
  long records;

  @Option(names = "--rounds", defaultValue = "3", description = "Rounds; the first is discarded (default ${DEFAULT-VALUE}).")
  int rounds;

  static final String MIXED = "mixed";
  static final String GENERATED = "generated";

  @Option(names = "--corpus", defaultValue = MIXED, paramLabel = "CORPUS",
      description = "The records: " + MIXED + " (the sample lines of every format round robin, with generated secrets "
          + "and sign-ins; default) or " + GENERATED + " (GeneratedCorpus: production-like, every format, Zipf users and "
          + "addresses, event time advancing with the load).")
  String corpus;

  @Option(names = "--smoke", description = "10,000 records, 1 round, 3 s of latency: checks the harness, measures nothing.")
  boolean smoke;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the Markdown report here.")
  Path out;

  @Option(names = "--latency-seconds", defaultValue = "20",
      description = "Seconds of open-loop load measured per system, after the warm-up; 0 skips latency (default ${DEFAULT-VALUE}).")
  int latencySeconds;

  // 10 s: in one run a newly started topology's first transactions were refused as concurrent with
  // their predecessors for about 4 s from 1 s after the load began (profiles, section 6).
  @Option(names = "--latency-warmup", defaultValue = "10", description = "Warm-up seconds of that load (default ${DEFAULT-VALUE}).")
  int latencyWarmupSeconds;

  @Option(names = "--attacks-per-second", defaultValue = "5",
      description = "Attacks per second in (d)'s latency load, each of 8 failed sign-ins from a fresh address (default ${DEFAULT-VALUE}).")
  double attacksPerSecond;

  @Option(names = "--raw-topics", defaultValue = "1",
      description = "Raw topics of " + PARTITIONS + " partitions each that the records are spread over (default ${DEFAULT-VALUE}); "
          + "normalize reads every topic of its pattern, so each of its tasks reads a partition of each.")
  int rawTopicCount;

  @Option(names = "--streams-config", paramLabel = "KEY=VALUE",
      description = "A Kafka Streams setting of logwarden's topologies, given as under `kafka:` in logwarden.yaml, "
          + "e.g. max.task.idle.ms=0; repeatable (for trying a setting against `run`'s defaults). The settings every "
          + "system gets (commit interval, poll.ms, linger, batch size, ...) have options of their own and win.")
  Map<String, String> streamsOverrides = new LinkedHashMap<>();

  @Option(names = "--systems", split = ",", paramLabel = "SYSTEM",
      description = "Systems to run, of ${COMPLETION-CANDIDATES} (default all; ratios need all four).")
  List<SystemUnderTest> systems = List.of(SystemUnderTest.values());

  @Option(names = "--chart", paramLabel = "FILE", description = "Also write an SVG chart of the figures here.")
  Path chart;

  /** The figures of the last run, for the smoke test. */
  Map<SystemUnderTest, Measurement> lastMedians;
  Map<SystemUnderTest, Latency> lastLatencies;

  private Policy policy;
  private List<String> rawTopics;
  private EmbeddedKafkaBroker broker;
  // Taken when a system has drained, before it is closed: a closed client's threads take their CPU time with them.
  private long drainedAt;
  private Map<Long, ThreadCpu> cpuAtDrain;
  private Map<String, Long> nativeAtDrain = Map.of();
  private long processCpuAtDrain;
  private ScratchDirectory state;

  public static void main(String[] args) {
    System.exit(new CommandLine(new PipelineComparisonBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!corpus.equals(MIXED) && !corpus.equals(GENERATED)) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--corpus is " + MIXED + " or " + GENERATED + ", not " + corpus);
    }
    if (smoke) {
      records = 10_000;
      rounds = 1;
      latencySeconds = Math.min(latencySeconds, 3);
      latencyWarmupSeconds = Math.min(latencyWarmupSeconds, 1);
    }
    clientSettings = Map.of(
        ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs),
        ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(64 * 1024),
        ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
    policy = PolicyLoader.loadDefault();
    rawTopics = rawTopicCount == 1 ? List.of(RAW)
        : IntStream.rangeClosed(1, rawTopicCount).mapToObj(i -> RAW + "." + i).toList();
    try (EmbeddedKafkaBroker started = EmbeddedKafkaBroker.start();
        ScratchDirectory scratch = ScratchDirectory.create("logwarden-bench-pipeline-")) {
      broker = started;
      state = scratch;
      setUp();
      Map<SystemUnderTest, List<Measurement>> results = new LinkedHashMap<>();
      for (int round = 0; round < rounds; round++) {
        for (SystemUnderTest system : systems) {
          Measurement m = measure(system, round);
          log("round %d %-26s %8.0f records/s (%.1f s), CPU s: app %.1f, RocksDB %.1f, broker %.1f, GC+JIT %.1f, other %.1f",
              round, system.title, m.recordsPerSecond(), m.seconds(), m.appCpuSeconds(), m.rocksDbCpuSeconds(),
              m.brokerCpuSeconds(), m.gcJitCpuSeconds(), m.otherCpuSeconds());
          results.computeIfAbsent(system, s -> new ArrayList<>()).add(m);
        }
      }
      Map<SystemUnderTest, Measurement> median = new LinkedHashMap<>();
      results.forEach((system, list) -> median.put(system, median(list.subList(Math.min(1, list.size() - 1), list.size()))));
      Map<SystemUnderTest, Latency> latencies = new LinkedHashMap<>();
      if (latencySeconds > 0) {
        for (SystemUnderTest system : systems) {
          double rate = median.get(system).recordsPerSecond() / 2;
          Latency l = latency(system, rate);
          log("latency %-26s at %8.0f records/s: p50 %.0f ms, p99 %.0f ms over %d outputs; alerts %d/%d, p50 %.0f ms, p99 %.0f ms",
              system.title, rate, l.p50(), l.p99(), l.samples(), l.attacks() - l.attacksMissing(), l.attacks(),
              l.alertP50(), l.alertP99());
          if (l.startUp().attacks() > 0) {
            log("latency %-26s first %d s: alerts %d/%d, p50 %.0f ms, p99 %.0f ms, max %.0f ms", system.title,
                START_UP_MS / 1000, l.startUp().attacks() - l.startUp().missing(), l.startUp().attacks(), l.startUp().p50(),
                l.startUp().p99(), l.startUp().max());
          }
          latencies.put(system, l);
        }
      }
      String report = report(median, results, latencies);
      lastMedians = median;
      lastLatencies = latencies;
      if (chart != null) {
        Files.writeString(chart, ComparisonChart.svg(median, latencies));
      }
      System.out.println(report);
      if (out != null) {
        Files.writeString(out, report);
      }
      return 0;
    }
  }

  /**
   * The records of the chosen corpus from {@code firstIndex} on. A generated corpus is dated so that
   * record {@code firstIndex} is now and later ones follow at {@code rate} a second: the preload (from
   * record 0, at the corpus's default rate) is a backlog that ends now, the latency phase's load (from
   * the record after it, at the offered rate) keeps its event time at the wall clock, so that no event
   * is dated ahead of its arrival (which would make it a security event).
   */
  private RawCorpus corpus(long seed, long firstIndex, double rate) {
    if (corpus.equals(MIXED)) {
      return new BenchCorpus(seed);
    }
    Instant start = Instant.now().minusNanos(Math.round(firstIndex * 1e9 / rate));
    GeneratedCorpus generated = new GeneratedCorpus(seed, start, rate, rawTopics);
    return index -> generated.record(index).value();
  }

  private Map<String, Object> client() {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", broker.bootstrapServers());
    return props;
  }

  private Map<String, Object> harnessClient() {
    Map<String, Object> props = client();
    props.put("client.id", "bench-harness-admin");
    return props;
  }

  private void setUp() throws Exception {
    LogwardenConfig config = LogwardenConfig.local(broker.bootstrapServers(), state.path(), KEY);
    try (PipelineRuntime runtime = new PipelineRuntime(config, policy, new SimpleMeterRegistry())) {
      runtime.provisionTopics();
    }
    try (Admin admin = Admin.create(client())) {
      List<NewTopic> topics = new ArrayList<>();
      rawTopics.forEach(topic -> topics.add(new NewTopic(topic, PARTITIONS, (short) 1)
          .configs(Map.of("message.timestamp.type", "LogAppendTime"))));
      topics.add(new NewTopic("bench.copy.out", PARTITIONS, (short) 1));
      topics.add(new NewTopic("bench.identity.out", PARTITIONS, (short) 1));
      admin.createTopics(topics).all().get();
    }
    Thread.sleep(1_000);
    RawCorpus corpus = corpus(42, 0, GeneratedCorpus.DEFAULT_RATE);
    Map<String, Object> props = client();
    props.putAll(clientSettings);
    props.remove(ConsumerConfig.MAX_POLL_RECORDS_CONFIG);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (long i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(rawTopics.get((int) (i % rawTopics.size())),
            Long.toString(i).getBytes(StandardCharsets.UTF_8),
            corpus.record(i).getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
    log("preloaded %d records into %s (%d partitions each) in %.1f s", records, rawTopics, PARTITIONS,
        (System.nanoTime() - start) / 1e9);
  }

  private Measurement measure(SystemUnderTest system, int round) throws Exception {
    String app = "bench-" + system.name().toLowerCase().replace('_', '-') + "-" + round;
    Map<TopicPartition, Long> rawEnd = endOffsets(rawTopics);
    Map<Long, ThreadCpu> cpuBefore = threadCpu();
    Map<String, Long> nativeBefore = CpuUsage.nativeThreads();
    long cpuProcessBefore = processCpuNanos();
    long start = System.nanoTime();
    switch (system) {
      case COPY -> {
        // Its own thread, named after the system, so that its CPU time is the application's.
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread loop = new Thread(() -> {
          try {
            copyLoop(app, rawEnd, null, "earliest");
          } catch (Exception e) {
            failure.set(e);
          }
        }, app);
        loop.start();
        loop.join();
        if (failure.get() != null) {
          throw failure.get();
        }
      }
      case IDENTITY -> {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(rawTopics, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("identity-source"))
            .to("bench.identity.out", Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("identity-sink"));
        try (KafkaStreams streams = new KafkaStreams(builder.build(), streamsProperties(app))) {
          streams.start();
          awaitCommitted(app, rawEnd);
          drained(app);
        }
      }
      case NORMALIZE -> {
        try (KafkaStreams streams = logwarden(TopologyKind.NORMALIZE, app)) {
          streams.start();
          awaitCommitted(app + "-normalize", rawEnd);
          drained(app);
        }
      }
      case NORMALIZE_DETECT -> {
        try (KafkaStreams detect = logwarden(TopologyKind.DETECT, app)) {
          detect.start();
          awaitRunning(detect);
          start = System.nanoTime();
          try (KafkaStreams normalize = logwarden(TopologyKind.NORMALIZE, app)) {
            normalize.start();
            awaitCommitted(app + "-normalize", rawEnd);
            awaitCommitted(app + "-detect", endOffsets(policy.topics().securityEvents().name()));
            drained(app);
          }
        }
      }
    }
    double seconds = (drainedAt - start) / 1e9;
    long appCpu = 0;
    long brokerCpu = 0;
    for (ThreadCpu after : cpuAtDrain.values()) {
      ThreadCpu before = cpuBefore.get(after.id());
      long used = after.nanos() - (before == null ? 0 : before.nanos());
      if (after.name().contains(app)) {
        appCpu += used;
      } else if (isBrokerThread(after.name())) {
        brokerCpu += used;
      }
    }
    long process = processCpuAtDrain - cpuProcessBefore;
    long rocksDb = nativeUsed(nativeBefore, CpuUsage.ROCKSDB);
    long gcJit = nativeUsed(nativeBefore, CpuUsage.GC) + nativeUsed(nativeBefore, CpuUsage.JIT);
    return new Measurement(seconds, records, appCpu / 1e9, rocksDb / 1e9, brokerCpu / 1e9, gcJit / 1e9,
        Math.max(0, process - appCpu - rocksDb - brokerCpu - gcJit) / 1e9);
  }

  private long nativeUsed(Map<String, Long> before, String group) {
    return nativeAtDrain.getOrDefault(group, 0L) - before.getOrDefault(group, 0L);
  }

  /** End-to-end latency of one system under open-loop load at {@code rate} records/s. */
  record Latency(double rate, long sent, long samples, double p50, double p99, double max, int attacks,
      int attacksMissing, double alertP50, double alertP99, double alertMax, List<HopLatency> hops,
      long producerRetries, StartUp startUp) {}

  /**
   * Alert latency of the attacks whose last record was appended within the first {@link #START_UP_MS}
   * after the load began, i.e. while a freshly started topology warms up (warm-up included).
   */
  record StartUp(int attacks, int missing, double p50, double p99, double max) {}

  static final long START_UP_MS = 30_000;

  // Records the Streams systems' producers sent again (refused, then retried: e.g. a transaction
  // still completing) so far; the copy loop's producer is not counted.
  private static double producerRetries(List<AutoCloseable> running) {
    double retries = 0;
    for (AutoCloseable closeable : running) {
      if (closeable instanceof KafkaStreams streams) {
        for (var entry : streams.metrics().entrySet()) {
          if (entry.getKey().group().equals("producer-metrics") && entry.getKey().name().equals("record-retry-total")) {
            retries += ((Number) entry.getValue().metricValue()).doubleValue();
          }
        }
      }
    }
    return retries;
  }

  /**
   * One step of the alert path, over the attacks that completed it and the one before: from every
   * record of the attack readable at the step before (the raw topic: the last append) to every record
   * readable at this one (the alert: its OPEN record readable).
   */
  record HopLatency(String step, int attacks, double p50, double p99, double max) {}

  private static HopLatency hop(String step, List<OpenLoopLoad.Attack> attacks,
      Function<OpenLoopLoad.Attack, Long> from, Function<OpenLoopLoad.Attack, Long> to) {
    LatencyReader.Histogram histogram = new LatencyReader.Histogram();
    for (OpenLoopLoad.Attack attack : attacks) {
      Long start = from.apply(attack);
      Long end = to.apply(attack);
      if (start != null && end != null) {
        histogram.add(end - start);
      }
    }
    return new HopLatency(step, (int) histogram.total(), histogram.percentile(50), histogram.percentile(99),
        histogram.percentile(100));
  }

  private Latency latency(SystemUnderTest system, double rate) throws Exception {
    String app = "bench-live-" + system.name().toLowerCase().replace('_', '-');
    List<String> outputs = switch (system) {
      case COPY -> List.of("bench.copy.out");
      case IDENTITY -> List.of("bench.identity.out");
      case NORMALIZE, NORMALIZE_DETECT -> policy.outputTopics().stream().map(spec -> spec.name())
          .filter(name -> !name.equals(policy.topics().alerts().name())).toList();
    };
    boolean detect = system == SystemUnderTest.NORMALIZE_DETECT;
    List<AutoCloseable> running = new ArrayList<>();
    AtomicBoolean stopCopy = new AtomicBoolean();
    java.util.concurrent.atomic.AtomicReference<Exception> copyFailure = new java.util.concurrent.atomic.AtomicReference<>();
    Thread copy = null;
    try {
      switch (system) {
        case COPY -> {
          copy = new Thread(() -> {
            try {
              copyLoop(app, null, stopCopy, "latest");
            } catch (Exception e) {
              copyFailure.set(e);
            }
          }, app);
          copy.start();
        }
        case IDENTITY -> {
          StreamsBuilder builder = new StreamsBuilder();
          builder.stream(rawTopics, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("identity-source"))
              .to("bench.identity.out", Produced.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("identity-sink"));
          Properties props = streamsProperties(app);
          props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "latest");
          KafkaStreams streams = new KafkaStreams(builder.build(), props);
          running.add(streams);
          streams.start();
          awaitRunning(streams);
        }
        case NORMALIZE, NORMALIZE_DETECT -> {
          if (detect) {
            KafkaStreams detectStreams = logwarden(TopologyKind.DETECT, app, true);
            running.add(detectStreams);
            detectStreams.start();
            awaitRunning(detectStreams);
          }
          KafkaStreams normalize = logwarden(TopologyKind.NORMALIZE, app, true);
          running.add(0, normalize);
          normalize.start();
          awaitRunning(normalize);
        }
      }
      Map<String, Object> producerProps = client();
      clientSettings.forEach((key, value) -> {
        if (!key.startsWith("max.poll")) {
          producerProps.put(key, value);
        }
      });
      producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
      producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-harness-load");
      OpenLoopLoad load = new OpenLoopLoad(producerProps, rawTopics, corpus(7, records, rate), records, rate,
          detect ? attacksPerSecond : 0);
      String ruleInput = detect ? app + "-" + TopologyKind.DETECT.id() + "-" + DetectTopology.ruleProcessorName(
          RulesLoader.loadDefault(policy).rule(LatencyReader.BRUTE_FORCE_RULE)) + "-by-key-repartition" : null;
      try (LatencyReader reader = new LatencyReader(client(), outputs,
          detect ? policy.topics().alerts().name() : null, load,
          detect ? policy.topics().securityEvents().name() : null, ruleInput)) {
        reader.start();
        long loadStart = System.currentTimeMillis();
        load.start();
        long warmupEnd = System.currentTimeMillis() + latencyWarmupSeconds * 1000L;
        long measureEnd = warmupEnd + latencySeconds * 1000L;
        reader.measure(warmupEnd, measureEnd);
        double retriesAtWarmupEnd = Double.NaN;
        while (System.currentTimeMillis() < measureEnd) {
          Thread.sleep(100);
          if (copyFailure.get() != null) {
            throw copyFailure.get();
          }
          if (Double.isNaN(retriesAtWarmupEnd) && System.currentTimeMillis() >= warmupEnd) {
            retriesAtWarmupEnd = producerRetries(running);
          }
        }
        double retriesMeasured = producerRetries(running) - retriesAtWarmupEnd;
        load.close();
        // Records appended up to the end are read as they come out; alerts get a while longer.
        Thread.sleep(Math.max(2_000, (long) (commitIntervalMs * 5)));
        List<OpenLoopLoad.Attack> measured = load.attacks().stream()
            .filter(a -> a.complete() && a.lastAppendMs.get() >= warmupEnd && a.lastAppendMs.get() < measureEnd).toList();
        List<OpenLoopLoad.Attack> startUp = load.attacks().stream()
            .filter(a -> a.complete() && a.lastAppendMs.get() < loadStart + START_UP_MS).toList();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && java.util.stream.Stream.concat(measured.stream(), startUp.stream())
            .anyMatch(a -> reader.alertSeenMs(a.number) == null)) {
          Thread.sleep(100);
        }
        reader.close();
        for (AutoCloseable closeable : running) {
          if (closeable instanceof KafkaStreams streams) {
            logStreamsTimings(streams);
          }
        }
        LatencyReader.Histogram alerts = new LatencyReader.Histogram();
        int missing = 0;
        for (OpenLoopLoad.Attack attack : measured) {
          Long seen = reader.alertSeenMs(attack.number);
          if (seen == null) {
            missing++;
          } else {
            alerts.add(seen - attack.lastAppendMs.get());
          }
        }
        LatencyReader.Histogram startUpAlerts = new LatencyReader.Histogram();
        int startUpMissing = 0;
        for (OpenLoopLoad.Attack attack : startUp) {
          Long seen = reader.alertSeenMs(attack.number);
          if (seen == null) {
            startUpMissing++;
          } else {
            startUpAlerts.add(seen - attack.lastAppendMs.get());
          }
        }
        List<HopLatency> hops = List.of();
        if (detect) {
          Function<OpenLoopLoad.Attack, Long> appended = a -> a.lastAppendMs.get();
          Function<OpenLoopLoad.Attack, Long> inSecurityEvents = a -> reader.securityEvents().completeMs(a.number);
          Function<OpenLoopLoad.Attack, Long> inRuleInput = a -> reader.ruleInput().completeMs(a.number);
          Function<OpenLoopLoad.Attack, Long> alerted = a -> reader.alertSeenMs(a.number);
          hops = List.of(
              hop("normalize: raw append → all 8 events readable in " + policy.topics().securityEvents().name(), measured,
                  appended, inSecurityEvents),
              hop("detect, first sub-topology: → all 8 signals readable in the rule's repartition topic", measured,
                  inSecurityEvents, inRuleInput),
              hop("detect, the rule: → OPEN alert readable in " + policy.topics().alerts().name(), measured, inRuleInput,
                  alerted));
        }
        LatencyReader.Histogram events = reader.events();
        return new Latency(rate, load.sent(), events.total(), events.percentile(50), events.percentile(99),
            events.percentile(100), measured.size(), missing, alerts.percentile(50), alerts.percentile(99),
            alerts.percentile(100), hops, system == SystemUnderTest.COPY ? -1 : (long) retriesMeasured,
            new StartUp(startUp.size(), startUpMissing, startUpAlerts.percentile(50), startUpAlerts.percentile(99),
                startUpAlerts.percentile(100)));
      }
    } finally {
      stopCopy.set(true);
      if (copy != null) {
        copy.join();
      }
      for (AutoCloseable closeable : running) {
        closeable.close();
      }
    }
  }

  // Where a stream thread's time went during the latency phase (Kafka's windowed averages and
  // maxima): polls, processing, punctuation and commits, and its producer's transaction calls.
  private static void logStreamsTimings(KafkaStreams streams) {
    java.util.TreeMap<String, String> timings = new java.util.TreeMap<>();
    String[] client = {"?"};
    streams.metrics().forEach((name, metric) -> {
      boolean thread = name.group().equals("stream-thread-metrics") && name.name().matches(
          "(commit|poll|process|punctuate)-latency-(avg|max)|(commit|poll|process|punctuate)-ratio|commit-rate");
      boolean producer = name.group().equals("producer-metrics") && name.name().matches(
          "txn-(commit|send-offsets)-time-ns-total|flush-time-ns-total|record-retry-total");
      if (thread || producer) {
        timings.put(name.name(), String.format("%.1f", ((Number) metric.metricValue()).doubleValue()));
        client[0] = name.tags().getOrDefault("thread-id", client[0]);
      }
    });
    log("timings of %s: %s", client[0], timings);
  }

  private void drained(String app) {
    drainedAt = System.nanoTime();
    cpuAtDrain = threadCpu();
    nativeAtDrain = CpuUsage.nativeThreads();
    processCpuAtDrain = processCpuNanos();
  }

  private Properties streamsProperties(String app) {
    Properties props = new Properties();
    props.putAll(client());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.path().resolve(app).toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, GUARANTEE);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.POLL_MS_CONFIG, pollMs);
    // The identity topology reads the raw topics as normalize does: it waits for no empty partition.
    props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsProperties.NORMALIZE_MAX_TASK_IDLE_MS);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    clientSettings.forEach((key, value) -> props.put(key.startsWith("max.poll")
        ? StreamsConfig.consumerPrefix(key) : StreamsConfig.producerPrefix(key), value));
    return props;
  }

  // logwarden's own topology, with the settings `run` gives it and the benchmark's client settings.
  private KafkaStreams logwarden(TopologyKind kind, String app) {
    return logwarden(kind, app, false);
  }

  // Live: from the end of its input, for the latency phase.
  private KafkaStreams logwarden(TopologyKind kind, String app, boolean live) {
    Map<String, String> kafkaSettings = new HashMap<>(streamsOverrides);
    kafkaSettings.put("bootstrap.servers", broker.bootstrapServers());
    LogwardenConfig config = new LogwardenConfig(kafkaSettings, app,
        state.path().resolve(app), null, GUARANTEE, KEY, 0, rocksDbMemoryMb);
    Properties props = StreamsProperties.of(config, kind, policy, new SimpleMeterRegistry());
    Properties common = streamsProperties(app + "-" + kind.id());
    common.remove(StreamsConfig.STATE_DIR_CONFIG);
    // Each of logwarden's topologies keeps `run`'s own (or --streams-config's).
    common.remove(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG);
    props.putAll(common);
    if (kind == TopologyKind.DETECT) {
      props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, detectCommitIntervalMs);
    }
    if (kind == TopologyKind.DETECT || live) {
      // Detect starts at the end of security.events: earlier rounds' events are not this round's work.
      props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "latest");
    }
    return new KafkaStreams(Topologies.build(kind, policy, RawSubscription.pattern(policy.topics().rawPattern()),
        props), props);
  }

  // (a): read_committed consumer, transactional producer, offsets committed in the transaction; the
  // copy keeps the raw record's timestamp, as Streams does. Runs until the committed positions reach
  // {@code rawEnd}, or, without one, until {@code stop} is set.
  private void copyLoop(String app, Map<TopicPartition, Long> rawEnd, AtomicBoolean stop, String offsetReset)
      throws Exception {
    Map<String, Object> consumerProps = client();
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, app);
    consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, app + "-consumer");
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, clientSettings.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
    Map<String, Object> producerProps = client();
    clientSettings.forEach((key, value) -> {
      if (!key.startsWith("max.poll")) {
        producerProps.put(key, value);
      }
    });
    producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, app + "-producer");
    producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, app + "-tx");
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      consumer.subscribe(rawTopics);
      Map<TopicPartition, Long> position = new HashMap<>();
      long lastCommit = System.nanoTime();
      producer.beginTransaction();
      Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
      while (true) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(50));
        for (ConsumerRecord<byte[], byte[]> record : batch) {
          producer.send(new ProducerRecord<>("bench.copy.out", null, record.timestamp(), record.key(), record.value()));
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          pending.put(partition, new OffsetAndMetadata(record.offset() + 1));
          position.put(partition, record.offset() + 1);
        }
        boolean done = rawEnd == null ? stop.get() : reached(position, rawEnd);
        if (System.nanoTime() - lastCommit >= commitIntervalMs * 1_000_000 || done) {
          if (!pending.isEmpty()) {
            producer.sendOffsetsToTransaction(pending, consumer.groupMetadata());
          }
          producer.commitTransaction();
          pending.clear();
          lastCommit = System.nanoTime();
          if (done) {
            if (rawEnd != null) {
              drained(app);
            }
            return;
          }
          producer.beginTransaction();
        }
      }
    }
  }

  private static boolean reached(Map<TopicPartition, Long> position, Map<TopicPartition, Long> end) {
    return end.entrySet().stream().allMatch(e -> position.getOrDefault(e.getKey(), 0L) >= e.getValue());
  }

  private void awaitRunning(KafkaStreams streams) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(120);
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (Instant.now().isAfter(deadline) || streams.state() == KafkaStreams.State.ERROR) {
        throw new IllegalStateException("topology did not start: " + streams.state());
      }
      Thread.sleep(20);
    }
  }

  private void awaitCommitted(String group, Map<TopicPartition, Long> end) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
    try (Admin admin = Admin.create(harnessClient())) {
      while (true) {
        Map<TopicPartition, Long> committed = new HashMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
            .forEach((partition, offset) -> committed.put(partition, offset == null ? 0 : offset.offset()));
        if (reached(committed, end)) {
          return;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(group + " did not reach the end offsets");
        }
        Thread.sleep(20);
      }
    }
  }

  private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
    return endOffsets(List.of(topic));
  }

  private Map<TopicPartition, Long> endOffsets(List<String> topics) throws Exception {
    try (Admin admin = Admin.create(harnessClient())) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
          .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, Long> end = new HashMap<>();
      admin.listOffsets(request).all().get().forEach((partition, info) -> end.put(partition, info.offset()));
      return end;
    }
  }

  record ThreadCpu(long id, String name, long nanos) {}

  // The application's threads are those named after its id (Streams threads, its clients' network
  // threads, the copy loop's thread); the harness's are named bench-harness (and main); the JVM's
  // own are few and named; every other Java thread is the broker's.
  private static Map<Long, ThreadCpu> threadCpu() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<Long, ThreadCpu> cpu = new HashMap<>();
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null) {
        cpu.put(info.getThreadId(), new ThreadCpu(info.getThreadId(), info.getThreadName(),
            Math.max(threads.getThreadCpuTime(info.getThreadId()), 0)));
      }
    }
    return cpu;
  }

  private static final java.util.Set<String> JVM_THREADS = java.util.Set.of("main", "Reference Handler", "Finalizer",
      "Signal Dispatcher", "Common-Cleaner", "Notification Thread", "Attach Listener");

  static boolean isBrokerThread(String name) {
    return !name.startsWith("bench-") && !name.contains("bench-harness") && !JVM_THREADS.contains(name);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private String report(Map<SystemUnderTest, Measurement> median, Map<SystemUnderTest, List<Measurement>> everyRound,
      Map<SystemUnderTest, Latency> latencies) {
    StringBuilder md = new StringBuilder();
    md.append("# Pipeline throughput and latency against baselines\n\n");
    md.append("Date ").append(LocalDate.now()).append("; ").append(String.format("%,d", records))
        .append(corpus.equals(MIXED) ? " records of the mixed corpus (every format, 5% with a secret, 10% sign-in or "
            + "configuration events) in "
            : " records of the generated corpus (GeneratedCorpus, seed 42: every format, 10% security events of which 70% "
                + "failed sign-ins, 5% with a secret, 1% out of order, users and addresses Zipf-distributed; event time "
                + "advancing at " + String.format("%,.0f", GeneratedCorpus.DEFAULT_RATE)
                + " records/s up to the preload, at the offered rate under load) in ")
        .append(rawTopics.size() == 1 ? "one raw topic of " : rawTopics.size() + " raw topics of ").append(PARTITIONS)
        .append(rawTopics.size() == 1 ? " partitions; " : " partitions each (record n in topic n modulo " + rawTopics.size() + "); ")
        .append(rounds).append(rounds == 1 ? " drain round (kept: with one round none is discarded). Machine: "
            : " drain rounds, systems alternating, first round discarded, medians. Machine: ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ").append(System.getProperty("java.version"))
        .append("; broker, systems and harness in one JVM (CPU split by thread).\n\n");
    md.append("Client settings for all: processing guarantee ").append(GUARANTEE).append(", commit interval ")
        .append(commitIntervalMs).append(" ms (logwarden's detect topology in (d): ").append(detectCommitIntervalMs)
        .append(" ms, as `run` gives it), Kafka Streams' poll.ms ").append(pollMs).append(" ms, 1 stream thread, ").append(new java.util.TreeMap<>(clientSettings))
        .append(". max.task.idle.ms: `run`'s for normalize (").append(StreamsProperties.NORMALIZE_MAX_TASK_IDLE_MS)
        .append(", no waiting for an empty partition) and the identity topology, Kafka Streams' default (0) for detect")
        .append(". logwarden's RocksDB memory budget (rocksdb_memory_mb): ")
        .append(rocksDbMemoryMb == 0 ? "none (Kafka Streams' per-store defaults)" : rocksDbMemoryMb + " MiB").append(".")
        .append(streamsOverrides.isEmpty() ? "" : " Set for logwarden's topologies as under `kafka:`: "
            + new java.util.TreeMap<>(streamsOverrides) + ".")
        .append("\n\n");
    md.append("## Drain throughput\n\n");
    md.append("CPU seconds per million records: the application's threads; RocksDB's flush and compaction threads "
        + "(native, working for the application's state stores); the broker's threads; garbage collection and the JIT "
        + "compilers (of the one JVM all share); the rest (the harness).\n\n");
    md.append("| system | records/s | seconds | app | app RocksDB | broker | GC + JIT | rest |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    median.forEach((system, m) -> md.append(String.format("| %s | %,.0f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
        system.title, m.recordsPerSecond(), m.seconds(), perMillion(m.appCpuSeconds(), m),
        perMillion(m.rocksDbCpuSeconds(), m), perMillion(m.brokerCpuSeconds(), m), perMillion(m.gcJitCpuSeconds(), m),
        perMillion(m.otherCpuSeconds(), m))));
    if (everyRound.values().stream().anyMatch(list -> list.size() > 2)) {
      md.append("\nEvery round's records/s (the first, discarded, in brackets), and the kept rounds' spread:\n\n");
      md.append("| system | rounds | min | max | spread |\n|---|---|---:|---:|---:|\n");
      everyRound.forEach((system, list) -> {
        List<Measurement> kept = list.subList(Math.min(1, list.size() - 1), list.size());
        double min = kept.stream().mapToDouble(Measurement::recordsPerSecond).min().orElse(0);
        double max = kept.stream().mapToDouble(Measurement::recordsPerSecond).max().orElse(0);
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < list.size(); i++) {
          String figure = String.format("%,.0f", list.get(i).recordsPerSecond());
          all.append(i == 0 ? "" : ", ").append(i == 0 && list.size() > 1 ? "(" + figure + ")" : figure);
        }
        md.append(String.format("| %s | %s | %,.0f | %,.0f | %.0f%% |%n", system.title, all, min, max,
            median.get(system).recordsPerSecond() == 0 ? 0 : 100 * (max - min) / median.get(system).recordsPerSecond()));
      });
    }
    if (!latencies.isEmpty()) {
      md.append("\n## End-to-end latency under open-loop load at 50% of each system's drain throughput\n\n");
      md.append(String.format("%d s measured after a %d s warm-up; latency = when a read_committed consumer of the outputs "
          + "got the record, minus the raw record's broker append time (LogAppendTime), carried over by every system. "
          + "Alerts: attacks of %d failed sign-ins from a fresh address each, %s a second; alert latency = when its OPEN "
          + "`%s` alert was readable, minus the append time of the attack's last record. Records retried: what the "
          + "Streams systems' producers had to send again during the measured seconds (a refused produce request, such "
          + "as one that came while the previous transaction was still completing); 0 means a clean window.%n%n",
          latencySeconds, latencyWarmupSeconds, OpenLoopLoad.ATTACK_SIZE, attacksPerSecond, LatencyReader.BRUTE_FORCE_RULE));
      md.append("| system | offered records/s | outputs measured | p50 ms | p99 ms | max ms | attacks | alerts missing | alert p50 ms | alert p99 ms | alert max ms | records retried while measured |\n");
      md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
      latencies.forEach((system, l) -> md.append(String.format("| %s | %,.0f | %,d | %.0f | %.0f | %.0f | %s | %s | %s | %s | %s | %s |%n",
          system.title, l.rate(), l.samples(), l.p50(), l.p99(), l.max(),
          l.attacks() == 0 ? "" : Integer.toString(l.attacks()), l.attacks() == 0 ? "" : Integer.toString(l.attacksMissing()),
          l.attacks() == 0 ? "" : String.format("%.0f", l.alertP50()), l.attacks() == 0 ? "" : String.format("%.0f", l.alertP99()),
          l.attacks() == 0 ? "" : String.format("%.0f", l.alertMax()),
          l.producerRetries() < 0 ? "not counted" : String.format("%,d", l.producerRetries()))));
      latencies.forEach((system, l) -> {
        if (l.startUp().attacks() > 0) {
          md.append(String.format("%nAlerts of %s over the first %d s after the load began on a freshly started topology "
              + "(warm-up included): %d attacks, %d missing, alert p50 %.0f ms, p99 %.0f ms, max %.0f ms.%n", system.title,
              START_UP_MS / 1000, l.startUp().attacks(), l.startUp().missing(), l.startUp().p50(), l.startUp().p99(),
              l.startUp().max()));
        }
      });
      latencies.forEach((system, l) -> {
        if (l.hops().isEmpty()) {
          return;
        }
        md.append(String.format("%nThe alert path of %s, step by step: when all of an attack's records were readable "
            + "(read_committed) at each topic on the way, by the same consumer.%n%n", system.title));
        md.append("| step | attacks | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|\n");
        l.hops().forEach(h -> md.append(String.format("| %s | %d | %.0f | %.0f | %.0f |%n", h.step(), h.attacks(), h.p50(),
            h.p99(), h.max())));
      });
    }
    if (median.size() == SystemUnderTest.values().length) {
      double a = median.get(SystemUnderTest.COPY).recordsPerSecond();
      double b = median.get(SystemUnderTest.IDENTITY).recordsPerSecond();
      double c = median.get(SystemUnderTest.NORMALIZE).recordsPerSecond();
      double d = median.get(SystemUnderTest.NORMALIZE_DETECT).recordsPerSecond();
      md.append("\n## Against the targets\n\n| figure | measured | target | met |\n|---|---:|---:|---|\n");
      target(md, "(b)/(a) throughput", b / a, "at least 0.8", b / a >= 0.8);
      target(md, "(c)/(b) throughput", c / b, "at least 0.6", c / b >= 0.6);
      target(md, "(d)/(b) throughput", d / b, "at least 0.5", d / b >= 0.5);
      Latency identity = latencies.get(SystemUnderTest.IDENTITY);
      Latency normalize = latencies.get(SystemUnderTest.NORMALIZE);
      Latency detect = latencies.get(SystemUnderTest.NORMALIZE_DETECT);
      if (identity != null && normalize != null) {
        md.append(String.format("| normalize p99 − identity p99 | %.0f ms | at most 25 ms | %s |%n",
            normalize.p99() - identity.p99(), normalize.p99() - identity.p99() <= 25 ? "yes" : "no"));
      }
      if (detect != null) {
        md.append(String.format("| alert p99 | %.0f ms | at most 500 ms | %s |%n", detect.alertP99(),
            detect.alertP99() <= 500 && detect.attacksMissing() == 0 ? "yes" : "no"));
      }
    }
    return md.toString();
  }

  private static void target(StringBuilder md, String figure, double measured, String target, boolean met) {
    md.append(String.format("| %s | %.2f | %s | %s |%n", figure, measured, target, met ? "yes" : "no"));
  }

  private static double perMillion(double seconds, Measurement m) {
    return seconds / m.records() * 1e6;
  }

  // The median round by throughput; of an even number, the mean of the middle two.
  private static Measurement median(List<Measurement> list) {
    List<Measurement> sorted = new ArrayList<>(list);
    sorted.sort(java.util.Comparator.comparingDouble(Measurement::recordsPerSecond));
    Measurement upper = sorted.get(sorted.size() / 2);
    if (sorted.size() % 2 == 1) {
      return upper;
    }
    Measurement lower = sorted.get(sorted.size() / 2 - 1);
    return new Measurement((lower.seconds() + upper.seconds()) / 2, upper.records(),
        (lower.appCpuSeconds() + upper.appCpuSeconds()) / 2, (lower.rocksDbCpuSeconds() + upper.rocksDbCpuSeconds()) / 2,
        (lower.brokerCpuSeconds() + upper.brokerCpuSeconds()) / 2, (lower.gcJitCpuSeconds() + upper.gcJitCpuSeconds()) / 2,
        (lower.otherCpuSeconds() + upper.otherCpuSeconds()) / 2);
  }

  private static void log(String format, Object... args) {
    System.err.printf(Instant.now() + " " + format + "%n", args);
  }
}
