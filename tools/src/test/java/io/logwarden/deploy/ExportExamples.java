package io.logwarden.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an example exporter configuration against the topics it reads: a Vector configuration
 * (sources, transforms, sinks, read from TOML) or a Kafka Connect connector configuration. What it
 * holds an example to:
 * <ul>
 *   <li>every topic read is one of the given topics (the policy's);</li>
 *   <li>a Vector kafka source decodes JSON; a Connect sink reads keys as strings and values with
 *       {@code JsonConverter} without schemas;</li>
 *   <li>every event path a remap program reads, and every {@code {{ field }}} template of a sink fed
 *       straight from a kafka source, exists (null or not) in at least one real record of every topic
 *       that feeds it, or is a field the kafka source adds itself;</li>
 *   <li>a credential (a key named like a token, password, secret, key or authorization, and a payload
 *       prefix carrying an api_key) comes from the environment ({@code ${VAR}} in Vector,
 *       {@code ${env:VAR}} or {@code ${file:...}} in Connect), never inline.</li>
 * </ul>
 */
final class ExportExamples {

  /** The fields Vector's kafka source adds to each event beside the decoded JSON, unless renamed. */
  private static final Map<String, String> KAFKA_SOURCE_FIELDS = Map.of(
      "key_field", "message_key", "topic_key", "topic", "partition_key", "partition", "offset_key", "offset",
      "headers_key", "headers");
  /** Fields every Vector source adds (the global log schema's timestamp and the source type). */
  private static final Set<String> VECTOR_FIELDS = Set.of("timestamp", "source_type");
  private static final Pattern SECRET_KEY =
      Pattern.compile("(?i).*(token|password|secret|api_key|apikey|authorization|sentry-auth|dsn).*");
  private static final Pattern TEMPLATE = Pattern.compile("\\{\\{\\s*([^}\\s]+)\\s*}}");

  private ExportExamples() {}

  /**
   * What is wrong with a Vector configuration, one sentence per problem.
   *
   * @param config the configuration, as read from TOML
   * @param records real records of each topic it may read, topic name to values
   */
  static List<String> vectorProblems(JsonNode config, Map<String, List<JsonNode>> records) {
    List<String> problems = new ArrayList<>();
    Map<String, Set<String>> sourceTopics = new LinkedHashMap<>();
    Map<String, Set<String>> sourceFields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> source : fields(config.path("sources"))) {
      JsonNode body = source.getValue();
      if (!"kafka".equals(body.path("type").asText())) {
        problems.add("source " + source.getKey() + " is not a kafka source");
        continue;
      }
      if (!"json".equals(body.path("decoding").path("codec").asText())) {
        problems.add("source " + source.getKey() + " does not decode JSON (decoding.codec = \"json\")");
      }
      Set<String> topics = new LinkedHashSet<>();
      body.path("topics").forEach(topic -> topics.add(topic.asText()));
      if (topics.isEmpty()) {
        problems.add("source " + source.getKey() + " reads no topic");
      }
      for (String topic : topics) {
        if (!records.containsKey(topic)) {
          problems.add("source " + source.getKey() + " reads " + topic + ", which is not a topic of the policy's: "
              + records.keySet());
        }
      }
      sourceTopics.put(source.getKey(), topics);
      Set<String> added = new LinkedHashSet<>(VECTOR_FIELDS);
      KAFKA_SOURCE_FIELDS.forEach((option, fallback) -> added.add(body.path(option).asText(fallback)));
      sourceFields.put(source.getKey(), added);
    }

    for (Map.Entry<String, JsonNode> transform : fields(config.path("transforms"))) {
      JsonNode body = transform.getValue();
      if (!"remap".equals(body.path("type").asText())) {
        continue;
      }
      Set<String> feeding = feedingSources(config, transform.getKey());
      Set<String> written = new LinkedHashSet<>();
      for (VrlPaths.Path path : VrlPaths.of(body.path("source").asText())) {
        if (path.write()) {
          written.add(path.dotted());
          continue;
        }
        if (written.stream().anyMatch(w -> path.dotted().equals(w) || path.dotted().startsWith(w + "."))) {
          continue;
        }
        for (String source : feeding) {
          if (sourceFields.getOrDefault(source, Set.of()).contains(path.segments().get(0))) {
            continue;
          }
          for (String topic : sourceTopics.getOrDefault(source, Set.of())) {
            List<JsonNode> values = records.getOrDefault(topic, List.of());
            if (values.stream().noneMatch(value -> exists(value, path.segments()))) {
              problems.add("transform " + transform.getKey() + " reads ." + path.dotted() + ", which no record of "
                  + topic + " carries (" + values.size() + " records)");
            }
          }
        }
      }
    }

    List<String[]> everywhere = new ArrayList<>();
    leaves(config, "", everywhere);
    for (String[] leaf : everywhere) {
      if (isCredential(leaf[0], leaf[1]) && !leaf[1].contains("${")) {
        problems.add(leaf[0] + " is inline; take it from the environment: ${VAR}");
      }
    }
    for (Map.Entry<String, JsonNode> sink : fields(config.path("sinks"))) {
      List<String[]> leaves = new ArrayList<>();
      leaves(sink.getValue(), "", leaves);
      for (String[] leaf : leaves) {
        Matcher template = TEMPLATE.matcher(leaf[1]);
        while (template.find()) {
          problems.addAll(templateProblems(config, sink.getKey(), template.group(1), sourceTopics, sourceFields, records));
        }
      }
      if (sink.getValue().path("inputs").isEmpty()) {
        problems.add("sink " + sink.getKey() + " has no inputs");
      }
    }
    return problems;
  }

  /**
   * What is wrong with a Kafka Connect sink connector configuration (the body of a POST to Connect's
   * REST API: {@code {"name": ..., "config": {...}}}), one sentence per problem.
   */
  static List<String> connectProblems(JsonNode connector, Set<String> topics) {
    List<String> problems = new ArrayList<>();
    JsonNode config = connector.path("config");
    for (String topic : config.path("topics").asText().split(",")) {
      if (!topics.contains(topic.trim())) {
        problems.add("connector reads " + topic.trim() + ", which is not a topic of the policy's: " + topics);
      }
    }
    expect(problems, config, "key.converter", "org.apache.kafka.connect.storage.StringConverter");
    expect(problems, config, "value.converter", "org.apache.kafka.connect.json.JsonConverter");
    expect(problems, config, "value.converter.schemas.enable", "false");
    for (Map.Entry<String, JsonNode> entry : fields(config)) {
      String value = entry.getValue().asText();
      if (isCredential(entry.getKey(), value) && !value.contains("${env:") && !value.contains("${file:")) {
        problems.add("connector has " + entry.getKey() + " inline; take it from a config provider: ${env:VAR}");
      }
    }
    return problems;
  }

  private static void expect(List<String> problems, JsonNode config, String key, String value) {
    if (!value.equals(config.path(key).asText())) {
      problems.add("connector's " + key + " is not " + value);
    }
  }

  private static List<String> templateProblems(JsonNode config, String sink, String field,
      Map<String, Set<String>> sourceTopics, Map<String, Set<String>> sourceFields, Map<String, List<JsonNode>> records) {
    List<String> problems = new ArrayList<>();
    for (JsonNode input : config.path("sinks").path(sink).path("inputs")) {
      String from = input.asText();
      if (!sourceTopics.containsKey(from)) {
        problems.add("sink " + sink + " templates {{ " + field + " }} on the output of " + from
            + ", which this check cannot follow; template only what a kafka source reads");
        continue;
      }
      List<String> segments = List.of(field.split("\\."));
      if (sourceFields.get(from).contains(segments.get(0))) {
        continue;
      }
      for (String topic : sourceTopics.get(from)) {
        if (records.getOrDefault(topic, List.of()).stream().noneMatch(value -> exists(value, segments))) {
          problems.add("sink " + sink + " templates {{ " + field + " }}, which no record of " + topic + " carries");
        }
      }
    }
    return problems;
  }

  /** The kafka sources a component's inputs lead back to. */
  private static Set<String> feedingSources(JsonNode config, String component) {
    Set<String> sources = new LinkedHashSet<>();
    JsonNode body = config.path("transforms").has(component) ? config.path("transforms").path(component)
        : config.path("sinks").path(component);
    for (JsonNode input : body.path("inputs")) {
      String from = input.asText();
      if (config.path("sources").has(from)) {
        sources.add(from);
      } else if (config.path("transforms").has(from)) {
        sources.addAll(feedingSources(config, from));
      }
    }
    return sources;
  }

  private static boolean isCredential(String key, String value) {
    String last = key.substring(key.lastIndexOf('.') + 1);
    return SECRET_KEY.matcher(last).matches() && !last.endsWith("_file") && !value.isEmpty()
        || last.equals("payload_prefix") && value.contains("api_key");
  }

  /** Whether the path exists in the record: every segment a key of the object before it (its value may be null). */
  static boolean exists(JsonNode record, List<String> segments) {
    JsonNode node = record;
    for (String segment : segments) {
      if (node == null || !node.isObject() || !node.has(segment)) {
        return false;
      }
      node = node.get(segment);
    }
    return true;
  }

  private static void leaves(JsonNode node, String path, List<String[]> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : fields(node)) {
        leaves(entry.getValue(), path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(), out);
      }
    } else if (node.isArray()) {
      node.forEach(element -> leaves(element, path, out));
    } else if (node.isTextual()) {
      out.add(new String[] {path, node.asText()});
    }
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> iterator = node.fields();
    iterator.forEachRemaining(entries::add);
    return entries;
  }
}
