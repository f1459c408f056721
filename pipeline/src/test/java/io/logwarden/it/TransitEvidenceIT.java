package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.cli.LogwardenCommand;
import io.logwarden.evidence.BrokerListeners;
import io.logwarden.evidence.ConnectionCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The transit control's observations on a broker that authenticates (SASL/PLAIN) and authorizes: the
 * listeners are shown only to a principal with DESCRIBE_CONFIGS on the cluster, which no shipped role
 * holds; the report says so in one line and is written all the same. The verdict comes from the
 * pipeline's config, never from the report's own connection.
 */
class TransitEvidenceIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @RegisterExtension
  static final ClusterPerClass<SecureKafkaTestCluster> KAFKA = new ClusterPerClass<>(SecureKafkaTestCluster::start);

  @TempDir
  Path dir;

  @Test
  void listenersAreShownOnlyToAPrincipalThatMayDescribeTheClustersConfigs() throws Exception {
    try (Admin logadmin = Admin.create(KAFKA.get().clientProperties("logadmin"))) {
      BrokerListeners denied = BrokerListeners.read(logadmin, TIMEOUT);
      assertThat(denied.listeners()).isEmpty();
      assertThat(denied.note()).isEqualTo(BrokerListeners.DENIED);
    }
    try (Admin admin = Admin.create(KAFKA.get().clientProperties(SecureKafkaTestCluster.ADMIN))) {
      List<ConnectionCheck> listeners = BrokerListeners.read(admin, TIMEOUT).listeners();
      // The listener clients use, with the mechanism the broker enables (its address as configured:
      // the test kit's port 0), and the controller's.
      assertThat(listeners).as(listeners.toString()).filteredOn(l -> !l.connection().endsWith("(controller)"))
          .singleElement().satisfies(l -> {
        assertThat(l.connection()).isEqualTo("broker 0 listener EXTERNAL");
        assertThat(l.encryption()).isEqualTo("none (SASL_PLAINTEXT)");
        assertThat(l.authentication()).isEqualTo("SASL required (PLAIN)");
        assertThat(l.outcome()).isEqualTo(ConnectionCheck.Outcome.OBSERVED);
      });
      assertThat(listeners).anySatisfy(l -> assertThat(l.connection()).endsWith("(controller)"));
    }
    // The permission the one line names is the one that is missing.
    KAFKA.get().createAcls(List.of(SecureKafkaTestClusterIT.allow("logadmin", ResourceType.CLUSTER, "kafka-cluster",
        PatternType.LITERAL, AclOperation.DESCRIBE_CONFIGS)));
    try (Admin logadmin = Admin.create(KAFKA.get().clientProperties("logadmin"))) {
      BrokerListeners granted = BrokerListeners.read(logadmin, TIMEOUT);
      assertThat(granted.note()).isNull();
      assertThat(granted.listeners()).isNotEmpty();
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
    Path out = dir.resolve("evidence");
    CommandLine cli = LogwardenCommand.commandLine();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    cli.setOut(new PrintWriter(stream, true));
    cli.setErr(new PrintWriter(stream, true));
    // As the LogAdmin role: it may not describe the cluster's configs.
    int code = cli.execute("evidence", "--bootstrap-server", KAFKA.get().bootstrapServers(), "--command-config",
        KAFKA.get().writeClientConfig("logadmin", dir).toString(), "--config", config.toString(), "--out",
        out.toString(), "--timeout", "60s");
    String output = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(output).isZero();
    assertThat(output).contains("FINDING transit: Kafka (every client): security.protocol is SASL_PLAINTEXT");
    String markdown = Files.readString(out.resolve("evidence.md"), StandardCharsets.UTF_8);
    String html = Files.readString(out.resolve("evidence.html"), StandardCharsets.UTF_8);
    assertThat(markdown).containsPattern("## \\d+\\. Encryption in transit and authentication: FINDING")
        .contains(BrokerListeners.DENIED, "This report itself connected with security.protocol SASL_PLAINTEXT",
            "| Kafka (every client) | " + KAFKA.get().bootstrapServers() + " | none (SASL_PLAINTEXT) | SASL PLAIN | finding |");
    for (String text : List.of(markdown, html)) {
      assertThat(text).doesNotContain(password, SecureKafkaTestCluster.password("logadmin"));
    }
  }
}
