package io.logwarden.schema.serde;

import io.logwarden.schema.Actor;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.Category;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.ErrorInfo;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Origin;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.Redaction;
import io.logwarden.schema.Severity;
import io.logwarden.schema.Source;
import io.logwarden.schema.Target;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Realistic, fully populated records for the tests: a failed SSH sign-in and what follows it. */
final class SampleRecords {

  static final Instant EVENT_TIME = Instant.parse("2026-11-27T10:15:30.123456Z");
  static final Instant OBSERVED_TIME = Instant.parse("2026-11-27T10:15:30.200Z");

  /** Not valid UTF-8 (0xFF, 0xFE), so AvroJson must fall back to Base64. */
  static final byte[] BINARY_PAYLOAD = {0x1F, (byte) 0x8B, (byte) 0xFF, (byte) 0xFE, 0x00, 0x42};

  static {
    // Builders fill in enum defaults by loading the enum's class, which Avro must trust.
    TrustedRecordClasses.trustLogwardenRecords();
  }

  private SampleRecords() {}

  static LogEvent logEvent() {
    return LogEvent.newBuilder()
        .setEventId("a3f1c2d4e5b60718")
        .setEventTime(EVENT_TIME)
        .setObservedTime(OBSERVED_TIME)
        .setClockSkewMs(-77L)
        .setCategory(Category.AUTHENTICATION)
        .setAction("sign_in")
        .setOutcome(Outcome.FAILURE)
        .setSeverityNumber(13)
        .setSeverityText("WARN")
        .setActor(Actor.newBuilder()
            .setUser("u_9c41e07b")
            .setProcess("sshd[4121]")
            .setService("ssh")
            .build())
        .setSource(Source.newBuilder()
            .setHost("bastion-1")
            .setAddress("203.0.113.7")
            .setPort(52144)
            .build())
        .setTarget(Target.newBuilder().setKind("account").setName("u_9c41e07b").build())
        .setMessage("Failed password for u_9c41e07b from 203.0.113.7 port 52144 ssh2")
        .setAttributes(orderedMap("auth.method", "password", "ssh.protocol", "2"))
        .setError(ErrorInfo.newBuilder()
            .setType("AuthenticationFailed")
            .setMessage("invalid credentials")
            .setStack("at sshd.auth(passwd.c:212)")
            .build())
        .setTraceId("4bf92f3577b34da6a3ce929d0e0e4736")
        .setSpanId("00f067aa0ba902b7")
        .setOrigin(Origin.newBuilder()
            .setTopic("logs.raw.auth")
            .setPartition(3)
            .setOffset(918_273L)
            .setIndex(0)
            .setFormat("syslog-rfc5424")
            .build())
        .setRedaction(Redaction.newBuilder()
            .setRules(new LinkedHashMap<>(Map.of("ipv4-pseudonym", 1)))
            .setKeyId("pk-2026-11")
            .build())
        .setFlags(List.of("clock_skew"))
        .build();
  }

  /** The same event with every optional field left at its default. */
  static LogEvent minimalLogEvent() {
    return LogEvent.newBuilder()
        .setEventId("b7e2")
        .setEventTime(EVENT_TIME)
        .setObservedTime(OBSERVED_TIME)
        .setCategory(Category.SYSTEM)
        .setActor(Actor.newBuilder().build())
        .setSource(Source.newBuilder().build())
        .setOrigin(Origin.newBuilder().setTopic("logs.raw.system").setPartition(0).setOffset(1L)
            .build())
        .setRedaction(Redaction.newBuilder().build())
        .build();
  }

  static Alert alert() {
    return Alert.newBuilder()
        .setAlertId("alr-5d0c9e1f")
        .setRuleId("auth.brute_force.source")
        .setTitle("Brute force from one source")
        .setSeverity(Severity.HIGH)
        .setAttack(List.of("T1110.001"))
        .setKey("203.0.113.7")
        .setKeyField("source.address")
        .setCount(8L)
        .setDistinctCount(3L)
        .setFirstSeen(Instant.parse("2026-11-27T10:13:45.010Z"))
        .setLastSeen(Instant.parse("2026-11-27T10:15:30.123Z"))
        .setWindowStart(Instant.parse("2026-11-27T10:13:30Z"))
        .setWindowEnd(Instant.parse("2026-11-27T10:15:30Z"))
        .setSampleEventIds(List.of("a3f1c2d4e5b60718", "c0ffee0123456789"))
        .setStatus(AlertStatus.OPEN)
        .setSummary("8 failed sign-ins from 203.0.113.7 within 120 s")
        .setDetectedAt(Instant.parse("2026-11-27T10:15:30.123Z"))
        .build();
  }

  static DeadLetter deadLetter() {
    return DeadLetter.newBuilder()
        .setReason("not_json")
        .setErrorClass("com.fasterxml.jackson.core.JsonParseException")
        .setErrorMessage("Unexpected character (code 31) at line 1, column 1")
        .setProcessor("parse-raw")
        .setApplicationId("logwarden-pipeline")
        .setOrigin(Origin.newBuilder()
            .setTopic("logs.raw.app")
            .setPartition(1)
            .setOffset(42L)
            .setIndex(0)
            .setFormat(null)
            .build())
        .setRecordTime(Instant.parse("2026-11-27T10:15:29.999Z"))
        .setFailedAt(Instant.parse("2026-11-27T10:15:31.004Z"))
        .setKey(ByteBuffer.wrap("host-7".getBytes(StandardCharsets.UTF_8)))
        .setPayload(ByteBuffer.wrap(BINARY_PAYLOAD))
        .setPayloadSize(BINARY_PAYLOAD.length)
        .setPayloadTruncated(false)
        .setHeaders(orderedMap("content-type", "application/gzip", "producer", "agent-3.2"))
        .build();
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
