package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.cli.LogwardenCommand;
import io.logwarden.cli.RunCommand;
import io.logwarden.it.SecureKafkaTestCluster.Transport;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.topics.TopicReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * TLS that authenticates the broker only: the traffic is encrypted, but every client is {@code
 * User:ANONYMOUS}, so there is no one to grant ACLs to and the cluster runs without the authorizer.
 * The pipeline runs over it; the evidence report, given the pipeline's config, says FINDING: not
 * authenticated.
 */
class ServerOnlyTlsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String ATTACKER = "203.0.113.77";

  @RegisterExtension
  static final ClusterPerClass<SecureKafkaTestCluster> KAFKA =
      new ClusterPerClass<>(() -> SecureKafkaTestCluster.startWithTls(false));

  @TempDir
  Path dir;

  @Test
  void thePipelineRunsAnonymouslyOverTlsAndTheEvidenceSaysNotAuthenticated() throws Exception {
    SecureKafkaTestCluster cluster = KAFKA.get();
    Map<String, Object> anonymous = cluster.clientProperties(SecureKafkaTestCluster.ADMIN, Transport.SERVER_TLS);
    assertThat(anonymous).doesNotContainKeys("ssl.keystore.location", "sasl.jaas.config");
    String bootstrap = cluster.bootstrapServers(Transport.SERVER_TLS);
    try (Admin admin = Admin.create(anonymous)) {
      admin.createTopics(List.of(new NewTopic("logs.raw.auth", 1, (short) 1))).all().get();
    }
    Map<String, String> kafka = new LinkedHashMap<>();
    anonymous.forEach((key, value) -> {
      if (!key.equals("bootstrap.servers")) {
        kafka.put(key, "'" + value + "'");
      }
    });
    Path config = ReliabilityHarness.writeConfig(dir, "logwarden.yaml", bootstrap, "logwarden", dir.resolve("state"),
        "4d".repeat(32), kafka);

    CommandLine cli = LogwardenCommand.commandLine();
    StringWriter output = new StringWriter();
    cli.setOut(new PrintWriter(output, true));
    cli.setErr(new PrintWriter(output, true));
    RunCommand run = RunCommand.of(cli);
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() ->
        cli.execute("run", "--config", config.toString(), "--topology", "all"));
    try {
      await().atMost(TIMEOUT).until(() -> run.httpPort() > 0 || exit.isDone());
      assertThat(exit).as(output.toString()).isNotDone();
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(new HashMap<>(anonymous), new StringSerializer(),
          new StringSerializer())) {
        for (String line : SignInLines.failedFrom(ATTACKER, 9)) {
          producer.send(new ProducerRecord<>("logs.raw.auth", line)).get();
        }
      }
      // The sign-ins became events, and detection saw them, all over server-authenticated TLS.
      try (TopicReader reader = new TopicReader(anonymous)) {
        await().atMost(TIMEOUT).until(() -> reader.readAll("security.events", Duration.ofSeconds(5)).stream()
            .map(r -> LogwardenSerdes.logEvent().deserializer().deserialize("security.events", r.value()))
            .map(LogEvent::getOrigin).filter(o -> o.getTopic().equals("logs.raw.auth")).count() == 9);
        await().atMost(TIMEOUT).until(() -> !reader.readAll("security.alerts", Duration.ofSeconds(5)).isEmpty());
      }
    } finally {
      run.stop();
      assertThat(exit.get(60, TimeUnit.SECONDS)).as(output.toString()).isZero();
    }

    // The report judges that config: encrypted, but the brokers cannot tell the pipeline from anyone.
    Path out = dir.resolve("evidence");
    Path commandConfig = cluster.writeClientConfig(SecureKafkaTestCluster.ADMIN, Transport.SERVER_TLS, dir);
    CommandLine evidence = LogwardenCommand.commandLine();
    StringWriter said = new StringWriter();
    evidence.setOut(new PrintWriter(said, true));
    evidence.setErr(new PrintWriter(said, true));
    int code = evidence.execute("evidence", "--bootstrap-server", bootstrap, "--command-config", commandConfig.toString(),
        "--config", config.toString(), "--out", out.toString());
    assertThat(code).as(said.toString()).isZero();
    String markdown = Files.readString(out.resolve("evidence.md"), StandardCharsets.UTF_8);
    assertThat(markdown).containsPattern("## \\d+\\. Encryption in transit and authentication: FINDING")
        .contains("security.protocol is SSL without a client keystore", "not authenticated");
    // Without the authorizer any client may describe the brokers: the listener is observed as it is.
    assertThat(markdown).contains("| broker 0 listener TLS | localhost:0 | TLS (SSL) | none: any client connects, as "
        + "User:ANONYMOUS (ssl.client.auth=none) | observed |");
    assertThat(markdown + said).doesNotContain(cluster.truststore().password());
  }
}
