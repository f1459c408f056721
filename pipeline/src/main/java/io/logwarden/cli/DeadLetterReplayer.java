package io.logwarden.cli;

import io.logwarden.config.ConfigException;
import io.logwarden.event.DeadLetterReason;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.topics.TopicReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Re-publishes dead letters to the raw topic they came from, once a parser or mapping is fixed:
 * the original key, value and headers, plus a header naming the dead letter it replays. Only whole
 * payloads of raw topics are replayed; a payload cut at 64 KiB would be a different record, and a
 * parked notification ({@code notification_failed}) is an alert, not a raw record: both are counted
 * and skipped.
 */
public final class DeadLetterReplayer {

  /** Header on a replayed record: the dead letter's own topic/partition/offset. */
  public static final String REPLAY_HEADER = "logwarden.replay.of";

  /** Which dead letters to replay; null bounds are open. */
  public record Filter(Set<String> reasons, Instant since, Instant until) implements Predicate<DeadLetter> {
    @Override
    public boolean test(DeadLetter letter) {
      Instant failedAt = letter.getFailedAt();
      return (reasons.isEmpty() || reasons.contains(letter.getReason()))
          && (since == null || !failedAt.isBefore(since))
          && (until == null || failedAt.isBefore(until));
    }
  }

  /**
   * What a replay did.
   *
   * @param skippedNotifications parked notifications (reason {@code notification_failed}): an alert a
   *     destination did not take is no raw record to read again
   */
  public record Report(int read, int matched, int sent, int skippedTruncated, int skippedNotRaw,
      int skippedNotifications) {}

  private final Map<String, Object> client;
  private final String deadLetterTopic;
  private final String rawPrefix;
  private final Deserializer<DeadLetter> letters;

  public DeadLetterReplayer(Map<String, Object> client, String deadLetterTopic, String rawPrefix) {
    this(client, deadLetterTopic, rawPrefix, LogwardenSerdes.deadLetter().deserializer());
  }

  /** @param letters the dead-letter topic's value deserializer (it reads every encoding) */
  public DeadLetterReplayer(Map<String, Object> client, String deadLetterTopic, String rawPrefix,
      Deserializer<DeadLetter> letters) {
    this.letters = letters;
    this.client = client;
    this.deadLetterTopic = deadLetterTopic;
    this.rawPrefix = rawPrefix;
  }

  /**
   * Replays the matching dead letters (or, with {@code dryRun}, only counts them).
   *
   * @throws ConfigException when the principal may not read the dead-letter topic or write a raw topic
   */
  public Report replay(Filter filter, boolean dryRun) throws InterruptedException {
    List<ConsumerRecord<byte[], byte[]>> records;
    try (TopicReader reader = new TopicReader(client)) {
      records = reader.readAll(deadLetterTopic, Duration.ofSeconds(30));
    } catch (AuthorizationException e) {
      throw denied("read " + deadLetterTopic, e);
    }
    int matched = 0;
    int sent = 0;
    int truncated = 0;
    int notRaw = 0;
    int notifications = 0;
    Properties props = new Properties();
    props.putAll(client);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer = dryRun ? null
        : new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (ConsumerRecord<byte[], byte[]> record : records) {
        DeadLetter letter = letters.deserialize(deadLetterTopic, record.value());
        String rawTopic = letter.getOrigin().getTopic();
        if (!filter.test(letter)) {
          continue;
        }
        matched++;
        if (DeadLetterReason.NOTIFICATION_FAILED.code().equals(letter.getReason())) {
          notifications++;
        } else if (!rawTopic.startsWith(rawPrefix)) {
          notRaw++;
        } else if (letter.getPayloadTruncated()) {
          truncated++;
        } else {
          if (!dryRun) {
            send(producer, toRawRecord(letter, record), rawTopic);
          }
          sent++;
        }
      }
    }
    return new Report(records.size(), matched, sent, truncated, notRaw, notifications);
  }

  private void send(KafkaProducer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record, String rawTopic)
      throws InterruptedException {
    try {
      producer.send(record).get();
    } catch (ExecutionException e) {
      AuthorizationException denial = authorizationCause(e.getCause());
      if (denial != null) {
        throw denied("write " + rawTopic, denial);
      }
      throw new IllegalStateException("replay stopped: a record could not be sent: " + e.getCause().getMessage(), e);
    } catch (KafkaException e) {
      // The idempotent producer's id is refused before any send when the principal may write no topic.
      AuthorizationException denial = authorizationCause(e);
      if (denial != null) {
        throw denied("write " + rawTopic, denial);
      }
      throw e;
    }
  }

  // What replay needs, in words, so that an operator sees which grant is missing (the replayer role's).
  private ConfigException denied(String what, AuthorizationException cause) {
    return new ConfigException("dlq replay: this principal may not " + what + "; replay needs READ on topic "
        + deadLetterTopic + " and WRITE on the topics prefixed " + rawPrefix + " (the policy's replayer role, "
        + "granted by logwarden acls apply; the shipped principal is User:logadmin-replay)", cause);
  }

  private static AuthorizationException authorizationCause(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException denial) {
        return denial;
      }
    }
    return null;
  }

  private ProducerRecord<byte[], byte[]> toRawRecord(DeadLetter letter, ConsumerRecord<byte[], byte[]> source) {
    RecordHeaders headers = new RecordHeaders();
    letter.getHeaders().forEach((key, value) -> headers.add(key, headerBytes(value)));
    headers.add(REPLAY_HEADER, (source.topic() + "/" + source.partition() + "/" + source.offset())
        .getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(letter.getOrigin().getTopic(), null, null,
        bytes(letter.getKey()), bytes(letter.getPayload()), headers);
  }

  // Envelope headers hold text, or base64 of binary values (see DeadLetterEnvelopes).
  private static byte[] headerBytes(String value) {
    return value.startsWith("base64:") ? Base64.getDecoder().decode(value.substring(7))
        : value.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
