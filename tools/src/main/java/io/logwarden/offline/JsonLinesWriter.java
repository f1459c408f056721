package io.logwarden.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.schema.serde.AvroJson;
import io.logwarden.topics.PipelineTopics;
import io.logwarden.topics.Topic;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Prints output records as JSON lines, {@code {"topic": ..., "key": ..., "value": {...}}}, the value
 * decoded with its topic's schema and rendered as plain JSON.
 */
public final class JsonLinesWriter {

  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Deserializer<? extends IndexedRecord>> byTopic = new HashMap<>();
  private final PrintStream out;

  public JsonLinesWriter(PipelineTopics topics, PrintStream out) {
    this.out = out;
    topics.stores().values().forEach(this::register);
    register(topics.securityEvents());
    register(topics.alerts());
    register(topics.deadLetter());
  }

  private <V extends IndexedRecord> void register(Topic<String, V> topic) {
    byTopic.put(topic.name(), topic.valueSerde().deserializer());
  }

  /** Prints one record as one line. */
  public void write(OfflinePipeline.Output record) {
    ObjectNode line = json.createObjectNode();
    line.put("topic", record.topic());
    line.put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
    Deserializer<? extends IndexedRecord> deserializer = byTopic.get(record.topic());
    IndexedRecord value = deserializer == null ? null : deserializer.deserialize(record.topic(), record.value());
    line.set("value", value == null ? json.nullNode() : AvroJson.toJsonNode(value));
    out.println(line);
  }
}
