package io.logwarden.benchmarks.flood;

import io.logwarden.benchmarks.detect.DetectApp;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Samples, every interval, the lag of the two consumer groups of the pipeline and the process's
 * memory.
 *
 * <p><b>Lag in records</b>: per partition a group reads, the end (the last stable offset, what a
 * read_committed reader can reach) minus the group's committed offset (the log start when it has none);
 * for detect, its inputs ({@code security.events}, the store topic it reads) and its repartition topics
 * apart. <b>Lag in time</b>: per partition, how long ago the first record the group has not committed
 * was appended, the largest over the partitions. The records of the repartition topics carry their
 * events' own times, not when they were written (the flood's are minutes old on arrival), so the time
 * of an append is taken from the partition's end offsets as sampled: the offset was appended between
 * the last sample whose end was at or below it and the first above it, interpolated by offset. Under
 * exactly-once the committed offset of a caught-up partition may stand on a transaction marker; a lag of
 * a few offsets is therefore checked with a read_committed fetch, and counts only if a record is there.
 *
 * <p><b>Memory</b>: the process's resident set (VmRSS, VmHWM), the JVM heap in use and committed, and
 * detect's RocksDB memory from the Streams metrics: the block cache in use (one cache shared by all
 * stores under the bounded configuration, so the largest value of any store; it holds the memtables'
 * reservations too), the memtables and the table readers (index and filter blocks outside the cache),
 * summed over the stores.
 */
final class LagSampler implements AutoCloseable {

  /** Record lags up to this many offsets are checked for a visible record (the rest are markers). */
  private static final long PROBED_LAG = 5;

  /**
   * One sample. Lags in ms; memory in bytes, -1 when unknown.
   */
  record Sample(long wallMs, long normalizeRecords, long normalizeLagMs, long detectInputRecords,
      long detectRepartitionRecords, long detectInputLagMs, long detectRepartitionLagMs, long rssBytes,
      long peakRssBytes, long heapUsedBytes, long heapCommittedBytes, long blockCacheBytes, long memtableBytes,
      long tableReadersBytes, double load1, long alertRecords, long lateEvents) {

    long detectRecords() {
      return detectInputRecords + detectRepartitionRecords;
    }

    long detectLagMs() {
      return Math.max(detectInputLagMs, detectRepartitionLagMs);
    }

    long pipelineLagMs() {
      return Math.max(normalizeLagMs, detectLagMs());
    }

    static final String HEADER = "wall_ms\tnormalize_records\tnormalize_lag_ms\tdetect_input_records"
        + "\tdetect_repartition_records\tdetect_input_lag_ms\tdetect_repartition_lag_ms\trss\tpeak_rss\theap_used"
        + "\theap_committed\tblock_cache\tmemtables\ttable_readers\tload1\talert_records\tlate_events";

    String tsv() {
      return wallMs + "\t" + normalizeRecords + "\t" + normalizeLagMs + "\t" + detectInputRecords + "\t"
          + detectRepartitionRecords + "\t" + detectInputLagMs + "\t" + detectRepartitionLagMs + "\t" + rssBytes + "\t"
          + peakRssBytes + "\t" + heapUsedBytes + "\t" + heapCommittedBytes + "\t" + blockCacheBytes + "\t"
          + memtableBytes + "\t" + tableReadersBytes + "\t" + load1 + "\t" + alertRecords + "\t" + lateEvents;
    }
  }

  /** A partition's end offsets as sampled: when, and where. */
  private static final class History {
    private long[] times = new long[64];
    private long[] ends = new long[64];
    private int size;

    void add(long time, long end) {
      if (size == times.length) {
        times = java.util.Arrays.copyOf(times, size * 2);
        ends = java.util.Arrays.copyOf(ends, size * 2);
      }
      times[size] = time;
      ends[size] = end;
      size++;
    }

    /** When the record at {@code offset} was appended, as far as the samples tell. */
    long appendedAt(long offset) {
      // The first sample whose end is past the offset.
      int lo = 0;
      int hi = size - 1;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (ends[mid] > offset) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      if (lo == 0 || ends[lo] <= offset) {
        return times[lo];
      }
      double share = (double) (offset - ends[lo - 1] + 1) / (ends[lo] - ends[lo - 1]);
      return times[lo - 1] + Math.round(share * (times[lo] - times[lo - 1]));
    }
  }

  private final Admin admin;
  private final DetectApp app;
  private final LongSupplier alertRecords;
  private final LongSupplier lateEvents;
  private final long intervalMs;
  private final String normalizeGroup;
  private final Set<TopicPartition> normalizePartitions = new HashSet<>();
  private final Set<TopicPartition> detectInputPartitions = new HashSet<>();
  private final Set<TopicPartition> detectRepartitionPartitions = new HashSet<>();
  private final Map<TopicPartition, History> histories = new HashMap<>();
  private final KafkaConsumer<byte[], byte[]> probe;
  private final List<Sample> samples = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean stop;
  private boolean started;

