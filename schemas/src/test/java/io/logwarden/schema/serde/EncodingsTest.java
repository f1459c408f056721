package io.logwarden.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.schema.Alert;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.registry.SchemaRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The three encodings of a topic's values, written and read back, and told apart by their bytes. */
class EncodingsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void jsonIsThePlainRenderingAndReadsBackEqualForEveryTopicRecord() throws Exception {
    for (org.apache.avro.specific.SpecificRecord record : List.of(SampleRecords.logEvent(),
        SampleRecords.minimalLogEvent(), SampleRecords.alert(), SampleRecords.deadLetter())) {
      byte[] bytes = new JsonRecordSerializer<>().serialize("t", record);
      assertThat(JSON.readTree(bytes)).isEqualTo(JSON.readTree(AvroJson.toJson(record)));
      assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("{\"");
      @SuppressWarnings("unchecked")
      Class<org.apache.avro.specific.SpecificRecord> type =
          (Class<org.apache.avro.specific.SpecificRecord>) record.getClass();
      Object back = new JsonRecordDeserializer<>(type).deserialize("t", bytes);
      // Timestamp-millis fields keep milliseconds only, as in Avro itself.
      assertThat(back).isEqualTo(avroRoundTrip(record));
    }
  }

  @Test
  void jsonReaderTakesDefaultsForMissingFieldsAndIgnoresUnknownOnes() throws Exception {
    Alert alert = SampleRecords.alert();
    com.fasterxml.jackson.databind.node.ObjectNode tree = AvroJson.toJsonNode(alert);
    tree.remove("distinct_count_capped");   // written by an older release
    tree.remove("escalation_step");
    tree.put("added_by_a_newer_release", "x");
    Alert back = new JsonRecordReader<>(Alert.class).read(JSON.writeValueAsBytes(tree));
    assertThat(back.getDistinctCountCapped()).isNull();
    assertThat(back.getEscalationStep()).isNull();
    assertThat(back.getAlertId()).isEqualTo(alert.getAlertId());
  }

  @Test
  void jsonReaderRefusesWrongShapesNamingThePathNeverTheValue() {
    JsonRecordReader<Alert> reader = new JsonRecordReader<>(Alert.class);
    com.fasterxml.jackson.databind.node.ObjectNode tree = AvroJson.toJsonNode(SampleRecords.alert());
    tree.put("count", "s3cr3t-value");
    assertThatThrownBy(() -> reader.read(tree))
        .hasMessageContaining("Alert.count").hasMessageContaining("a whole number").hasMessageNotContaining("s3cr3t");
    com.fasterxml.jackson.databind.node.ObjectNode missing = AvroJson.toJsonNode(SampleRecords.alert());
    missing.remove("alert_id");
    assertThatThrownBy(() -> reader.read(missing)).hasMessageContaining("Alert.alert_id is missing");
    com.fasterxml.jackson.databind.node.ObjectNode badEnum = AvroJson.toJsonNode(SampleRecords.alert());
    badEnum.put("severity", "APOCALYPTIC");
    assertThatThrownBy(() -> reader.read(badEnum)).hasMessageContaining("Alert.severity").hasMessageNotContaining("APOCALYPTIC");
    com.fasterxml.jackson.databind.node.ObjectNode badTime = AvroJson.toJsonNode(SampleRecords.alert());
    badTime.put("first_seen", "yesterday, password=hunter2");
    assertThatThrownBy(() -> reader.read(badTime)).hasMessageContaining("first_seen").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> reader.read("[1,2]".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> reader.read("{\"alert_id\": \"x\" trailing".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not JSON").hasMessageNotContaining("trailing");
  }

  @Test
  void timestampsAreWrittenAsTheIsoFormatterWritesThemForAnyMillisecond() {
    DateTimeFormatter iso = AvroJson.instantFormatter(3);
    Random random = new Random(7);
    List<Long> millis = new ArrayList<>(List.of(0L, -1L, 1L, 86_399_999L, 86_400_000L, -86_400_000L,
        951_782_400_000L /* 2000-02-29 */, 4_107_542_400_000L /* 2100-03-01 */, -62_167_219_200_000L,
        -62_167_219_200_001L, 253_402_300_799_999L, 253_402_300_800_000L, Long.MAX_VALUE / 4, Long.MIN_VALUE / 4));
    for (int i = 0; i < 200_000; i++) {
      millis.add(random.nextLong() % 400_000_000_000_000L);
    }
    for (long value : millis) {
      assertThat(IsoTimes.format(value)).as("%d", value).isEqualTo(iso.format(Instant.ofEpochMilli(value)));
      Instant instant = Instant.ofEpochMilli(value).plusNanos(random.nextInt(1_000_000));
      assertThat(IsoTimes.format(instant)).as("%s", instant).isEqualTo(iso.format(instant));
      for (int digits : new int[] {6, 9}) {
        assertThat(IsoTimes.format(instant.getEpochSecond(), instant.getNano(), digits)).as("%s to %d digits", instant, digits)
            .isEqualTo(AvroJson.instantFormatter(digits).format(instant));
      }
    }
  }

  @Test
  void everyReaderReadsEveryEncodingToldApartByItsFirstBytes() {
    InMemoryRegistry registry = new InMemoryRegistry();
    LogEvent event = SampleRecords.logEvent();
    LogEvent expected = avroRoundTrip(event);
    for (Encoding written : Encoding.values()) {
      byte[] bytes = LogwardenSerdes.of(LogEvent.class, written, registry).serializer().serialize("store.x", event);
      assertThat(Encoding.of(bytes)).isEqualTo(written);
      for (Encoding configured : Encoding.values()) {
        Serde<LogEvent> reader = LogwardenSerdes.of(LogEvent.class, configured, registry);
        assertThat(reader.deserializer().deserialize("store.x", bytes)).as("%s read by %s", written, configured)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void aRegistryRecordWithoutARegistryIsAClearErrorAndGarbageIsNamedByItsKind() {
    byte[] bytes = LogwardenSerdes.of(Alert.class, Encoding.AVRO_REGISTRY, new InMemoryRegistry())
        .serializer().serialize("security.alerts", SampleRecords.alert());
    assertThatThrownBy(() -> LogwardenSerdes.alert().deserializer().deserialize("security.alerts", bytes))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("avro-registry encoding (schema id 1)").hasMessageContaining("no schema_registry");
    assertThatThrownBy(() -> LogwardenSerdes.alert().deserializer().deserialize("security.alerts",
        "password=hunter2".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(SerializationException.class).hasMessageContaining("not JSON").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> LogwardenSerdes.of(Alert.class, Encoding.AVRO_REGISTRY, null))
        .hasMessageContaining("schema registry");
  }

  @Test
  void registryEncodingIsTheWireFormatWithTheSubjectsIdAndEncodesARecordOncePerThread() {
    InMemoryRegistry registry = new InMemoryRegistry();
    RegistryAvroSerializer<LogEvent> serializer = new RegistryAvroSerializer<>(LogEvent.class, registry);
    LogEvent event = SampleRecords.logEvent();
    registry.idFor("other-value", Alert.getClassSchema());   // ids are global: this takes id 1
    byte[] first = serializer.serialize("store.a", event);
    byte[] second = serializer.serialize("store.b", event);
    assertThat(first[0]).isZero();
    assertThat(RegistryAvroSerializer.schemaIdOf(first)).isEqualTo(2);
    assertThat(registry.subjects).containsKeys("store.a-value", "store.b-value");
    // The same schema under a second subject keeps its id (as Confluent's registry does), and the
    // body is the same bytes: only the header could differ.
    assertThat(second).isEqualTo(first);
    byte[] avro = new AvroSingleObjectSerializer<>(LogEvent.class).serialize("t", event);
    assertThat(java.util.Arrays.copyOfRange(first, 5, first.length)).isEqualTo(java.util.Arrays.copyOfRange(avro, 10, avro.length));
    // Mutating the returned bytes does not change what the next topic gets.
    first[5] ^= 1;
    assertThat(serializer.serialize("store.c", event)).isEqualTo(second);
  }

  @Test
  void aWireFormatRecordOfAnOlderWriterSchemaResolvesToTheCurrentOne() throws Exception {
    InMemoryRegistry registry = new InMemoryRegistry();
    Schema v1 = ReleasedSchemas.of(Alert.class).stream().filter(s -> s.getField("escalation_step") == null)
        .findFirst().orElseThrow();
    int id = registry.idFor("security.alerts-value", v1);
    org.apache.avro.generic.GenericRecord old = new org.apache.avro.generic.GenericData.Record(v1);
    Alert current = SampleRecords.alert();
    for (Schema.Field field : v1.getFields()) {
      Object value = current.get(current.getSchema().getField(field.name()).pos());
      if (value instanceof Instant instant) {
        value = instant.toEpochMilli();
      } else if (value instanceof Enum<?> symbol) {
        value = new org.apache.avro.generic.GenericData.EnumSymbol(field.schema(), symbol.name());
      }
      old.put(field.name(), value);
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(new byte[] {0, 0, 0, 0, (byte) id});
    org.apache.avro.io.BinaryEncoder encoder = org.apache.avro.io.EncoderFactory.get().binaryEncoder(out, null);
    new org.apache.avro.generic.GenericDatumWriter<org.apache.avro.generic.GenericRecord>(v1).write(old, encoder);
    encoder.flush();
    Alert read = new RegistryAvroDeserializer<>(Alert.class, registry).deserialize("security.alerts", out.toByteArray());
    assertThat(read.getAlertId()).isEqualTo(current.getAlertId());
    assertThat(read.getEscalationStep()).isNull();
  }

  private static <T extends org.apache.avro.specific.SpecificRecord> T avroRoundTrip(T record) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) record.getClass();
    return new AvroSingleObjectDeserializer<>(type).deserialize("t",
        new AvroSingleObjectSerializer<>(type).serialize("t", record));
  }

  /** Ids global and stable per schema, as a Confluent-compatible registry assigns them. */
  static final class InMemoryRegistry implements SchemaRegistry {
    final Map<String, List<Integer>> subjects = new HashMap<>();
    private final List<Schema> schemas = new ArrayList<>();

    @Override
    public synchronized int idFor(String subject, Schema schema) {
      int index = schemas.indexOf(schema);
      if (index < 0) {
        schemas.add(schema);
        index = schemas.size() - 1;
      }
      subjects.computeIfAbsent(subject, s -> new ArrayList<>()).add(index + 1);
      return index + 1;
    }

    @Override
    public synchronized Schema schemaById(int id) {
      return schemas.get(id - 1);
    }
  }
}
