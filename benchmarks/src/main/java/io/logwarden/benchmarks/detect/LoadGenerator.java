package io.logwarden.benchmarks.detect;

import io.logwarden.schema.LogEvent;
import io.logwarden.schema.serde.LogwardenSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Open-loop load on the security-events topic: background failed sign-ins at a fixed rate, and every
 * attack interval an attack of {@link SignInEvents#ATTACK_SIZE} failed sign-ins from a fresh source
 * address, all stamped with the current time. Sends happen on a schedule and never wait for acks; when
 * the thread falls behind it catches up at once, and the delay is recorded.
 */
final class LoadGenerator {

  static final String THREAD = "bench-load";
  static final String CLIENT_ID = "bench-load";

  /** One attack: its address and when its triggering (last) event was handed to the producer and acked. */
  static final class Attack {
    final long number;
    final String address;
    final long dueNanos;
    volatile long handedNanos;
    volatile long ackedNanos;
    volatile boolean failed;

    Attack(long number, long dueNanos) {
      this.number = number;
      this.address = SignInEvents.attackAddress(number);
      this.dueNanos = dueNanos;
    }
  }

  private final Map<String, Object> client;
  private final String topic;
  private final double eventsPerSecond;
  private final long attackIntervalNanos;
  private final int lingerMs;

  private final List<Attack> attacks = new ArrayList<>();
  private final AtomicLong sendErrors = new AtomicLong();
  private long eventsSent;
  private long maxLagNanos;

  /**
   * @param eventsPerSecond all events per second, attacks included
   */
  LoadGenerator(Map<String, Object> client, String topic, double eventsPerSecond, Duration attackInterval,
      int lingerMs) {
    this.client = client;
    this.topic = topic;
    this.eventsPerSecond = eventsPerSecond;
    this.attackIntervalNanos = attackInterval.toNanos();
    this.lingerMs = lingerMs;
  }

  double backgroundPerSecond() {
    return eventsPerSecond - SignInEvents.ATTACK_SIZE * 1e9 / attackIntervalNanos;
  }

  /** The producer settings that matter for the measurement. */
  Map<String, String> settings() {
    return Map.of(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(lingerMs), ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
  }

  /** Sends from {@code startNanos} until {@code endNanos} (both {@link System#nanoTime}), then flushes. */
  void run(long startNanos, long endNanos) {
    double background = backgroundPerSecond();
    if (background <= 0) {
      throw new IllegalArgumentException("the rate must exceed the attacks' own "
          + (eventsPerSecond - background) + " events/s");
    }
    SignInEvents events = new SignInEvents(background);
    Properties props = new Properties();
    props.putAll(client);
    props.putAll(settings());
    props.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
    try (KafkaProducer<String, LogEvent> producer =
        new KafkaProducer<>(props, new StringSerializer(), LogwardenSerdes.logEvent().serializer())) {
      // Fetch the topic's metadata before the clock starts.
      producer.partitionsFor(topic);
      double backgroundIntervalNanos = 1e9 / background;
      long backgroundSent = 0;
      long nextBackground = startNanos;
      long nextAttack = startNanos + attackIntervalNanos;
      while (true) {
        long due = Math.min(nextBackground, nextAttack);
        if (due >= endNanos) {
          break;
        }
        long now = System.nanoTime();
        while (now < due) {
          LockSupport.parkNanos(due - now);
          now = System.nanoTime();
        }
        maxLagNanos = Math.max(maxLagNanos, now - due);
        if (nextAttack <= nextBackground) {
          Attack attack = new Attack(attacks.size(), nextAttack);
          sendAttack(producer, events, attack);
          attacks.add(attack);
          nextAttack = startNanos + (attacks.size() + 1) * attackIntervalNanos;
        } else {
          LogEvent event = events.background(backgroundSent, Instant.now(), false);
          producer.send(new ProducerRecord<>(topic, event.getActor().getUser(), event), (metadata, error) -> {
            if (error != null) {
              sendErrors.incrementAndGet();
            }
          });
          backgroundSent++;
          eventsSent++;
          nextBackground = startNanos + (long) ((backgroundSent) * backgroundIntervalNanos);
        }
      }
      producer.flush();
    }
  }

  private void sendAttack(KafkaProducer<String, LogEvent> producer, SignInEvents events, Attack attack) {
    Instant time = Instant.now();
    for (int i = 0; i < SignInEvents.ATTACK_SIZE; i++) {
      LogEvent event = events.attack(attack.number, time);
      boolean last = i == SignInEvents.ATTACK_SIZE - 1;
      producer.send(new ProducerRecord<>(topic, event.getActor().getUser(), event), (metadata, error) -> {
        if (error != null) {
          sendErrors.incrementAndGet();
          attack.failed = true;
        } else if (last) {
          attack.ackedNanos = System.nanoTime();
        }
      });
      eventsSent++;
    }
    attack.handedNanos = System.nanoTime();
  }

  List<Attack> attacks() {
    return attacks;
  }

  long eventsSent() {
    return eventsSent;
  }

  long sendErrors() {
    return sendErrors.get();
  }

  /** The most the sender was ever behind its schedule. */
  Duration maxLag() {
    return Duration.ofNanos(maxLagNanos);
  }
}
