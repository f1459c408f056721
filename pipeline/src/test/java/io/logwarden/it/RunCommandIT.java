package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.cli.LogwardenCommand;
import io.logwarden.cli.RunCommand;
import io.logwarden.topics.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code logwarden run --config FILE} against a real broker: it provisions, picks up a new raw topic, and stops cleanly. */
class RunCommandIT {

  @TempDir
  Path dir;

  @Test
  void runProvisionsTopicsAndNormalizesANewRawTopicUntilStopped() throws Exception {
    try (KafkaTestCluster cluster = KafkaTestCluster.start()) {
      Files.writeString(dir.resolve("pseudonym.key"), "ab".repeat(32) + "\n");
      Path config = Files.writeString(dir.resolve("logwarden.yaml"), "kafka:\n  bootstrap.servers: "
          + cluster.bootstrapServers() + "\napplication_id: lw-it\nstate_dir: " + dir.resolve("state")
          + "\npseudonym_key_file: pseudonym.key\nhttp_port: 0\n");
      CommandLine cli = LogwardenCommand.commandLine();
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
          () -> cli.execute("run", "--config", config.toString(), "--topology", "normalize"));
      Map<String, Object> client = Map.of("bootstrap.servers", cluster.bootstrapServers());
      try (Admin admin = Admin.create(client)) {
        await().atMost(Duration.ofSeconds(60))
            .until(() -> admin.listTopics().names().get().containsAll(
                java.util.List.of("store.betterstack", "security.events", "logs.dlq")));
        // A source that appears after the start must be picked up by the pattern subscription.
        admin.createTopics(java.util.List.of(new NewTopic("logs.raw.billing", 1, (short) 1)
            .configs(Map.of("message.timestamp.type", "LogAppendTime")))).all().get();
      }
      Properties props = new Properties();
      props.putAll(client);
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
        producer.send(new ProducerRecord<>("logs.raw.billing", ("{\"@timestamp\":\"2026-11-27T08:14:03Z\","
            + "\"level\":\"INFO\",\"message\":\"invoice 7 sent\"}").getBytes(StandardCharsets.UTF_8))).get();
      }
      try (TopicReader reader = new TopicReader(client)) {
        // The bound: a new raw topic is picked up within 30 seconds.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
            .until(() -> reader.readAll("store.betterstack", Duration.ofSeconds(10)).size() == 1);
      }

      RunCommand.of(cli).stop();
      assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    }
  }
}
