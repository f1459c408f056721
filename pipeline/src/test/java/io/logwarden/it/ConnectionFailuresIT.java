package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.cli.LogwardenCommand;
import io.logwarden.it.SecureKafkaTestCluster.BadListener;
import io.logwarden.it.SecureKafkaTestCluster.Transport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * What {@code run} and {@code topics plan} say when the cluster cannot be used: one line, {@code
 * logwarden: cannot connect to <bootstrap>: <cause>}, and exit 3, for a broker certificate the client
 * does not trust, one for another host, one that has expired, a wrong SCRAM password, and a
 * principal without the ACLs it needs, on a real TLS cluster with the StandardAuthorizer. None of
 * the client's secrets appears in what they print.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ConnectionFailuresIT {

  @RegisterExtension
  static final ClusterPerClass<SecureKafkaTestCluster> KAFKA =
      new ClusterPerClass<>(() -> SecureKafkaTestCluster.startWithTls(true));

  @TempDir
  static Path dir;

  /** A failure: how to make the client config, and what the one line must say. */
  enum Failure {
    UNTRUSTED_CERTIFICATE("the broker's certificate is not trusted"),
    WRONG_HOST("the broker's certificate does not match its host name"),
    EXPIRED_CERTIFICATE("the broker's certificate has expired"),
    WRONG_SCRAM_PASSWORD("authentication failed"),
    MISSING_ACL("not authorized: the principal may not ");

    final String cause;

    Failure(String cause) {
      this.cause = cause;
    }
  }

  @BeforeAll
  static void topicsExist() throws Exception {
    // As the super user, so that a denial is about ACLs, never about a topic that is missing.
    try (Admin admin = Admin.create(KAFKA.get().clientProperties(SecureKafkaTestCluster.ADMIN))) {
      new io.logwarden.topics.TopicProvisioner(admin, (short) 1, (short) 1,
          new io.micrometer.core.instrument.simple.SimpleMeterRegistry())
          .provision(io.logwarden.policy.PolicyLoader.loadDefault().outputTopics());
    }
  }

  static Stream<Arguments> failures() {
    List<Arguments> cases = new ArrayList<>();
    for (Failure failure : Failure.values()) {
      for (String command : List.of("topics plan", "run")) {
        cases.add(Arguments.of(failure, command));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{1}: {0}")
  @MethodSource("failures")
  @org.junit.jupiter.api.Order(1)
  void oneLineAndExitThree(Failure failure, String command) throws Exception {
    SecureKafkaTestCluster cluster = KAFKA.get();
    // The pipeline's principal for run, the provisioner's for topics plan; neither holds any ACL here.
    String user = command.equals("run") ? "logwarden" : "logwarden-provisioner";
    Map<String, Object> props = new HashMap<>(cluster.clientProperties(user, Transport.SCRAM_TLS));
    switch (failure) {
      case UNTRUSTED_CERTIFICATE -> {
        TestCertificates.Store other = TestCertificates.authority(dir.resolve("other-ca"), "another-ca").truststore();
        props.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, other.path().toString());
        props.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, other.password());
      }
      case WRONG_HOST -> props.put("bootstrap.servers", cluster.bootstrapServers(BadListener.WRONG_HOST));
      case EXPIRED_CERTIFICATE -> props.put("bootstrap.servers", cluster.bootstrapServers(BadListener.EXPIRED_CERTIFICATE));
      case WRONG_SCRAM_PASSWORD -> props.put(SaslConfigs.SASL_JAAS_CONFIG, ScramLoginModule.class.getName()
          + " required username=\"" + user + "\" password=\"not-" + SecureKafkaTestCluster.password(user) + "\";");
      case MISSING_ACL -> { }
      default -> throw new IllegalStateException();
    }
    if (failure == Failure.WRONG_HOST || failure == Failure.EXPIRED_CERTIFICATE) {
      // Those listeners authenticate the broker only.
      props.remove(SaslConfigs.SASL_MECHANISM);
      props.remove(SaslConfigs.SASL_JAAS_CONFIG);
      props.put("security.protocol", "SSL");
    }
    String bootstrap = props.get("bootstrap.servers").toString();
    Path commandConfig = write(props, failure + "-" + command.replace(' ', '-') + ".properties");

    List<String> args = new ArrayList<>(List.of(command.split(" ")));
    if (command.equals("run")) {
      Path config = ReliabilityHarness.writeConfig(dir.resolve(failure.name()), "logwarden.yaml", bootstrap,
          "logwarden", dir.resolve(failure.name()).resolve("state"), "5b".repeat(32));
      args.addAll(List.of("--config", config.toString(), "--topology", "normalize"));
    } else {
      args.addAll(List.of("--bootstrap-server", bootstrap));
    }
    args.addAll(List.of("--command-config", commandConfig.toString()));

    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = LogwardenCommand.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit;
    List<CapturedLog.Line> logged;
    try (CapturedLog log = new CapturedLog(false, Map.of())) {
      exit = CompletableFuture.supplyAsync(() -> cli.execute(args.toArray(String[]::new))).get(90, TimeUnit.SECONDS);
      logged = log.lines();
    }

    assertThat(exit).as(err.toString()).isEqualTo(LogwardenCommand.CONFIG_ERROR);
    if (command.equals("topics plan")) {
      // Nor does the Kafka client log the failure a second time (its own line, a stack trace).
      assertThat(logged).as("warnings and errors logged beside the one line")
          .noneMatch(line -> line.level().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN));
    }
    assertThat(out.toString()).as("nothing planned, nothing run").isEmpty();
    List<String> lines = err.toString().lines().toList();
    assertThat(lines).as(err.toString()).hasSize(1);
    assertThat(lines.get(0)).startsWith("logwarden: cannot connect to " + bootstrap + ": " + failure.cause);
    if (failure == Failure.MISSING_ACL) {
      assertThat(lines.get(0)).containsPattern(" on topic [a-z.]+").contains("acls apply");
    }
    for (Object value : props.values()) {
      if (value.toString().startsWith("pw-") || value.toString().contains("password=")) {
        assertThat(err.toString()).doesNotContain(value.toString());
      }
    }
    assertThat(err.toString()).doesNotContain(SecureKafkaTestCluster.password(user));
  }

  /**
   * A denial the start's checks cannot see (they check topics): without its transactional ids the
   * pipeline's first transaction is refused, and {@code run} stops with exit 3 and the one line
   * instead of replacing the stream thread forever.
   */
  @Test
  @org.junit.jupiter.api.Order(3)
  void aDenialWhileRunningStopsRunWithTheOneLine() throws Exception {
    SecureKafkaTestCluster cluster = KAFKA.get();
    io.logwarden.policy.Policy policy = io.logwarden.policy.PolicyLoader.loadDefault();
    List<org.apache.kafka.common.acl.AclBinding> allButTransactions = new io.logwarden.access.AccessMatrix(policy,
            io.logwarden.detect.rules.RulesLoader.loadDefault(policy), "logwarden").grants().stream()
        .filter(grant -> grant.principal().equals("User:logwarden"))
        .map(io.logwarden.access.AclGrant::binding)
        .filter(binding -> binding.pattern().resourceType()
            != org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID)
        .toList();
    cluster.createAcls(allButTransactions);
    // A raw topic, so that normalize gets a task and its producer's first transaction.
    try (Admin admin = Admin.create(cluster.clientProperties(SecureKafkaTestCluster.ADMIN))) {
      admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("logs.raw.notx", 1, (short) 1))).all().get();
    }
    Map<String, Object> props = new HashMap<>(cluster.clientProperties("logwarden", Transport.SCRAM_TLS));
    String bootstrap = props.get("bootstrap.servers").toString();
    Path config = ReliabilityHarness.writeConfig(dir.resolve("no-tx"), "logwarden.yaml", bootstrap, "logwarden",
        dir.resolve("no-tx").resolve("state"), "5b".repeat(32));

    StringWriter err = new StringWriter();
    CommandLine cli = LogwardenCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    int exit = CompletableFuture.supplyAsync(() -> cli.execute("run", "--config", config.toString(), "--topology",
        "normalize", "--command-config", write(props, "no-tx.properties").toString())).get(120, TimeUnit.SECONDS);

    assertThat(exit).as(err.toString()).isEqualTo(LogwardenCommand.CONFIG_ERROR);
    assertThat(err.toString().lines().toList()).as(err.toString()).containsExactly(
        "logwarden: cannot connect to " + bootstrap + ": not authorized: Transactional Id authorization failed.");
  }

  @Test
  @org.junit.jupiter.api.Order(2)
  void anEmptyHostnameAlgorithmIsRefusedUnlessAllowed() throws Exception {
    SecureKafkaTestCluster cluster = KAFKA.get();
    Map<String, Object> props = new HashMap<>(cluster.clientProperties(SecureKafkaTestCluster.ADMIN, Transport.SCRAM_TLS));
    props.put("bootstrap.servers", cluster.bootstrapServers(BadListener.WRONG_HOST));
    props.remove(SaslConfigs.SASL_MECHANISM);
    props.remove(SaslConfigs.SASL_JAAS_CONFIG);
    props.put("security.protocol", "SSL");
    props.put(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG, "");
    Path commandConfig = write(props, "no-hostname-check.properties");
    String bootstrap = props.get("bootstrap.servers").toString();

    StringWriter err = new StringWriter();
    CommandLine cli = LogwardenCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter(), true));
    cli.setErr(new PrintWriter(err, true));
    int refused = cli.execute("topics", "plan", "--bootstrap-server", bootstrap, "--command-config", commandConfig.toString());

    assertThat(refused).isEqualTo(LogwardenCommand.CONFIG_ERROR);
    assertThat(err.toString()).contains("ssl.endpoint.identification.algorithm is empty", "--allow-insecure-hostname");

    // Allowed, the certificate for another host is accepted: that is what the setting does (and why it is refused by default).
    StringWriter allowedErr = new StringWriter();
    CommandLine again = LogwardenCommand.commandLine();
    again.setOut(new PrintWriter(new StringWriter(), true));
    again.setErr(new PrintWriter(allowedErr, true));
    // Anonymous on that listener: the handshake passes, and the ACLs stop it.
    int allowed = again.execute("topics", "plan", "--bootstrap-server", bootstrap, "--command-config",
        commandConfig.toString(), "--allow-insecure-hostname");
    assertThat(allowed).isEqualTo(LogwardenCommand.CONFIG_ERROR);
    assertThat(allowedErr.toString()).contains("not authorized").doesNotContain("host name");
  }

  private static Path write(Map<String, Object> props, String name) {
    Properties properties = new Properties();
    props.forEach((key, value) -> properties.put(key, value.toString()));
    Path file = dir.resolve(name);
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, null);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return file;
  }
}
