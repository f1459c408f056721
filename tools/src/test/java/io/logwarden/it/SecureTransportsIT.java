package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.logwarden.cli.RunCommand;
import io.logwarden.demo.DemoSample;
import io.logwarden.it.SecureKafkaTestCluster.Transport;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Origin;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.tools.LogwardenTools;
import io.logwarden.topics.TopicReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * The whole product over each authenticated transport of a real TLS cluster whose StandardAuthorizer
 * enforces the policy's ACLs: mutual TLS (principals from the client certificates' CN), SCRAM-SHA-512
 * over TLS and PLAIN over TLS. For each: {@code topics apply} and {@code acls apply}, the
 * provisioner's plans clean, {@code run} with both topologies exactly once as the pipeline's own
 * principal, the demo's sample produced as the producer, and exact accounting of what came out:
 * every raw record's events once in each topic they belong to (or its one dead letter), and each
 * alert opened once; then {@code evidence} (encryption in transit MET) and {@code dlq replay} as the
 * replayer role. Every password and store password comes from a file through Kafka's {@code
 * file} config provider, and none appears in the log, the metrics or the command output.
 *
 * <p>The transports share one cluster; each starts from empty topics and groups.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureTransportsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final Policy POLICY = PolicyLoader.loadDefault();
  private static final String ADMIN = SecureKafkaTestCluster.ADMIN;
  private static final String PIPELINE = "logwarden";
  private static final String PROVISIONER = "logwarden-provisioner";
  private static final String PRODUCER = "log-producer";
  /** What the demo's sample must raise (its README): the brute force, then the success and the change after it. */
  private static final Set<String> DEMO_RULES = Set.of("auth.brute_force.source", "auth.success_after_failures",
      "config.change_after_suspicious_auth");
  /**
   * (rule, key) of the demo rules' alerts each transport raised: the same on every transport. (Other
   * rules' alerts are counted, not compared: a threshold the sample only just reaches, such as ten
   * failures for one user in 600 s, can depend on the order in which partitions deliver, a known
   * limit of event-time windows across partitions.)
   */
  private static final Map<Transport, Set<String>> ALERTS = new ConcurrentHashMap<>();

  @RegisterExtension
  static final ClusterPerClass<SecureKafkaTestCluster> KAFKA =
      new ClusterPerClass<>(() -> SecureKafkaTestCluster.startWithTls(true));

  @TempDir
  static Path dir;

  @ParameterizedTest
  @EnumSource(names = {"MUTUAL_TLS", "SCRAM_TLS", "PLAIN_TLS"})
  @Order(1)
  void theWholeProductRunsOver(Transport transport) throws Exception {
    SecureKafkaTestCluster cluster = KAFKA.get();
    Path here = Files.createDirectories(dir.resolve(transport.name().toLowerCase(java.util.Locale.ROOT)));
    emptyTheCluster();
    Secrets secrets = new Secrets(here.resolve("secrets.properties"));

    // Provisioning: the super user bootstraps topics and ACLs, then the provisioner sees both clean.
    Path admin = secrets.clientConfig(ADMIN, transport, here);
    Path provisioner = secrets.clientConfig(PROVISIONER, transport, here);
    String bootstrap = cluster.bootstrapServers(transport);
    Result created = cli("topics", "apply", "--bootstrap-server", bootstrap, "--command-config", admin.toString());
    assertThat(created.exit()).as(created.output()).isZero();
    Result acls = cli("acls", "apply", "--bootstrap-server", bootstrap, "--command-config", admin.toString());
    assertThat(acls.exit()).as(acls.output()).isZero();
    await().atMost(TIMEOUT).untilAsserted(() -> assertThat(
        cli("acls", "plan", "--check", "--bootstrap-server", bootstrap, "--command-config", provisioner.toString())
            .exit()).isZero());
    Result topics = cli("topics", "plan", "--check", "--bootstrap-server", bootstrap, "--command-config",
        provisioner.toString());
    assertThat(topics.exit()).as(topics.output()).isZero();
    Map<String, List<String>> sample = DemoSample.load();
    try (Admin superUser = Admin.create(cluster.clientProperties(ADMIN))) {
      superUser.createTopics(sample.keySet().stream()
          .map(source -> new NewTopic(POLICY.topics().rawTopic(source), 2, (short) 1)
              .configs(Map.of("message.timestamp.type", "LogAppendTime")))
          .toList()).all().get();
    }

    // The pipeline, as its own principal: mutual TLS from the config file's kafka: section, the SASL
    // transports from --command-config, as the two ways an operator gives them.
    // (The SASL transports' file has them too, for the evidence report, which judges the file.)
    Path config = ReliabilityHarness.writeConfig(here, "logwarden.yaml", bootstrap, PIPELINE, here.resolve("state"),
        "6c".repeat(32), secrets.yamlKafka(PIPELINE, transport));
    List<String> runArgs = new ArrayList<>();
    if (transport != Transport.MUTUAL_TLS) {
      runArgs.addAll(List.of("--command-config", secrets.clientConfig(PIPELINE, transport, here).toString()));
    }
    runArgs.addAll(0, List.of("run", "--config", config.toString(), "--topology", "all"));
    CommandLine runCli = LogwardenTools.commandLine();
    StringWriter runOutput = new StringWriter();
    runCli.setOut(new PrintWriter(runOutput, true));
    runCli.setErr(new PrintWriter(runOutput, true));
    RunCommand run = RunCommand.of(runCli);
    Map<String, Level> verbose = Map.of("org.apache.kafka", Level.INFO, "io.logwarden", Level.DEBUG);
    String metrics;
    Map<String, RecordMetadata> produced;
    List<CapturedLog.Line> log;
    try (CapturedLog captured = new CapturedLog(true, verbose)) {
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> runCli.execute(runArgs.toArray(String[]::new)));
      try {
        await().atMost(TIMEOUT).until(() -> run.httpPort() > 0 || exit.isDone());
        assertThat(exit).as(runOutput.toString()).isNotDone();
        await().atMost(TIMEOUT).until(() -> ready(run.httpPort()) || exit.isDone());
        assertThat(exit).as(runOutput.toString()).isNotDone();

        // The demo's traffic, as the producer over the same transport.
        produced = produce(cluster.clientProperties(PRODUCER, transport), sample);
        Map<String, Object> reader = cluster.clientProperties(ADMIN, transport);
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> accounted(reader, produced)
            && openedRules(reader).containsAll(DEMO_RULES));
        // Everything in: let detect settle, then account exactly.
        try (Admin superUser = Admin.create(cluster.clientProperties(ADMIN))) {
          await().atMost(TIMEOUT).until(() -> GroupLag.of(superUser, List.of(PIPELINE + "-normalize", PIPELINE + "-detect"))
              == 0);
        }
        Thread.sleep(2_000);
        Accounting accounting = Accounting.read(reader, produced);
        assertThat(accounting.duplicates()).as("an event or dead letter twice").isEmpty();
        assertThat(accounting.unaccounted()).as("a raw record with neither events nor a dead letter").isEmpty();
        assertThat(accounting.deadLetters()).as("the sample's one truncated JSON line").isEqualTo(1);
        assertThat(accounting.openedTwice()).as("an alert opened twice").isEmpty();
        assertThat(accounting.alerts().stream().map(a -> a.substring(0, a.indexOf(' '))).collect(Collectors.toSet()))
            .containsAll(DEMO_RULES);
        ALERTS.put(transport, accounting.alerts().stream()
            .filter(alert -> DEMO_RULES.contains(alert.substring(0, alert.indexOf(' '))))
            .collect(Collectors.toCollection(TreeSet::new)));
        metrics = scrape(run.httpPort());
      } finally {
        run.stop();
        assertThat(exit.get(60, TimeUnit.SECONDS)).as(runOutput.toString()).isZero();
      }
      log = captured.lines();
    }

    // The auditor's report, over the same transport, judges the pipeline's config: TLS with client authentication.
    Path report = here.resolve("evidence");
    Result evidence = cli("evidence", "--bootstrap-server", bootstrap, "--command-config", admin.toString(), "--config",
        config.toString(), "--out", report.toString());
    assertThat(evidence.exit()).as(evidence.output()).isZero();
    String markdown = Files.readString(report.resolve("evidence.md"), StandardCharsets.UTF_8);
    String html = Files.readString(report.resolve("evidence.html"), StandardCharsets.UTF_8);
    assertThat(markdown).containsPattern("## \\d+\\. Encryption in transit and authentication: MET");

    // The dead letter (the sample's truncated line) back to its raw topic, as the replayer role.
    Result replay = cli("dlq", "replay", "--bootstrap-server", bootstrap, "--command-config",
        secrets.clientConfig("logadmin-replay", transport, here).toString());
    assertThat(replay.exit()).as(replay.output()).isZero();
    assertThat(replay.output()).startsWith("Sent 1 of ");

    // No password, store password or JAAS line in the log, the metrics, the report or what the commands printed.
    String everything = log.stream().map(CapturedLog.Line::text).collect(Collectors.joining("\n")) + metrics + runOutput
        + acls.output() + topics.output() + evidence.output() + markdown + html + replay.output();
    assertThat(log).as("the log was captured").isNotEmpty();
    for (String secret : secrets.values()) {
      assertThat(everything).doesNotContain(secret);
    }
    assertThat(everything).doesNotContain("required username=");
  }

  @org.junit.jupiter.api.Test
  @Order(2)
  void everyTransportRaisedTheSameAlerts() {
    assertThat(ALERTS).containsOnlyKeys(Transport.MUTUAL_TLS, Transport.SCRAM_TLS, Transport.PLAIN_TLS);
    assertThat(ALERTS.get(Transport.SCRAM_TLS)).isEqualTo(ALERTS.get(Transport.MUTUAL_TLS));
    assertThat(ALERTS.get(Transport.PLAIN_TLS)).isEqualTo(ALERTS.get(Transport.MUTUAL_TLS));
  }

  // ---- the cluster between transports

  // Each transport starts from no topics and no groups (the ACLs stay: they are the same for all).
  private static void emptyTheCluster() throws Exception {
    try (Admin admin = Admin.create(KAFKA.get().clientProperties(ADMIN))) {
      Set<String> groups = admin.listGroups().all().get().stream().map(g -> g.groupId()).collect(Collectors.toSet());
      if (!groups.isEmpty()) {
        admin.deleteConsumerGroups(groups).all().get();
      }
      Set<String> topics = admin.listTopics().names().get();
      if (!topics.isEmpty()) {
        admin.deleteTopics(topics).all().get();
      }
      await().atMost(TIMEOUT).until(() -> admin.listTopics().names().get().isEmpty());
    }
  }

  // ---- secrets: every password in one file, referenced through ${file:...}

  private static final class Secrets {
    private final Path file;
    private final Properties values = new Properties();

    Secrets(Path file) {
      this.file = file;
    }

    // The client properties of user over transport, each secret replaced by a reference to the file.
    Map<String, String> referenced(String user, Transport transport) throws IOException {
      Map<String, String> props = new TreeMap<>();
      KAFKA.get().clientProperties(user, transport).forEach((key, value) -> props.put(key, value.toString()));
      for (String key : List.of(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG)) {
        if (props.containsKey(key)) {
          props.put(key, reference(user + "." + key, props.get(key)));
        }
      }
      String jaas = props.get(SaslConfigs.SASL_JAAS_CONFIG);
      if (jaas != null) {
        String password = SecureKafkaTestCluster.password(user);
        props.put(SaslConfigs.SASL_JAAS_CONFIG, jaas.replace(password, reference(user + ".password", password)));
      }
      return props;
    }

    Path clientConfig(String user, Transport transport, Path dir) throws IOException {
      Properties properties = new Properties();
      properties.putAll(referenced(user, transport));
      Path config = dir.resolve(user + ".properties");
      try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
        properties.store(writer, null);
      }
      return config;
    }

    // For the config file's kafka: section, each value a double-quoted YAML string.
    Map<String, String> yamlKafka(String user, Transport transport) throws IOException {
      Map<String, String> yaml = new LinkedHashMap<>();
      referenced(user, transport).forEach((key, value) -> {
        if (!key.equals("bootstrap.servers")) {
          yaml.put(key, "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
      });
      return yaml;
    }

    List<String> values() {
      return values.values().stream().map(Object::toString).toList();
    }

    private String reference(String key, String secret) throws IOException {
      values.setProperty(key, secret);
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        values.store(writer, null);
      }
      return "${file:" + file + ":" + key + "}";
    }
  }

  // ---- the run

  private record Result(int exit, String output) {}

  private static Result cli(String... args) {
    CommandLine cli = LogwardenTools.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(out, true));
    int exit = cli.execute(args);
    return new Result(exit, out.toString());
  }

  private static boolean ready(int port) {
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String scrape(int port) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** Produces the sample; each record's "topic/partition/offset" to its metadata. */
  private static Map<String, RecordMetadata> produce(Map<String, Object> client, Map<String, List<String>> sample)
      throws Exception {
    Map<String, Object> props = new HashMap<>(client);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    Map<String, RecordMetadata> produced = new TreeMap<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
      sample.forEach((source, lines) -> lines.forEach(line -> sent.add(producer.send(
          new ProducerRecord<>(POLICY.topics().rawTopic(source), line.getBytes(StandardCharsets.UTF_8))))));
      for (java.util.concurrent.Future<RecordMetadata> future : sent) {
        RecordMetadata metadata = future.get();
        produced.put(metadata.topic() + "/" + metadata.partition() + "/" + metadata.offset(), metadata);
      }
    }
    return produced;
  }

  // ---- accounting

  private static List<String> outputTopics() {
    return POLICY.outputTopics().stream().map(io.logwarden.policy.TopicSpec::name)
        .filter(name -> !name.equals(POLICY.topics().alerts().name())).toList();
  }

  private static boolean accounted(Map<String, Object> reader, Map<String, RecordMetadata> produced) {
    return Accounting.read(reader, produced).unaccounted().isEmpty();
  }

  private static Set<String> openedRules(Map<String, Object> reader) {
    try (TopicReader topics = new TopicReader(reader)) {
      return topics.readAll(POLICY.topics().alerts().name(), Duration.ofSeconds(10)).stream()
          .map(r -> LogwardenSerdes.alert().deserializer().deserialize(POLICY.topics().alerts().name(), r.value()))
          .filter(a -> a.getStatus() == AlertStatus.OPEN).map(Alert::getRuleId).collect(Collectors.toSet());
    }
  }

  /**
   * What the output topics hold for the produced records: events (and dead letters) by their origin,
   * and alerts by id.
   */
  private record Accounting(List<String> duplicates, List<String> unaccounted, int deadLetters, List<String> openedTwice,
      Set<String> alerts) {

    static Accounting read(Map<String, Object> client, Map<String, RecordMetadata> produced) {
      Map<String, Integer> copies = new TreeMap<>();
      Set<String> reached = new TreeSet<>();
      int deadLetters = 0;
      Map<String, Integer> opened = new TreeMap<>();
      Set<String> alerts = new TreeSet<>();
      List<String> topics = new ArrayList<>(outputTopics());
      topics.add(POLICY.topics().alerts().name());
      Map<String, List<ConsumerRecord<byte[], byte[]>>> all;
      try (TopicReader reader = new TopicReader(client)) {
        all = reader.readAll(topics, Duration.ofSeconds(10));
      }
      for (Map.Entry<String, List<ConsumerRecord<byte[], byte[]>>> topic : all.entrySet()) {
        for (ConsumerRecord<byte[], byte[]> record : topic.getValue()) {
          String name = topic.getKey();
          if (name.equals(POLICY.topics().alerts().name())) {
            Alert alert = LogwardenSerdes.alert().deserializer().deserialize(name, record.value());
            if (alert.getStatus() == AlertStatus.OPEN) {
              opened.merge(alert.getAlertId(), 1, Integer::sum);
              alerts.add(alert.getRuleId() + " " + alert.getKey());
            }
            continue;
          }
          Origin origin;
          if (name.equals(POLICY.topics().deadLetter().name())) {
            DeadLetter letter = LogwardenSerdes.deadLetter().deserializer().deserialize(name, record.value());
            origin = letter.getOrigin();
            deadLetters++;
          } else {
            LogEvent event = LogwardenSerdes.logEvent().deserializer().deserialize(name, record.value());
            origin = event.getOrigin();
            if (origin == null || !origin.getTopic().startsWith("logs.raw.")) {
              continue; // the pipeline's own audit events (topics apply, acls apply)
            }
          }
          String raw = origin.getTopic() + "/" + origin.getPartition() + "/" + origin.getOffset();
          reached.add(raw);
          copies.merge(name + " " + raw + "#" + origin.getIndex(), 1, Integer::sum);
        }
      }
      List<String> duplicates = copies.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
      List<String> unaccounted = produced.keySet().stream().filter(raw -> !reached.contains(raw)).toList();
      List<String> openedTwice = opened.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
      return new Accounting(duplicates, unaccounted, deadLetters, openedTwice, alerts);
    }
  }
}
