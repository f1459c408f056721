package io.logwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.policy.Store;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The example exporter configurations under {@code deploy/vector/} and {@code deploy/kafka-connect/}
 * parse, read the policy's topics, reference only fields that the JSON those topics carry has (the
 * demo sample's real records, normalized by the shipped policy) and take every credential from the
 * environment. The checker itself is held to near misses.
 */
class ExportExamplesTest {

  private static final Path VECTOR = Path.of("..", "deploy", "vector");
  private static final Path CONNECT = Path.of("..", "deploy", "kafka-connect");
  private static final TomlMapper TOML = new TomlMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Policy policy = PolicyLoader.loadDefault();

  @Test
  void everyStoreHasAVectorExampleReadingItsTopic() {
    Set<String> read = new LinkedHashSet<>();
    for (Path file : files(VECTOR, ".toml")) {
      toml(file).path("sources").forEach(source -> source.path("topics").forEach(topic -> read.add(topic.asText())));
    }
    policy.stores().values().forEach(store -> assertThat(read).as(store.id()).contains(store.topic()));
    assertThat(read).contains(policy.topics().securityEvents().name());
  }

  @Test
  void everyExamplesConsumerGroupIsOneTheShippedExporterRoleMayUse() throws IOException {
    List<String> prefixes = policy.access().roles().stream().filter(role -> role.id().equals("exporter"))
        .findFirst().orElseThrow().groupPrefixes();
    List<String> groups = new java.util.ArrayList<>();
    for (Path file : files(VECTOR, ".toml")) {
      toml(file).path("sources").forEach(source -> groups.add(source.path("group_id").asText()));
    }
    for (Path file : files(CONNECT, ".json")) {
      // Kafka Connect's sink consumers join the group connect-<connector name>.
      groups.add("connect-" + JSON.readTree(file.toFile()).path("name").asText());
    }
    assertThat(groups).isNotEmpty().allSatisfy(group ->
        assertThat(prefixes).as("a prefix of the exporter role covering %s", group).anyMatch(group::startsWith));
  }

  @Test
  void theVectorExamplesReadThePolicysTopicsAndOnlyFieldsTheirRecordsCarry() {
    Map<String, List<JsonNode>> records = records();
    records.forEach((topic, values) -> assertThat(values).as("records of %s in the sample", topic).isNotEmpty());
    for (Path file : files(VECTOR, ".toml")) {
      assertThat(ExportExamples.vectorProblems(toml(file), records)).as(file.toString()).isEmpty();
    }
  }

  @Test
  void theConnectExamplesParseReadThePolicysTopicsAndTakeCredentialsFromTheEnvironment() throws IOException {
    List<Path> connectors = files(CONNECT, ".json");
    assertThat(connectors).isNotEmpty();
    for (Path file : connectors) {
      JsonNode connector = JSON.readTree(file.toFile());
      assertThat(ExportExamples.connectProblems(connector, records().keySet())).as(file.toString()).isEmpty();
    }
    Properties worker = new Properties();
    try (Reader in = Files.newBufferedReader(CONNECT.resolve("connect-worker.properties"))) {
      worker.load(in);
    }
    assertThat(worker.getProperty("config.providers")).isEqualTo("env");
    assertThat(worker.getProperty("config.providers.env.class"))
        .isEqualTo("org.apache.kafka.common.config.provider.EnvVarConfigProvider");
    assertThat(worker.getProperty("consumer.sasl.jaas.config")).contains("${env:KAFKA_PASSWORD}");
  }

