package io.logwarden.benchmarks;

import io.logwarden.normalize.RawRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmarks' corpora: {@code /corpus/mixed.txt}, one record of every input format a line, and
 * {@code /corpus/auth.txt}, half sign-in records of the catalogue's sources.
 */
public final class MixedCorpus {

  private static final long OBSERVED = Instant.parse("2026-11-27T08:20:00Z").toEpochMilli();

  private MixedCorpus() {}

  /** The corpus's records, blank lines left out. */
  public static List<String> lines() {
    return lines("mixed");
  }

  /** The records of {@code /corpus/NAME.txt} ({@code mixed}, or {@code auth}: half sign-ins), blank lines left out. */
  public static List<String> lines(String name) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(
        MixedCorpus.class.getResourceAsStream("/corpus/" + name + ".txt"), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          lines.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  /** The corpus's records as read from one partition of a raw topic, at offsets 0, 1, ... */
  public static List<RawRecord> rawRecords() {
    return rawRecords("mixed");
  }

  /** The records of {@code /corpus/NAME.txt} as read from one partition of a raw topic, at offsets 0, 1, ... */
  public static List<RawRecord> rawRecords(String name) {
    List<RawRecord> records = new ArrayList<>();
    for (String line : lines(name)) {
      records.add(new RawRecord("logs.raw.bench", 0, records.size(), OBSERVED, line.getBytes(StandardCharsets.UTF_8)));
    }
    return records;
  }
}
