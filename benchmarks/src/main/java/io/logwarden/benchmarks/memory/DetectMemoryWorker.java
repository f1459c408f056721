package io.logwarden.benchmarks.memory;

import io.logwarden.config.LogwardenConfig;
import io.logwarden.config.StreamsProperties;
import io.logwarden.detect.rules.RuleSet;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.schema.serde.TrustedRecordClasses;
import io.logwarden.topology.RawSubscription;
import io.logwarden.topology.Topologies;
import io.logwarden.topology.TopologyKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import io.logwarden.topology.DetectTopology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * The measured process: the detect topology alone, configured as {@code logwarden run --topology
 * detect} configures it (the shipped policy, exactly-once v2, {@link StreamsProperties}, the RocksDB
 * budget of {@code rocksdb_memory_mb}) with the benchmark's short-window rules, in a JVM of its own so
 * that its resident memory is not the broker's. Every sample interval it collects its garbage and
 * prints one {@link Sample} line on standard output; logs go to standard error.
 *
 * <p>A line {@value #COUNT} on standard input asks for an exact count of the entries of the rules'
 * {@code -states} stores (one per rule and live key), answered as {@code COUNT <n>}: RocksDB's own
 * estimate counts every overwrite until a compaction merges them. Counting reads every entry, which
 * fills block caches, so the benchmark asks only where that does not distort the samples it keeps.
 *
 * <p>Arguments: bootstrap servers, state directory, RocksDB budget in MiB (0: Kafka Streams' per-store
 * defaults), sample interval in milliseconds, rules resource.
 */
public final class DetectMemoryWorker {

  static final String RULES_RESOURCE = "/memory/rules.yaml";
  static final String SMOKE_RULES_RESOURCE = "/memory/rules-smoke.yaml";
  static final String RUNNING = "RUNNING";
  static final String COUNT = "COUNT";
  private static final PseudonymKey KEY = new PseudonymKey("bench",
      "logwarden benchmark pseudonym key, not secret".getBytes(StandardCharsets.UTF_8));

  private DetectMemoryWorker() {}

  public static void main(String[] args) throws Exception {
    String bootstrap = args[0];
    Path stateDir = Path.of(args[1]);
    int memoryMb = Integer.parseInt(args[2]);
    long sampleMs = Long.parseLong(args[3]);
    String rulesResource = args[4];
    TrustedRecordClasses.trustLogwardenRecords();
    Policy policy = PolicyLoader.loadDefault();
    RuleSet rules = RulesLoader.parse(resource(rulesResource), rulesResource, policy);
    List<String> statesStores = rules.rules().stream().map(DetectTopology::statesStoreName).toList();
    LogwardenConfig config = LogwardenConfig.local(bootstrap, stateDir, KEY).withRocksDbMemoryMb(memoryMb);
    Properties props = StreamsProperties.of(config, TopologyKind.DETECT, policy, new SimpleMeterRegistry());
    String applicationId = props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    String input = policy.topics().securityEvents().name();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (KafkaStreams streams = new KafkaStreams(
            Topologies.build(TopologyKind.DETECT, policy, rules, RawSubscription.pattern(policy.topics().rawPattern()),
                props), props);
        Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      streams.setUncaughtExceptionHandler(error -> {
        failure.compareAndSet(null, error);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      });
      streams.start();
      while (streams.state() != KafkaStreams.State.RUNNING) {
        check(streams, failure);
        Thread.sleep(20);
      }
      System.out.println(RUNNING);
      System.out.flush();
      Thread commands = new Thread(() -> answerCounts(streams, statesStores), "count-requests");
      commands.setDaemon(true);
      commands.start();
      long start = System.nanoTime();
      while (true) {
        check(streams, failure);
        Sample sample = sample(streams, admin, applicationId, input, stateDir, memoryMb > 0,
            (System.nanoTime() - start) / 1_000_000);
        synchronized (System.out) {
          System.out.println(sample.line());
          System.out.flush();
        }
        Thread.sleep(sampleMs);
      }
    } finally {
      Throwable error = failure.get();
      if (error != null) {
        error.printStackTrace();
      }
    }
  }

  private static void answerCounts(KafkaStreams streams, List<String> statesStores) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.trim().equals(COUNT)) {
          long count = 0;
          for (String store : statesStores) {
            ReadOnlyKeyValueStore<Object, Object> view =
                streams.store(StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.keyValueStore()));
            try (KeyValueIterator<Object, Object> all = view.all()) {
              while (all.hasNext()) {
                all.next();
                count++;
              }
            }
          }
          synchronized (System.out) {
            System.out.println(COUNT + " " + count);
            System.out.flush();
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      e.printStackTrace();
      synchronized (System.out) {
        System.out.println(COUNT + " -1");
        System.out.flush();
      }
    }
  }

  private static void check(KafkaStreams streams, AtomicReference<Throwable> failure) {
    KafkaStreams.State state = streams.state();
    if (failure.get() != null || state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR
        || state == KafkaStreams.State.NOT_RUNNING) {
      throw new IllegalStateException("the detect topology is " + state, failure.get());
    }
  }

  private static Sample sample(KafkaStreams streams, Admin admin, String applicationId, String input, Path stateDir,
      boolean sharedCache, long elapsedMs) throws Exception {
    long processed = 0;
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
    for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
      if (entry.getKey().topic().equals(input) && entry.getValue() != null) {
        processed += entry.getValue().offset();
      }
    }
    System.gc();
    java.lang.management.MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long heapAfterGc = heap.getUsed();
    Map<String, Long> status = procStatus();
    // With the shared cache every store reports the same cache: count it once.
    long blockCache = sharedCache ? storeMetric(streams, "block-cache-usage", true)
        : storeMetric(streams, "block-cache-usage", false);
    return new Sample(elapsedMs, processed, status.getOrDefault("VmRSS", -1L), status.getOrDefault("VmHWM", -1L),
        heapAfterGc, directorySize(stateDir), blockCache, storeMetric(streams, "size-all-mem-tables", false),
        storeMetric(streams, "estimate-num-keys", false, "-states"), heap.getCommitted(),
        storeMetric(streams, "estimate-table-readers-mem", false));
  }

  private static long storeMetric(KafkaStreams streams, String name, boolean max) {
    return storeMetric(streams, name, max, "");
  }

  /** A RocksDB property metric of the stores whose name ends so, summed (or the largest), -1 if none. */
  private static long storeMetric(KafkaStreams streams, String name, boolean max, String storeSuffix) {
    long result = -1;
    for (Map.Entry<MetricName, ? extends Metric> entry : streams.metrics().entrySet()) {
      MetricName metric = entry.getKey();
      String store = metric.tags().getOrDefault("rocksdb-state-id", "");
      if (metric.group().equals("stream-state-metrics") && metric.name().equals(name) && store.endsWith(storeSuffix)
          && entry.getValue().metricValue() instanceof Number value) {
        long v = value.longValue();
        result = result < 0 ? v : max ? Math.max(result, v) : result + v;
      }
    }
    return result;
  }

  /** Sizes in bytes of the kB fields of /proc/self/status (VmRSS, VmHWM, ...). */
  static Map<String, Long> procStatus() throws IOException {
    Map<String, Long> fields = new java.util.HashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      String[] parts = line.split("\\s+");
      if (parts.length == 3 && parts[2].equals("kB")) {
        fields.put(parts[0].replace(":", ""), Long.parseLong(parts[1]) * 1024);
      }
    }
    return fields;
  }

  static long directorySize(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> {
        try {
          return Files.size(file);
        } catch (IOException e) {
          return 0; // removed by a compaction while walking
        }
      }).sum();
    } catch (IOException | UncheckedIOException e) {
      return -1; // a directory removed while walking: the next sample counts again
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = DetectMemoryWorker.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static List<String> commandLine(String javaOptions, String bootstrap, Path stateDir, int memoryMb, Duration sample,
      String rulesResource) {
    List<String> command = new java.util.ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : javaOptions.trim().split("\\s+")) {
      if (!option.isEmpty()) {
        command.add(option);
      }
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DetectMemoryWorker.class.getName());
    command.add(bootstrap);
    command.add(stateDir.toString());
    command.add(Integer.toString(memoryMb));
    command.add(Long.toString(sample.toMillis()));
    command.add(rulesResource);
    return command;
  }
}
