package io.logwarden.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.event.Metrics;
import io.logwarden.schema.Category;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NormalizeTopologyTest {

  private static final String RAW = "logs.raw.app";
  private static final Instant OBSERVED = Instant.parse("2026-11-27T08:15:00Z");

  @TempDir
  Path stateDir;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private TopologyTestDriver driver;
  private TestInputTopic<byte[], byte[]> raw;
  private TestOutputTopic<String, LogEvent> betterstack;
  private TestOutputTopic<String, LogEvent> sentry;
  private TestOutputTopic<String, LogEvent> security;
  private TestOutputTopic<String, DeadLetter> dlq;

  @BeforeEach
  void start() {
    java.util.Properties props = TopologyFixture.properties(TopologyKind.NORMALIZE, stateDir, meters);
    driver = new TopologyTestDriver(
        Topologies.build(TopologyKind.NORMALIZE, TopologyFixture.POLICY,
            RawSubscription.pattern(TopologyFixture.POLICY.topics().rawPattern()), props),
        props);
    raw = driver.createInputTopic(RAW, new ByteArraySerializer(), new ByteArraySerializer());
    StringDeserializer keys = new StringDeserializer();
    betterstack = driver.createOutputTopic("store.betterstack", keys, LogwardenSerdes.logEvent().deserializer());
    sentry = driver.createOutputTopic("store.sentry", keys, LogwardenSerdes.logEvent().deserializer());
    security = driver.createOutputTopic("security.events", keys, LogwardenSerdes.logEvent().deserializer());
    dlq = driver.createOutputTopic("logs.dlq", keys, LogwardenSerdes.deadLetter().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void send(String line) {
    raw.pipeInput(new TestRecord<>(null, line.getBytes(StandardCharsets.UTF_8), OBSERVED));
  }

  @Test
  void eachTopicGetsThePolicysEncodingAndAnEventIsEncodedOncePerEncoding() {
    send("{\"ts\":1772424669,\"event_type\":\"user.login\",\"result\":\"failure\",\"username\":\"u1\"}");
    var storeBytes = driver.createOutputTopic("store.betterstack", new StringDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer()).readValue();
    var securityBytes = driver.createOutputTopic("security.events", new StringDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer()).readValue();
    // The shipped policy: JSON for the stores, Avro single-object for security events.
    assertThat(io.logwarden.schema.serde.Encoding.of(storeBytes)).isEqualTo(io.logwarden.schema.serde.Encoding.JSON);
    assertThat(io.logwarden.schema.serde.Encoding.of(securityBytes)).isEqualTo(io.logwarden.schema.serde.Encoding.AVRO);
    LogEvent fromStore = LogwardenSerdes.logEvent().deserializer().deserialize("store.betterstack", storeBytes);
    LogEvent fromSecurity = LogwardenSerdes.logEvent().deserializer().deserialize("security.events", securityBytes);
    assertThat(fromStore).isEqualTo(fromSecurity);
  }

  @Test
  void topicsOfOneEncodingShareOneEncodeOnceSerializer() {
    var topics = io.logwarden.topics.PipelineTopics.from(TopologyFixture.POLICY);
    java.util.Map<io.logwarden.schema.serde.Encoding, org.apache.kafka.common.serialization.Serde<LogEvent>> shared =
        new java.util.EnumMap<>(io.logwarden.schema.serde.Encoding.class);
    var betterstackSerde = EncodeOnce.serdeFor(topics.store("betterstack"), shared);
    assertThat(EncodeOnce.serdeFor(topics.store("sentry"), shared)).isSameAs(betterstackSerde);
    assertThat(EncodeOnce.serdeFor(topics.securityEvents(), shared)).isNotSameAs(betterstackSerde);
    assertThat(betterstackSerde.serializer()).isInstanceOf(EncodeOnce.class);
    assertThat(shared).hasSize(2);
  }

  @Test
  void countsEventsByTheEntryThatClassifiedThem() {
    send("{\"ts\":1772424669,\"event_type\":\"user.login\",\"result\":\"failure\",\"username\":\"u1\"}");
    send("{\"ts\":1772424669,\"event_type\":\"user.login\",\"result\":\"failure\",\"username\":\"u2\"}");
    send("{\"ts\":1772424669,\"message\":\"cache warmed\"}");
    assertThat(meters.get(Metrics.RECORDS_CLASSIFIED.name())
        .tag("entry", "generic:json_sign_in").counter().count()).isEqualTo(2.0);
    assertThat(meters.get(Metrics.RECORDS_CLASSIFIED.name())
        .tag("entry", "none").counter().count()).isEqualTo(1.0);
  }

  @Test
  void eventsCarryNoneOfTheRawRecordsHeaders() {
    // A raw header is producer data, unredacted and of any size: it must not be copied onto the events.
    org.apache.kafka.common.header.internals.RecordHeaders headers = new org.apache.kafka.common.header.internals.RecordHeaders();
    headers.add("authorization", ("Bearer " + "x".repeat(40)).getBytes(StandardCharsets.UTF_8));
    headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
    raw.pipeInput(new TestRecord<>(null, ("{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"message\":\"Sign-in failed\","
        + "\"event\":{\"action\":\"user_login\",\"outcome\":\"failure\"},\"user\":{\"name\":\"admin\"}}")
        .getBytes(StandardCharsets.UTF_8), headers, OBSERVED));

    List<TestRecord<String, LogEvent>> stored = betterstack.readRecordsToList();
    List<TestRecord<String, LogEvent>> signIns = security.readRecordsToList();
    assertThat(stored).hasSize(1);
    assertThat(signIns).hasSize(1);
    assertThat(stored.get(0).headers().toArray()).isEmpty();
    assertThat(signIns.get(0).headers().toArray()).isEmpty();
  }

  @Test
  void aProducersIdHoldingASecretIsReplacedAndTraceIdsAndTheLevelWordAreRedacted() {
    String token = "gh" + "p_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8";
    send("{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"level\":\"WARN " + token + "\",\"message\":\"m\",\"event_id\":\"" + token + "\","
        + "\"trace_id\":\"" + token + "\",\"span_id\":\"mail carol@example.com\"}");
    send("{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"message\":\"m\",\"event_id\":\"order-7-created\"}");

    List<org.apache.kafka.streams.KeyValue<String, LogEvent>> out = betterstack.readKeyValuesToList();
    LogEvent withSecret = out.get(0).value;
    assertThat(out.get(0).key).isEqualTo(withSecret.getEventId())
        .isEqualTo(io.logwarden.event.EventIds.of(RAW, 0, 0L, 0));
    assertThat(withSecret.getTraceId()).doesNotContain(token.substring(4)).contains("[REDACTED:");
    assertThat(withSecret.getSeverityText()).doesNotContain(token.substring(4)).startsWith("WARN [REDACTED:");
    assertThat(withSecret.getSpanId()).doesNotContain("carol@example.com").contains("pii:");
    assertThat(out.get(1).key).as("an id without a secret is kept").isEqualTo("order-7-created");
  }

  @Test
  void jsonLogLineBecomesAnEventInTheCentralStoreKeyedByEventId() {
    send("{\"@timestamp\":\"2026-11-27T09:14:03.120+01:00\",\"level\":\"WARN\",\"message\":\"Payment provider slow\","
        + "\"logger_name\":\"com.example.PaymentClient\",\"service\":\"orders\",\"host\":\"orders-1\","
        + "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"thread_name\":\"exec-3\"}");

    List<org.apache.kafka.streams.KeyValue<String, LogEvent>> out = betterstack.readKeyValuesToList();
    assertThat(out).hasSize(1);
    LogEvent event = out.get(0).value;
    assertThat(out.get(0).key).isEqualTo(event.getEventId()).hasSize(32);
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-11-27T08:14:03.120Z"));
    assertThat(event.getObservedTime()).isEqualTo(OBSERVED);
    assertThat(event.getClockSkewMs()).isEqualTo(-56_880L);
    assertThat(event.getCategory()).isEqualTo(Category.APPLICATION);
    assertThat(event.getSeverityNumber()).isEqualTo(13);
    assertThat(event.getSeverityText()).isEqualTo("WARN");
    assertThat(event.getMessage()).isEqualTo("Payment provider slow");
    assertThat(event.getActor().getProcess()).isEqualTo("com.example.PaymentClient");
    assertThat(event.getActor().getService()).isEqualTo("orders");
    assertThat(event.getSource().getHost()).isEqualTo("orders-1");
    assertThat(event.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    assertThat(event.getAttributes()).containsEntry("thread_name", "exec-3");
    assertThat(event.getOrigin().getTopic()).isEqualTo(RAW);
    assertThat(event.getOrigin().getOffset()).isZero();
    assertThat(event.getOrigin().getFormat()).isEqualTo("json");
    assertThat(security.isEmpty()).isTrue();
    assertThat(sentry.isEmpty()).isTrue();
    assertThat(dlq.isEmpty()).isTrue();
    assertThat(meters.counter("logwarden.records.in", "topic", RAW, "format", event.getOrigin().getFormat()).count())
        .isEqualTo(1.0);
    assertThat(meters.counter("logwarden.events.out", "destination", "store.betterstack").count()).isEqualTo(1.0);
    assertThat(meters.counter("logwarden.events.out", "destination", "store.sentry").count()).isZero();
  }

  @Test
  void errorsAlsoGoToTheSentryStore() {
    send("{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"level\":\"ERROR\",\"message\":\"Order failed\"}");
    send("{\"@timestamp\":\"2026-11-27T08:14:04Z\",\"level\":\"INFO\",\"message\":\"Retried\","
        + "\"stack_trace\":\"java.io.IOException: reset\\n\\tat A.b(A.java:1)\"}");
    send("{\"@timestamp\":\"2026-11-27T08:14:05Z\",\"level\":\"WARN\",\"message\":\"Slow\"}");

    assertThat(betterstack.readValuesToList()).extracting(LogEvent::getMessage)
        .containsExactly("Order failed", "Retried", "Slow");
    List<LogEvent> errors = sentry.readValuesToList();
    assertThat(errors).extracting(LogEvent::getMessage).containsExactly("Order failed", "Retried");
    assertThat(errors.get(1).getError().getStack()).startsWith("java.io.IOException: reset");
  }

  @Test
  void sameRecordAtSameOffsetGetsTheSameEventId() {
    String line = "{\"timestamp\":1795853643120,\"level\":\"info\",\"msg\":\"hello\"}";
    send(line);
    String first = betterstack.readValue().getEventId();
    assertThat(first).isEqualTo(io.logwarden.event.EventIds.of(RAW, 0, 0, 0));
    assertThat(betterstack.isEmpty()).isTrue();
  }

  @Test
  void failedSignInAlsoGoesToSecurityEventsKeyedByUser() {
    send("{\"@timestamp\":\"2026-11-27T08:14:03Z\",\"level\":\"WARN\",\"message\":\"Sign-in failed\","
        + "\"event\":{\"action\":\"user_login\",\"category\":\"authentication\",\"outcome\":\"failure\"},"
        + "\"user\":{\"name\":\"admin\"},\"source\":{\"ip\":\"203.0.113.45\",\"port\":51000}}");

    LogEvent stored = betterstack.readValue();
    assertThat(stored.getCategory()).isEqualTo(Category.AUTHENTICATION);
    assertThat(stored.getAction()).isEqualTo("sign_in");
    assertThat(stored.getOutcome()).isEqualTo(Outcome.FAILURE);
    org.apache.kafka.streams.KeyValue<String, LogEvent> securityEvent = security.readKeyValue();
    // Keyed by the user's pseudonym under the demonstration key: detection correlates without the name.
    io.logwarden.redact.Pseudonymizer demo = new io.logwarden.redact.Pseudonymizer(io.logwarden.redact.PseudonymKey.demo());
    assertThat(securityEvent.key).isEqualTo(demo.pseudonym("admin")).startsWith("pii:demo:");
    assertThat(securityEvent.value.getSource().getAddress()).isEqualTo(demo.pseudonym("203.0.113.45"));
    assertThat(securityEvent.value.getRedaction().getKeyId()).isEqualTo("demo");
    assertThat(securityEvent.value.getRedaction().getRules()).containsEntry("user", 1);
    assertThat(securityEvent.value.getSource().getPort()).isEqualTo(51000);
    assertThat(securityEvent.value.getEventId()).isEqualTo(stored.getEventId());
  }

  @Test
  void lineThatIsNotJsonGoesToTheDeadLetterTopicWithProvenanceAndTheStreamGoesOn() {
    send("{\"@timestamp\":\"2026-11-27T08:15:01.000Z\",\"level\":\"INFO\",\"message\":\"truncated");
    send("{\"@timestamp\":\"2026-11-27T08:15:02.000Z\",\"level\":\"INFO\",\"message\":\"after the bad one\"}");

    org.apache.kafka.streams.KeyValue<String, DeadLetter> letter = dlq.readKeyValue();
    assertThat(letter.key).isEqualTo("logs.raw.app/0/0");
    DeadLetter envelope = letter.value;
    assertThat(envelope.getReason()).isEqualTo("not_json");
    assertThat(envelope.getErrorClass()).isEqualTo("io.logwarden.event.RejectedRecordException");
    assertThat(envelope.getErrorMessage()).startsWith("not valid JSON at line 1").doesNotContain("truncated");
    assertThat(envelope.getOrigin().getTopic()).isEqualTo(RAW);
    assertThat(envelope.getOrigin().getPartition()).isZero();
    assertThat(envelope.getOrigin().getOffset()).isZero();
    assertThat(envelope.getProcessor()).isEqualTo(NormalizeTopology.NORMALIZE);
    assertThat(envelope.getApplicationId()).isEqualTo("logwarden-normalize");
    assertThat(StandardCharsets.UTF_8.decode(envelope.getPayload()).toString()).endsWith("\"message\":\"truncated");
    assertThat(envelope.getPayloadTruncated()).isFalse();
    assertThat(meters.counter("logwarden.dlq.records", "reason", "not_json").count()).isEqualTo(1.0);

    assertThat(betterstack.readValue().getMessage()).isEqualTo("after the bad one");
    assertThat(dlq.isEmpty()).isTrue();
  }

  @Test
  void unusableRecordsGetTheirReasonAndRepairableOnesAFlag() {
    send("");
    send("[1,2,3]");
    send("{\"level\":\"info\",\"message\":\"no timestamp\"}");
    send("{\"timestamp\":\"not-a-date\",\"message\":\"bad time\"}");
    send("{\"timestamp\":\"2026-11-27T08:15:02Z\",\"msg\":\"first\",\"msg\":\"second\"}");
    send("just a line of text");

    assertThat(dlq.readValuesToList()).extracting(DeadLetter::getReason)
        .containsExactly("empty_record", "not_an_object");
    List<LogEvent> events = betterstack.readValuesToList();
    assertThat(events).extracting(LogEvent::getMessage)
        .containsExactly("no timestamp", "bad time", "second", "just a line of text");
    assertThat(events.get(0).getFlags()).containsExactly("missing_time");
    assertThat(events.get(0).getEventTime()).isEqualTo(OBSERVED);
    assertThat(events.get(1).getFlags()).containsExactly("bad_time", "missing_time");
    assertThat(events.get(2).getFlags()).containsExactly("duplicate_keys");
    assertThat(events.get(3).getOrigin().getFormat()).isEqualTo("plain");
  }

  @Test
  void hugeRecordIsCutInTheEnvelopeAndFlagged() {
    String big = "x".repeat(2 * 1024 * 1024);
    send(big);
    DeadLetter envelope = dlq.readValue();
    assertThat(envelope.getReason()).isEqualTo("too_large");
    assertThat(envelope.getPayloadSize()).isEqualTo(big.length());
    assertThat(envelope.getPayload().remaining()).isEqualTo(64 * 1024);
    assertThat(envelope.getPayloadTruncated()).isTrue();
  }
}
