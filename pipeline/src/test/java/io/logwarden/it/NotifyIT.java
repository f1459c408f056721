package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.notify.Notification;
import io.logwarden.notify.RecordingServer;
import io.logwarden.notify.RecordingServer.Answer;
import io.logwarden.notify.TestAlerts;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.serde.AvroJson;
import io.logwarden.topics.PipelineTopics;
import io.logwarden.topics.Topic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run --topology notify} in a child JVM on a real broker, sending alerts to a webhook (a real HTTP
 * server in this JVM) and a file: killed with SIGKILL while a request is in flight, and restarted. Every
 * alert state is delivered at least once, in order per alert, and a state is sent again only if its
 * offset had not been committed when the workload died.
 */
class NotifyIT {

  private static final String APP = "lw-notify";
  private static final String GROUP = APP + "-notify";
  private static final int ALERTS = 60;
  private static final int KILL_AT_REQUEST = 70;
  private static final PipelineTopics TOPICS = PipelineTopics.from(PolicyLoader.loadDefault());

  @TempDir
  Path dir;

  @Test
  void acrossAKillAndARestartOnlyStatesNotCommittedBeforeTheKillAreSentAgain() throws Exception {
    Path logs = Path.of("target", "it-logs", "NotifyIT");
    CountDownLatch killNow = new CountDownLatch(1);
    AtomicInteger requests = new AtomicInteger();
    try (KafkaTestCluster cluster = KafkaTestCluster.start();
        Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrapServers()));
        RecordingServer server = RecordingServer.start()
            .on("/refusing", (key, attempt) -> Answer.status(400, "invalid_payload"))
            .on("/hook", (key, attempt) -> {
          if (requests.incrementAndGet() == KILL_AT_REQUEST) {
            // Kill the workload while this request waits for its answer: its alert state cannot be committed.
            killNow.countDown();
            return Answer.late(5_000);
          }
          return Answer.ok();
        })) {
      Path config = writeConfig(cluster.bootstrapServers(), server.url("/hook"), server.url("/refusing"));
      Map<String, Object> client = Map.of("bootstrap.servers", cluster.bootstrapServers());

      ChildPipeline first = ChildPipeline.start(config, logs.resolve("run-1.log"), "--topology", "notify");
      try (KafkaProducer<String, Alert> producer = producer(client)) {
        // A new deployment starts at the end of the alerts topic: wait until the workload reads before
        // producing. A plain update (never sent) on each partition, and its offset committed, say so.
        awaitStable(admin);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
          for (int partition = 0; partition < 3; partition++) {
            Alert probe = TestAlerts.alert("probe-" + partition, AlertStatus.UPDATED, null);
            producer.send(new ProducerRecord<>(TOPICS.alerts().name(), partition, probe.getAlertId(), probe)).get();
          }
          Map<TopicPartition, Long> committed = committed(admin);
          return committed.size() == 3 && committed.values().stream().allMatch(offset -> offset >= 1);
        });

        // Each alert's three states: OPEN, an escalation, CLOSED; paced, so the kill falls mid-stream.
        List<Alert> states = new ArrayList<>();
        for (AlertStatus status : List.of(AlertStatus.OPEN, AlertStatus.UPDATED, AlertStatus.CLOSED)) {
          for (int i = 0; i < ALERTS; i++) {
            states.add(TestAlerts.alert("alert-" + i, status, status == AlertStatus.UPDATED ? 1 : null));
          }
        }
        Map<String, TopicPartition> partitionOf = new HashMap<>();
        Map<String, Long> offsetOf = new HashMap<>();
        CompletableFuture<Void> producing = CompletableFuture.runAsync(() -> {
          try {
            for (Alert state : states) {
              RecordMetadata sent = producer.send(new ProducerRecord<>(TOPICS.alerts().name(), state.getAlertId(),
                  state)).get();
              String key = Notification.idempotencyKey(state);
              partitionOf.put(key, new TopicPartition(sent.topic(), sent.partition()));
              offsetOf.put(key, sent.offset());
              Thread.sleep(25);
            }
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });

        assertThat(killNow.await(2, TimeUnit.MINUTES)).as("the workload sent " + KILL_AT_REQUEST + " requests").isTrue();
        first.kill();
        // Nothing commits any more: these are the offsets the next instance resumes from.
        Map<TopicPartition, Long> committedAtKill = committed(admin);
        System.out.println("NotifyIT: killed after " + requests.get() + " requests; committed " + committedAtKill);

        try (ChildPipeline second = ChildPipeline.start(config, logs.resolve("run-2.log"), "--topology", "notify",
            // The topics exist by now: the second instance only checks its two, as the Helm chart has it do.
            "--no-create-topics")) {
          producing.get(2, TimeUnit.MINUTES);
          List<String> expected = states.stream().map(Notification::idempotencyKey).toList();
          await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() ->
              new LinkedHashSet<>(server.keys("/hook")).containsAll(expected));

          // Every state delivered at least once.
          List<String> received = server.keys("/hook");
          Map<String, Long> times = received.stream().collect(Collectors.groupingBy(Function.identity(),
              Collectors.counting()));
          assertThat(times.keySet()).containsExactlyInAnyOrderElementsOf(expected);
          // A state sent twice is one whose offset was not committed when the workload died; one that was
          // committed is sent once.
          List<String> repeated = new ArrayList<>();
          for (String key : expected) {
            boolean committed = offsetOf.get(key) < committedAtKill.getOrDefault(partitionOf.get(key), 0L);
            if (times.get(key) > 1) {
              repeated.add(key);
              assertThat(committed).as("%s was sent %d times, but its offset %d was committed (%s)", key,
                  times.get(key), offsetOf.get(key), committedAtKill).isFalse();
            }
          }
          // The request in flight at the kill was sent again at least.
          assertThat(repeated).isNotEmpty();
          // Order per alert: each alert's states first arrived OPEN, then the escalation, then CLOSED.
          List<String> firstArrivals = List.copyOf(new LinkedHashSet<>(received));
          for (int i = 0; i < ALERTS; i++) {
            String id = "alert-" + i;
            assertThat(firstArrivals.stream().filter(key -> key.startsWith(id + ":")))
                .containsExactly(id + ":OPEN:0", id + ":UPDATED:1", id + ":CLOSED:0");
          }
          // The file destination too: every state's line, repeats only for uncommitted states.
          Path file = dir.resolve("siem").resolve("alerts.json");
          await().atMost(Duration.ofSeconds(30)).until(() -> Files.readAllLines(file).size() >= expected.size());
          Map<String, Long> lines = Files.readAllLines(file).stream().collect(Collectors.groupingBy(
              Function.identity(), Collectors.counting()));
          for (Alert state : states) {
            String key = Notification.idempotencyKey(state);
            long count = lines.getOrDefault(AvroJson.toJson(state), 0L);
            assertThat(count).as(key).isPositive();
            if (count > 1) {
              assertThat(offsetOf.get(key)).as(key).isGreaterThanOrEqualTo(
                  committedAtKill.getOrDefault(partitionOf.get(key), 0L));
            }
          }
          System.out.println("NotifyIT: " + received.size() + " requests for " + expected.size() + " states; sent again: "
              + repeated.size() + " " + repeated);

          // The refused closings were parked in the DLQ, each at least once, by the workload's own sink.
          List<String> closings = states.stream().filter(a -> a.getStatus() == AlertStatus.CLOSED)
              .map(Notification::idempotencyKey).toList();
          Map<String, Object> reader = Map.of("bootstrap.servers", cluster.bootstrapServers());
          await().atMost(Duration.ofSeconds(60)).until(() -> parkedKeys(reader).containsAll(closings));
          assertThat(parkedKeys(reader)).allMatch(closings::contains);

          // The evidence report's "notify the team": every rule routed, but notifications parked: a finding.
          Path out = dir.resolve("evidence");
          java.io.StringWriter printed = new java.io.StringWriter();
          picocli.CommandLine cli = io.logwarden.cli.LogwardenCommand.commandLine();
          cli.setOut(new java.io.PrintWriter(printed, true));
          assertThat(cli.execute("evidence", "--bootstrap-server", cluster.bootstrapServers(), "--out", out.toString(),
              "--config", config.toString(), "--application-id", APP)).isZero();
          String report = Files.readString(out.resolve("evidence.md"));
          assertThat(report).contains("Notification of the team when alerts fire: FINDING", "in logs.dlq in the period (refusing ")
              .doesNotContain(server.url("/refusing"));

          // A clean stop: SIGTERM, the notify topology closed by the hook.
          assertThat(second.stop(Duration.ofSeconds(45))).isEqualTo(143);
          assertThat(second.logText()).contains("notify topology: PENDING_SHUTDOWN -> NOT_RUNNING")
              .doesNotContain(server.url("/hook"));
        }
      }
    }
  }

  private Path writeConfig(String bootstrapServers, String hookUrl, String refusingUrl) throws Exception {
    Files.writeString(dir.resolve("pseudonym.key"), "5a".repeat(32) + "\n");
    Files.writeString(dir.resolve("hook.url"), hookUrl + "\n");
    Files.writeString(dir.resolve("refusing.url"), refusingUrl + "\n");
    return Files.writeString(dir.resolve("logwarden.yaml"), "kafka:\n"
        + "  bootstrap.servers: " + bootstrapServers + "\n"
        + "  session.timeout.ms: " + ReliabilityHarness.SESSION_TIMEOUT_MS + "\n"
        + "  heartbeat.interval.ms: 2000\n"
        // Commits a few seconds apart, so that a kill leaves delivered states uncommitted.
        + "  commit.interval.ms: 3000\n"
        + "application_id: " + APP + "\n"
        + "state_dir: " + dir.resolve("state") + "\n"
        + "pseudonym_key_file: pseudonym.key\n"
        + "http_port: 0\n"
        + "notify:\n"
        + "  destinations:\n"
        + "    hook:\n"
        + "      type: webhook\n"
        + "      url: {file: hook.url}\n"
        + "      send_on: [open, escalation, closed]\n"
        + "      timeout: 10s\n"
        + "    siem:\n"
        + "      type: file\n"
        + "      path: siem/alerts.json\n"
        + "      send_on: [open, escalation, closed]\n"
        // Refuses everything it is sent (400): the closings it is sent are parked in the DLQ.
        + "    refusing:\n"
        + "      type: webhook\n"
        + "      url: {file: refusing.url}\n"
        + "      send_on: [closed]\n"
        + "  routes:\n"
        + "    - to: [hook, siem, refusing]\n");
  }

  // The idempotency keys of the parked notifications in the DLQ.
  private static List<String> parkedKeys(Map<String, Object> client) {
    List<String> keys = new ArrayList<>();
    try (io.logwarden.topics.TopicReader reader = new io.logwarden.topics.TopicReader(client)) {
      for (var record : reader.readAll(TOPICS.deadLetter().name(), Duration.ofSeconds(30))) {
        io.logwarden.schema.DeadLetter letter = TOPICS.deadLetter().valueSerde().deserializer()
            .deserialize(record.topic(), record.value());
        assertThat(letter.getReason()).isEqualTo("notification_failed");
        assertThat(letter.getHeaders()).containsEntry("logwarden.notify.destination", "refusing");
        keys.add(letter.getHeaders().get("logwarden.notify.idempotency_key"));
      }
    }
    return keys;
  }

  private static KafkaProducer<String, Alert> producer(Map<String, Object> client) {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    Topic<String, Alert> alerts = TOPICS.alerts();
    return new KafkaProducer<>(props, new StringSerializer(), alerts.valueSerde().serializer());
  }

  private static void awaitStable(Admin admin) {
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
      ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
      return group.groupState() == GroupState.STABLE && !group.members().isEmpty();
    });
  }

  private static Map<TopicPartition, Long> committed(Admin admin) throws Exception {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    for (Map.Entry<TopicPartition, OffsetAndMetadata> entry
        : admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().entrySet()) {
      if (entry.getValue() != null) {
        offsets.put(entry.getKey(), entry.getValue().offset());
      }
    }
    return offsets;
  }
}
