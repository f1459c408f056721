package io.logwarden.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.detect.AlertIds;
import io.logwarden.detect.FailedSignInThresholdRule;
import io.logwarden.schema.Actor;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.Category;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Origin;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.Redaction;
import io.logwarden.schema.Severity;
import io.logwarden.schema.Source;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.topics.PipelineTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectTopologyTest {

  // 08:14:00 UTC starts a 120 s window (windows are aligned to the epoch).
  private static final Instant WINDOW_START = Instant.parse("2026-11-27T08:14:00Z");
  private static final String ATTACKER = "203.0.113.45";

  @TempDir
  Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, LogEvent> events;
  private TestOutputTopic<String, Alert> alerts;
  private TestOutputTopic<String, DeadLetter> dlq;
  private int offset;

  @BeforeEach
  void start() {
    java.util.Properties props = TopologyFixture.properties(TopologyKind.DETECT, stateDir, new SimpleMeterRegistry());
    driver = new TopologyTestDriver(
        DetectTopology.build(TopologyFixture.POLICY, PipelineTopics.from(TopologyFixture.POLICY),
            FailedSignInThresholdRule.bruteForceBySource(),
            new org.apache.kafka.streams.TopologyConfig(new org.apache.kafka.streams.StreamsConfig(props))),
        props);
    events = driver.createInputTopic("security.events", new StringSerializer(), LogwardenSerdes.logEvent().serializer());
    alerts = driver.createOutputTopic("security.alerts", new StringDeserializer(), LogwardenSerdes.alert().deserializer());
    dlq = driver.createOutputTopic("logs.dlq", new StringDeserializer(), LogwardenSerdes.deadLetter().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void signIn(String user, String address, Outcome outcome, int secondsIntoWindow) {
    Instant time = WINDOW_START.plusSeconds(secondsIntoWindow);
    LogEvent event = LogEvent.newBuilder()
        .setEventId("evt-" + offset)
        .setEventTime(time)
        .setObservedTime(time)
        .setCategory(Category.AUTHENTICATION)
        .setAction("sign_in")
        .setOutcome(outcome)
        .setActor(Actor.newBuilder().setUser(user).build())
        .setSource(Source.newBuilder().setAddress(address).build())
        .setOrigin(Origin.newBuilder().setTopic("logs.raw.auth").setPartition(0).setOffset(offset).build())
        .setRedaction(Redaction.newBuilder().build())
        .build();
    offset++;
    events.pipeInput(user, event, time);
  }

  @Test
  void sevenFailuresRaiseNothingTheEighthOpensAnAlertAndTheNinthUpdatesIt() {
    for (int i = 0; i < 7; i++) {
      signIn("user" + i, ATTACKER, Outcome.FAILURE, i * 5);
    }
    assertThat(alerts.isEmpty()).isTrue();

    signIn("admin", ATTACKER, Outcome.FAILURE, 40);
    KeyValue<String, Alert> opened = alerts.readKeyValue();
    String expectedId = AlertIds.of("auth.brute_force.source", ATTACKER, WINDOW_START.toEpochMilli());
    assertThat(opened.key).isEqualTo(expectedId);
    Alert alert = opened.value;
    assertThat(alert.getAlertId()).isEqualTo(expectedId);
    assertThat(alert.getRuleId()).isEqualTo("auth.brute_force.source");
    assertThat(alert.getSeverity()).isEqualTo(Severity.HIGH);
    assertThat(alert.getAttack()).containsExactly("T1110.001");
    assertThat(alert.getKey()).isEqualTo(ATTACKER);
    assertThat(alert.getCount()).isEqualTo(8);
    assertThat(alert.getStatus()).isEqualTo(AlertStatus.OPEN);
    assertThat(alert.getFirstSeen()).isEqualTo(WINDOW_START);
    assertThat(alert.getLastSeen()).isEqualTo(WINDOW_START.plusSeconds(40));
    assertThat(alert.getWindowStart()).isEqualTo(WINDOW_START);
    assertThat(alert.getWindowEnd()).isEqualTo(WINDOW_START.plusSeconds(120));
    assertThat(alert.getSampleEventIds()).hasSize(8).startsWith("evt-0");
    assertThat(alert.getSummary()).isEqualTo("8 failed sign-ins from 203.0.113.45 within 120 s");

    signIn("root", ATTACKER, Outcome.FAILURE, 45);
    Alert updated = alerts.readValue();
    assertThat(updated.getAlertId()).isEqualTo(expectedId);
    assertThat(updated.getCount()).isEqualTo(9);
    assertThat(updated.getStatus()).isEqualTo(AlertStatus.UPDATED);
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void sourcesAreCountedSeparatelyAndSuccessesDoNotCount() {
    List<String> sources = List.of(ATTACKER, "192.0.2.81");
    for (int i = 0; i < 14; i++) {
      signIn("u" + i, sources.get(i % 2), Outcome.FAILURE, i * 2);
    }
    for (int i = 0; i < 5; i++) {
      signIn("carol", ATTACKER, Outcome.SUCCESS, 40 + i);
    }
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void failuresInDifferentWindowsDoNotAddUp() {
    for (int i = 0; i < 4; i++) {
      signIn("u" + i, ATTACKER, Outcome.FAILURE, 100 + i);
    }
    for (int i = 0; i < 4; i++) {
      signIn("u" + i, ATTACKER, Outcome.FAILURE, 125 + i);
    }
    assertThat(alerts.isEmpty()).isTrue();
  }

  @Test
  void undecodableSecurityEventGoesToTheDeadLetterTopic() {
    TestInputTopic<byte[], byte[]> rawEvents =
        driver.createInputTopic("security.events", new ByteArraySerializer(), new ByteArraySerializer());
    rawEvents.pipeInput("admin".getBytes(), "{\"not\":\"avro\"}".getBytes(), WINDOW_START);
    List<DeadLetter> letters = new ArrayList<>(dlq.readValuesToList());
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getReason()).isEqualTo("deserialization_error");
    assertThat(letters.get(0).getOrigin().getTopic()).isEqualTo("security.events");
    assertThat(letters.get(0).getErrorMessage()).contains("security.events");
    // The pipeline keeps going.
    for (int i = 0; i < 8; i++) {
      signIn("u" + i, ATTACKER, Outcome.FAILURE, i);
    }
    assertThat(alerts.readValuesToList()).hasSize(1);
  }
}
