package io.logwarden.topology;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.logwarden.config.NotifyConfigLoader;
import io.logwarden.event.DeadLetterReason;
import io.logwarden.event.Metrics;
import io.logwarden.event.StageResources;
import io.logwarden.notify.Notifier;
import io.logwarden.notify.NotifyProcessor;
import io.logwarden.notify.Payloads;
import io.logwarden.notify.RecordingServer;
import io.logwarden.notify.RecordingServer.Answer;
import io.logwarden.notify.TestAlerts;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.Severity;
import io.logwarden.schema.serde.AvroJson;
import io.logwarden.topics.PipelineTopics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The notify topology on Kafka Streams' test driver against a real HTTP server started here (the JDK's
 * {@code HttpServer}) that records what it is sent and answers 200, 429 with {@code Retry-After}, 500,
 * a refusal, or too late (a timeout): every state is delivered at least once with its idempotency key,
 * in order per alert; retries back off and honour {@code Retry-After}; a failing destination parks its
 * notifications in the dead-letter topic and does not hold up the others; secrets show nowhere.
 */
class NotifyTopologyTest {

  private static final PipelineTopics TOPICS = PipelineTopics.from(TopologyFixture.POLICY);
  /** The token part of a webhook URL: the secret that must show nowhere. */
  private static final String TOKEN = "T0KEN-S3CR3T-9f8e7d";

