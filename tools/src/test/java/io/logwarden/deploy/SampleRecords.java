package io.logwarden.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.demo.DemoSample;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.offline.JsonLinesWriter;
import io.logwarden.offline.OfflinePipeline;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.schema.Alert;
import io.logwarden.topics.PipelineTopics;
import io.logwarden.topics.Topic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The demo's bundled sample run through the shipped policy and rules offline, and every output record's
 * value as the JSON a consumer of its topic reads: what {@code AvroJson} renders, the JSON encoding of
 * the store topics and the alerts. Run once per JVM: both export tests read the same records.
 */
final class SampleRecords {

  /** Later than every record of the sample, so that none is flagged as dated ahead of its arrival. */
  private static final Instant OBSERVED = Instant.parse("2026-12-01T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SampleRecords records;

  private final Map<String, List<JsonNode>> byTopic;
  private final List<Alert> alerts;

  private SampleRecords(Map<String, List<JsonNode>> byTopic, List<Alert> alerts) {
    this.byTopic = byTopic;
    this.alerts = alerts;
  }

  private static synchronized SampleRecords records() {
    if (records == null) {
      records = run();
    }
    return records;
  }

  /** The values written to one topic, as JSON, in order (empty when none was). */
  static List<JsonNode> of(String topic) {
    return records().byTopic.getOrDefault(topic, List.of());
  }

  /** The alert records written to the alerts topic, in order. */
  static List<Alert> alerts() {
    return records().alerts;
  }

  private static SampleRecords run() {
    Policy policy = PolicyLoader.loadDefault();
    PipelineTopics topics = PipelineTopics.from(policy);
    Topic<String, Alert> alertTopic = topics.alerts();
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(lines, true, StandardCharsets.UTF_8);
    JsonLinesWriter writer = new JsonLinesWriter(topics, out);
    List<Alert> alerts = new ArrayList<>();
    Consumer<OfflinePipeline.Output> sink = output -> {
      writer.write(output);
      if (output.topic().equals(alertTopic.name())) {
        alerts.add(alertTopic.valueSerde().deserializer().deserialize(output.topic(), output.value()));
      }
    };
    try {
      for (Map.Entry<String, List<String>> source : DemoSample.load().entrySet()) {
        Path stateDir = Files.createTempDirectory("logwarden-samples-");
        try (OfflinePipeline pipeline = new OfflinePipeline(policy, RulesLoader.loadDefault(policy),
            policy.topics().rawTopic(source.getKey()), stateDir, PseudonymKey.demo(), new SimpleMeterRegistry())) {
          for (String line : source.getValue()) {
            pipeline.process(line.getBytes(StandardCharsets.UTF_8), OBSERVED, sink);
          }
          pipeline.finish(sink);
        }
        delete(stateDir);
      }
      Map<String, List<JsonNode>> byTopic = new LinkedHashMap<>();
      for (String line : lines.toString(StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          JsonNode record = JSON.readTree(line);
          byTopic.computeIfAbsent(record.get("topic").asText(), topic -> new ArrayList<>()).add(record.get("value"));
        }
      }
      return new SampleRecords(byTopic, List.copyOf(alerts));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
