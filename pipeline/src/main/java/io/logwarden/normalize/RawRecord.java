package io.logwarden.normalize;

/**
 * A record as a producer wrote it to a raw topic, with its provenance.
 *
 * @param topic the raw topic
 * @param partition its partition
 * @param offset its offset
 * @param timestamp the record timestamp in epoch milliseconds (the broker's clock with LogAppendTime)
 * @param value the raw bytes, possibly null
 */
public record RawRecord(String topic, int partition, long offset, long timestamp, byte[] value) {}