  @TempDir
  Path dir;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private RecordingServer server;
  private Notifier notifier;
  private TopologyTestDriver driver;
  private TestInputTopic<String, Alert> alerts;
  private TestOutputTopic<String, DeadLetter> dlq;

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.close();
    }
    if (notifier != null) {
      notifier.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /** Starts the topology with these destinations (YAML under {@code destinations:}) and one route to all of them. */
  private void start(String destinations, String routes) throws IOException {
    Files.writeString(dir.resolve("pseudonym.key"), "00112233445566778899aabbccddeeff".repeat(2) + "\n");
    for (String path : List.of("ok", "limited", "flaky", "down", "slow", "refusing")) {
      Files.writeString(dir.resolve(path + ".url"), server.url("/" + path + "/services/" + TOKEN) + "\n");
    }
    Files.writeString(dir.resolve("routing-key"), "R0UT1NGKEY" + TOKEN + "\n");
    Path config = Files.writeString(dir.resolve("logwarden.yaml"), "kafka:\n  bootstrap.servers: unused:9092\n"
        + "pseudonym_key_file: pseudonym.key\nnotify:\n  destinations:\n" + destinations + "  routes:\n" + routes);
    notifier = Notifier.start(NotifyConfigLoader.load(config), meters);
    Properties props = TopologyFixture.properties(TopologyKind.NOTIFY, dir.resolve("state"), meters);
    props.put(StageResources.NOTIFIER, notifier);
    driver = new TopologyTestDriver(Topologies.build(TopologyKind.NOTIFY, TopologyFixture.POLICY,
        RawSubscription.pattern(TopologyFixture.POLICY.topics().rawPattern()), props), props);
    alerts = driver.createInputTopic(TOPICS.alerts().name(), new StringSerializer(),
        TOPICS.alerts().valueSerde().serializer());
    dlq = driver.createOutputTopic(TOPICS.deadLetter().name(), new StringDeserializer(),
        TOPICS.deadLetter().valueSerde().deserializer());
  }

  private static String webhook(String name, String extra) {
    return "    " + name + ":\n      type: webhook\n      url: {file: " + name + ".url}\n"
        + "      send_on: [open, escalation, closed]\n" + extra;
  }

  private void send(Alert alert) {
    alerts.pipeInput(alert.getAlertId(), alert);
  }

  private double count(Metrics.Metric metric, String destination) {
    return meters.get(metric.name()).tag("destination", destination).counter().count();
  }

  /** The distinct keys a path received, in the order of their first arrival. */
  private List<String> firstArrivals(String path) {
    return List.copyOf(new LinkedHashSet<>(server.keys(path)));
  }

  private static final List<Alert> LIFECYCLES = List.of(
      TestAlerts.alert("a1", AlertStatus.OPEN, null),
      TestAlerts.alert("a2", AlertStatus.OPEN, null),
      TestAlerts.alert("a1", AlertStatus.UPDATED, null), // a plain update: never sent
      TestAlerts.alert("a1", AlertStatus.UPDATED, 1),
      TestAlerts.alert("a2", AlertStatus.CLOSED, null),
      TestAlerts.alert("a1", AlertStatus.UPDATED, 2),
      TestAlerts.alert("a1", AlertStatus.CLOSED, null));
  private static final List<String> SENT_KEYS = List.of("a1:OPEN:0", "a2:OPEN:0", "a1:UPDATED:1", "a2:CLOSED:0",
      "a1:UPDATED:2", "a1:CLOSED:0");

  @Test
  void everyStateIsDeliveredAtLeastOnceWithItsIdempotencyKeyInOrderPerAlert() throws IOException {
    server = RecordingServer.start()
        // 429 with Retry-After: 1 for a1's opening, once.
        .on("/limited/services/" + TOKEN, (key, attempt) -> key.equals("a1:OPEN:0") && attempt == 1
            ? Answer.tooManyRequests(1) : Answer.ok())
        // 500 for every first attempt.
        .on("/flaky/services/" + TOKEN, (key, attempt) -> attempt == 1 ? Answer.status(500) : Answer.ok());
    Path file = dir.resolve("siem").resolve("alerts.json");
    start(webhook("ok", "") + webhook("limited", "      backoff: 50ms\n")
            + "    flaky:\n      type: slack\n      url: {file: flaky.url}\n      send_on: [open, escalation, closed]\n"
            + "      backoff: 50ms\n      max_backoff: 100ms\n"
            + "    siem:\n      type: file\n      path: " + file + "\n      send_on: [open, escalation, closed]\n",
        "    - to: [ok, limited, flaky, siem]\n");

    LIFECYCLES.forEach(this::send);

    for (String path : List.of("/ok", "/limited", "/flaky")) {
      String at = path + "/services/" + TOKEN;
      // Every state that is a trigger, at least once; the plain update never.
      assertThat(new LinkedHashSet<>(server.keys(at))).as(path).containsExactlyInAnyOrderElementsOf(SENT_KEYS);
      // In order per alert (and here overall: one record after the other).
      assertThat(firstArrivals(at)).as(path).containsExactlyElementsOf(SENT_KEYS);
      assertThat(firstArrivals(at).stream().filter(k -> k.startsWith("a1:")))
          .containsExactly("a1:OPEN:0", "a1:UPDATED:1", "a1:UPDATED:2", "a1:CLOSED:0");
      // Every request carries its key in the header.
      assertThat(server.requests(at)).allSatisfy(request ->
          assertThat(request.idempotencyKey()).isIn(SENT_KEYS));
    }
    // A webhook also carries it in its body, which is the alert as plain JSON.
    assertThat(server.requests("/ok/services/" + TOKEN)).allSatisfy(request -> {
      assertThat(request.json().path(Payloads.IDEMPOTENCY_FIELD).asText()).isEqualTo(request.idempotencyKey());
      assertThat(request.header("Content-Type")).isEqualTo("application/json");
    });
    assertThat(server.requests("/ok/services/" + TOKEN).get(0).json().path("summary").asText())
        .isEqualTo("8 failed sign-ins from 203.0.113.7 within 120 s");
    // Slack's message carries it in its context line.
    assertThat(server.requests("/flaky/services/" + TOKEN)).allSatisfy(request ->
        assertThat(request.json().path("blocks").toString()).contains(request.idempotencyKey()));

    // The 429's Retry-After was honoured: the retry came a second later, not after the 50 ms backoff.
    List<RecordingServer.Request> limited = server.requests("/limited/services/" + TOKEN);
    assertThat(limited.get(0).idempotencyKey()).isEqualTo("a1:OPEN:0");
    assertThat(limited.get(1).idempotencyKey()).isEqualTo("a1:OPEN:0");
    assertThat(limited.get(1).receivedNanos() - limited.get(0).receivedNanos()).isGreaterThanOrEqualTo(1_000_000_000L);
    assertThat(limited).hasSize(SENT_KEYS.size() + 1);

    // Each 500 retried once after a short backoff; nothing was parked.
    assertThat(server.requests("/flaky/services/" + TOKEN)).hasSize(2 * SENT_KEYS.size());
    assertThat(count(Metrics.NOTIFICATIONS_SENT, "flaky")).isEqualTo(SENT_KEYS.size());
    assertThat(count(Metrics.NOTIFICATIONS_FAILED, "flaky")).isEqualTo(SENT_KEYS.size());
    assertThat(count(Metrics.NOTIFICATIONS_RETRIED, "flaky")).isEqualTo(SENT_KEYS.size());
    assertThat(count(Metrics.NOTIFICATIONS_RETRIED, "limited")).isEqualTo(1);
    assertThat(count(Metrics.NOTIFICATIONS_SENT, "ok")).isEqualTo(SENT_KEYS.size());
    assertThat(count(Metrics.NOTIFICATIONS_SENT, "siem")).isEqualTo(SENT_KEYS.size());
    for (String destination : List.of("ok", "limited", "flaky", "siem")) {
      assertThat(count(Metrics.NOTIFICATIONS_PARKED, destination)).as(destination).isZero();
    }
    assertThat(dlq.isEmpty()).isTrue();

    // The file destination: one line per state, each exactly the alert as AvroJson renders it.
    List<String> expected = new ArrayList<>();
    LIFECYCLES.stream().filter(a -> !(a.getStatus() == AlertStatus.UPDATED && a.getEscalationStep() == null))
        .forEach(a -> expected.add(AvroJson.toJson(a)));
    assertThat(Files.readAllLines(file)).containsExactlyElementsOf(expected);
  }

  @Test
  void aFailingDestinationParksItsNotificationsAndDoesNotDelayTheOthers() throws IOException {
    server = RecordingServer.start()
        .on("/down/services/" + TOKEN, (key, attempt) -> Answer.status(500))
        // Answers after 2 s; the destination waits 200 ms: a timeout each time.
        .on("/slow/services/" + TOKEN, (key, attempt) -> Answer.late(2_000));
    start(webhook("ok", "")
            + webhook("down", "      timeout: 500ms\n      attempts: 20\n      backoff: 100ms\n      max_backoff: 200ms\n"
                + "      delivery_timeout: 1s\n      circuit_open_for: 1m\n")
            + "    slow:\n      type: pagerduty\n      routing_key: {file: routing-key}\n"
            + "      endpoint: " + server.url("/slow/services/" + TOKEN) + "\n"
            + "      timeout: 200ms\n      attempts: 2\n      backoff: 50ms\n      delivery_timeout: 700ms\n"
            + "      circuit_open_for: 1m\n",
        "    - to: [ok, down, slow]\n");

    List<Long> took = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      long start = System.nanoTime();
      send(TestAlerts.alert("p" + i, AlertStatus.OPEN, null));
      took.add((System.nanoTime() - start) / 1_000_000);
    }

    // The first record waits for the failing destinations' delivery timeouts (1 s, at most a little more);
    // once their circuit breakers are open, the next ones are parked at once and cost the others nothing.
    assertThat(took.get(0)).isBetween(500L, 3_000L);
    assertThat(took.subList(1, 10)).allSatisfy(ms -> assertThat(ms).isLessThan(500L));
    // The healthy destination got every notification, once each.
    assertThat(server.keys("/ok/services/" + TOKEN)).containsExactlyElementsOf(
        java.util.stream.IntStream.range(0, 10).mapToObj(i -> "p" + i + ":OPEN:0").toList());
    // The failing ones were tried (and retried) for the first notification only.
    assertThat(server.requests("/down/services/" + TOKEN)).hasSizeGreaterThanOrEqualTo(2)
        .allSatisfy(request -> assertThat(request.idempotencyKey()).isEqualTo("p0:OPEN:0"));
    assertThat(server.requests("/slow/services/" + TOKEN)).hasSize(2)
        .allSatisfy(request -> assertThat(request.idempotencyKey()).isEqualTo("p0:OPEN:0"));

    // Each parked notification is a dead letter with its reason, destination, key and provenance.
    List<TestRecord<String, DeadLetter>> letters = dlq.readRecordsToList();
    assertThat(letters).hasSize(20);
    Map<String, List<DeadLetter>> byDestination = new TreeMap<>();
    for (TestRecord<String, DeadLetter> record : letters) {
      DeadLetter letter = record.value();
      assertThat(letter.getReason()).isEqualTo(DeadLetterReason.NOTIFICATION_FAILED.code());
      assertThat(new String(record.headers().lastHeader("logwarden.dlq.reason").value(), StandardCharsets.UTF_8))
          .isEqualTo("notification_failed");
      assertThat(letter.getOrigin().getTopic()).isEqualTo("security.alerts");
      assertThat(record.key()).isEqualTo("security.alerts/0/" + letter.getOrigin().getOffset());
      assertThat(letter.getProcessor()).isEqualTo("notify");
      assertThat(letter.getApplicationId()).isEqualTo("logwarden-notify");
      assertThat(letter.getErrorClass()).isEqualTo("io.logwarden.notify.NotificationFailedException");
      String id = "p" + letter.getOrigin().getOffset();
      assertThat(letter.getHeaders()).containsEntry(NotifyProcessor.IDEMPOTENCY_KEY_HEADER, id + ":OPEN:0");
      assertThat(new String(bytes(letter.getKey()), StandardCharsets.UTF_8)).isEqualTo(id);
      // The payload is the alert as JSON, redacted like every dead letter (the address pseudonymized).
      assertThat(new String(bytes(letter.getPayload()), StandardCharsets.UTF_8))
          .isEqualTo(AvroJson.toJson(TestAlerts.alert(id, AlertStatus.OPEN, null))
              .replace("203.0.113.7", letter.getHeaders().isEmpty() ? "" : pseudonym(letter)));
      byDestination.computeIfAbsent(letter.getHeaders().get(NotifyProcessor.DESTINATION_HEADER), d -> new ArrayList<>())
          .add(letter);
    }
    assertThat(byDestination.keySet()).containsExactly("down", "slow");
    assertThat(byDestination.get("down")).hasSize(10);
    assertThat(byDestination.get("down").get(0).getErrorMessage()).startsWith("destination down: HTTP 500")
        .contains("attempt(s)");
    assertThat(byDestination.get("down").get(1).getErrorMessage())
        .contains("its circuit breaker is open", "parked without a try");
    assertThat(byDestination.get("down").get(1).getHeaders()).containsEntry(NotifyProcessor.ATTEMPTS_HEADER, "0");
    assertThat(byDestination.get("slow").get(0).getErrorMessage())
        .isEqualTo("destination slow: no answer within 200 ms (2 attempt(s))");

    assertThat(count(Metrics.NOTIFICATIONS_PARKED, "down")).isEqualTo(10);
    assertThat(count(Metrics.NOTIFICATIONS_PARKED, "slow")).isEqualTo(10);
    assertThat(count(Metrics.NOTIFICATIONS_SENT, "ok")).isEqualTo(10);
    assertThat(count(Metrics.NOTIFICATIONS_FAILED, "slow")).isEqualTo(2);
    assertThat(meters.get(Metrics.DEAD_LETTERS.name()).tag("reason", "notification_failed").counter().count())
        .isEqualTo(20);
  }

  @Test
  void aRetryAfterLongerThanTheDeliveryTimeoutIsHonouredWithoutOpeningTheCircuit() throws Exception {
    server = RecordingServer.start()
        .on("/limited/services/" + TOKEN, (key, attempt) -> key.equals("l1:OPEN:0") ? Answer.tooManyRequests(2)
            : Answer.ok());
    start(webhook("limited", "      timeout: 200ms\n      delivery_timeout: 500ms\n"), "    - to: [limited]\n");
    send(TestAlerts.alert("l1", AlertStatus.OPEN, null));
    // Within the two seconds asked for, not even tried.
    send(TestAlerts.alert("l2", AlertStatus.OPEN, null));
    assertThat(server.keys("/limited/services/" + TOKEN)).containsExactly("l1:OPEN:0");
    Thread.sleep(2_100);
    // Then tried again at once: the circuit breaker (60 s) did not open for a destination that asked for a pause.
    send(TestAlerts.alert("l3", AlertStatus.OPEN, null));
    assertThat(server.keys("/limited/services/" + TOKEN)).containsExactly("l1:OPEN:0", "l3:OPEN:0");
    List<DeadLetter> letters = dlq.readValuesToList();
    assertThat(letters).extracting(DeadLetter::getErrorMessage).containsExactly(
        "destination limited: HTTP 429 (rate_limited) (1 attempt(s); its Retry-After reaches past the delivery timeout"
            + " of 0.5 s)",
        "destination limited: its rate limit or Retry-After would hold it past the delivery timeout of 0.5 s");
    assertThat(count(Metrics.NOTIFICATIONS_SENT, "limited")).isEqualTo(1);
  }

  @Test
  void aRefusalIsParkedAtOnceWithoutARetryAndLeavesTheCircuitClosed() throws IOException {
    server = RecordingServer.start()
        .on("/refusing/services/" + TOKEN, (key, attempt) -> Answer.status(404, "channel_not_found"));
    start("    refusing:\n      type: slack\n      url: {file: refusing.url}\n", "    - to: [refusing]\n");
    send(TestAlerts.alert("r1", AlertStatus.OPEN, null));
    send(TestAlerts.alert("r2", AlertStatus.OPEN, null));
    // Each tried once: a refusal would be refused again, and a destination that answers is no reason to stop trying.
    assertThat(server.keys("/refusing/services/" + TOKEN)).containsExactly("r1:OPEN:0", "r2:OPEN:0");
    List<DeadLetter> letters = dlq.readValuesToList();
    assertThat(letters).extracting(DeadLetter::getErrorMessage).containsOnly(
        "destination refusing: HTTP 404 (channel_not_found); refused, not retried");
    assertThat(count(Metrics.NOTIFICATIONS_RETRIED, "refusing")).isZero();
  }

  @Test
  void plainUpdatesUnroutedAlertsAndTombstonesNotifyNobody() throws IOException {
    server = RecordingServer.start();
    start(webhook("ok", ""), "    - rules: [auth.success_after_failures]\n      min_severity: HIGH\n      to: [ok]\n");
    send(TestAlerts.alert("b1", AlertStatus.OPEN, null)); // auth.brute_force.source: not this route's rule
    send(TestAlerts.alert("s1", "auth.success_after_failures", Severity.MEDIUM, AlertStatus.OPEN, null)); // too low
    send(TestAlerts.alert("s2", "auth.success_after_failures", Severity.CRITICAL, AlertStatus.UPDATED, null));
    alerts.pipeInput("s2", null);
    assertThat(server.requests()).isEmpty();
    send(TestAlerts.alert("s2", "auth.success_after_failures", Severity.CRITICAL, AlertStatus.UPDATED, 1));
    assertThat(server.keys("/ok/services/" + TOKEN)).containsExactly("s2:UPDATED:1");
    assertThat(dlq.isEmpty()).isTrue();
  }

  @Test
  void secretsShowInNoLogMetricDeadLetterOrMessage() throws IOException {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    try {
      server = RecordingServer.start().on("/down/services/" + TOKEN, (key, attempt) -> Answer.status(503, TOKEN));
      start(webhook("down", "      timeout: 100ms\n      backoff: 10ms\n      max_backoff: 20ms\n"
          + "      delivery_timeout: 300ms\n")
          + "    slow:\n      type: pagerduty\n      routing_key: {file: routing-key}\n"
          + "      endpoint: http://127.0.0.1:1/v2/enqueue\n      timeout: 100ms\n      delivery_timeout: 200ms\n",
          "    - to: [down, slow]\n");
      send(TestAlerts.alert("x1", AlertStatus.OPEN, null));
      send(TestAlerts.alert("x2", AlertStatus.OPEN, null));
    } finally {
      root.detachAppender(log);
    }
    // The server did get the secret (in the URL path and PagerDuty's body): it was sent where it belongs.
    assertThat(server.requests()).isNotEmpty();
    StringBuilder everything = new StringBuilder();
    log.list.forEach(event -> everything.append(event.getFormattedMessage()).append('\n'));
    dlq.readValuesToList().forEach(letter -> everything.append(letter).append('\n'));
    for (Meter meter : meters.getMeters()) {
      everything.append(meter.getId()).append('\n');
    }
    everything.append(notifier.settings()).append('\n');
    assertThat(everything.toString()).contains("destination down", "[secret from file")
        .doesNotContain(TOKEN, server.url("/down"), "R0UT1NGKEY");
  }

  // The pseudonym the redactor gave the address, as the payload shows it.
  private static String pseudonym(DeadLetter letter) {
    String payload = new String(bytes(letter.getPayload()), StandardCharsets.UTF_8);
    java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"key\":\"(pii:[^\"]+)\"").matcher(payload);
    assertThat(matcher.find()).as("a pseudonymized key in %s", payload).isTrue();
    assertThat(payload).doesNotContain("203.0.113.7");
    return matcher.group(1);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
