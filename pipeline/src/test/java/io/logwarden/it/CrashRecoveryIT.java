package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.it.ReliabilityWorkload.Raw;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.redact.Pseudonymizer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash recovery with exactly-once v2: {@code logwarden run} (both topologies) in a child JVM is
 * killed with SIGKILL twice while 100,000 raw records stream in, and restarted on the same state
 * directory each time. Read committed, every output topic then holds each event exactly once where
 * its routing puts it, and each attack's alerts exactly once, with every state (OPEN, then each
 * UPDATED count) once, in order, under one alert id, in the alerts topic and in the store.
 */
class CrashRecoveryIT {

  private static final int RECORDS = 100_000;
  private static final int ATTACKS = 100;
  private static final int PER_SECOND = 4_000;
  private static final String APP = "lw-crash";
  private static final List<String> RAW = List.of(ReliabilityWorkload.APP_TOPIC, ReliabilityWorkload.AUTH_TOPIC);

  @TempDir
  Path dir;

  @Test
  void killedTwiceMidStreamEveryEventAndEveryAlertStateIsStoredExactlyOnce() throws Exception {
    Path logs = Path.of("target", "it-logs", "CrashRecoveryIT");
    String keyHex = "5a".repeat(32);
    Pseudonymizer pseudonyms = new Pseudonymizer(PseudonymKey.fromFile(
        java.nio.file.Files.writeString(dir.resolve("key-for-expectations"), keyHex)));
    List<Raw> records = ReliabilityWorkload.interleaved("crash", RECORDS, ATTACKS);
    Map<String, java.util.Set<String>> destinations = ReliabilityWorkload.destinations(records);
    List<ReliabilityWorkload.ExpectedAlert> alerts = ReliabilityWorkload.alerts("crash", ATTACKS, pseudonyms);

    try (KafkaTestCluster cluster = KafkaTestCluster.start();
        Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()))) {
      Map<String, Object> client = Map.of("bootstrap.servers", cluster.bootstrapServers());
      ReliabilityHarness.createRawTopics(client, 4);
      Path config = ReliabilityHarness.writeConfig(dir, "logwarden.yaml", cluster.bootstrapServers(), APP,
          dir.resolve("state"), keyHex);

      AtomicLong sent = new AtomicLong();
      ChildPipeline first = ChildPipeline.start(config, logs.resolve("run-1.log"));
      try (KafkaProducer<byte[], byte[]> producer = ReliabilityHarness.producer(client)) {
        // The stream comes in three phases, each released after the previous crash, so that each crash
        // has records before and after it however fast or slow the pipeline runs.
        CompletableFuture<Void> producing = ReliabilityHarness.produceAfter(CompletableFuture.completedFuture(null),
            producer, records.subList(0, RECORDS * 3 / 10), PER_SECOND, sent);
        // First crash once a fifth of the records are committed by normalize.
        long atFirstKill = killWhenCommitted(admin, first, RECORDS / 5);
        ChildPipeline second = ChildPipeline.start(config, logs.resolve("run-2.log"));
        producing = ReliabilityHarness.produceAfter(producing, producer,
            records.subList(RECORDS * 3 / 10, RECORDS * 7 / 10), PER_SECOND, sent);
        // Second crash past 55%: the second instance takes over only when the first one's session
        // expires, so by then most of this phase waits to be processed.
        long atSecondKill = killWhenCommitted(admin, second, RECORDS * 55 / 100);
        long detectAtSecondKill = GroupLag.committed(admin, APP + "-detect", List.of(ReliabilityWorkload.SECURITY_EVENTS));
        assertThat(atSecondKill).as("the second crash comes after the first").isGreaterThan(atFirstKill);
        producing = ReliabilityHarness.produceAfter(producing, producer, records.subList(RECORDS * 7 / 10, RECORDS),
            PER_SECOND, sent);

        try (ChildPipeline third = ChildPipeline.start(config, logs.resolve("run-3.log"))) {
          producing.get(5, TimeUnit.MINUTES);
          assertThat(sent.get()).isEqualTo(RECORDS);
          await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(2)).until(() ->
              GroupLag.of(admin, List.of(APP + "-normalize", APP + "-detect")) == 0
                  && OutputAudit.read(client, destinations, alerts, Duration.ofSeconds(60)).complete());
          OutputAudit audit = OutputAudit.read(client, destinations, alerts, Duration.ofSeconds(60));
          assertThat(audit.exact()).as(audit.summary()).isTrue();
          System.out.println("CrashRecoveryIT: killed at " + atFirstKill + " and " + atSecondKill
              + " raw records committed (detect: " + detectAtSecondKill + " security events at the second)\n"
              + audit.summary());
          // A clean stop after the crashes: SIGTERM (exit status 128 + 15), both topologies closed by the hook.
          assertThat(third.stop(Duration.ofSeconds(45))).isEqualTo(143);
          assertThat(third.logText()).contains("normalize topology: PENDING_SHUTDOWN -> NOT_RUNNING",
              "detect topology: PENDING_SHUTDOWN -> NOT_RUNNING");
        }
      }
    }
  }

  // Kills the child once normalize has committed at least `records` raw offsets; returns how many it had.
  private static long killWhenCommitted(Admin admin, ChildPipeline child, long records) throws Exception {
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(100))
        .until(() -> GroupLag.committed(admin, APP + "-normalize", RAW) >= records);
    child.kill();
    return GroupLag.committed(admin, APP + "-normalize", RAW);
  }
}
