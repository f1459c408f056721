package io.logwarden.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Keys Avro's own JSON encoding would use to wrap a union value. */
  private static final Set<String> UNION_WRAPPER_KEYS = Set.of("null", "string", "bytes", "int",
      "long", "float", "double", "boolean", "array", "map", "io.logwarden.schema.Target",
      "io.logwarden.schema.ErrorInfo");

  @Test
  void rendersLogEventAsPlainJson() throws Exception {
    JsonNode json = MAPPER.readTree(AvroJson.toJson(SampleRecords.logEvent()));

    assertThat(json.get("event_id").asText()).isEqualTo("a3f1c2d4e5b60718");
    assertThat(json.get("event_time").asText()).isEqualTo("2026-11-27T10:15:30.123456Z");
    assertThat(json.get("observed_time").asText()).isEqualTo("2026-11-27T10:15:30.200Z");
    assertThat(json.get("clock_skew_ms").isIntegralNumber()).isTrue();
    assertThat(json.get("clock_skew_ms").asLong()).isEqualTo(-77L);
    assertThat(json.get("category").asText()).isEqualTo("AUTHENTICATION");
    assertThat(json.get("outcome").asText()).isEqualTo("FAILURE");
    assertThat(json.get("action").isTextual()).isTrue();
    assertThat(json.get("action").asText()).isEqualTo("sign_in");
    assertThat(json.get("severity_number").isInt()).isTrue();
    assertThat(json.get("severity_number").asInt()).isEqualTo(13);
    assertThat(json.at("/actor/user").asText()).isEqualTo("u_9c41e07b");
    assertThat(json.at("/source/port").asInt()).isEqualTo(52144);
    assertThat(json.at("/target/kind").asText()).isEqualTo("account");
    assertThat(json.at("/attributes/auth.method").asText()).isEqualTo("password");
    assertThat(json.at("/error/type").asText()).isEqualTo("AuthenticationFailed");
    assertThat(json.at("/origin/offset").asLong()).isEqualTo(918_273L);
    assertThat(json.at("/redaction/rules/ipv4-pseudonym").asInt()).isEqualTo(1);
    assertThat(json.get("flags").isArray()).isTrue();
    assertThat(json.get("flags").get(0).asText()).isEqualTo("clock_skew");
    assertNoUnionWrappers(json);
  }

  @Test
  void keepsSchemaFieldOrder() {
    JsonNode json = AvroJson.toJsonNode(SampleRecords.logEvent());

    assertThat(fieldNames(json)).containsExactlyElementsOf(
        LogEvent.SCHEMA$.getFields().stream().map(Schema.Field::name).collect(Collectors.toList()));
    assertThat(fieldNames(json.get("origin")))
        .containsExactly("topic", "partition", "offset", "index", "format");
  }

  @Test
  void rendersAbsentOptionalsAsNull() throws Exception {
    JsonNode json = MAPPER.readTree(AvroJson.toJson(SampleRecords.minimalLogEvent()));

    assertThat(json.get("target").isNull()).isTrue();
    assertThat(json.get("error").isNull()).isTrue();
    assertThat(json.get("action").isNull()).isTrue();
    assertThat(json.at("/actor/user").isNull()).isTrue();
    assertThat(json.get("outcome").asText()).isEqualTo("UNKNOWN");
    assertThat(json.get("attributes").isObject()).isTrue();
    assertThat(json.get("attributes").isEmpty()).isTrue();
    assertThat(json.get("flags").isEmpty()).isTrue();
  }

  @Test
  void rendersAlert() throws Exception {
    JsonNode json = MAPPER.readTree(AvroJson.toJson(SampleRecords.alert()));

    assertThat(json.get("severity").asText()).isEqualTo("HIGH");
    assertThat(json.get("status").asText()).isEqualTo("OPEN");
    assertThat(json.get("distinct_count").asLong()).isEqualTo(3L);
    assertThat(json.get("first_seen").asText()).isEqualTo("2026-11-27T10:13:45.010Z");
    assertThat(json.get("window_start").asText()).isEqualTo("2026-11-27T10:13:30.000Z");
    assertThat(json.get("attack").get(0).asText()).isEqualTo("T1110.001");
    assertNoUnionWrappers(json);
  }

  @Test
  void rendersBytesAsTextOrMarkedBase64() throws Exception {
    JsonNode json = MAPPER.readTree(AvroJson.toJson(SampleRecords.deadLetter()));

    assertThat(json.get("key").asText()).isEqualTo("host-7");
    assertThat(json.get("payload").isObject()).isTrue();
    assertThat(json.at("/payload/base64").asText())
        .isEqualTo(Base64.getEncoder().encodeToString(SampleRecords.BINARY_PAYLOAD));
    assertThat(json.get("record_time").asText()).isEqualTo("2026-11-27T10:15:29.999Z");
    assertThat(json.get("failed_at").asText()).isEqualTo("2026-11-27T10:15:31.004Z");
    assertThat(json.at("/headers/content-type").asText()).isEqualTo("application/gzip");
    assertThat(json.at("/origin/format").isNull()).isTrue();
    assertThat(json.get("payload_truncated").asBoolean()).isFalse();
    assertNoUnionWrappers(json);
  }

  @Test
  void leavesByteBufferPositionUntouched() {
    DeadLetter deadLetter = SampleRecords.deadLetter();
    int before = deadLetter.getPayload().position();

    AvroJson.toJsonNode(deadLetter);

    assertThat(deadLetter.getPayload().position()).isEqualTo(before);
  }

  @Test
  void rendersGenericRecordLikeTheSpecificOne() {
    LogEvent event = SampleRecords.logEvent();
    byte[] bytes = LogwardenSerdes.logEvent().serializer().serialize("t", event);
    // The generic model has no conversions: timestamps come back as raw longs.
    GenericRecord generic = decodeGeneric(bytes, LogEvent.SCHEMA$);
    assertThat(generic.get("event_time")).isInstanceOf(Long.class);

    assertThat(AvroJson.toJsonNode(generic)).isEqualTo(AvroJson.toJsonNode(event));
  }

  @Test
  void rendersRawTimestampLongsWithTheirPrecision() {
    Schema micros = LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
    Schema millis = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    Schema schema = SchemaBuilder.record("Times").fields()
        .name("micros").type(micros).noDefault()
        .name("millis").type(millis).noDefault()
        .name("before_epoch").type(micros).noDefault()
        .name("optional_millis").type().unionOf().nullType().and().type(millis).endUnion()
        .nullDefault()
        .name("plain").type().longType().noDefault()
        .endRecord();
    GenericRecord record = new GenericData.Record(schema);
    record.put("micros", 1_795_774_530_123_456L);
    record.put("millis", 1_795_774_530_123L);
    record.put("before_epoch", -1L);
    record.put("optional_millis", Instant.parse("2026-11-27T10:15:30Z"));
    record.put("plain", 42L);

    JsonNode json = AvroJson.toJsonNode(record);

    assertThat(json.get("micros").asText()).isEqualTo("2026-11-27T10:15:30.123456Z");
    assertThat(json.get("millis").asText()).isEqualTo("2026-11-27T10:15:30.123Z");
    assertThat(json.get("before_epoch").asText()).isEqualTo("1969-12-31T23:59:59.999999Z");
    assertThat(json.get("optional_millis").asText()).isEqualTo("2026-11-27T10:15:30.000Z");
    assertThat(json.get("plain").asLong()).isEqualTo(42L);
  }

  private static GenericRecord decodeGeneric(byte[] bytes, Schema schema) {
    try {
      return new BinaryMessageDecoder<GenericRecord>(GenericData.get(), schema).decode(bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** No object anywhere is a one-key wrapper named after an Avro type. */
  private static void assertNoUnionWrappers(JsonNode node) {
    if (node.isObject()) {
      if (node.size() == 1) {
        assertThat(UNION_WRAPPER_KEYS).as("union wrapper in %s", node)
            .doesNotContain(node.fieldNames().next());
      }
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        assertNoUnionWrappers(property.getValue());
      }
    } else if (node.isArray()) {
      node.forEach(AvroJsonTest::assertNoUnionWrappers);
    }
  }
}
