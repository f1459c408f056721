package io.logwarden.benchmarks.detect;

import io.logwarden.policy.Policy;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.serde.LogwardenSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Detect throughput from a backlog: security events are preloaded before the topology starts, then
 * the topology's consumer group is watched until its committed offsets reach the end of the input
 * (the input is consumed) and of every internal topic it reads (everything is processed).
 */
final class ThroughputPhase {

  /**
   * @param eventTimeRate events per second of event time in the preloaded history
   * @param successShare share of background sign-ins that succeed
   */
  record Settings(long events, double eventTimeRate, Duration attackInterval, double successShare,
      Duration timeout, Map<String, String> streamsOverrides) {}

  /**
   * @param toRunning from {@code KafkaStreams#start} to RUNNING
   * @param toInputCommitted from start to the input's committed offsets reaching its end
   * @param toDrained from start to the internal topics' committed offsets reaching theirs too
   */
  record Result(Settings settings, String topology, long preloaded, Duration preloadTime, Duration eventTimeSpan,
      Duration toRunning, Duration toInputCommitted, Duration toDrained, long attacksPlanted,
      long attacksAlerted, long unexpectedBruteForceAlerts, double droppedRecords, CpuUsage.Report cpu,
      Map<String, String> streamsSettings) {

    double inputEventsPerSecond() {
      return preloaded / seconds(toInputCommitted);
    }

    double drainedEventsPerSecond() {
      return preloaded / seconds(toDrained);
    }

    /** Excluding the start-up (group join, task creation, state stores): from RUNNING. */
    double inputEventsPerSecondFromRunning() {
      return preloaded / seconds(toInputCommitted.minus(toRunning));
    }

    private static double seconds(Duration duration) {
      return duration.toNanos() / 1e9;
    }
  }

  private ThroughputPhase() {}

