package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.config.LogwardenConfig;
import io.logwarden.event.Metrics;
import io.logwarden.topics.TopicReader;
import io.logwarden.ops.PipelineRuntime;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.redact.Pseudonymizer;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.Category;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.topics.ProvisioningReport;
import io.logwarden.topics.TopicDrift;
import io.logwarden.topics.TopicProvisioner;
import io.logwarden.topology.TopologyKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real application wiring (provisioning, both topologies with exactly-once, the dead-letter
 * handlers) against a real broker.
 */
class PipelineIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  @RegisterExtension
  static final ClusterPerClass<KafkaTestCluster> KAFKA = ClusterPerClass.kafka();
  private static final Policy POLICY = PolicyLoader.loadDefault();

  @TempDir
  static Path stateDir;

  private static Map<String, Object> client() {
    return Map.of("bootstrap.servers", KAFKA.get().bootstrapServers());
  }

  @Test
  void rawLogsBecomeStoredEventsDeadLettersAndAnAlert() throws Exception {
    // A topic that exists with the wrong retention must be reported, not changed.
    try (Admin admin = Admin.create(client())) {
      admin.createTopics(List.of(new NewTopic("store.sentry", 1, (short) 1)
          .configs(Map.of("retention.ms", "86400000", "cleanup.policy", "delete")))).all().get();
    }
    LogwardenConfig config = LogwardenConfig.local(KAFKA.get().bootstrapServers(), stateDir);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (PipelineRuntime runtime = new PipelineRuntime(config, POLICY, meters)) {
      ProvisioningReport report = runtime.provisionTopics();
      assertThat(report.created()).containsExactlyInAnyOrder(
          "store.betterstack", "store.posthog", "store.langfuse", "security.events", "security.alerts", "logs.dlq");
      assertThat(report.drifts()).extracting(TopicDrift::topic, TopicDrift::setting, TopicDrift::actual)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("store.sentry", "cleanup.policy", "delete"),
              org.assertj.core.groups.Tuple.tuple("store.sentry", "retention.ms", "86400000"));
      // The provisioner is gone by now: a gauge whose value only it held would read NaN after a collection.
      System.gc();
      assertThat(meters.get(Metrics.TOPIC_DRIFT.name()).tags("topic", "store.sentry", "setting", "retention.ms")
          .gauge().value()).isEqualTo(1.0);
      assertThat(meters.get(Metrics.TOPIC_DRIFT.name()).tags("topic", "store.betterstack", "setting", "retention.ms")
          .gauge().value()).isEqualTo(0.0);
      assertTopicConfigs();
      try (Admin admin = Admin.create(client())) {
        new TopicProvisioner(admin, 3, (short) -1, meters).provisionRawTopics(List.of("logs.raw.auth"));
      }

      runtime.start(List.of(TopologyKind.NORMALIZE, TopologyKind.DETECT));
      assertThat(runtime.awaitRunning(TIMEOUT)).isTrue();

      List<String> lines = new ArrayList<>(SignInLines.failedFrom("203.0.113.45", 9));
      lines.add("{\"@timestamp\":\"2026-11-27T08:15:00Z\",\"level\":\"INFO\",\"message\":\"Order 7 shipped\"}");
      lines.add("{\"@timestamp\":\"2026-11-27T08:15:01Z\",\"message\":\"cut off");
      produce("logs.raw.auth", lines);

      try (TopicReader reader = new TopicReader(client())) {
      // 10 events, and the alert's two records kept as events: OPEN at the 8th failure, and the UPDATED
      // the 9th owes, which the update_interval (30 s) sends 30 s of wall-clock time after it.
      await().atMost(TIMEOUT).until(() -> reader.readAll("store.betterstack", TIMEOUT).size() == 12);
      await().atMost(TIMEOUT).until(() -> reader.readAll("logs.dlq", TIMEOUT).size() == 1);
      await().atMost(TIMEOUT).until(() -> reader.readAll("security.alerts", TIMEOUT).size() == 2);

      List<LogEvent> storedWithAlerts = decode(reader.readAll("store.betterstack", TIMEOUT), "store.betterstack",
          LogwardenSerdes.logEvent().deserializer());
      List<LogEvent> stored = storedWithAlerts.stream().filter(e -> !"alert".equals(e.getAction())).toList();
      assertThat(stored).hasSize(10);
      assertThat(stored).extracting(LogEvent::getCategory)
          .containsOnly(Category.AUTHENTICATION, Category.APPLICATION);
      assertThat(stored).extracting(e -> e.getOrigin().getTopic()).containsOnly("logs.raw.auth");

      List<ConsumerRecord<byte[], byte[]>> security = reader.readAll("security.events", TIMEOUT);
      assertThat(security).hasSize(9);
      Pseudonymizer pseudonyms = new Pseudonymizer(PseudonymKey.demo());
      assertThat(security).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
          .contains(pseudonyms.pseudonym("user0"), pseudonyms.pseudonym("user8"));

      DeadLetter letter = decode(reader.readAll("logs.dlq", TIMEOUT), "logs.dlq",
          LogwardenSerdes.deadLetter().deserializer()).get(0);
      assertThat(letter.getReason()).isEqualTo("not_json");
      assertThat(letter.getOrigin().getTopic()).isEqualTo("logs.raw.auth");
      assertThat(letter.getOrigin().getOffset()).isGreaterThanOrEqualTo(0);

      List<Alert> alerts = decode(reader.readAll("security.alerts", TIMEOUT), "security.alerts",
          LogwardenSerdes.alert().deserializer());
      assertThat(alerts).extracting(Alert::getStatus).containsExactly(AlertStatus.OPEN, AlertStatus.UPDATED);
      assertThat(alerts).extracting(Alert::getCount).containsExactly(8L, 9L);
      assertThat(alerts.get(0).getAlertId()).isEqualTo(alerts.get(1).getAlertId());
      assertThat(alerts.get(0).getKey()).isEqualTo(pseudonyms.pseudonym("203.0.113.45"));
      }
    }
  }

  private static void assertTopicConfigs() throws Exception {
    Map<String, String[]> expected = Map.of(
        "store.betterstack", new String[] {"compact,delete", "2592000000"},
        "store.posthog", new String[] {"compact,delete", "220752000000"},
        "store.langfuse", new String[] {"compact,delete", "-1"},
        "security.events", new String[] {"delete", "604800000"},
        "security.alerts", new String[] {"compact,delete", "2592000000"},
        "logs.dlq", new String[] {"delete", "2592000000"},
        // Drifted by hand before provisioning: left as it was.
        "store.sentry", new String[] {"delete", "86400000"});
    try (Admin admin = Admin.create(client())) {
      List<ConfigResource> resources = expected.keySet().stream()
          .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).collect(Collectors.toList());
      Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
      configs.forEach((resource, config) -> {
        String[] want = expected.get(resource.name());
        assertThat(config.get("cleanup.policy").value()).as(resource.name() + " cleanup.policy").isEqualTo(want[0]);
        assertThat(config.get("retention.ms").value()).as(resource.name() + " retention.ms").isEqualTo(want[1]);
      });
    }
  }

  private static void produce(String topic, List<String> lines) {
    Properties props = new Properties();
    props.putAll(client());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (String line : lines) {
        // One partition key for all, so the failures arrive in order on one partition.
        producer.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8), line.getBytes(StandardCharsets.UTF_8)));
      }
      producer.flush();
    }
  }

  private static <T> List<T> decode(List<ConsumerRecord<byte[], byte[]>> records, String topic,
      org.apache.kafka.common.serialization.Deserializer<T> deserializer) {
    List<T> values = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      values.add(deserializer.deserialize(topic, record.value()));
    }
    return values;
  }
}
