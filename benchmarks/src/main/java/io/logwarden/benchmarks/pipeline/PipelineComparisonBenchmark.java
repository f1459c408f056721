package io.logwarden.benchmarks.pipeline;

import io.logwarden.config.LogwardenConfig;
import io.logwarden.config.StreamsProperties;
import io.logwarden.demo.EmbeddedKafkaBroker;
import io.logwarden.ops.PipelineRuntime;
import io.logwarden.ops.ScratchDirectory;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.redact.PseudonymKey;
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
 * system reads the same preloaded raw topic from its start with a fresh group and is timed until its
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
  static final Map<String, String> CLIENT_SETTINGS = Map.of(
      ProducerConfig.LINGER_MS_CONFIG, "5",
      ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(64 * 1024),
      ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
      ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
  static final String GUARANTEE = StreamsConfig.EXACTLY_ONCE_V2;
  static final long COMMIT_INTERVAL_MS = 100;

  enum SystemUnderTest {
    COPY("(a) copy loop"), IDENTITY("(b) identity topology"), NORMALIZE("(c) normalize"),
    NORMALIZE_DETECT("(d) normalize + detect");

    final String title;

    SystemUnderTest(String title) {
      this.title = title;
    }
  }

  record Measurement(double seconds, long records, double appCpuSeconds, double otherCpuSeconds) {
    double recordsPerSecond() {
      return records / seconds;
    }
  }

  @Option(names = "--records", defaultValue = "1000000", description = "Raw records to preload (default ${DEFAULT-VALUE}).")
  long records;

  @Option(names = "--rounds", defaultValue = "3", description = "Rounds; the first is discarded (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--smoke", description = "20,000 records, 2 rounds: checks the harness, measures nothing.")
  boolean smoke;

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the Markdown report here.")
  Path out;

  @Option(names = "--systems", split = ",", paramLabel = "SYSTEM",
      description = "Systems to run, of ${COMPLETION-CANDIDATES} (default all; ratios need all four).")
  List<SystemUnderTest> systems = List.of(SystemUnderTest.values());

  private Policy policy;
  private EmbeddedKafkaBroker broker;
  // Taken when a system has drained, before it is closed: a closed client's threads take their CPU time with them.
  private long drainedAt;
  private long appCpuAtDrain;
  private long processCpuAtDrain;
  private ScratchDirectory state;

  public static void main(String[] args) {
    System.exit(new CommandLine(new PipelineComparisonBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (smoke) {
      records = 20_000;
      rounds = 2;
    }
    policy = PolicyLoader.loadDefault();
    try (EmbeddedKafkaBroker started = EmbeddedKafkaBroker.start();
        ScratchDirectory scratch = ScratchDirectory.create("logwarden-bench-pipeline-")) {
      broker = started;
      state = scratch;
      setUp();
      Map<SystemUnderTest, List<Measurement>> results = new LinkedHashMap<>();
      for (int round = 0; round < rounds; round++) {
        for (SystemUnderTest system : systems) {
          Measurement m = measure(system, round);
          log("round %d %-26s %8.0f records/s (%.1f s), app CPU %.1f s, broker+other CPU %.1f s", round, system.title,
              m.recordsPerSecond(), m.seconds(), m.appCpuSeconds(), m.otherCpuSeconds());
          results.computeIfAbsent(system, s -> new ArrayList<>()).add(m);
        }
      }
      String report = report(results);
      System.out.println(report);
      if (out != null) {
        Files.writeString(out, report);
      }
      return 0;
    }
  }

  private Map<String, Object> client() {
    Map<String, Object> props = new HashMap<>();
    props.put("bootstrap.servers", broker.bootstrapServers());
    return props;
  }

  private void setUp() throws Exception {
    LogwardenConfig config = LogwardenConfig.local(broker.bootstrapServers(), state.path(), KEY);
    try (PipelineRuntime runtime = new PipelineRuntime(config, policy, new SimpleMeterRegistry())) {
      runtime.provisionTopics();
    }
    try (Admin admin = Admin.create(client())) {
      admin.createTopics(List.of(
          new NewTopic(RAW, PARTITIONS, (short) 1).configs(Map.of("message.timestamp.type", "LogAppendTime")),
          new NewTopic("bench.copy.out", PARTITIONS, (short) 1),
          new NewTopic("bench.identity.out", PARTITIONS, (short) 1))).all().get();
    }
    Thread.sleep(1_000);
    BenchCorpus corpus = new BenchCorpus(42);
    Map<String, Object> props = client();
    props.putAll(CLIENT_SETTINGS);
    props.remove(ConsumerConfig.MAX_POLL_RECORDS_CONFIG);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    long start = System.nanoTime();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (long i = 0; i < records; i++) {
        producer.send(new ProducerRecord<>(RAW, Long.toString(i).getBytes(StandardCharsets.UTF_8),
            corpus.record(i).getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
    log("preloaded %d records into %s (%d partitions) in %.1f s", records, RAW, PARTITIONS,
        (System.nanoTime() - start) / 1e9);
  }

  private Measurement measure(SystemUnderTest system, int round) throws Exception {
    String app = "bench-" + system.name().toLowerCase().replace('_', '-') + "-" + round;
    Map<TopicPartition, Long> rawEnd = endOffsets(RAW);
    long cpuAppBefore = appCpuNanos(app);
    long cpuProcessBefore = processCpuNanos();
    long start = System.nanoTime();
    switch (system) {
      case COPY -> {
        // Its own thread, named after the system, so that its CPU time is the application's.
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread loop = new Thread(() -> {
          try {
            copyLoop(app, rawEnd);
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
        builder.stream(RAW, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("identity-source"))
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
    long appCpu = appCpuAtDrain - cpuAppBefore;
    long process = processCpuAtDrain - cpuProcessBefore;
    return new Measurement(seconds, records, appCpu / 1e9, (process - appCpu) / 1e9);
  }

  private void drained(String app) {
    drainedAt = System.nanoTime();
    appCpuAtDrain = appCpuNanos(app);
    processCpuAtDrain = processCpuNanos();
  }

  private Properties streamsProperties(String app) {
    Properties props = new Properties();
    props.putAll(client());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
    props.put(StreamsConfig.STATE_DIR_CONFIG, state.path().resolve(app).toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, GUARANTEE);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL_MS);
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    CLIENT_SETTINGS.forEach((key, value) -> props.put(key.startsWith("max.poll")
        ? StreamsConfig.consumerPrefix(key) : StreamsConfig.producerPrefix(key), value));
    return props;
  }

  // logwarden's own topology, with the settings `run` gives it and the benchmark's client settings.
  private KafkaStreams logwarden(TopologyKind kind, String app) {
    LogwardenConfig config = new LogwardenConfig(Map.of("bootstrap.servers", broker.bootstrapServers()), app,
        state.path().resolve(app), null, GUARANTEE, KEY, 0, LogwardenConfig.DEFAULT_ROCKSDB_MEMORY_MB);
    Properties props = StreamsProperties.of(config, kind, policy, new SimpleMeterRegistry());
    Properties common = streamsProperties(app + "-" + kind.id());
    common.remove(StreamsConfig.STATE_DIR_CONFIG);
    props.putAll(common);
    if (kind == TopologyKind.DETECT) {
      // Detect starts at the end of security.events: earlier rounds' events are not this round's work.
      props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "latest");
    }
    return new KafkaStreams(Topologies.build(kind, policy, RawSubscription.pattern(policy.topics().rawPattern()),
        props), props);
  }

  // (a): read_committed consumer, transactional producer, offsets committed in the transaction.
  private void copyLoop(String app, Map<TopicPartition, Long> rawEnd) throws Exception {
    Map<String, Object> consumerProps = client();
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, app);
    consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, app + "-consumer");
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, CLIENT_SETTINGS.get(ConsumerConfig.MAX_POLL_RECORDS_CONFIG));
    Map<String, Object> producerProps = client();
    CLIENT_SETTINGS.forEach((key, value) -> {
      if (!key.startsWith("max.poll")) {
        producerProps.put(key, value);
      }
    });
    producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, app + "-producer");
    producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, app + "-tx");
    AtomicBoolean done = new AtomicBoolean();
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      consumer.subscribe(List.of(RAW));
      Map<TopicPartition, Long> position = new HashMap<>();
      long lastCommit = System.nanoTime();
      producer.beginTransaction();
      Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
      while (!done.get()) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(50));
        for (ConsumerRecord<byte[], byte[]> record : batch) {
          producer.send(new ProducerRecord<>("bench.copy.out", record.key(), record.value()));
          TopicPartition partition = new TopicPartition(record.topic(), record.partition());
          pending.put(partition, new OffsetAndMetadata(record.offset() + 1));
          position.put(partition, record.offset() + 1);
        }
        if (System.nanoTime() - lastCommit >= COMMIT_INTERVAL_MS * 1_000_000 || reached(position, rawEnd)) {
          producer.sendOffsetsToTransaction(pending, consumer.groupMetadata());
          producer.commitTransaction();
          pending.clear();
          lastCommit = System.nanoTime();
          if (reached(position, rawEnd)) {
            done.set(true);
            drained(app);
          } else {
            producer.beginTransaction();
          }
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
    try (Admin admin = Admin.create(client())) {
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
    try (Admin admin = Admin.create(client())) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
          .forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      Map<TopicPartition, Long> end = new HashMap<>();
      admin.listOffsets(request).all().get().forEach((partition, info) -> end.put(partition, info.offset()));
      return end;
    }
  }

  // The application's threads are those named after its id (Streams threads, its clients' network
  // threads, the copy loop's thread); the rest of the process is the broker, JVM and harness.
  private static long appCpuNanos(String app) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(app)) {
        long cpu = threads.getThreadCpuTime(info.getThreadId());
        total += Math.max(cpu, 0);
      }
    }
    return total;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private String report(Map<SystemUnderTest, List<Measurement>> results) {
    Map<SystemUnderTest, Measurement> median = new LinkedHashMap<>();
    results.forEach((system, list) -> median.put(system, median(list.subList(Math.min(1, list.size() - 1), list.size()))));
    StringBuilder md = new StringBuilder();
    md.append("# Pipeline drain throughput against baselines\n\n");
    md.append("Date ").append(LocalDate.now()).append("; ").append(records).append(" records of the mixed corpus (every format, ")
        .append("5% with a secret, 10% sign-in or configuration events) in ").append(PARTITIONS).append(" partitions; ")
        .append(rounds).append(" rounds, systems alternating, first round discarded, medians. Machine: ")
        .append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ").append(System.getProperty("java.version"))
        .append("; broker and systems in one JVM.\n\n");
    md.append("Client settings for all: processing guarantee ").append(GUARANTEE).append(", commit interval ")
        .append(COMMIT_INTERVAL_MS).append(" ms, 1 stream thread, ").append(new java.util.TreeMap<>(CLIENT_SETTINGS)).append(".\n\n");
    md.append("| system | records/s | seconds | app CPU s / M records | broker+other CPU s / M records |\n|---|---:|---:|---:|---:|\n");
    median.forEach((system, m) -> md.append(String.format("| %s | %,.0f | %.1f | %.1f | %.1f |%n", system.title,
        m.recordsPerSecond(), m.seconds(), m.appCpuSeconds() / m.records() * 1e6, m.otherCpuSeconds() / m.records() * 1e6)));
    if (median.size() < SystemUnderTest.values().length) {
      return md.toString();
    }
    double a = median.get(SystemUnderTest.COPY).recordsPerSecond();
    double b = median.get(SystemUnderTest.IDENTITY).recordsPerSecond();
    double c = median.get(SystemUnderTest.NORMALIZE).recordsPerSecond();
    double d = median.get(SystemUnderTest.NORMALIZE_DETECT).recordsPerSecond();
    md.append("\n| ratio | measured | target |\n|---|---:|---:|\n");
    md.append(String.format("| (b)/(a) | %.2f | at least 0.8 |%n", b / a));
    md.append(String.format("| (c)/(b) | %.2f | at least 0.6 |%n", c / b));
    md.append(String.format("| (d)/(b) | %.2f | at least 0.5 |%n", d / b));
    return md.toString();
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
        (lower.appCpuSeconds() + upper.appCpuSeconds()) / 2, (lower.otherCpuSeconds() + upper.otherCpuSeconds()) / 2);
  }

  private static void log(String format, Object... args) {
    System.err.printf(Instant.now() + " " + format + "%n", args);
  }
}