  static Result run(Policy policy, Settings settings) throws Exception {
    try (DetectApp app = DetectApp.start(policy, settings.streamsOverrides());
        Admin admin = Admin.create(app.clientProperties())) {
      String input = policy.topics().securityEvents().name();
      long attackEvery = Math.max(SignInEvents.ATTACK_SIZE + 1,
          Math.round(settings.eventTimeRate() * settings.attackInterval().toNanos() / 1e9));
      Instant first = Instant.now().minusNanos((long) (settings.events() / settings.eventTimeRate() * 1e9));
      Progress.log("throughput: preloading %,d events (%.0f events/s of event time, from %s)",
          settings.events(), settings.eventTimeRate(), first);
      long preloadStart = System.nanoTime();
      Set<String> planted = preload(app, input, settings, first, attackEvery);
      Duration preloadTime = Duration.ofNanos(System.nanoTime() - preloadStart);
      Progress.log("throughput: preloaded in %.1f s; starting the detect topology", preloadTime.toMillis() / 1e3);

      Set<TopicPartition> inputPartitions = new HashSet<>();
      admin.describeTopics(Set.of(input)).allTopicNames().get().get(input).partitions()
          .forEach(p -> inputPartitions.add(new TopicPartition(input, p.partition())));
      Map<TopicPartition, Long> inputEnds = endOffsets(admin, inputPartitions);
      long total = inputEnds.values().stream().mapToLong(Long::longValue).sum();
      if (total != settings.events()) {
        throw new IllegalStateException("expected " + settings.events() + " events on " + input + ", found " + total);
      }

      CpuUsage cpuBefore = CpuUsage.snapshot();
      long start = System.nanoTime();
      app.startTopology();
      app.awaitRunning(Duration.ofSeconds(120));
      Duration toRunning = Duration.ofNanos(System.nanoTime() - start);
      Duration toInput = null;
      Duration toDrained = null;
      long deadline = start + settings.timeout().toNanos();
      long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (toDrained == null) {
        app.checkHealthy();
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the detect topology did not catch up within " + settings.timeout());
        }
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(app.applicationId()).partitionsToOffsetAndMetadata().get();
        long now = System.nanoTime();
        long inputCommitted = 0;
        boolean inputDone = true;
        for (TopicPartition partition : inputPartitions) {
          OffsetAndMetadata offset = committed.get(partition);
          long position = offset == null ? 0 : offset.offset();
          inputCommitted += position;
          inputDone &= position >= inputEnds.get(partition);
        }
        if (inputDone && toInput == null) {
          toInput = Duration.ofNanos(now - start);
          Progress.log("throughput: input committed after %.1f s", toInput.toMillis() / 1e3);
        }
        if (inputDone) {
          // Internal (repartition) topics: their end moves until the input is done, so check them last.
          Map<TopicPartition, Long> internal = new HashMap<>();
          committed.forEach((partition, offset) -> {
            if (!inputPartitions.contains(partition) && offset != null) {
              internal.put(partition, offset.offset());
            }
          });
          Map<TopicPartition, Long> internalEnds = endOffsets(admin, internal.keySet());
          if (internal.entrySet().stream().allMatch(e -> e.getValue() >= internalEnds.get(e.getKey()))) {
            toDrained = Duration.ofNanos(now - start);
          }
        }
        if (now >= nextReport) {
          Progress.log("throughput: %,d of %,d input events committed", inputCommitted, total);
          nextReport += TimeUnit.SECONDS.toNanos(10);
        }
        if (toDrained == null) {
          Thread.sleep(20);
        }
      }
      CpuUsage.Report cpu = CpuUsage.snapshot().since(cpuBefore);
      double dropped = app.streamsMetricSum("stream-task-metrics", "dropped-records-total");
      Progress.log("throughput: drained after %.1f s; reading the alerts", toDrained.toMillis() / 1e3);

      long alerted;
      long unexpected;
      try (AlertReader reader = new AlertReader(app.clientProperties(), policy.topics().alerts().name(), true)) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int last = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < until && !reader.openedKeys().containsAll(planted)) {
          int now = reader.openedKeys().size();
          if (now != last) {
            last = now;
            stableSince = System.nanoTime();
          } else if (System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(5)) {
            break;
          }
          reader.checkHealthy();
          Thread.sleep(100);
        }
        alerted = planted.stream().filter(reader.openedKeys()::contains).count();
        unexpected = reader.openedKeys().stream().filter(key -> !planted.contains(key)).count();
      }
      return new Result(settings, app.describeTopology(), total, preloadTime,
          Duration.ofNanos((long) (settings.events() / settings.eventTimeRate() * 1e9)), toRunning, toInput,
          toDrained, planted.size(), alerted, unexpected, dropped, cpu, StreamsSettings.of(app.streamsConfig()));
    }
  }

  /** Sends the backlog: background sign-ins round robin over the pools, an attack every so many events. */
  private static Set<String> preload(DetectApp app, String topic, Settings settings, Instant first, long attackEvery) {
    double backgroundRate = settings.eventTimeRate() * (1 - (double) SignInEvents.ATTACK_SIZE / attackEvery);
    SignInEvents events = new SignInEvents(backgroundRate);
    Properties props = new Properties();
    props.putAll(app.clientProperties());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    AtomicLong errors = new AtomicLong();
    Set<String> planted = new HashSet<>();
    // A fixed seed: the same backlog every run.
    java.util.Random random = new java.util.Random(42);
    double nanosPerEvent = 1e9 / settings.eventTimeRate();
    try (KafkaProducer<String, LogEvent> producer =
        new KafkaProducer<>(props, new StringSerializer(), LogwardenSerdes.logEvent().serializer())) {
      long background = 0;
      long attacks = 0;
      long i = 0;
      long nextAttack = attackEvery - SignInEvents.ATTACK_SIZE;
      while (i < settings.events()) {
        Instant time = first.plusNanos((long) (i * nanosPerEvent));
        if (i >= nextAttack && i + SignInEvents.ATTACK_SIZE <= settings.events()) {
          nextAttack += attackEvery;
          for (int k = 0; k < SignInEvents.ATTACK_SIZE; k++) {
            send(producer, topic, events.attack(attacks, time), errors);
          }
          planted.add(SignInEvents.attackAddress(attacks));
          attacks++;
          i += SignInEvents.ATTACK_SIZE;
        } else {
          boolean success = random.nextDouble() < settings.successShare();
          send(producer, topic, events.background(background++, time, success), errors);
          i++;
        }
      }
      producer.flush();
    }
    if (errors.get() > 0) {
      throw new IllegalStateException(errors.get() + " preload sends failed");
    }
    return planted;
  }

  private static void send(KafkaProducer<String, LogEvent> producer, String topic, LogEvent event, AtomicLong errors) {
    producer.send(new ProducerRecord<>(topic, event.getActor().getUser(), event), (metadata, error) -> {
      if (error != null) {
        errors.incrementAndGet();
      }
    });
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin, Set<TopicPartition> partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
        .forEach((partition, info) -> ends.put(partition, info.offset()));
    return ends;
  }
}
