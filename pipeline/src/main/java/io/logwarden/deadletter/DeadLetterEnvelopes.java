package io.logwarden.deadletter;

import io.logwarden.event.DeadLetterReason;
import io.logwarden.redact.EventRedactor;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.Origin;
import io.logwarden.schema.serde.LogwardenSerdes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Builds the one dead-letter envelope every error tier ends in, and the Kafka record that carries it.
 * Everything in it is redacted like an event (raw bytes too: a record that could not be parsed is
 * still scanned as text), and payloads are bounded so that a huge record cannot make the dead-letter
 * write itself fail.
 */
public final class DeadLetterEnvelopes {

  /** At most this much of a raw value (and of a raw key) is kept. */
  public static final int MAX_PAYLOAD_BYTES = 64 * 1024;
  /** Exception messages are cut to this many characters. */
  public static final int MAX_ERROR_MESSAGE_CHARS = 1024;
  static final int MAX_HEADERS = 32;
  static final int MAX_HEADER_VALUE_CHARS = 1024;

  /** Header on the dead-letter record naming its reason, for consumers that do not decode Avro. */
  public static final String REASON_HEADER = "logwarden.dlq.reason";
  /** Header on the dead-letter record naming its origin as topic/partition/offset. */
  public static final String ORIGIN_HEADER = "logwarden.dlq.origin";

  private final String deadLetterTopic;
  private final String applicationId;
  private final Clock clock;
  private final EventRedactor redactor;
  private final Serializer<DeadLetter> serializer;

  public DeadLetterEnvelopes(String deadLetterTopic, String applicationId, Clock clock, EventRedactor redactor) {
    this(deadLetterTopic, applicationId, clock, redactor, LogwardenSerdes.deadLetter().serializer());
  }

  /** @param serializer the dead-letter topic's value serializer, in its encoding */
  public DeadLetterEnvelopes(String deadLetterTopic, String applicationId, Clock clock, EventRedactor redactor,
      Serializer<DeadLetter> serializer) {
    this.serializer = java.util.Objects.requireNonNull(serializer, "serializer");
    this.deadLetterTopic = deadLetterTopic;
    this.applicationId = applicationId;
    this.clock = clock;
    this.redactor = java.util.Objects.requireNonNull(redactor, "redactor");
  }

  /** The failed record, as the error handlers see it. */
  public record FailedRecord(
      String topic, int partition, long offset, Long timestamp, byte[] key, byte[] value, Headers headers,
      String processor) {}

  /** The envelope of a failed record. */
  public DeadLetter envelope(FailedRecord failed, DeadLetterReason reason, String format, Throwable error) {
    byte[] value = failed.value();
    // Redact the whole value before cutting it, so that a secret across the cut is still seen whole.
    byte[] redactedValue = redactor.redactBytes(value);
    byte[] redactedKey = redactor.redactBytes(failed.key());
    return DeadLetter.newBuilder()
        .setReason(reason.code())
        .setErrorClass(error.getClass().getName())
        .setErrorMessage(bounded(redactor.redactText(error.getMessage())))
        .setProcessor(failed.processor())
        .setApplicationId(applicationId)
        .setOrigin(Origin.newBuilder()
            .setTopic(failed.topic() == null ? "" : failed.topic())
            .setPartition(failed.partition())
            .setOffset(failed.offset())
            .setIndex(0)
            .setFormat(format)
            .build())
        .setRecordTime(failed.timestamp() == null || failed.timestamp() < 0
            ? null : java.time.Instant.ofEpochMilli(failed.timestamp()))
        .setFailedAt(clock.instant())
        .setKey(redactedKey == null ? null : ByteBuffer.wrap(head(redactedKey)))
        .setPayload(redactedValue == null ? null : ByteBuffer.wrap(head(redactedValue)))
        .setPayloadSize(value == null ? 0 : value.length)
        .setPayloadTruncated(value != null && value.length > MAX_PAYLOAD_BYTES)
        .setHeaders(headers(failed.headers(), redactor))
        .build();
  }

  /** The record that writes an envelope to the dead-letter topic, keyed by its origin. */
  public ProducerRecord<byte[], byte[]> toRecord(DeadLetter envelope) {
    return new ProducerRecord<>(deadLetterTopic, null, null,
        originKey(envelope).getBytes(StandardCharsets.UTF_8),
        serializer.serialize(deadLetterTopic, envelope), recordHeaders(envelope));
  }

  /** The key of an envelope's record: its origin as {@code topic/partition/offset}. */
  public static String originKey(DeadLetter envelope) {
    Origin origin = envelope.getOrigin();
    return origin.getTopic() + "/" + origin.getPartition() + "/" + origin.getOffset();
  }

  /** The headers of an envelope's record: its reason and origin, for consumers that do not decode it. */
  public static Headers recordHeaders(DeadLetter envelope) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(REASON_HEADER, envelope.getReason().getBytes(StandardCharsets.UTF_8));
    headers.add(ORIGIN_HEADER, originKey(envelope).getBytes(StandardCharsets.UTF_8));
    return headers;
  }

  public String deadLetterTopic() {
    return deadLetterTopic;
  }

  private static byte[] head(byte[] bytes) {
    return bytes.length <= MAX_PAYLOAD_BYTES ? bytes : Arrays.copyOf(bytes, MAX_PAYLOAD_BYTES);
  }

  private static String bounded(String text) {
    if (text == null) {
      return null;
    }
    return text.length() <= MAX_ERROR_MESSAGE_CHARS ? text : text.substring(0, MAX_ERROR_MESSAGE_CHARS) + "...";
  }

  private static Map<String, String> headers(Headers headers, EventRedactor redactor) {
    Map<String, String> result = new LinkedHashMap<>();
    if (headers == null) {
      return result;
    }
    for (Header header : headers) {
      if (result.size() >= MAX_HEADERS) {
        break;
      }
      String key = redactor.redactText(header.key().length() > 256 ? header.key().substring(0, 256) : header.key());
      String value = bounded(redactor.redactText(headerText(header.value())));
      result.put(key, value.length() > MAX_HEADER_VALUE_CHARS ? value.substring(0, MAX_HEADER_VALUE_CHARS) : value);
    }
    return result;
  }

  private static String headerText(byte[] value) {
    if (value == null) {
      return "";
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (CharacterCodingException e) {
      return "base64:" + Base64.getEncoder().encodeToString(value);
    }
  }
}
