package io.logwarden.benchmarks.parent;

import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.redact.EventRedactor;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.schema.LogEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The normalize topology's per-record work (normalize, then redact every event), written against the
 * API that the parent commit and this one share (plus the raw-text scan where the build has it), so that {@link ParentComparisonBenchmark} can load it
 * once beside each build's classes. Static state: one copy per class loader.
 */
public final class PipelineDriver {

  private static final long OBSERVED = Instant.parse("2026-11-27T08:20:00Z").toEpochMilli();

  private static RecordNormalizer normalizer;
  private static EventRedactor redactor;
  private static List<RawRecord> records;
  private static List<String> lines;
  private static int next;
  // Whether this build redacts a record's events together with its raw text (EventRedactor.redact(List,
  // String)); older builds redact event by event. The JVM links a method when it first runs, so the branch
  // a build lacks is never linked.
  private static boolean rawScan;

  private PipelineDriver() {}

  /** Reads the shipped policy and the corpus lines. */
  public static void setUp(List<String> lines) {
    Policy policy = PolicyLoader.loadDefault();
    normalizer = new RecordNormalizer(policy);
    redactor = new EventRedactor(PseudonymKey.demo(), policy.redaction(), new SimpleMeterRegistry());
    try {
      EventRedactor.class.getMethod("redact", List.class, String.class);
      rawScan = true;
    } catch (NoSuchMethodException olderBuild) {
      rawScan = false;
    }
    PipelineDriver.lines = List.copyOf(lines);
    records = new ArrayList<>();
    for (String line : lines) {
      records.add(new RawRecord("logs.raw.bench", 0, records.size(), OBSERVED, line.getBytes(StandardCharsets.UTF_8)));
    }
    next = 0;
  }

  /** The next line of the corpus, round robin, redacted as text (secrets and personal data); its length. */
  public static int redactNextLine() {
    String line = lines.get(next);
    next = next + 1 == lines.size() ? 0 : next + 1;
    return redactor.redactText(line).length();
  }

  /** The next record of the corpus, round robin, normalized and redacted; the number of its events. */
  public static int next() {
    RawRecord record = records.get(next);
    next = next + 1 == records.size() ? 0 : next + 1;
    RecordNormalizer.Result result = normalizer.normalize(record, null);
    if (rawScan) {
      return redactor.redact(result.events(), result.text()).size();
    }
    List<LogEvent> events = result.events();
    for (LogEvent event : events) {
      redactor.redact(event);
    }
    return events.size();
  }
}
