package io.logwarden.normalize.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.event.DeadLetterReason;
import io.logwarden.event.RejectedRecordException;
import io.logwarden.normalize.NormalizerFormats;
import io.logwarden.normalize.RecordNormalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Mutated samples (fields dropped, replaced by values of every wrong type, nulls, cut records) run
 * through detection and through every format forced by header: nothing but a rejection may escape.
 */
class JsonRobustnessTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] WHOLE = {
      "filebeat_ecs_kafka.json", "logstash_kafka_json.json", "otel_kafka_otlp_json.json", "cloudtrail_records.json",
      "sentry_event.json", "posthog_capture.json", "posthog_batch.json", "langfuse_ingestion_batch.json"};
  private static final String[] LINES =
      {"fluentbit_kafka_json.jsonl", "vector_kafka_json.jsonl", "java_logback_json.jsonl"};
  private static final int MUTANTS_PER_SAMPLE = 150;

  private final RecordNormalizer normalizer = new RecordNormalizer(Samples.POLICY);
  private final Random random = new Random(20260722L);

  @SuppressWarnings("unchecked")
  private final Supplier<JsonNode>[] wrongValues = new Supplier[] {
      () -> NODES.nullNode(),
      () -> NODES.numberNode(random.nextInt()),
      () -> NODES.numberNode(-1),
      () -> NODES.numberNode(0),
      () -> NODES.numberNode(1e308),
      () -> NODES.numberNode(new java.math.BigInteger("123456789012345678901234567890")),
      () -> NODES.numberNode(0.5),
      () -> NODES.textNode(""),
      () -> NODES.textNode("not-a-date"),
      () -> NODES.textNode("{\"level\":\"error\",\"msg\":\"inner\"}"),
      () -> NODES.textNode("{broken"),
      () -> NODES.textNode("\u00e9\u2603 \uD83D\uDE00"),
      () -> NODES.textNode("x".repeat(3000)),
      () -> NODES.booleanNode(random.nextBoolean()),
      () -> NODES.arrayNode(),
      () -> NODES.arrayNode().add(1).add("a").addNull().add(NODES.objectNode()),
      () -> NODES.objectNode(),
      () -> NODES.objectNode().set("a", NODES.objectNode().put("b", 1)),
  };

  private static List<byte[]> samples() {
    List<byte[]> samples = new ArrayList<>();
    for (String file : WHOLE) {
      samples.add(Samples.record(file));
    }
    for (String file : LINES) {
      samples.addAll(Samples.lines(file));
    }
    return samples;
  }

  @Test
  void mutatedSamplesNeverThrowAnythingButARejection() throws IOException {
    List<String> forced = new ArrayList<>(NormalizerFormats.ids());
    forced.add(null);
    int normalized = 0;
    for (byte[] sample : samples()) {
      JsonNode original = JSON.readTree(sample);
      for (int i = 0; i < MUTANTS_PER_SAMPLE; i++) {
        JsonNode mutant = original.deepCopy();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
          mutant = mutate(mutant);
        }
        byte[] bytes = JSON.writeValueAsBytes(mutant);
        if (random.nextInt(10) == 0) {
          bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
        }
        for (String format : forced) {
          normalizeOrReject(bytes, format);
          normalized++;
        }
      }
    }
    assertThat(normalized).isGreaterThan(10_000);
  }

  private void normalizeOrReject(byte[] bytes, String format) {
    try {
      RecordNormalizer.Result result = Samples.normalize(normalizer, bytes, format);
      assertThat(result.events()).isNotEmpty();
    } catch (RejectedRecordException expected) {
      assertThat(expected.getMessage()).doesNotContain("inner").doesNotContain("xxxxxxxx");
    } catch (RuntimeException | AssertionError e) {
      fail("format " + format + " threw on " + new String(bytes, StandardCharsets.UTF_8), e);
    }
  }

  /** Replaces, drops or nulls one random node; the root itself may be replaced too. */
  private JsonNode mutate(JsonNode root) {
    List<JsonNode> containers = new ArrayList<>();
    collectContainers(root, containers);
    JsonNode parent = containers.get(random.nextInt(containers.size()));
    if (parent.isEmpty()) {
      if (parent.isObject()) {
        ((ObjectNode) parent).set("added", wrongValue());
      } else {
        ((ArrayNode) parent).add(wrongValue());
      }
      return root;
    }
    if (parent.isObject()) {
      ObjectNode object = (ObjectNode) parent;
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      String name = names.get(random.nextInt(names.size()));
      if (random.nextInt(4) == 0) {
        object.remove(name);
      } else {
        object.set(name, wrongValue());
      }
    } else {
      ArrayNode array = (ArrayNode) parent;
      int index = random.nextInt(array.size());
      if (random.nextInt(4) == 0) {
        array.remove(index);
      } else {
        array.set(index, wrongValue());
      }
    }
    return root;
  }

  private JsonNode wrongValue() {
    return wrongValues[random.nextInt(wrongValues.length)].get();
  }

  private static void collectContainers(JsonNode node, List<JsonNode> out) {
    if (!node.isContainerNode()) {
      return;
    }
    out.add(node);
    Iterator<JsonNode> children = node.elements();
    while (children.hasNext()) {
      collectContainers(children.next(), out);
    }
  }

  @Test
  void deepNestingIsRejectedAndDeepEmbeddedJsonStaysText() {
    String deep = "[".repeat(200) + "]".repeat(200);
    assertThatThrownBy(() -> Samples.normalize(normalizer,
        ("{\"message\":\"m\",\"x\":" + deep + "}").getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(RejectedRecordException.class)
        .extracting(e -> ((RejectedRecordException) e).reason())
        .isEqualTo(DeadLetterReason.TOO_DEEP);

    String embedded = "{\\\"a\\\":".repeat(100) + "1" + "}".repeat(100);
    RecordNormalizer.Result result = Samples.normalize(normalizer,
        ("{\"message\":\"" + embedded + "\"}").getBytes(StandardCharsets.UTF_8));
    assertThat(result.events().get(0).getMessage()).startsWith("{\"a\":{\"a\":");
  }

  @Test
  void hugeBatchesAreBoundedPerEvent() {
    StringBuilder attributes = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      attributes.append(i == 0 ? "" : ",").append("{\"key\":\"k").append(i).append("\",\"value\":{\"stringValue\":\"")
          .append("v".repeat(2000)).append("\"}}");
    }
    String otlp = "{\"resourceLogs\":[{\"scopeLogs\":[{\"logRecords\":[{\"timeUnixNano\":\"1784714400000000000\","
        + "\"body\":{\"stringValue\":\"b\"},\"attributes\":[" + attributes + "]}]}]}]}";
    RecordNormalizer.Result result = Samples.normalize(normalizer, otlp.getBytes(StandardCharsets.UTF_8));
    assertThat(result.events().get(0).getAttributes()).hasSize(64)
        .allSatisfy((key, value) -> assertThat(value).hasSizeLessThanOrEqualTo(1024));
    assertThat(result.events().get(0).getFlags()).contains("truncated");
  }
}
