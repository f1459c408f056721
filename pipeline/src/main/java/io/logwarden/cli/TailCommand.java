package io.logwarden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.config.ConfigException;
import io.logwarden.policy.Policy;
import io.logwarden.schema.serde.AvroJson;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.topics.PipelineTopics;
import io.logwarden.topics.Topic;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code logwarden tail}: any of logwarden's topics as JSON lines, whatever their encoding. */
@Command(
    name = "tail",
    mixinStandardHelpOptions = true,
    header = "Prints a logwarden topic as JSON lines.",
    description = "Reads one of logwarden's topics (a store topic, security events, alerts, the dead-letter topic, or "
        + "a detect topology's repartition or state changelog topic) without a consumer group and prints one JSON "
        + "object per record: topic, partition, offset, timestamp, key and the decoded value, whatever the "
        + "encoding the record was written in. Raw topics are refused: they hold data before redaction.",
    footer = {"", "Examples:", "  ./logwarden tail --bootstrap-server kafka:9092 --topic store.sentry --since 10m",
        "  ./logwarden tail --bootstrap-server kafka:9092 --topic security.alerts --follow | jq .value.summary"})
final class TailCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  @Mixin
  TopicReading reading;

  @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic to print.")
  String topic;

  @Option(names = "--limit", paramLabel = "N", description = "Stop after N records.")
  long limit = Long.MAX_VALUE;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Policy policy = reading.policyOption.load();
    Deserializer<? extends IndexedRecord> decoder = decoderFor(reading.registryOption.topics(policy), policy, topic);
    AtomicLong printed = new AtomicLong();
    int[] undecodable = {0};
    reading.read(List.of(topic), () -> printed.get() >= limit, record -> {
      if (printed.get() >= limit) {
        return;
      }
      ObjectNode line = JSON.createObjectNode();
      line.put("topic", record.topic());
      line.put("partition", record.partition());
      line.put("offset", record.offset());
      line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
      line.put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
      try {
        IndexedRecord value = record.value() == null ? null : decoder.deserialize(record.topic(), record.value());
        line.set("value", value == null ? JSON.nullNode() : AvroJson.toJsonNode(value));
      } catch (SerializationException e) {
        // The reason names the encoding problem, never the content.
        undecodable[0]++;
        line.putNull("value");
        line.put("error", e.getMessage());
      }
      out.println(line);
      printed.incrementAndGet();
    }, out::flush);
    out.flush();
    if (undecodable[0] > 0) {
      spec.commandLine().getErr().printf("%d records could not be decoded (their value is null, with an error)%n",
          undecodable[0]);
    }
    return 0;
  }

  /** The deserializer of a logwarden topic's values, by what the topic holds. */
  @SuppressWarnings("unchecked")
  static Deserializer<? extends IndexedRecord> decoderFor(PipelineTopics topics, Policy policy, String topic) {
    if (topic.startsWith(policy.topics().rawPrefix())) {
      throw new ConfigException("tail does not print raw topics: " + topic + " holds records before redaction; "
          + "read it with Kafka's own tools if your role may");
    }
    List<String> known = new ArrayList<>();
    for (Topic<String, ?> candidate : topics.encoded()) {
      if (candidate.name().equals(topic)) {
        return (Deserializer<? extends IndexedRecord>) candidate.valueSerde().deserializer();
      }
      known.add(candidate.name());
    }
    // A detect topology's internal topics: <application id>-detect-rule-<id>-…
    if (topic.endsWith("-by-key-repartition")) {
      return LogwardenSerdes.detectionSignal().deserializer();
    }
    if (topic.endsWith("-states-changelog")) {
      return LogwardenSerdes.ruleKeyState().deserializer();
    }
    throw new ConfigException("tail prints logwarden's topics: " + String.join(", ", known)
        + ", and the detect topology's *-by-key-repartition and *-states-changelog topics; not " + topic);
  }
}
