package io.logwarden.normalize.json;

import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the test samples and runs them through the normalizer as a consumer of a raw topic would. */
final class Samples {

  /** When Kafka received the sample records: after the latest of the samples' own times. */
  static final Instant OBSERVED = Instant.parse("2026-07-22T10:20:00Z");
  static final String TOPIC = "logs.raw.x";
  static final Policy POLICY = PolicyLoader.loadDefault();

  private Samples() {}

  /** A whole sample file: one record, however many lines a pretty-printed JSON document spans. */
  static byte[] record(String file) {
    try (InputStream in = Samples.class.getResourceAsStream("/samples/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("no sample " + file);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One record per line, as bytes, so lines that are not UTF-8 stay as they are; no trailing empty line. */
  static List<byte[]> lines(String file) {
    byte[] all = record(file);
    List<byte[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= all.length; i++) {
      if (i == all.length || all[i] == '\n') {
        if (i > start || i < all.length) {
          lines.add(Arrays.copyOfRange(all, start, i));
        }
        start = i + 1;
      }
    }
    return lines;
  }

  static RecordNormalizer.Result normalize(RecordNormalizer normalizer, byte[] value) {
    return normalize(normalizer, value, null);
  }

  static RecordNormalizer.Result normalize(RecordNormalizer normalizer, byte[] value, String contentType) {
    return normalizer.normalize(new RawRecord(TOPIC, 0, 0L, OBSERVED.toEpochMilli(), value), contentType);
  }
}