  @Test
  void theVectorCheckCatchesNearMisses() {
    Map<String, List<JsonNode>> records = records();
    ObjectNode posthog = (ObjectNode) toml(VECTOR.resolve("posthog.toml"));

    // A topic one letter off the policy's.
    ObjectNode wrongTopic = posthog.deepCopy();
    ((ObjectNode) wrongTopic.path("sources").path("posthog_topic")).putArray("topics").add("store.posthg");
    assertThat(ExportExamples.vectorProblems(wrongTopic, records))
        .anySatisfy(problem -> assertThat(problem).contains("reads store.posthg, which is not a topic"));

    // A field of the events that is misspelt, and one that another store's events carry but PostHog's do not.
    for (String[] miss : new String[][] {{".actor.user", ".actor.usr"}, {".event_time", ".error.stack"}}) {
      ObjectNode bad = posthog.deepCopy();
      ObjectNode remap = (ObjectNode) bad.path("transforms").path("posthog_event");
      remap.put("source", remap.path("source").asText().replace(miss[0], miss[1]));
      assertThat(ExportExamples.vectorProblems(bad, records))
          .containsExactly("transform posthog_event reads " + miss[1] + ", which no record of store.posthog carries ("
              + records.get("store.posthog").size() + " records)");
    }

    // A credential written inline.
    ObjectNode inline = (ObjectNode) toml(VECTOR.resolve("betterstack.toml"));
    ((ObjectNode) inline.path("sinks").path("betterstack").path("auth")).put("token", "bs_0123456789abcdef");
    assertThat(ExportExamples.vectorProblems(inline, records))
        .containsExactly("sinks.betterstack.auth.token is inline; take it from the environment: ${VAR}");
    ObjectNode password = (ObjectNode) toml(VECTOR.resolve("sentry.toml"));
    ((ObjectNode) password.path("sources").path("sentry_topic").path("sasl")).put("password", "hunter2hunter2");
    assertThat(ExportExamples.vectorProblems(password, records))
        .containsExactly("sources.sentry_topic.sasl.password is inline; take it from the environment: ${VAR}");

    // A template on a field the topic's records do not carry, in a sink fed by the source.
    ObjectNode template = (ObjectNode) toml(VECTOR.resolve("security-events-file.toml"));
    ObjectNode sink = (ObjectNode) template.path("sinks").path("security_events_file");
    sink.putArray("inputs").add("security_events_topic");
    sink.put("path", "/var/log/logwarden/{{ actor.usr }}.json");
    assertThat(ExportExamples.vectorProblems(template, records))
        .containsExactly("sink security_events_file templates {{ actor.usr }}, which no record of security.events carries");
  }

  @Test
  void theConnectCheckCatchesNearMisses() throws IOException {
    Set<String> topics = records().keySet();
    ObjectNode connector = (ObjectNode) JSON.readTree(CONNECT.resolve("betterstack-http-sink.json").toFile());
    ObjectNode config = (ObjectNode) connector.path("config");

    ObjectNode inline = connector.deepCopy();
    ((ObjectNode) inline.path("config")).put("http.headers.authorization", "Bearer bs_0123456789abcdef");
    assertThat(ExportExamples.connectProblems(inline, topics))
        .containsExactly("connector has http.headers.authorization inline; take it from a config provider: ${env:VAR}");

    ObjectNode schemas = connector.deepCopy();
    ((ObjectNode) schemas.path("config")).put("value.converter.schemas.enable", "true");
    assertThat(ExportExamples.connectProblems(schemas, topics))
        .containsExactly("connector's value.converter.schemas.enable is not false");

    ObjectNode topic = connector.deepCopy();
    ((ObjectNode) topic.path("config")).put("topics", "store.betterstack,logs.dlq");
    assertThat(ExportExamples.connectProblems(topic, topics)).hasSize(1)
        .allSatisfy(problem -> assertThat(problem).startsWith("connector reads logs.dlq"));
    assertThat(config.path("topics").asText()).isEqualTo(policy.stores().get("betterstack").topic());
  }

  @Test
  void theVrlPathReaderSeesPathsNotVariablesStringsOrNumbers() {
    List<VrlPaths.Path> paths = VrlPaths.of("""
        # .commented.out
        x = .a.b + "a .quoted.dot" + r'^props\\.' + 1.5
        props.y = .c."d.e"[0]
        .written = del(.gone)
        . = {"k": .f, "m": %kafka.topic}
        """);
    assertThat(paths).extracting(VrlPaths.Path::dotted).containsExactly("a.b", "c.d.e", "written", "gone", "f");
    assertThat(paths).extracting(VrlPaths.Path::write).containsExactly(false, false, true, false, false);
    assertThat(paths.get(1).segments()).containsExactly("c", "d.e");
  }

  /** The policy's store topics and the security events topic, each to the sample's records of it. */
  private Map<String, List<JsonNode>> records() {
    Map<String, List<JsonNode>> records = new LinkedHashMap<>();
    for (Store store : policy.stores().values()) {
      records.put(store.topic(), SampleRecords.of(store.topic()));
    }
    String events = policy.topics().securityEvents().name();
    records.put(events, SampleRecords.of(events));
    return records;
  }

  private static JsonNode toml(Path file) {
    try {
      return TOML.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> files(Path dir, String suffix) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(file -> file.toString().endsWith(suffix)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
