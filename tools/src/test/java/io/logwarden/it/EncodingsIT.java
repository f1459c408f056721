package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.config.LogwardenConfig;
import io.logwarden.demo.DemoSample;
import io.logwarden.demo.EmbeddedKafkaBroker;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.ops.PipelineRuntime;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.policy.Store;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.schema.Alert;
import io.logwarden.schema.registry.HttpSchemaRegistry;
import io.logwarden.schema.registry.RegistrySettings;
import io.logwarden.schema.registry.SchemaRegistryTestServer;
import io.logwarden.schema.serde.Encoding;
import io.logwarden.topics.PipelineTopics;
import io.logwarden.topics.TopicProvisioner;
import io.logwarden.topics.TopicReader;
import io.logwarden.topology.TopologyKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The whole pipeline on a real broker with every topic in one encoding: the demo's sample reaches
 * every store, detect still alerts from security events and from the Sentry store (the error burst
 * rule), every record is in the configured encoding, and, for {@code json}, Kafka Connect's
 * {@code JsonConverter} with {@code schemas.enable=false} reads every store and alert record.
 */
class EncodingsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);

  @TempDir
  Path stateDir;

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void theDemoSampleFlowsAndAlertsWithEveryTopicInOneEncoding(Encoding encoding) throws Exception {
    try (SchemaRegistryTestServer registry = SchemaRegistryTestServer.start()) {
      flowsAndAlerts(encoding, registry);
      if (encoding == Encoding.AVRO_REGISTRY) {
        // Every topic's schema registered under <topic>-value, each once, whatever the records sent:
        // ids are cached per process.
        assertThat(registry.subjects().keySet()).contains("store.betterstack-value", "store.sentry-value",
            "security.events-value", "security.alerts-value", "logs.dlq-value");
        assertThat(registry.requestCount("POST", "/subjects/")).isLessThanOrEqualTo(registry.subjects().size() * 2L);
      } else {
        assertThat(registry.requests()).isEmpty();
      }
    }
  }

  @Test
  void aSchemaRegistryThatIsDownStopsRunWithExitThreeAndOneClearLine() throws Exception {
    int deadPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      deadPort = socket.getLocalPort();
    }
    String shipped = shippedPolicy();
    Files.writeString(stateDir.resolve("policy.yaml"),
        shipped.replace("encoding: avro                # read by detect", "encoding: avro-registry       # read by detect"));
    Files.writeString(stateDir.resolve("pseudonym.key"), "ab".repeat(32) + "\n");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      Path config = Files.writeString(stateDir.resolve("logwarden.yaml"), "kafka:\n  bootstrap.servers: "
          + broker.bootstrapServers() + "\nstate_dir: " + stateDir.resolve("state") + "\npolicy: policy.yaml"
          + "\npseudonym_key_file: pseudonym.key\nhttp_port: 0\nschema_registry:\n  url: http://127.0.0.1:" + deadPort
          + "\n  timeout: 2s\n");
      java.io.StringWriter err = new java.io.StringWriter();
      picocli.CommandLine cli = io.logwarden.cli.LogwardenCommand.commandLine();
      cli.setErr(new java.io.PrintWriter(err, true));
      long started = System.nanoTime();
      int exit = cli.execute("run", "--config", config.toString());
      assertThat(exit).isEqualTo(io.logwarden.cli.LogwardenCommand.CONFIG_ERROR);
      assertThat(err.toString()).startsWith("logwarden: cannot use the schema registry for topic security.events: ")
          .contains("127.0.0.1:" + deadPort);
      assertThat(err.toString().lines().count()).isEqualTo(1);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
    }
  }

  private static String shippedPolicy() throws java.io.IOException {
    try (var in = PolicyLoader.class.getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private void flowsAndAlerts(Encoding encoding, SchemaRegistryTestServer registryServer) throws Exception {
    Policy policy = PolicyLoader.parse(
        shippedPolicy().replaceAll("(?m)^( +encoding: )[a-z-]+", "$1" + encoding.id()), "policy.yaml");
    RegistrySettings settings = RegistrySettings.of(registryServer.url());
    PipelineTopics topics = PipelineTopics.from(policy, new HttpSchemaRegistry(settings));
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
      Map<String, Object> client = Map.of("bootstrap.servers", broker.bootstrapServers());
      LogwardenConfig config = LogwardenConfig.local(broker.bootstrapServers(), stateDir, PseudonymKey.demo())
          .withSchemaRegistry(settings);
      try (PipelineRuntime runtime = new PipelineRuntime(config, policy,
          RulesLoader.loadDefault(policy).withUpdateInterval(Duration.ZERO), new SimpleMeterRegistry())) {
        runtime.provisionTopics();
        runtime.checkSchemaRegistry();
        Map<String, List<String>> sample = DemoSample.load();
        List<String> raw = new ArrayList<>(sample.keySet().stream().map(policy.topics()::rawTopic).toList());
        try (Admin admin = Admin.create(client)) {
          new TopicProvisioner(admin, 1, (short) -1, new SimpleMeterRegistry()).provisionRawTopics(raw);
        }
        runtime.start(List.of(TopologyKind.NORMALIZE, TopologyKind.DETECT));
        assertThat(runtime.awaitRunning(TIMEOUT)).isTrue();
        try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
          sample.forEach((source, lines) -> lines.forEach(line -> producer.send(
              new ProducerRecord<>(policy.topics().rawTopic(source), line.getBytes(StandardCharsets.UTF_8)))));
          // 60 errors of one service within a minute: the error burst rule reads them from the Sentry store.
          Instant start = Instant.parse("2026-11-27T09:00:00Z");
          for (int i = 0; i < 60; i++) {
            producer.send(new ProducerRecord<>(policy.topics().rawTopic("app"), errorLine(start.plusMillis(500L * i), i)
                .getBytes(StandardCharsets.UTF_8)));
          }
        }

        String alerts = topics.alerts().name();
        try (TopicReader reader = new TopicReader(client)) {
          await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(2)).until(() -> {
            Set<String> rules = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> record : reader.readAll(alerts, Duration.ofSeconds(5))) {
              rules.add(topics.alerts().valueSerde().deserializer().deserialize(alerts, record.value()).getRuleId());
            }
            return rules.containsAll(List.of("auth.brute_force.source", "availability.error_burst"));
          });

          List<String> written = new ArrayList<>(policy.stores().values().stream().map(Store::topic).toList());
          written.add(topics.securityEvents().name());
          written.add(alerts);
          written.add(topics.deadLetter().name());
          Map<String, List<ConsumerRecord<byte[], byte[]>>> records = reader.readAll(written, Duration.ofSeconds(10));
          records.forEach((topic, list) -> {
            assertThat(list).as("records in %s", topic).isNotEmpty();
            assertThat(list).as("encoding of %s", topic)
                .allSatisfy(record -> assertThat(Encoding.of(record.value())).isEqualTo(encoding));
          });
          for (Store store : policy.stores().values()) {
            for (ConsumerRecord<byte[], byte[]> record : records.get(store.topic())) {
              assertThat(topics.store(store.id()).valueSerde().deserializer().deserialize(store.topic(), record.value())
                  .getEventId()).isEqualTo(new String(record.key(), StandardCharsets.UTF_8));
            }
          }
          if (encoding == Encoding.JSON) {
            try (JsonConverter converter = new JsonConverter()) {
              converter.configure(Map.of("schemas.enable", "false", "converter.type", "value"));
              for (String topic : written) {
                for (ConsumerRecord<byte[], byte[]> record : records.get(topic)) {
                  SchemaAndValue value = converter.toConnectData(topic, record.value());
                  assertThat(value.value()).as("%s read by JsonConverter", topic).isInstanceOf(Map.class);
                  Map<?, ?> fields = (Map<?, ?>) value.value();
                  String id = topic.equals(alerts) ? "alert_id" : topic.equals(topics.deadLetter().name()) ? "reason"
                      : "event_id";
                  assertThat(fields.get(id)).as("%s in %s", id, topic).isInstanceOf(String.class);
                }
              }
            }
          }
          Alert burst = records.get(alerts).stream()
              .map(r -> topics.alerts().valueSerde().deserializer().deserialize(alerts, r.value()))
              .filter(a -> a.getRuleId().equals("availability.error_burst")).reduce((a, b) -> b).orElseThrow();
          assertThat(burst.getCount()).isEqualTo(60);
        }
      }
    }
  }

  // A logback JSON error of one service, as the demo's app sample writes them.
  private static String errorLine(Instant at, int n) {
    return "{\"@timestamp\":\"" + at + "\",\"@version\":\"1\",\"message\":\"payment provider timed out (attempt " + n
        + ")\",\"logger_name\":\"com.example.pay.Client\",\"thread_name\":\"pool-1\",\"level\":\"ERROR\","
        + "\"level_value\":40000,\"service\":\"payments\",\"host\":\"payments-1\"}";
  }
}
