package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.cli.RunCommand;
import io.logwarden.tools.DemoCommand;
import io.logwarden.tools.LogwardenTools;
import io.logwarden.topics.TopicReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The operations port of {@code run} and {@code demo} on a real broker: readiness follows the
 * topologies, and a scrape after real traffic shows the product's metrics with non-zero values, Kafka
 * Streams' metrics, and no event content in any label.
 */
class OpsEndpointsIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir
  Path dir;

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The value of the one sample whose line starts with {@code series} (name and labels, in order). */
  private static double sample(String scrape, String series) {
    List<Double> values = scrape.lines().filter(line -> line.startsWith(series))
        .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).toList();
    assertThat(values).as("samples of " + series).hasSize(1);
    return values.get(0);
  }

  @Test
  void runServesHealthAndTheProductsMetricsAfterRealTraffic() throws Exception {
    String secret = "ghp_" + randomAlnum(36);
    try (KafkaTestCluster cluster = KafkaTestCluster.start()) {
      Files.writeString(dir.resolve("pseudonym.key"), "cd".repeat(32) + "\n");
      Path config = Files.writeString(dir.resolve("logwarden.yaml"), "kafka:\n  bootstrap.servers: "
          + cluster.bootstrapServers() + "\napplication_id: lw-ops\nstate_dir: " + dir.resolve("state")
          + "\npseudonym_key_file: pseudonym.key\nhttp_port: 0\n");
      Map<String, Object> client = Map.of("bootstrap.servers", cluster.bootstrapServers());
      try (Admin admin = Admin.create(client)) {
        admin.createTopics(List.of(new NewTopic("logs.raw.app", 1, (short) 1)
            .configs(Map.of("message.timestamp.type", "LogAppendTime")))).all().get();
      }
      CommandLine cli = LogwardenTools.commandLine();
      CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.execute("run", "--config", config.toString()));
      await().atMost(TIMEOUT).until(() -> RunCommand.of(cli).httpPort() > 0);
      int port = RunCommand.of(cli).httpPort();
      assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
      await().atMost(TIMEOUT).until(() -> get(port, "/health/ready").statusCode() == 200);
      assertThat(get(port, "/health/ready").body()).contains("\"normalize\":\"RUNNING\"", "\"detect\":\"RUNNING\"");

      List<String> lines = new ArrayList<>(SignInLines.failedFrom("198.51.100.23", 9));
      lines.add("{\"@timestamp\":\"2026-11-27T08:15:00Z\",\"level\":\"INFO\",\"message\":\"deploy with token " + secret
          + "\",\"host\":{\"name\":\"build-7\"}}");
      lines.add("{\"@timestamp\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\",\"level\":\"INFO\","
          + "\"message\":\"clock ahead\",\"host\":{\"name\":\"clock-ahead-1\"}}");
      lines.add("{\"@timestamp\":\"2026-11-27T08:15:01Z\",\"message\":\"cut off");
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(client, new ByteArraySerializer(), new ByteArraySerializer())) {
        for (String line : lines) {
          producer.send(new ProducerRecord<>("logs.raw.app", line.getBytes(StandardCharsets.UTF_8))).get();
        }
      }
      try (TopicReader reader = new TopicReader(client)) {
        await().atMost(TIMEOUT).until(() -> reader.readAll("security.alerts", TIMEOUT).size() >= 1);
      }

      // Counters are updated before the records are committed: once the alert is read, all are in.
      String scrape = get(port, "/metrics").body();
      assertThat(sample(scrape, "logwarden_records_in_total{format=\"json\",topic=\"logs.raw.app\"")).as("all 12 lines, the rejected one too").isEqualTo(12.0);
      assertThat(sample(scrape, "logwarden_dlq_records_total{reason=\"not_json\"")).isEqualTo(1.0);
      assertThat(sample(scrape, "logwarden_events_out_total{destination=\"store.betterstack\"")).isGreaterThanOrEqualTo(11.0);
      assertThat(sample(scrape, "logwarden_events_out_total{destination=\"security.events\""))
          .as("the 9 sign-ins and the event flagged future_time").isEqualTo(10.0);
      assertThat(sample(scrape, "logwarden_redactions_total{rule=\"github-pat\"")).isEqualTo(1.0);
      assertThat(sample(scrape, "logwarden_alerts_total{rule=\"auth.brute_force.source\",severity=\"HIGH\",status=\"OPEN\""))
          .isEqualTo(1.0);
      assertThat(sample(scrape, "logwarden_clock_skew_seconds_count{direction=\"ahead\",host=\"clock-ahead-1\""))
          .isEqualTo(1.0);
      assertThat(sample(scrape, "logwarden_clock_skew_seconds_bucket{direction=\"ahead\",host=\"clock-ahead-1\",le=\"3600.0\""))
          .as("an hour ahead, less the time to arrive").isEqualTo(1.0);
      assertThat(scrape).containsPattern("(?m)^kafka_stream_\\w+\\{[^}]*topology=\"normalize\"")
          .containsPattern("(?m)^kafka_stream_\\w+\\{[^}]*topology=\"detect\"")
          .contains("jvm_memory_used_bytes");
      // No event content in any label: not the secret, the user names, the address or a message.
      assertThat(scrape).doesNotContain(secret, secret.substring(4, 16), "user0", "198.51.100.23", "Sign-in failed",
          "clock ahead");

      RunCommand.of(cli).stop();
      assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    }
  }

  @Test
  void theDemoServesItsMetricsAfterTheSampleHasRun() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    CommandLine cli = LogwardenTools.commandLine();
    cli.setOut(new java.io.PrintWriter(out, true));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> cli.execute("demo", "--follow", "--http-port", "0"));
    try {
      await().atMost(Duration.ofMinutes(3)).until(() -> outputOf(bytes).contains("Following:"));
      Matcher url = Pattern.compile("Metrics and health: http://127\\.0\\.0\\.1:(\\d+)/metrics").matcher(outputOf(bytes));
      assertThat(url.find()).as(outputOf(bytes)).isTrue();
      int port = Integer.parseInt(url.group(1));
      assertThat(get(port, "/health/ready").statusCode()).isEqualTo(200);
      String scrape = get(port, "/metrics").body();
      for (String metric : List.of("logwarden_records_in_total", "logwarden_events_out_total", "logwarden_dlq_records_total",
          "logwarden_redactions_total", "logwarden_alerts_total", "logwarden_clock_skew_seconds_count")) {
        double total = scrape.lines().filter(line -> line.startsWith(metric + "{"))
            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        assertThat(total).as(metric).isPositive();
      }
      assertThat(scrape).doesNotContain("203.0.113.45");
    } finally {
      DemoCommand.of(cli).stop();
    }
    assertThat(exit.get(90, TimeUnit.SECONDS)).isZero();
  }

  private static String outputOf(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static String randomAlnum(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    SecureRandom random = new SecureRandom();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
