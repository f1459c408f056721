package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.cli.LogwardenCommand;
import io.logwarden.evidence.BrokerListeners;
import io.logwarden.evidence.ConnectionCheck;
import io.logwarden.it.SecureKafkaTestCluster.Transport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The transit control on a broker that authenticates (SASL, mutual TLS) and authorizes: MET for a
 * mutual-TLS pipeline config, a FINDING for a plaintext one; and its observations: the
 * listeners are shown only to a principal with DESCRIBE_CONFIGS on the cluster, which no shipped role
 * holds; the report says so in one line and is written all the same. The verdict comes from the
 * pipeline's config, never from the report's own connection.
 */
class TransitEvidenceIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension
  static final ClusterPerClass<SecureKafkaTestCluster> KAFKA =
      new ClusterPerClass<>(() -> SecureKafkaTestCluster.startWithTls(true, "auditor"));

  @TempDir
  Path dir;

  private record Run(int code, String output, String markdown, String html) {}

  private Run evidence(Path commandConfig, Path config, String bootstrap) throws Exception {
    Path out = Files.createTempDirectory(dir, "evidence");
    CommandLine cli = LogwardenCommand.commandLine();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    cli.setOut(new PrintWriter(stream, true));
    cli.setErr(new PrintWriter(stream, true));
    int code = cli.execute("evidence", "--bootstrap-server", bootstrap, "--command-config", commandConfig.toString(),
        "--config", config.toString(), "--out", out.toString(), "--timeout", "60s");
    String output = bytes.toString(StandardCharsets.UTF_8);
    if (code != 0) {
      return new Run(code, output, null, null);
    }
    return new Run(code, output, Files.readString(out.resolve("evidence.md"), StandardCharsets.UTF_8),
        Files.readString(out.resolve("evidence.html"), StandardCharsets.UTF_8));
  }

  @Test
  void listenersAreShownOnlyToAPrincipalThatMayDescribeTheClustersConfigs() throws Exception {
    try (Admin auditor = Admin.create(KAFKA.get().clientProperties("auditor"))) {
      BrokerListeners denied = BrokerListeners.read(auditor, TIMEOUT);
      assertThat(denied.listeners()).isEmpty();
      assertThat(denied.note()).isEqualTo(BrokerListeners.DENIED);
    }
    try (Admin admin = Admin.create(KAFKA.get().clientProperties(SecureKafkaTestCluster.ADMIN))) {
      List<ConnectionCheck> listeners = BrokerListeners.read(admin, TIMEOUT).listeners();
      // Each listener with its protocol and whether it requires clients to authenticate (addresses as
      // configured: the test kit's port 0).
      assertThat(listeners).as(listeners.toString()).extracting(l -> l.connection() + " | " + l.encryption() + " | "
          + l.authentication() + " | " + l.outcome().word()).contains(
              "broker 0 listener EXTERNAL | none (SASL_PLAINTEXT) | SASL required (PLAIN) | observed",
              "broker 0 listener MTLS | TLS (SSL) | client certificate required (ssl.client.auth=required) | observed",
              "broker 0 listener SASLSSL | TLS (SASL_SSL) | SASL required (SCRAM-SHA-512, PLAIN) | observed",
              "broker 0 listener TLS | TLS (SSL) | none: any client connects, as User:ANONYMOUS (ssl.client.auth=none) "
                  + "| observed");
      assertThat(listeners).anySatisfy(l -> assertThat(l.connection()).endsWith("(controller)"));
    }
    // The permission the one line names is the one that is missing.
    KAFKA.get().createAcls(List.of(SecureKafkaTestClusterIT.allow("auditor", ResourceType.CLUSTER, "kafka-cluster",
        PatternType.LITERAL, AclOperation.DESCRIBE_CONFIGS)));
    try (Admin auditor = Admin.create(KAFKA.get().clientProperties("auditor"))) {
      BrokerListeners granted = BrokerListeners.read(auditor, TIMEOUT);
      assertThat(granted.note()).isNull();
      assertThat(granted.listeners()).isNotEmpty();
    }
  }

  @Test
  void aMutualTlsConfigIsMetWithTheListenersObserved() throws Exception {
    Map<String, Object> pipeline = KAFKA.get().clientProperties("logwarden", Transport.MUTUAL_TLS);
    // The config connects as it says: the pipeline's principal, over mutual TLS.
    try (Admin admin = Admin.create(pipeline)) {
      assertThat(admin.describeCluster().clusterId().get()).isNotNull();
    }
    StringBuilder yaml = new StringBuilder("kafka:\n");
    pipeline.forEach((key, value) -> yaml.append("  ").append(key).append(": '").append(value).append("'\n"));
    Path config = dir.resolve("logwarden.yaml");
    Files.writeString(config, yaml, StandardCharsets.UTF_8);
    // The report as a super user over mutual TLS: it may describe the brokers' configs.
    Run run = evidence(KAFKA.get().writeClientConfig(SecureKafkaTestCluster.ADMIN, Transport.MUTUAL_TLS, dir), config,
        KAFKA.get().bootstrapServers(Transport.MUTUAL_TLS));
    assertThat(run.code()).as(run.output()).isZero();
    assertThat(run.markdown()).containsPattern("## \\d+\\. Encryption in transit and authentication: MET")
        .contains("| Kafka (every client) | " + KAFKA.get().bootstrapServers(Transport.MUTUAL_TLS)
            + " | TLS, broker's hostname verified (Kafka's default) | client certificate (mutual TLS: keystore file) "
            + "| met |", "| broker 0 listener MTLS | localhost:0 | TLS (SSL) | client certificate required "
            + "(ssl.client.auth=required) | observed |", "This report itself connected with security.protocol SSL")
        .doesNotContain(BrokerListeners.DENIED);
    for (String text : List.of(run.markdown(), run.html())) {
      assertThat(text).doesNotContain(KAFKA.get().keystore("logwarden").password(), KAFKA.get().truststore().password());
    }
  }

  @Test
  void theReportIsWrittenWithTheDeniedLineAndTheConfigsFindingAndNoSecret() throws Exception {
    String password = SecureKafkaTestCluster.password("logwarden");
    Path config = dir.resolve("logwarden.yaml");
    // The pipeline's own client config for this broker: SASL, but over plaintext.
    Files.writeString(config, """
        kafka:
          bootstrap.servers: %s
          security.protocol: SASL_PLAINTEXT
          sasl.mechanism: PLAIN
          sasl.jaas.config: 'org.apache.kafka.common.security.plain.PlainLoginModule required username="logwarden" password="%s";'
        """.formatted(KAFKA.get().bootstrapServers(), password), StandardCharsets.UTF_8);
    // As the LogAdmin role: it may not describe the cluster's configs.
    Run run = evidence(KAFKA.get().writeClientConfig("logadmin", dir), config, KAFKA.get().bootstrapServers());
    assertThat(run.code()).as(run.output()).isZero();
    assertThat(run.output()).contains("FINDING transit: Kafka (every client): security.protocol is SASL_PLAINTEXT");
    String markdown = run.markdown();
    String html = run.html();
    assertThat(markdown).containsPattern("## \\d+\\. Encryption in transit and authentication: FINDING")
        .contains(BrokerListeners.DENIED, "This report itself connected with security.protocol SASL_PLAINTEXT",
            "| Kafka (every client) | " + KAFKA.get().bootstrapServers() + " | none (SASL_PLAINTEXT) | SASL PLAIN | finding |");
    for (String text : List.of(markdown, html)) {
      assertThat(text).doesNotContain(password, SecureKafkaTestCluster.password("logadmin"));
    }
  }
}
