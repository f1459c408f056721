package io.logwarden.benchmarks.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Open-loop load on the raw topics (record n to topic n modulo their number): corpus records at a
 * fixed rate whatever the system under test does (a late schedule is caught up, never slowed down),
 * and, when asked, attacks at a steady rate:
 * each eight failed sign-ins from a fresh source address, with producer event ids {@code
 * bench-attack-<n>-<i>}, whose last broker append time is when the alert becomes due.
 */
public final class OpenLoopLoad implements AutoCloseable {

  /** Failed sign-ins per attack: the shipped brute-force-by-source threshold. */
  static final int ATTACK_SIZE = 8;
  static final String ATTACK_ID_PREFIX = "bench-attack-";

  /** One attack: when its last record was appended by the broker (LogAppendTime), in epoch ms. */
  static final class Attack {
    final int number;
    final long sentAtMs;
    final AtomicLong lastAppendMs = new AtomicLong(Long.MIN_VALUE);
    final AtomicLong acked = new AtomicLong();

    Attack(int number, long sentAtMs) {
      this.number = number;
      this.sentAtMs = sentAtMs;
    }

    boolean complete() {
      return acked.get() == ATTACK_SIZE;
    }
  }

  private final List<String> topics;
  private final Thread thread;
  private final AtomicReference<Exception> failure = new AtomicReference<>();
  private final List<Attack> attacks = new CopyOnWriteArrayList<>();
  private final Map<Integer, Attack> byNumber = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private volatile boolean stop;

  OpenLoopLoad(Map<String, Object> producerProps, List<String> topics, RawCorpus corpus, long firstIndex, double rate,
      double attacksPerSecond) {
    this(producerProps, topics, (LongFunction<String>) corpus::record, firstIndex, rate, attacksPerSecond);
  }

  /**
   * Load of any corpus: record {@code n} is {@code corpus.apply(n)}, from {@code firstIndex} on, at
   * {@code rate} records/s, with {@code attacksPerSecond} attacks (0: none).
   */
  public OpenLoopLoad(Map<String, Object> producerProps, List<String> topics, LongFunction<String> corpus,
      long firstIndex, double rate, double attacksPerSecond) {
    this.topics = List.copyOf(topics);
    this.thread = new Thread(() -> {
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
        long start = System.nanoTime();
        long nextAttack = start;
        long index = firstIndex;
        while (!stop) {
          long now = System.nanoTime();
          long due = (long) ((now - start) / 1e9 * rate);
          for (; sent.get() < due && !stop; sent.incrementAndGet()) {
            producer.send(new ProducerRecord<>(topics.get((int) (index % topics.size())),
                Long.toString(index).getBytes(StandardCharsets.UTF_8),
                corpus.apply(index).getBytes(StandardCharsets.UTF_8)));
            index++;
          }
          if (attacksPerSecond > 0 && now >= nextAttack) {
            attack(producer);
            nextAttack += (long) (TimeUnit.SECONDS.toNanos(1) / attacksPerSecond);
          }
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
      } catch (Exception e) {
        failure.set(e);
      }
    }, "bench-harness-load");
  }

  public void start() {
    thread.start();
  }

  private void attack(KafkaProducer<byte[], byte[]> producer) {
    int number = attacks.size();
    Attack attack = new Attack(number, System.currentTimeMillis());
    attacks.add(attack);
    byNumber.put(number, attack);
    // A distinct /24 per attack, so that an address cut to its network is still the attack's own.
    String address = "198." + (18 + number / 256) + "." + (number % 256) + ".7";
    String time = Instant.now().toString();
    for (int i = 0; i < ATTACK_SIZE; i++) {
      String line = "{\"@timestamp\":\"" + time + "\",\"level\":\"WARN\",\"message\":\"Sign-in failed\","
          + "\"event\":{\"id\":\"" + ATTACK_ID_PREFIX + number + "-" + i + "\",\"action\":\"user_login\","
          + "\"outcome\":\"failure\"},\"user\":{\"name\":\"attacked" + number + "x" + i + "\"},"
          + "\"source\":{\"ip\":\"" + address + "\"}}";
      // Every attack goes to the first raw topic.
      producer.send(new ProducerRecord<>(topics.get(0), null, line.getBytes(StandardCharsets.UTF_8)),
          (metadata, error) -> {
            if (error == null) {
              attack.lastAppendMs.accumulateAndGet(metadata.timestamp(), Math::max);
              attack.acked.incrementAndGet();
            }
          });
    }
  }

  /** The attack an alert's sample event id belongs to, or null. */
  Attack attackOf(String eventId) {
    if (eventId == null || !eventId.startsWith(ATTACK_ID_PREFIX)) {
      return null;
    }
    int dash = eventId.indexOf('-', ATTACK_ID_PREFIX.length());
    return dash < 0 ? null : byNumber.get(Integer.parseInt(eventId.substring(ATTACK_ID_PREFIX.length(), dash)));
  }

  List<Attack> attacks() {
    return attacks;
  }

  public long sent() {
    return sent.get();
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
