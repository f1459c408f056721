package io.logwarden.benchmarks.pipeline;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.detect.DetectionSignal;
import io.logwarden.schema.serde.LogwardenSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a system's output topics from their end with {@code read_committed} and measures each
 * record's end-to-end latency: the wall-clock time it became readable minus its timestamp, which
 * every system under test carries over from the raw record, where the broker set it on append
 * (LogAppendTime). Only records whose raw record was appended within the measured period count.
 * On the alerts topic, the first OPEN brute-force alert naming an attack's events gives that
 * attack's alert latency (from its last record's append). When given the hops of the alert path,
 * it also notes when all of an attack's records were readable on each: the security events
 * normalize writes, then the brute-force rule's repartition topic (the rule's input).
 */
final class LatencyReader implements AutoCloseable {

  static final String BRUTE_FORCE_RULE = "auth.brute_force.source";

  /** Latencies in whole milliseconds, 0 to 10 minutes; beyond counts in the last bucket. */
  static final class Histogram {
    private final long[] counts = new long[600_001];
    private long total;

    void add(long millis) {
      counts[(int) Math.max(0, Math.min(counts.length - 1, millis))]++;
      total++;
    }

    long total() {
      return total;
    }

    double percentile(double p) {
      if (total == 0) {
        return Double.NaN;
      }
      long rank = (long) Math.ceil(p / 100.0 * total);
      long seen = 0;
      for (int i = 0; i < counts.length; i++) {
        seen += counts[i];
        if (seen >= Math.max(1, rank)) {
          return i;
        }
      }
      return counts.length - 1;
    }
  }

  private final Thread thread;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String alertsTopic;
  private final OpenLoopLoad load;
  private final Histogram events = new Histogram();
  private final Map<Integer, Long> alertSeenMs = new HashMap<>();
  private final Hop securityEvents;
  private final Hop ruleInput;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private volatile long measureFromMs = Long.MAX_VALUE;
  private volatile long measureToMs = Long.MAX_VALUE;
  private volatile boolean stop;

  /**
   * One topic of the alert path: per attack, how many of its records were read there, and when the
   * last of them was.
   */
  static final class Hop {
    final String topic;
    private final Map<Integer, Integer> counts = new HashMap<>();
    private final Map<Integer, Long> completeMs = new HashMap<>();

    Hop(String topic) {
      this.topic = topic;
    }

    private synchronized void saw(OpenLoopLoad.Attack attack, long now) {
      if (attack != null && counts.merge(attack.number, 1, Integer::sum) == OpenLoopLoad.ATTACK_SIZE) {
        completeMs.put(attack.number, now);
      }
    }

    /** When every record of attack {@code number} had been read on this topic, or null. */
    synchronized Long completeMs(int number) {
      return completeMs.get(number);
    }
  }

  /**
   * Reads {@code topics} for end-to-end latency; with {@code alertsTopic}, alerts; with the two hop
   * topics (either may be null), the alert path's intermediate steps.
   */
  LatencyReader(Map<String, Object> client, List<String> topics, String alertsTopic, OpenLoopLoad load,
      String securityEventsTopic, String ruleInputTopic) {
    this.alertsTopic = alertsTopic;
    this.load = load;
    this.securityEvents = securityEventsTopic == null ? null : new Hop(securityEventsTopic);
    this.ruleInput = ruleInputTopic == null ? null : new Hop(ruleInputTopic);
    Map<String, Object> props = new HashMap<>(client);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-harness-latency");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    List<String> all = new ArrayList<>(topics);
    if (alertsTopic != null) {
      all.add(alertsTopic);
    }
    if (ruleInput != null) {
      all.add(ruleInput.topic);
    }
    for (String topic : all) {
      consumer.partitionsFor(topic).forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
    }
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(consumer::position); // resolve the end now, before any load is sent
    Deserializer<Alert> alerts = LogwardenSerdes.alert().deserializer();
    Deserializer<LogEvent> logEvents = LogwardenSerdes.logEvent().deserializer();
    Deserializer<DetectionSignal> signals = LogwardenSerdes.detectionSignal().deserializer();
    this.thread = new Thread(() -> {
      try {
        while (!stop) {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
            long now = System.currentTimeMillis();
            if (record.topic().equals(alertsTopic)) {
              alert(alerts.deserialize(record.topic(), record.value()), now);
              continue;
            }
            if (ruleInput != null && record.topic().equals(ruleInput.topic)) {
              ruleInput.saw(load.attackOf(signals.deserialize(record.topic(), record.value()).getEventId()), now);
              continue;
            }
            if (securityEvents != null && record.topic().equals(securityEvents.topic)) {
              securityEvents.saw(load.attackOf(logEvents.deserialize(record.topic(), record.value()).getEventId()), now);
            }
            if (record.timestamp() >= measureFromMs && record.timestamp() < measureToMs) {
              events.add(now - record.timestamp());
            }
          }
        }
      } catch (Exception e) {
        failure.set(e);
      } finally {
        consumer.close();
      }
    }, "bench-harness-latency");
  }

  private void alert(Alert alert, long now) {
    if (alert.getStatus() != AlertStatus.OPEN || !alert.getRuleId().equals(BRUTE_FORCE_RULE)) {
      return;
    }
    for (String id : alert.getSampleEventIds()) {
      OpenLoopLoad.Attack attack = load.attackOf(id);
      if (attack != null) {
        synchronized (alertSeenMs) {
          alertSeenMs.putIfAbsent(attack.number, now);
        }
        return;
      }
    }
  }

  void start() {
    thread.start();
  }

  void measure(long fromMs, long toMs) {
    measureFromMs = fromMs;
    measureToMs = toMs;
  }

  /** The security-events hop, or null when not asked for. */
  Hop securityEvents() {
    return securityEvents;
  }

  /** The rule-input hop, or null when not asked for. */
  Hop ruleInput() {
    return ruleInput;
  }

  Histogram events() {
    return events;
  }

  /** When the alert of attack {@code number} was first readable, or null. */
  Long alertSeenMs(int number) {
    synchronized (alertSeenMs) {
      return alertSeenMs.get(number);
    }
  }

  @Override
  public void close() throws Exception {
    stop = true;
    thread.join();
    if (failure.get() != null) {
      throw failure.get();
    }
  }
}
