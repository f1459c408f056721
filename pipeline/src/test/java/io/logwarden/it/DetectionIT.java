package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.config.LogwardenConfig;
import io.logwarden.detect.AlertEvents;
import io.logwarden.detect.AlertIds;
import io.logwarden.detect.ReferenceExpectations;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.ops.PipelineRuntime;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.topics.TopicProvisioner;
import io.logwarden.topics.TopicReader;
import io.logwarden.topology.TopologyKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * From raw lines to alerts on a real broker: the Loghub OpenSSH log produced to a raw topic, both
 * topologies running with exactly-once, and the alerts on {@code security.alerts} (and as events in
 * the Better Stack store) compared with the independent reference, alert by alert. The policy's
 * topics get one partition here, so that the pipeline sees the lines in the log's order, as the
 * reference does.
 */
class DetectionIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(180);
  private static final String KEY_ID = "detectit";
  private static final byte[] SECRET = ReferenceExpectations.testSecret();

  @TempDir
  Path stateDir;

  @Test
  void theOpenSshLogRaisesTheAlertsTheReferenceComputes() throws Exception {
    // Observed now: the broker refuses timestamps far in the future. The log's "Dec 10" then gets
    // the year that puts it in the past, in the reference as in the normalizer.
    Instant observed = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ReferenceExpectations reference = ReferenceExpectations.of(
        ReferenceExpectations.OPENSSH_DATASET, ZoneOffset.UTC, observed, KEY_ID, SECRET);
    Map<String, Expected> expected = new LinkedHashMap<>();
    reference.alerts().forEach((rule, alerts) -> alerts.forEach(alert -> {
      String id = AlertIds.of(rule, alert.key(), alert.openedAt().toEpochMilli());
      expected.put(id, new Expected(rule, alert.key(), alert.opening().count(), alert.last().count(),
          alert.states().size()));
    }));
    assertThat(expected).as("reference alerts").hasSizeGreaterThan(10);
    int expectedRecords = expected.values().stream().mapToInt(Expected::records).sum();

    Policy policy = PolicyLoader.parse(shippedPolicy().replace("partitions: 3", "partitions: 1"), "policy.yaml");
    try (KafkaTestCluster cluster = KafkaTestCluster.start()) {
      Map<String, Object> client = Map.of("bootstrap.servers", cluster.bootstrapServers());
      LogwardenConfig config = LogwardenConfig.local(cluster.bootstrapServers(), stateDir,
          new PseudonymKey(KEY_ID, SECRET));
      try (PipelineRuntime runtime = new PipelineRuntime(config, policy, RulesLoader.loadDefault(policy).withUpdateInterval(Duration.ZERO),
          new SimpleMeterRegistry())) {
        runtime.provisionTopics();
        String raw = policy.topics().rawTopic("openssh");
        try (Admin admin = Admin.create(client)) {
          new TopicProvisioner(admin, 1, (short) -1, new SimpleMeterRegistry()).provisionRawTopics(List.of(raw));
        }
        runtime.start(List.of(TopologyKind.NORMALIZE, TopologyKind.DETECT));
        assertThat(runtime.awaitRunning(TIMEOUT)).isTrue();
        try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", cluster.bootstrapServers()),
                new ByteArraySerializer(), new ByteArraySerializer())) {
          for (String line : reference.lines()) {
            producer.send(new ProducerRecord<>(raw, 0, observed.toEpochMilli(), null,
                line.getBytes(StandardCharsets.UTF_8)));
          }
        }

        try (TopicReader reader = new TopicReader(client)) {
          String alertsTopic = policy.topics().alerts().name();
          try {
            await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(3))
                .until(() -> reader.readAll(alertsTopic, Duration.ofSeconds(5)).size() >= expectedRecords);
          } catch (org.awaitility.core.ConditionTimeoutException e) {
            Map<String, Integer> sizes = new LinkedHashMap<>();
            reader.readAll(List.of(raw, policy.topics().securityEvents().name(), alertsTopic,
                    policy.topics().deadLetter().name()), Duration.ofSeconds(5))
                .forEach((topic, records) -> sizes.put(topic, records.size()));
            throw new AssertionError("expected " + expectedRecords + " alert records; topic sizes: " + sizes, e);
          }
          Map<String, List<Alert>> actual = new LinkedHashMap<>();
          for (ConsumerRecord<byte[], byte[]> record : reader.readAll(alertsTopic, Duration.ofSeconds(5))) {
            Alert alert = LogwardenSerdes.alert().deserializer().deserialize(alertsTopic, record.value());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(alert.getAlertId());
            actual.computeIfAbsent(alert.getAlertId(), id -> new ArrayList<>()).add(alert);
          }
          assertThat(actual.keySet()).as("alert ids").containsExactlyInAnyOrderElementsOf(expected.keySet());
          actual.forEach((id, records) -> {
            Expected want = expected.get(id);
            Alert first = records.get(0);
            Alert last = records.get(records.size() - 1);
            assertThat(first.getStatus()).isEqualTo(AlertStatus.OPEN);
            assertThat(records.subList(1, records.size())).allMatch(a -> a.getStatus() == AlertStatus.UPDATED);
            assertThat(new Expected(first.getRuleId(), first.getKey(), first.getCount(), last.getCount(), records.size()))
                .as("alert %s", id).isEqualTo(want);
          });

          // Each alert is kept in the Better Stack store too, as an event under its own id.
          String store = policy.stores().get("betterstack").topic();
          Set<String> alertEvents = new HashSet<>();
          for (ConsumerRecord<byte[], byte[]> record : reader.readAll(store, Duration.ofSeconds(5))) {
            LogEvent event = LogwardenSerdes.logEvent().deserializer().deserialize(store, record.value());
            if (AlertEvents.ACTION.equals(event.getAction())) {
              alertEvents.add(event.getEventId());
            }
          }
          assertThat(new TreeSet<>(alertEvents)).isEqualTo(new TreeSet<>(expected.keySet()));
        }
      }
    }
  }

  private record Expected(String rule, String key, long openingCount, long lastCount, int records) {}

  private static String shippedPolicy() throws IOException {
    try (InputStream in = PolicyLoader.class.getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