  /**
   * @param alertRecords alert records read so far
   * @param lateEvents events the sign-in rules counted late so far
   */
  LagSampler(Admin admin, DetectApp app, List<String> rawTopics, LongSupplier alertRecords, LongSupplier lateEvents,
      Duration interval) throws Exception {
    this.lateEvents = lateEvents;
    this.admin = admin;
    this.app = app;
    this.alertRecords = alertRecords;
    this.intervalMs = interval.toMillis();
    this.normalizeGroup = app.normalizeApplicationId();
    Set<String> detectInputs = new TreeSet<>();
    Set<String> repartitions = new TreeSet<>();
    TopologyDescription description = app.topology().describe();
    description.subtopologies().forEach(sub -> sub.nodes().forEach(node -> {
      if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
        for (String topic : source.topicSet()) {
          if (topic.endsWith("-repartition")) {
            repartitions.add(topic.startsWith(app.applicationId() + "-") ? topic : app.applicationId() + "-" + topic);
          } else {
            detectInputs.add(topic);
          }
        }
      }
    }));
    partitions(rawTopics, normalizePartitions);
    partitions(detectInputs, detectInputPartitions);
    partitions(repartitions, detectRepartitionPartitions);
    Properties props = new Properties();
    props.putAll(app.clientProperties());
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-harness-lag-probe");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 20);
    this.probe = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, "bench-harness-lag");
    thread.setDaemon(true);
  }

  private void partitions(Collection<String> topics, Set<TopicPartition> into) throws Exception {
    admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) ->
        description.partitions().forEach(p -> into.add(new TopicPartition(topic, p.partition()))));
  }

  /** The topics sampled, for the report. */
  String describe() {
    Set<String> raw = new TreeSet<>();
    normalizePartitions.forEach(p -> raw.add(p.topic()));
    Set<String> inputs = new TreeSet<>();
    detectInputPartitions.forEach(p -> inputs.add(p.topic()));
    return "normalize (group `" + normalizeGroup + "`): " + raw + ", " + normalizePartitions.size()
        + " partitions; detect (group `" + app.applicationId() + "`): inputs " + inputs + " and "
        + detectRepartitionPartitions.stream().map(TopicPartition::topic).distinct().count()
        + " repartition topics, " + (detectInputPartitions.size() + detectRepartitionPartitions.size()) + " partitions";
  }

  void start() {
    started = true;
    thread.start();
  }

  private void run() {
    try {
      long next = System.currentTimeMillis();
      int failedInARow = 0;
      while (!stop) {
        try {
          Sample sample = sample();
          synchronized (samples) {
            samples.add(sample);
          }
          failedInARow = 0;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
            | org.apache.kafka.common.KafkaException e) {
          // A slow broker under the flood: skip the sample, unless it keeps failing.
          if (++failedInARow == 30) {
            throw e;
          }
          io.logwarden.benchmarks.detect.Progress.log("lag sample failed (%s), skipped", e);
        }
        next += intervalMs;
        long sleep = next - System.currentTimeMillis();
        if (sleep > 0) {
          Thread.sleep(sleep);
        } else {
          next = System.currentTimeMillis();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Throwable e) {
      failure.set(e);
    } finally {
      probe.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private Sample sample() throws Exception {
    Map<TopicPartition, Long> committed = committed(normalizeGroup);
    committed.putAll(committed(app.applicationId()));
    Set<TopicPartition> all = new HashSet<>(normalizePartitions);
    all.addAll(detectInputPartitions);
    all.addAll(detectRepartitionPartitions);
    Map<TopicPartition, Long> ends = offsets(all, OffsetSpec.latest());
    long wall = System.currentTimeMillis();
    ends.forEach((partition, end) -> histories.computeIfAbsent(partition, p -> new History()).add(wall, end));
    Set<TopicPartition> uncommitted = new HashSet<>(all);
    uncommitted.removeAll(committed.keySet());
    if (!uncommitted.isEmpty()) {
      committed.putAll(offsets(uncommitted, OffsetSpec.earliest()));
    }
    Map<TopicPartition, Long> firstUnread = new HashMap<>();
    Set<TopicPartition> toProbe = new HashSet<>();
    for (TopicPartition partition : all) {
      long lag = ends.get(partition) - committed.get(partition);
      if (lag > 0) {
        firstUnread.put(partition, committed.get(partition));
        if (lag <= PROBED_LAG) {
          toProbe.add(partition);
        }
      }
    }
    probeVisible(toProbe, committed, ends, firstUnread);
    long[] normalize = lag(normalizePartitions, committed, ends, firstUnread, wall);
    long[] inputs = lag(detectInputPartitions, committed, ends, firstUnread, wall);
    long[] repartitions = lag(detectRepartitionPartitions, committed, ends, firstUnread, wall);
    Map<String, Long> status = procStatus();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new Sample(wall, normalize[0], normalize[1], inputs[0], repartitions[0], inputs[1], repartitions[1],
        status.getOrDefault("VmRSS", -1L), status.getOrDefault("VmHWM", -1L), heap.getUsed(), heap.getCommitted(),
        storeMetric("block-cache-usage", true), storeMetric("size-all-mem-tables", false),
        storeMetric("estimate-table-readers-mem", false), loadAverage()[0], alertRecords.getAsLong(),
        lateEvents.getAsLong());
  }

  /** Records and time behind, over the partitions: {records, ms}. */
  private long[] lag(Set<TopicPartition> partitions, Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends,
      Map<TopicPartition, Long> firstUnread, long wall) {
    long records = 0;
    long ms = 0;
    for (TopicPartition partition : partitions) {
      records += Math.max(0, ends.get(partition) - committed.get(partition));
      Long first = firstUnread.get(partition);
      if (first != null) {
        ms = Math.max(ms, wall - histories.get(partition).appendedAt(first));
      }
    }
    return new long[] {records, ms};
  }

  /** Drops from {@code firstUnread} the partitions with nothing visible before their end; moves the others to their first visible record. */
  private void probeVisible(Set<TopicPartition> partitions, Map<TopicPartition, Long> committed,
      Map<TopicPartition, Long> ends, Map<TopicPartition, Long> firstUnread) {
    if (partitions.isEmpty()) {
      return;
    }
    probe.assign(partitions);
    partitions.forEach(p -> probe.seek(p, committed.get(p)));
    Set<TopicPartition> pending = new HashSet<>(partitions);
    long deadline = System.currentTimeMillis() + 300;
    while (!pending.isEmpty() && System.currentTimeMillis() < deadline) {
      for (ConsumerRecord<byte[], byte[]> record : probe.poll(Duration.ofMillis(50))) {
        TopicPartition p = new TopicPartition(record.topic(), record.partition());
        if (pending.remove(p)) {
          firstUnread.put(p, record.offset());
        }
      }
      pending.removeIf(p -> {
        if (probe.position(p) >= ends.get(p)) {
          firstUnread.remove(p);
          return true;
        }
        return false;
      });
    }
  }

  private Map<TopicPartition, Long> committed(String group) throws Exception {
    Map<TopicPartition, Long> committed = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    offsets.forEach((partition, offset) -> {
      if (offset != null) {
        committed.put(partition, offset.offset());
      }
    });
    return committed;
  }

  private Map<TopicPartition, Long> offsets(Set<TopicPartition> partitions, OffsetSpec spec) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(p -> request.put(p, spec));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS)
        .forEach((partition, info) -> offsets.put(partition, info.offset()));
    return offsets;
  }

  /** A RocksDB property metric of detect's stores: summed, or the largest (for the shared block cache); -1 if none. */
  private long storeMetric(String name, boolean largest) {
    if (app.streams() == null) {
      return -1;
    }
    double value = -1;
    for (Map.Entry<MetricName, ? extends Metric> entry : app.streams().metrics().entrySet()) {
      MetricName metric = entry.getKey();
      if (metric.group().equals("stream-state-metrics") && metric.name().equals(name)
          && entry.getValue().metricValue() instanceof Number number && !Double.isNaN(number.doubleValue())) {
        double v = number.doubleValue();
        value = value < 0 ? v : largest ? Math.max(value, v) : value + v;
      }
    }
    return (long) value;
  }

  /** Sizes in bytes of the kB fields of /proc/self/status (VmRSS, VmHWM, ...). */
  static Map<String, Long> procStatus() {
    Map<String, Long> fields = new HashMap<>();
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        String[] parts = line.split("\\s+");
        if (parts.length == 3 && parts[2].equals("kB")) {
          fields.put(parts[0].substring(0, parts[0].length() - 1), Long.parseLong(parts[1]) * 1024);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return fields;
  }

  /** The 1, 5 and 15 minute load averages; NaN when unknown. */
  static double[] loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    } catch (IOException | RuntimeException e) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
  }

  /** The samples so far. */
  List<Sample> samples() {
    synchronized (samples) {
      return new ArrayList<>(samples);
    }
  }

  /** The latest sample, or null. */
  Sample latest() {
    synchronized (samples) {
      return samples.isEmpty() ? null : samples.get(samples.size() - 1);
    }
  }

  void checkHealthy() {
    Throwable error = failure.get();
    if (error != null) {
      throw new IllegalStateException("the lag sampler failed: " + error, error);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    if (started) {
      thread.join(15_000);
    } else {
      probe.close();
    }
  }
}
