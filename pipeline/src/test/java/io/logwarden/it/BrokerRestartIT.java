package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logwarden.it.ReliabilityWorkload.Raw;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.redact.Pseudonymizer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes away mid-stream for longer than the transaction and session timeouts, and comes
 * back on the same log directories and port: {@code logwarden run} (a child JVM, exactly-once v2)
 * keeps running without being restarted, becomes ready again, and the outputs hold every event and
 * every alert state exactly once.
 */
class BrokerRestartIT {

  private static final String APP = "lw-outage";
  private static final String RUN = "outage";
  private static final int RECORDS = 30_000;
  private static final int ATTACKS = 30;
  private static final Duration OUTAGE = Duration.ofSeconds(15);

  @TempDir
  Path dir;

  @Test
  void thePipelineRidesOutABrokerRestartWithoutLossOrDuplicates() throws Exception {
    Path logs = Path.of("target", "it-logs", "BrokerRestartIT");
    String keyHex = "3c".repeat(32);
    Pseudonymizer pseudonyms = new Pseudonymizer(PseudonymKey.fromFile(Files.writeString(dir.resolve("key"), keyHex)));
    List<Raw> records = ReliabilityWorkload.interleaved(RUN, RECORDS, ATTACKS);
    Map<String, Set<String>> destinations = ReliabilityWorkload.destinations(records);
    List<ReliabilityWorkload.ExpectedAlert> alerts = ReliabilityWorkload.alerts(RUN, ATTACKS, pseudonyms);

    try (KafkaTestCluster cluster = KafkaTestCluster.start()) {
      Map<String, Object> client = Map.of("bootstrap.servers", cluster.bootstrapServers());
      ReliabilityHarness.createRawTopics(client, 4);
      Path config = ReliabilityHarness.writeConfig(dir, "logwarden.yaml", cluster.bootstrapServers(), APP,
          dir.resolve("state"), keyHex);
      try (ChildPipeline pipeline = ChildPipeline.start(config, logs.resolve("run.log"));
          Admin admin = Admin.create(client);
          KafkaProducer<byte[], byte[]> producer = ReliabilityHarness.producer(client)) {
        AtomicLong sent = new AtomicLong();
        // The first 40% of the stream, then the rest released once the pipeline is busy, so that the
        // outage falls in the middle of the stream however fast the pipeline runs.
        CompletableFuture<Void> producing = ReliabilityHarness.produceAfter(CompletableFuture.completedFuture(null),
            producer, records.subList(0, RECORDS * 2 / 5), 4_000, sent);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
            GroupLag.committed(admin, APP + "-normalize", List.of(ReliabilityWorkload.APP_TOPIC, ReliabilityWorkload.AUTH_TOPIC))
                >= RECORDS / 4
                && GroupLag.committed(admin, APP + "-detect", List.of(ReliabilityWorkload.SECURITY_EVENTS)) > 0);
        producing = ReliabilityHarness.produceAfter(producing, producer, records.subList(RECORDS * 2 / 5, RECORDS), 4_000, sent);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> sent.get() > RECORDS / 2);

        cluster.stopBroker();
        long sentWhenStopped = sent.get();
        // The outage: longer than the transaction timeout (10 s) and the session timeout (10 s).
        Thread.sleep(OUTAGE.toMillis());
        assertThat(pipeline.isAlive()).as("the pipeline outlives the outage").isTrue();
        cluster.startBroker();

        producing.get(180, TimeUnit.SECONDS);
        assertThat(sentWhenStopped).as("the broker stopped mid-stream").isLessThan(RECORDS);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).until(() ->
            GroupLag.of(admin, List.of(APP + "-normalize", APP + "-detect")) == 0
                && OutputAudit.read(client, destinations, alerts, Duration.ofSeconds(60)).complete());
        OutputAudit audit = OutputAudit.read(client, destinations, alerts, Duration.ofSeconds(60));
        System.out.println("BrokerRestartIT: broker stopped after " + sentWhenStopped + " records were acknowledged\n"
            + audit.summary());
        assertThat(audit.exact()).as(audit.summary()).isTrue();

        assertThat(pipeline.isAlive()).as("never restarted: the same process").isTrue();
        int port = httpPort(pipeline);
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).until(() -> http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        assertThat(pipeline.stop(Duration.ofSeconds(45))).isEqualTo(143);
        assertThat(pipeline.logText()).contains("normalize topology: PENDING_SHUTDOWN -> NOT_RUNNING",
            "detect topology: PENDING_SHUTDOWN -> NOT_RUNNING");
      }
    }
  }

  private static int httpPort(ChildPipeline pipeline) throws Exception {
    Matcher port = Pattern.compile("Metrics and health on port (\\d+)").matcher(pipeline.logText());
    assertThat(port.find()).isTrue();
    return Integer.parseInt(port.group(1));
  }
}
