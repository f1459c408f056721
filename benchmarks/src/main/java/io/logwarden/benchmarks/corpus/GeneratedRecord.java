package io.logwarden.benchmarks.corpus;

import io.logwarden.normalize.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One record of the {@link GeneratedCorpus}: the raw value a producer would write, where it would
 * write it, and what it was generated to be, for tests and scenarios to check the pipeline against.
 *
 * @param index the record's position in the corpus
 * @param topic the raw topic it is written to
 * @param format the format id the normalizer should detect (as in docs/reference/formats.md)
 * @param value the raw record
 * @param eventTime the time written in the record (its first event's, for a batch)
 * @param observedMillis when the broker would append it (LogAppendTime): its in-order time plus a
 *     fixed ingestion delay, never before {@code eventTime}
 * @param outOfOrder whether {@code eventTime} was set back, up to 30 s, behind its position
 * @param secret the fake secret the record carries (the part redaction must remove), or null
 * @param secretKind what kind of secret that is, or null
 * @param security what the record says as a security event, or null for the rest
 */
public record GeneratedRecord(long index, String topic, String format, String value, Instant eventTime,
    long observedMillis, boolean outOfOrder, String secret, SecretKind secretKind, SecurityEvent security) {

  /** Whether the record is a sign-in or an administrative or configuration action. */
  public boolean isSecurity() {
    return security != null;
  }

  /** The value's UTF-8 bytes. */
  public byte[] bytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** The record as the normalize topology reads it, at {@code partition} and {@code offset} of its topic. */
  public RawRecord raw(int partition, long offset) {
    return new RawRecord(topic, partition, offset, observedMillis, bytes());
  }
}
