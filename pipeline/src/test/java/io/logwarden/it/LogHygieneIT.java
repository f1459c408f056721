package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.logwarden.cli.LogwardenCommand;
import io.logwarden.cli.RunCommand;
import io.logwarden.redact.FakeSecrets;
import io.logwarden.topics.TopicReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code logwarden run} over records with planted secrets, personal data (e-mail and IP addresses,
 * user names), distinctive message text and malformed records, with the application's log captured
 * from the root logger at INFO and at DEBUG: no line (message with its arguments, exception messages,
 * stack traces, causes) holds any of that content, nor the pseudonymization key or a piece of it.
 * The pipeline's own loggers and Kafka's client loggers are checked; the in-JVM test broker's own
 * loggers are not (it is not part of the pipeline).
 */
class LogHygieneIT {

  /** Log levels of a run: the pipeline's own loggers, and Kafka's. */
  enum Levels {
    INFO(Level.INFO, Level.INFO),
    DEBUG(Level.DEBUG, Level.INFO),
    // Kafka's clients and Streams at DEBUG too: what an operator chasing a Kafka problem would turn on.
    KAFKA_DEBUG(Level.DEBUG, Level.DEBUG);

    final Level pipeline;
    final Level kafka;

    Levels(Level pipeline, Level kafka) {
      this.pipeline = pipeline;
      this.kafka = kafka;
    }
  }

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
  @RegisterExtension
  static final ClusterPerClass<KafkaTestCluster> KAFKA = ClusterPerClass.kafka();

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Levels.class)
  void theApplicationsLogHoldsNoEventContentAndNoKey(Levels levels) throws Exception {
    Random random = new Random();
    byte[] key = new byte[32];
    random.nextBytes(key);
    String keyHex = HexFormat.of().formatHex(key);
    String email = "carol." + chars(random, 10) + "@example.com";
    String ip = "198.51.100." + (10 + random.nextInt(200));
    String user = "u" + chars(random, 11);
    String words = "quarterly ledger " + chars(random, 14);
    List<FakeSecrets.Planted> secrets = new ArrayList<>();
    for (FakeSecrets.Variant variant : FakeSecrets.TOKENS) {
      secrets.add(variant.plant(random));
    }
    for (FakeSecrets.Variant variant : FakeSecrets.STRUCTURED) {
      secrets.add(variant.plant(random));
    }
    List<String> sensitive = new ArrayList<>(List.of(keyHex, keyHex.toUpperCase(java.util.Locale.ROOT),
        Base64.getEncoder().encodeToString(key), email, ip, user, words));
    secrets.forEach(s -> sensitive.add(s.secret()));

    Map<String, byte[]> records = new LinkedHashMap<>();
    int n = 0;
    for (FakeSecrets.Planted secret : secrets) {
      String text = FakeSecrets.escapeJson(secret.text());
      // Each secret as a valid event, in a truncated JSON record, and in binary data.
      records.put("event " + n++, ("{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"level\":\"ERROR\",\"message\":\"" + words
          + " " + text + " for " + email + "\",\"user\":{\"name\":\"" + user + "\"},\"source\":{\"ip\":\"" + ip + "\"},"
          + "\"stack_trace\":\"java.lang.IllegalStateException: " + text + "\\n\\tat a.B.c(B.java:1)\"}")
          .getBytes(StandardCharsets.UTF_8));
      records.put("truncated " + n++, ("{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"message\":\"" + words + " " + text
          + " " + email).getBytes(StandardCharsets.UTF_8));
      records.put("binary " + n++, ("\u0000\u0001 " + secret.text() + " " + email + " " + user + " \u0002")
          .getBytes(StandardCharsets.UTF_8));
    }
    for (int i = 0; i < 10; i++) {
      records.put("sign-in " + i, ("<38>Nov 27 08:14:0" + i + " bastion-1 sshd[20817]: Failed password for " + user
          + " from " + ip + " port 5211" + i + " ssh2").getBytes(StandardCharsets.UTF_8));
    }
    records.put("sudo", ("<85>Nov 27 08:15:00 bastion-1 sudo: " + user + " : TTY=pts/0 ; PWD=/home/" + user
        + " ; USER=root ; COMMAND=/usr/sbin/iptables -F").getBytes(StandardCharsets.UTF_8));
    records.put("deep", ("{\"message\":\"" + email + "\",\"n\":" + "[".repeat(5000) + "]".repeat(5000) + "}")
        .getBytes(StandardCharsets.UTF_8));
    records.put("huge", ("{\"message\":\"" + email + " " + words + " " + "x".repeat(1024 * 1024) + "\"}")
        .getBytes(StandardCharsets.UTF_8));
    records.put("array", ("[\"" + email + "\", \"" + words + "\"]").getBytes(StandardCharsets.UTF_8));
    records.put("invalid utf-8", concat(("{\"message\":\"" + words + " " + email + " ").getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xc3, 0x28, '"', '}'}));

    String raw = "logs.raw.hygiene-" + levels.name().toLowerCase(java.util.Locale.ROOT);
    Files.write(dir.resolve("pseudonym.key"), (keyHex + "\n").getBytes(StandardCharsets.US_ASCII));
    Path config = Files.writeString(dir.resolve("logwarden.yaml"), "kafka:\n  bootstrap.servers: "
        + KAFKA.get().bootstrapServers() + "\napplication_id: lw-hygiene-" + levels.name().toLowerCase(java.util.Locale.ROOT)
        + "\nstate_dir: " + dir.resolve("state") + "\npseudonym_key_file: pseudonym.key\nhttp_port: 0\n");
    Map<String, Object> client = Map.of("bootstrap.servers", KAFKA.get().bootstrapServers());
    try (Admin admin = Admin.create(client)) {
      admin.createTopics(List.of(new NewTopic(raw, 1, (short) 1).configs(Map.of("max.message.bytes", "4194304"))))
          .all().get();
    }

    Map<String, Level> loggers = new LinkedHashMap<>();
    loggers.put(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.INFO);
    loggers.put("io.logwarden", levels.pipeline);
    for (String kafka : List.of("org.apache.kafka", "org.apache.kafka.clients.NetworkClient",
        "org.apache.kafka.streams.processor.internals.StateDirectory")) {
      loggers.put(kafka, levels.kafka);
    }
    // The test's broker runs in this JVM; its own log is not the pipeline's.
    loggers.put("kafka", Level.WARN);
    for (String broker : List.of("org.apache.kafka.server", "org.apache.kafka.controller", "org.apache.kafka.raft",
        "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.storage", "org.apache.kafka.coordinator",
        "org.apache.kafka.queue", "org.apache.kafka.snapshot", "state.change.logger")) {
      loggers.put(broker, Level.WARN);
    }
    List<CapturedLog.Line> lines;
    String keyedIp = new io.logwarden.redact.Pseudonymizer(io.logwarden.redact.PseudonymKey.fromFile(dir.resolve("pseudonym.key")))
        .pseudonym(ip);
    try (CapturedLog log = new CapturedLog(true, loggers)) {
      assertThat(org.slf4j.LoggerFactory.getLogger("io.logwarden.normalize").isDebugEnabled())
          .isEqualTo(levels.pipeline == Level.DEBUG);
      CommandLine cli = LogwardenCommand.commandLine();
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("run", "--config", config.toString()));
      try (TopicReader reader = new TopicReader(client)) {
        await().atMost(TIMEOUT).until(() -> RunCommand.of(cli).httpPort() > 0);
        Map<String, Object> props = new LinkedHashMap<>(client);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4 * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
          for (byte[] value : records.values()) {
            RecordHeaders headers = new RecordHeaders();
            headers.add("authorization", ("Bearer " + secrets.get(0).secret()).getBytes(StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(raw, 0, null, email.getBytes(StandardCharsets.UTF_8), value, headers));
          }
          producer.flush();
        }
        long deadLetters = records.keySet().stream().filter(k -> !k.startsWith("event") && !k.startsWith("sign-in")
            && !k.equals("sudo")).count();
        // Dead letters are keyed by their origin; alerts by id, with this run's pseudonyms (its own key).
        await().atMost(TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() ->
            reader.readAll("logs.dlq", TIMEOUT).stream()
                .filter(r -> new String(r.key(), StandardCharsets.UTF_8).startsWith(raw + "/")).count() >= deadLetters
                && reader.readAll("security.alerts", TIMEOUT).stream()
                    .anyMatch(r -> new String(r.value(), StandardCharsets.ISO_8859_1).contains(keyedIp)));
      } finally {
        RunCommand.of(cli).stop();
      }
      assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
      lines = log.lines();
    }

    Map<String, Integer> byLogger = new TreeMap<>();
    lines.forEach(line -> byLogger.merge(line.logger().replaceAll("\\.[^.]+$", ".*") + " " + line.level(), 1, Integer::sum));
    System.out.println("LogHygieneIT " + levels + ": " + lines.size() + " log lines checked: " + byLogger);
    assertThat(lines).as("the run logged something at this level").isNotEmpty();
    assertThat(lines).as("dead-letter warnings").anyMatch(l -> l.logger().startsWith("io.logwarden.deadletter"));
    assertThat(lines).as("Kafka Streams advising to enable the handler the pipeline enables")
        .noneMatch(l -> l.logger().equals("org.apache.kafka.streams.StreamsConfig") && l.text().contains("GlobalThread"));
    PlantedPieces pieces = new PlantedPieces(sensitive.stream().filter(s -> s.length() >= PlantedPieces.PIECE).toList());
    List<String> shortOnes = sensitive.stream().filter(s -> s.length() < PlantedPieces.PIECE).toList();
    List<String> leaks = new ArrayList<>();
    for (CapturedLog.Line line : lines) {
      String piece = pieces.find(line.text());
      if (piece == null) {
        piece = shortOnes.stream().filter(line.text()::contains).findFirst().orElse(null);
      }
      if (piece != null) {
        leaks.add(line.level() + " " + line.logger() + " [" + line.thread() + "]: " + piece);
      }
    }
    assertThat(leaks).as("log lines with event content or the key").isEmpty();
  }

  private static String chars(Random random, int n) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      text.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
    }
    return text.toString();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
