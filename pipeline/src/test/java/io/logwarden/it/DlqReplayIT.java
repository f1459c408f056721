package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.cli.DeadLetterReplayer;
import io.logwarden.cli.LogwardenCommand;
import io.logwarden.deadletter.DeadLetterEnvelopes;
import io.logwarden.event.DeadLetterReason;
import io.logwarden.event.RejectedRecordException;
import io.logwarden.redact.EventRedactor;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.schema.DeadLetter;
import io.logwarden.topics.TopicReader;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** {@code dlq replay} on a real broker: what is sent back, with which key and headers, and what is skipped. */
class DlqReplayIT {

  private static final Instant FAILED_AT = Instant.parse("2026-11-27T09:00:00Z");

  @Test
  void replaysMatchingWholeRawRecordsToTheirTopicAndSkipsTheRest() throws Exception {
    try (KafkaTestCluster cluster = KafkaTestCluster.start()) {
      Map<String, Object> client = Map.of("bootstrap.servers", cluster.bootstrapServers());
      try (Admin admin = Admin.create(client)) {
        admin.createTopics(List.of(new NewTopic("logs.dlq", 1, (short) 1), new NewTopic("logs.raw.app", 1, (short) 1)))
            .all().get();
      }
      DeadLetterEnvelopes envelopes = new DeadLetterEnvelopes("logs.dlq", "logwarden-normalize",
          Clock.fixed(FAILED_AT, ZoneOffset.UTC), new EventRedactor(PseudonymKey.demo(),
              io.logwarden.policy.RedactionSettings.defaults(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
      RecordHeaders headers = new RecordHeaders();
      headers.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
      headers.add("trace", new byte[] {(byte) 0xff, 0x00});
      byte[] broken = "{\"msg\": \"cut".getBytes(StandardCharsets.UTF_8);
      List<DeadLetter> letters = List.of(
          letter(envelopes, "logs.raw.app", 7, "k1".getBytes(StandardCharsets.UTF_8), broken, headers, DeadLetterReason.NOT_JSON),
          letter(envelopes, "logs.raw.app", 8, null, new byte[70 * 1024], null, DeadLetterReason.NOT_JSON),
          letter(envelopes, "security.events", 3, null, broken, null, DeadLetterReason.NOT_JSON),
          letter(envelopes, "logs.raw.app", 9, null, "x".getBytes(StandardCharsets.UTF_8), null, DeadLetterReason.EMPTY_RECORD),
          // A parked notification: an alert a destination did not take, never a raw record to read again.
          letter(envelopes, "security.alerts", 4, "a1".getBytes(StandardCharsets.UTF_8),
              "{\"alert_id\":\"a1\"}".getBytes(StandardCharsets.UTF_8), null, DeadLetterReason.NOTIFICATION_FAILED));
      Properties props = new Properties();
      props.putAll(client);
      try (KafkaProducer<byte[], byte[]> producer =
          new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
        for (DeadLetter letter : letters) {
          producer.send(envelopes.toRecord(letter)).get();
        }
      }

      DeadLetterReplayer replayer = new DeadLetterReplayer(client, "logs.dlq", "logs.raw.");
      DeadLetterReplayer.Report dry = replayer.replay(new DeadLetterReplayer.Filter(Set.of("not_json"), null, null), true);
      assertThat(dry).isEqualTo(new DeadLetterReplayer.Report(5, 3, 1, 1, 1, 0));
      DeadLetterReplayer.Report everything = replayer.replay(new DeadLetterReplayer.Filter(Set.of(), null, null), true);
      assertThat(everything).isEqualTo(new DeadLetterReplayer.Report(5, 5, 2, 1, 1, 1));
      DeadLetterReplayer.Report parked = replayer.replay(
          new DeadLetterReplayer.Filter(Set.of("notification_failed"), null, null), true);
      assertThat(parked).isEqualTo(new DeadLetterReplayer.Report(5, 1, 0, 0, 0, 1));
      DeadLetterReplayer.Report none = replayer.replay(
          new DeadLetterReplayer.Filter(Set.of(), FAILED_AT.plusSeconds(1), null), false);
      assertThat(none.matched()).isZero();

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      var cli = LogwardenCommand.commandLine();
      cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
      int exit = cli.execute("dlq", "replay", "--bootstrap-server", cluster.bootstrapServers(), "--reason", "not_json");
      assertThat(exit).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8))
          .startsWith("Sent 1 of 5 dead letters in logs.dlq (3 matched the filter; skipped: 1 with a cut payload, 1 not"
              + " from a raw topic, 0 parked notifications)");

      List<ConsumerRecord<byte[], byte[]>> raw;
      try (TopicReader reader = new TopicReader(client)) {
        raw = reader.readAll("logs.raw.app", Duration.ofSeconds(30));
      }
      assertThat(raw).hasSize(1);
      ConsumerRecord<byte[], byte[]> replayed = raw.get(0);
      assertThat(replayed.key()).isEqualTo("k1".getBytes(StandardCharsets.UTF_8));
      assertThat(replayed.value()).isEqualTo(broken);
      assertThat(replayed.headers().lastHeader("content-type").value()).isEqualTo("application/json".getBytes(StandardCharsets.UTF_8));
      assertThat(replayed.headers().lastHeader("trace").value()).isEqualTo(new byte[] {(byte) 0xff, 0x00});
      assertThat(new String(replayed.headers().lastHeader(DeadLetterReplayer.REPLAY_HEADER).value(), StandardCharsets.UTF_8))
          .isEqualTo("logs.dlq/0/0");
    }
  }

  private static DeadLetter letter(DeadLetterEnvelopes envelopes, String topic, long offset, byte[] key, byte[] value,
      RecordHeaders headers, DeadLetterReason reason) {
    return envelopes.envelope(new DeadLetterEnvelopes.FailedRecord(topic, 0, offset, FAILED_AT.toEpochMilli(), key, value,
        headers, "normalize"), reason, null, new RejectedRecordException(reason, null, "test"));
  }
}
