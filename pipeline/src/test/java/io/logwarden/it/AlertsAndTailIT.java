package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.cli.LogwardenCommand;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.Severity;
import io.logwarden.schema.serde.Encoding;
import io.logwarden.schema.serde.LogwardenSerdes;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code alerts} and {@code tail} on a real broker: the latest state of each alert, filters, both
 * formats, following new states, records in every encoding, and what {@code tail} refuses.
 */
class AlertsAndTailIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static KafkaTestCluster cluster;
  private static KafkaProducer<byte[], byte[]> producer;

  @BeforeAll
  static void start() throws Exception {
    cluster = KafkaTestCluster.start();
    Map<String, Object> client = Map.of("bootstrap.servers", cluster.bootstrapServers());
    try (Admin admin = Admin.create(client)) {
      admin.createTopics(List.of(new NewTopic("security.alerts", 2, (short) 1), new NewTopic("logs.raw.app", 1, (short) 1)))
          .all().get();
    }
    Properties props = new Properties();
    props.putAll(client);
    producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    // a1 written in Avro by an older release, then updated in JSON; a2 LOW; a3 another rule, CRITICAL.
    send(alert("a1", "auth.brute_force.source", Severity.HIGH, 8, AlertStatus.OPEN, "2026-11-27T08:00:00Z"), Encoding.AVRO);
    send(alert("a1", "auth.brute_force.source", Severity.HIGH, 16, AlertStatus.UPDATED, "2026-11-27T08:02:00Z"), Encoding.JSON);
    send(alert("a2", "auth.password_spraying", Severity.LOW, 3, AlertStatus.OPEN, "2026-11-27T07:00:00Z"), Encoding.JSON);
    send(alert("a3", "config.change_after_suspicious_auth", Severity.CRITICAL, 2, AlertStatus.OPEN,
        "2026-11-27T09:00:00Z"), Encoding.JSON);
    producer.send(new ProducerRecord<>("security.alerts", "junk".getBytes(StandardCharsets.UTF_8),
        "password=hunter2 not an alert".getBytes(StandardCharsets.UTF_8))).get();
  }

  @AfterAll
  static void stop() throws Exception {
    producer.close();
    cluster.close();
  }

  @Test
  void alertsPrintsTheLatestStateOfEachAlertOldestLastSeenFirst() {
    Run run = run("alerts", "--bootstrap-server", cluster.bootstrapServers());
    assertThat(run.exit).isZero();
    List<String> lines = run.out.lines().toList();
    assertThat(lines.get(0)).startsWith("RULE").contains("SEVERITY", "KEY", "COUNT", "FIRST SEEN", "LAST SEEN", "STATUS", "SUMMARY");
    // Four alerts, and a9 when the follow test ran first (it is the newest, so last).
    assertThat(lines.stream().filter(line -> !line.contains("ip:k-a9"))).hasSize(4);
    assertThat(lines.get(1)).startsWith("auth.password_spraying").contains("LOW");
    assertThat(lines.get(2)).startsWith("auth.brute_force.source").contains(" 16 ", "UPDATED").doesNotContain(" 8 ");
    assertThat(lines.get(3)).startsWith("config.change_after_suspicious_auth").contains("CRITICAL");
    // The undecodable record is counted, never quoted.
    assertThat(run.err).contains("1 records of security.alerts could not be decoded").doesNotContain("hunter2");
  }

  @Test
  void alertsFiltersByRuleAndMinimumSeverityAndWritesJson() throws Exception {
    Run high = run("alerts", "--bootstrap-server", cluster.bootstrapServers(), "--severity", "HIGH", "--format", "json");
    List<JsonNode> alerts = high.out.lines().map(AlertsAndTailIT::json).toList();
    assertThat(alerts).extracting(a -> a.get("alert_id").asText()).containsExactly("a1", "a3");
    assertThat(alerts.get(0).get("count").asLong()).isEqualTo(16);
    assertThat(alerts.get(0).get("last_seen").asText()).isEqualTo("2026-11-27T08:02:00Z".replace("Z", ".000Z"));

    Run rule = run("alerts", "--bootstrap-server", cluster.bootstrapServers(), "--rule", "auth.password_spraying");
    assertThat(rule.out.lines().skip(1).toList()).singleElement().asString().startsWith("auth.password_spraying");

    Run none = run("alerts", "--bootstrap-server", cluster.bootstrapServers(), "--rule", "no.such.rule");
    assertThat(none.out).startsWith("No alerts in security.alerts.");
  }

  @Test
  void alertsFollowPrintsEachNewStateAsItComes() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CommandLine cli = LogwardenCommand.commandLine();
    cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new ByteArrayOutputStream(), true));
    int[] exit = {-1};
    Thread following = new Thread(() -> exit[0] = cli.execute("alerts", "--bootstrap-server", cluster.bootstrapServers(),
        "--follow", "--rule", "auth.brute_force.user", "--format", "json"), "alerts-follow");
    following.start();
    try {
      Thread.sleep(3_000);
      send(alert("a9", "auth.brute_force.user", Severity.MEDIUM, 10, AlertStatus.OPEN, "2026-11-27T10:00:00Z"), Encoding.JSON);
      long deadline = System.currentTimeMillis() + 30_000;
      while (!out.toString(StandardCharsets.UTF_8).contains("\"a9\"") && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"alert_id\":\"a9\"");
      assertThat(following.isAlive()).isTrue();
    } finally {
      following.interrupt();
      following.join(10_000);
    }
    assertThat(following.isAlive()).isFalse();
    assertThat(exit[0]).isZero();
  }

  @Test
  void tailPrintsRecordsOfAnyEncodingAsJsonLinesWithTheirPlaceInTheTopic() {
    Run run = run("tail", "--bootstrap-server", cluster.bootstrapServers(), "--topic", "security.alerts");
    assertThat(run.exit).isZero();
    List<JsonNode> lines = run.out.lines().map(AlertsAndTailIT::json).toList();
    assertThat(lines).hasSizeGreaterThanOrEqualTo(5);
    assertThat(lines).allSatisfy(line -> assertThat(line.has("offset") && line.has("partition") && line.has("timestamp")).isTrue());
    assertThat(lines.stream().filter(l -> !l.get("value").isNull()).map(l -> l.get("value").get("alert_id").asText()))
        .contains("a1", "a2", "a3");
    JsonNode junk = lines.stream().filter(l -> l.get("key").asText().equals("junk")).findFirst().orElseThrow();
    assertThat(junk.get("value").isNull()).isTrue();
    assertThat(junk.get("error").asText()).contains("not JSON").doesNotContain("hunter2");

    Run limited = run("tail", "--bootstrap-server", cluster.bootstrapServers(), "--topic", "security.alerts", "--limit", "2");
    assertThat(limited.out.lines().count()).isEqualTo(2);
  }

  @Test
  void tailRefusesRawTopicsAndTopicsThatAreNotLogwardens() {
    Run raw = run("tail", "--bootstrap-server", cluster.bootstrapServers(), "--topic", "logs.raw.app");
    assertThat(raw.exit).isEqualTo(LogwardenCommand.CONFIG_ERROR);
    assertThat(raw.err).contains("before redaction");
    Run other = run("tail", "--bootstrap-server", cluster.bootstrapServers(), "--topic", "payments");
    assertThat(other.exit).isEqualTo(LogwardenCommand.CONFIG_ERROR);
    assertThat(other.err).contains("store.betterstack", "security.alerts", "not payments");
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CommandLine cli = LogwardenCommand.commandLine();
    cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
    cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void send(Alert alert, Encoding encoding) throws Exception {
    byte[] value = LogwardenSerdes.of(Alert.class, encoding, null).serializer().serialize("security.alerts", alert);
    producer.send(new ProducerRecord<>("security.alerts", null, alert.getLastSeen().toEpochMilli(),
        alert.getAlertId().getBytes(StandardCharsets.UTF_8), value)).get();
  }

  private static Alert alert(String id, String rule, Severity severity, long count, AlertStatus status, String lastSeen) {
    Instant at = Instant.parse(lastSeen);
    return Alert.newBuilder().setAlertId(id).setRuleId(rule).setTitle("t").setSeverity(severity).setKey("ip:k-" + id)
        .setCount(count).setFirstSeen(at.minusSeconds(60)).setLastSeen(at).setWindowStart(at.minusSeconds(60))
        .setWindowEnd(at).setStatus(status).setSummary(count + " failed sign-ins").setDetectedAt(at).build();
  }

  private static JsonNode json(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
