package io.logwarden.benchmarks.detect;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.serde.LogwardenSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the alerts topic as a downstream consumer would (read_committed, so only committed
 * transactions), from the position it has when started or from the beginning, and notes the
 * {@link System#nanoTime} at which the first OPEN alert of each source address arrived.
 *
 * <p>The record key of an alert is its alert id; the correlated value (here the source address, not
 * pseudonymized: the detect topology takes {@code source.address} as the normalize topology wrote it)
 * is the alert's {@code key} field, so alerts are matched on that field and the rule id.
 *
 * <p>Given a listener, it also hands it every record read, on the reader's thread.
 */
public final class AlertReader implements AutoCloseable {

  static final String THREAD = "bench-alert-reader";
  static final String CLIENT_ID = "bench-alert-reader";

  private final KafkaConsumer<String, Alert> consumer;
  private final List<TopicPartition> partitions;
  private final Map<String, Long> openedAt = new ConcurrentHashMap<>();
  private final Map<String, Long> byRuleAndStatus = new ConcurrentHashMap<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Thread thread;
  private final Consumer<ConsumerRecord<String, Alert>> listener;
  private volatile boolean running = true;

  AlertReader(Map<String, Object> client, String topic, boolean fromBeginning) {
    this(client, topic, fromBeginning, null);
  }

  /** A reader that also hands every record it reads to {@code listener} (null: none). */
  public AlertReader(Map<String, Object> client, String topic, boolean fromBeginning,
      Consumer<ConsumerRecord<String, Alert>> listener) {
    this.listener = listener;
    Properties props = new Properties();
    props.putAll(client);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Deserializer<Alert> alerts = LogwardenSerdes.alert().deserializer();
    consumer = new KafkaConsumer<>(props, new StringDeserializer(), alerts);
    partitions = consumer.partitionsFor(topic).stream()
        .map(info -> new TopicPartition(topic, info.partition())).toList();
    consumer.assign(partitions);
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
    }
    // Resolve the positions now, so that nothing produced from here on is missed.
    partitions.forEach(consumer::position);
    thread = new Thread(this::run, THREAD);
    thread.setDaemon(true);
    thread.start();
  }

  /** The consumer settings that matter for the measurement. */
  public static Map<String, String> settings() {
    return Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, String.valueOf(ConsumerConfig.DEFAULT_FETCH_MAX_WAIT_MS));
  }

  private void run() {
    try {
      while (running) {
        var records = consumer.poll(Duration.ofMillis(200));
        long now = System.nanoTime();
        for (ConsumerRecord<String, Alert> record : records) {
          if (listener != null) {
            listener.accept(record);
          }
          Alert alert = record.value();
          if (alert == null) {
            continue;
          }
          byRuleAndStatus.merge(alert.getRuleId() + " " + alert.getStatus(), 1L, Long::sum);
          if (alert.getStatus() == AlertStatus.OPEN && SignInEvents.BRUTE_FORCE_SOURCE_RULE.equals(alert.getRuleId())) {
            openedAt.putIfAbsent(alert.getKey(), now);
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (Throwable e) {
      failure.set(e);
    } finally {
      consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
      stopped.countDown();
    }
  }

  /** When the first OPEN brute-force alert for this source address arrived, or null. */
  Long openedAt(String sourceAddress) {
    return openedAt.get(sourceAddress);
  }

  /** Source addresses with an OPEN brute-force alert so far. */
  java.util.Set<String> openedKeys() {
    return openedAt.keySet();
  }

  /** Alerts read so far, by "rule status". */
  Map<String, Long> countsByRuleAndStatus() {
    return new TreeMap<>(byRuleAndStatus);
  }

  public void checkHealthy() {
    Throwable error = failure.get();
    if (error != null) {
      throw new IllegalStateException("the alert consumer failed: " + error, error);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    stopped.await();
  }
}
