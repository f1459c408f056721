package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.cli.LogwardenCommand;
import io.logwarden.cli.RunCommand;
import io.logwarden.topics.TopicReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code logwarden run --config} with a broken deployment config, policy or rules file, on a real
 * broker: it exits with the configuration error code (3) and a message naming the file and the line
 * that is wrong, before touching the cluster (no topic created, no consumer group joined, no HTTP
 * port bound, no state directory). And a running pipeline whose files are broken on disk keeps the
 * configuration it started with: files are read only at start (there is no reload).
 */
class BadConfigIT {

  @RegisterExtension
  static final ClusterPerClass<KafkaTestCluster> KAFKA = ClusterPerClass.kafka();

  @TempDir
  Path dir;

  /** Which file is broken, the line (1-based) replaced, and by what. */
  record Breakage(String file, int line, String replacement, String expected) {
    @Override
    public String toString() {
      return file + " line " + line + ": " + replacement.strip();
    }
  }

  static Stream<Arguments> breakages() {
    return Stream.of(
        // Not YAML at all.
        new Breakage("policy.yaml", 27, "    retention: 30d: [", "line 27"),
        new Breakage("policy.yaml", 26, "   data: [application logs, metrics, alerts]", "line 26"),
        // Valid YAML that is not a valid policy.
        new Breakage("policy.yaml", 32, "    retention: 90 dayz", "line 32"),
        new Breakage("policy.yaml", 78, "    stores: [sentry, splunk]", "line 78"),
        new Breakage("policy.yaml", 56, "    cleanup_policy: compact,shred", "line 56"),
        new Breakage("policy.yaml", 33, "    topic: store sentry!", "line 33"),
        // Rules: a misspelt field, a bad value, an unknown key field, a broken id, not YAML.
        new Breakage("rules.yaml", 29, "    threshhold: 8", "line 29"),
        new Breakage("rules.yaml", 40, "    threshold: -1", "line 40"),
        new Breakage("rules.yaml", 28, "    key: source.adress", "line 28"),
        new Breakage("rules.yaml", 22, "  - id: Auth Brute Force!", "line 22"),
        new Breakage("rules.yaml", 30, "    window: 120 s econds", "line 30"),
        new Breakage("rules.yaml", 27, "    match: {category: [AUTHENTICATION], action: [sign_in], outcome: [FAILURE]",
            "flow mapping that starts on line 27"),
        // The deployment config itself.
        new Breakage("logwarden.yaml", 3, "aplication_id: lw-bad", "line 3"),
        new Breakage("logwarden.yaml", 4, "state_dir: [", "line 4"),
        new Breakage("logwarden.yaml", 7, "processing_guarantee: exactly_twice", "line 7"),
        new Breakage("logwarden.yaml", 6, "http_port: 70000", "line 6"),
        // Its notify section: a secret that cannot be read, a route to no destination, a typo.
        new Breakage("logwarden.yaml", 8, "policy: policy.yaml\nnotify:\n  destinations:\n"
            + "    chat: {type: slack, url: {env: LW_UNSET_WEBHOOK_URL}}", "line 11"),
        new Breakage("logwarden.yaml", 8, "policy: policy.yaml\nnotify:\n  destinations:\n"
            + "    siem: {type: file, path: alerts.json}\n  routes:\n    - to: [siem, chat]", "line 13"),
        new Breakage("logwarden.yaml", 8, "policy: policy.yaml\nnotify:\n  destinations:\n"
            + "    siem: {type: file, path: alerts.json, max_size: 10}", "line 11"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breakages")
  void aBrokenFileIsRefusedAtStartWithItsLineAndTouchesNothing(Breakage breakage) throws Exception {
    Path config = writeFiles(breakage);
    Snapshot before = snapshot();

    CommandLine cli = LogwardenCommand.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute("run", "--config", config.toString());

    assertThat(exit).as(err.toString()).isEqualTo(LogwardenCommand.CONFIG_ERROR);
    String message = err.toString();
    assertThat(message).startsWith("logwarden: ").contains(breakage.file()).contains(breakage.expected());
    assertThat(message.lines().count()).as("one message, no stack trace").isEqualTo(1);
    assertThat(RunCommand.of(cli).httpPort()).as("no HTTP port was bound").isEqualTo(-1);
    assertThat(dir.resolve("state")).as("no state directory").doesNotExist();
    assertThat(snapshot()).as("no topic created and no consumer group on the broker").isEqualTo(before);
  }

  @Test
  void filesBrokenWhileRunningChangeNothingUntilARestartWhichRefusesThem() throws Exception {
    Path config = writeFiles(null);
    Map<String, Object> client = Map.of("bootstrap.servers", KAFKA.get().bootstrapServers());
    try (Admin admin = Admin.create(client)) {
      admin.createTopics(List.of(new NewTopic("logs.raw.reload", 1, (short) 1))).all().get();
    }
    CommandLine cli = LogwardenCommand.commandLine();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("run", "--config", config.toString(),
        "--topology", "normalize"));
    try (TopicReader reader = new TopicReader(client)) {
      await().atMost(Duration.ofSeconds(60)).until(() -> RunCommand.of(cli).httpPort() > 0);
      produce(client, "{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"level\":\"INFO\",\"message\":\"before\"}");
      await().atMost(Duration.ofSeconds(60)).until(() -> reader.readAll("store.betterstack", Duration.ofSeconds(10)).size() == 1);

      // As a ConfigMap update would: every file replaced by a broken one while the pipeline runs.
      replaceLine(dir.resolve("policy.yaml"), 27, "    retention: 30d: [");
      replaceLine(dir.resolve("rules.yaml"), 25, "    threshhold: 8");
      produce(client, "{\"@timestamp\":\"2026-11-27T08:14:04Z\",\"level\":\"INFO\",\"message\":\"after\"}");
      await().atMost(Duration.ofSeconds(60)).until(() -> reader.readAll("store.betterstack", Duration.ofSeconds(10)).size() == 2);
      assertThat(exit).as("still running on the configuration it started with").isNotDone();
    } finally {
      RunCommand.of(cli).stop();
    }
    assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();

    // A restart reads the broken files and refuses them.
    CommandLine restart = LogwardenCommand.commandLine();
    StringWriter err = new StringWriter();
    restart.setErr(new PrintWriter(err, true));
    assertThat(restart.execute("run", "--config", config.toString(), "--topology", "normalize"))
        .isEqualTo(LogwardenCommand.CONFIG_ERROR);
    assertThat(err.toString()).contains("policy.yaml", "line 27");
  }

  /** Topics and consumer groups on the broker. */
  record Snapshot(Set<String> topics, Set<String> groups) {}

  private static Snapshot snapshot() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.get().bootstrapServers()))) {
      return new Snapshot(admin.listTopics().names().get(),
          admin.listGroups().all().get().stream().map(GroupListing::groupId).collect(Collectors.toSet()));
    }
  }

  // The shipped policy and rules beside a config that names them; one line of one file broken.
  private Path writeFiles(Breakage breakage) throws IOException {
    Files.writeString(dir.resolve("pseudonym.key"), "7a".repeat(32) + "\n");
    Files.writeString(dir.resolve("policy.yaml"), resource("/policy/policy.yaml"));
    Files.writeString(dir.resolve("rules.yaml"), resource("/policy/rules.yaml"));
    Path config = Files.writeString(dir.resolve("logwarden.yaml"), String.join("\n",
        "kafka:",
        "  bootstrap.servers: " + KAFKA.get().bootstrapServers(),
        "application_id: lw-bad-" + Math.abs(dir.hashCode()),
        "state_dir: " + dir.resolve("state"),
        "pseudonym_key_file: pseudonym.key",
        "http_port: 0",
        "processing_guarantee: exactly_once_v2",
        "policy: policy.yaml",
        ""));
    if (breakage != null) {
      replaceLine(dir.resolve(breakage.file()), breakage.line(), breakage.replacement());
    }
    return config;
  }

  private static void replaceLine(Path file, int line, String replacement) throws IOException {
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    lines.set(line - 1, replacement);
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = BadConfigIT.class.getResourceAsStream(name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static void produce(Map<String, Object> client, String line) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("logs.raw.reload", line.getBytes(StandardCharsets.UTF_8))).get();
    }
  }
}
