package io.logwarden.schema.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.schema.Alert;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class AvroSingleObjectSerdeTest {

  private static final String TOPIC = "security.events";

  private final Serde<LogEvent> serde = new AvroSingleObjectSerde<>(LogEvent.class);

  @Test
  void roundTripsFullyPopulatedLogEvent() {
    LogEvent event = SampleRecords.logEvent();

    LogEvent decoded = roundTrip(serde, event);

    assertThat(decoded).isEqualTo(event);
    assertThat(decoded.getEventTime()).isEqualTo(SampleRecords.EVENT_TIME);
    assertThat(decoded.getAttributes()).containsEntry("auth.method", "password");
    assertThat(decoded.getError().getStack()).isEqualTo("at sshd.auth(passwd.c:212)");
  }

  @Test
  void roundTripsMinimalLogEvent() {
    LogEvent event = SampleRecords.minimalLogEvent();

    assertThat(roundTrip(serde, event)).isEqualTo(event);
  }

  @Test
  void roundTripsFullyPopulatedAlert() {
    Alert alert = SampleRecords.alert();

    Alert decoded = roundTrip(LogwardenSerdes.alert(), alert);

    assertThat(decoded).isEqualTo(alert);
    assertThat(decoded.getAttack()).containsExactly("T1110.001");
  }

  @Test
  void roundTripsFullyPopulatedDeadLetter() {
    DeadLetter deadLetter = SampleRecords.deadLetter();

    DeadLetter decoded = roundTrip(LogwardenSerdes.deadLetter(), deadLetter);

    assertThat(decoded).isEqualTo(deadLetter);
    assertThat(bytesOf(decoded.getPayload())).containsExactly(SampleRecords.BINARY_PAYLOAD);
  }

  @Test
  void writesSingleObjectHeaderWithFingerprintOfCurrentSchema() {
    byte[] bytes = serde.serializer().serialize(TOPIC, SampleRecords.logEvent());

    assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0xC3, 0x01);
    long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertThat(fingerprint).isEqualTo(SchemaNormalization.parsingFingerprint64(LogEvent.SCHEMA$));
  }

  @Test
  void writesTheSameBytesAsAvrosOwnSingleObjectEncoder() {
    LogEvent large = SampleRecords.logEvent();
    // Longer than the buffer a thread starts with and the one it keeps afterwards.
    large.setMessage("x".repeat(100_000));
    for (LogEvent event : List.of(SampleRecords.logEvent(), SampleRecords.minimalLogEvent(), large,
        SampleRecords.minimalLogEvent())) {
      assertThat(serde.serializer().serialize(TOPIC, event))
          .as("event %s", event.getEventId())
          .containsExactly(encode(LogEvent.getEncoder(), event));
    }
    assertThat(LogwardenSerdes.alert().serializer().serialize(TOPIC, SampleRecords.alert()))
        .containsExactly(encode(Alert.getEncoder(), SampleRecords.alert()));
  }

  @Test
  void aFailedEncodingLeavesNothingBehindForTheNextRecord() {
    LogEvent broken = SampleRecords.logEvent();
    // Origin comes late in the schema: the fields before it sit in the encoder's buffer.
    broken.setOrigin(null);

    assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, broken))
        .isExactlyInstanceOf(SerializationException.class);
    assertThat(serde.serializer().serialize(TOPIC, SampleRecords.minimalLogEvent()))
        .containsExactly(encode(LogEvent.getEncoder(), SampleRecords.minimalLogEvent()));
  }

  @Test
  void nullIsTombstoneBothWays() {
    assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
    assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
  }

  @Test
  void rejectsEmptyValue() {
    assertDecodeFails(new byte[0], "empty value");
  }

  @Test
  void rejectsJsonText() {
    byte[] json = "{\"event_id\":\"a3f1\",\"message\":\"secret-ish\"}"
        .getBytes(StandardCharsets.UTF_8);

    String message = assertDecodeFails(json,
        "not Avro single-object encoding (expected header C3 01, got 7B 22)");

    assertThat(message).doesNotContain("event_id").doesNotContain("secret-ish");
  }

  @Test
  void rejectsOneByteValue() {
    assertDecodeFails(new byte[] {0x41},
        "not Avro single-object encoding (expected header C3 01, got 41)");
  }

  @Test
  void rejectsUnknownFingerprint() {
    Schema foreign = SchemaBuilder.record("Invoice").namespace("com.example.billing").fields()
        .requiredString("number").requiredLong("cents").endRecord();
    GenericRecord invoice = new GenericData.Record(foreign);
    invoice.put("number", "INV-1");
    invoice.put("cents", 1999L);
    byte[] bytes = encode(new BinaryMessageEncoder<>(GenericData.get(), foreign), invoice);
    long fingerprint = SchemaNormalization.parsingFingerprint64(foreign);

    String message = assertDecodeFails(bytes,
        String.format("unknown schema fingerprint 0x%016x", fingerprint));

    assertThat(message).contains("(not a LogEvent schema this version knows)")
        .doesNotContain("INV-1");
  }

  @Test
  void rejectsTruncatedHeader() {
    byte[] valid = serde.serializer().serialize(TOPIC, SampleRecords.logEvent());

    assertDecodeFails(Arrays.copyOf(valid, 6), "truncated header (6 bytes");
  }

  @Test
  void rejectsTruncatedBody() {
    byte[] valid = serde.serializer().serialize(TOPIC, SampleRecords.logEvent());

    String message = assertDecodeFails(Arrays.copyOf(valid, valid.length / 2),
        "truncated or corrupt body (the data ends before the record does)");

    assertThat(message).doesNotContain("a3f1c2d4e5b60718").doesNotContain("203.0.113.7");
  }

  @Test
  void rejectsHeaderWithoutBody() {
    byte[] valid = serde.serializer().serialize(TOPIC, SampleRecords.logEvent());

    assertDecodeFails(Arrays.copyOf(valid, 10), "truncated or corrupt body");
  }

  @Test
  void rejectsCorruptBodyAfterValidHeader() {
    byte[] bytes = serde.serializer().serialize(TOPIC, SampleRecords.logEvent());
    // A negative length for event_id (zig-zag 0x01 is -1): impossible in valid data.
    bytes[10] = 0x01;

    assertDecodeFails(bytes, "truncated or corrupt body (");
  }

  @Test
  void rejectsBytesLeftOverAfterTheRecord() {
    byte[] valid = serde.serializer().serialize(TOPIC, SampleRecords.logEvent());
    byte[] padded = Arrays.copyOf(valid, valid.length + 3);

    assertDecodeFails(padded, "truncated or corrupt body (3 bytes left over after the record)");
  }

  @Test
  void rejectsRandomBytes() {
    Random random = new Random(20261127L);
    for (int i = 0; i < 200; i++) {
      byte[] bytes = new byte[1 + random.nextInt(64)];
      random.nextBytes(bytes);
      if (i % 2 == 0) {
        // Half of them with the right marker, to get past the first check.
        bytes[0] = (byte) 0xC3;
        if (bytes.length > 1) {
          bytes[1] = 0x01;
        }
      }
      assertDecodeFails(bytes, "Cannot decode");
    }
  }

  @Test
  void rejectsRandomBodyBehindKnownFingerprint() {
    byte[] valid = serde.serializer().serialize(TOPIC, SampleRecords.logEvent());
    byte[] header = Arrays.copyOf(valid, 10);
    Random random = new Random(7L);
    for (int i = 0; i < 200; i++) {
      byte[] body = new byte[random.nextInt(48)];
      random.nextBytes(body);
      byte[] bytes = Arrays.copyOf(header, header.length + body.length);
      System.arraycopy(body, 0, bytes, header.length, body.length);
      assertDecodeFails(bytes, "Cannot decode");
    }
  }

  @Test
  void serializerReportsRequiredFieldThatIsNull() {
    LogEvent event = SampleRecords.logEvent();
    event.setEventId(null);

    assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, event))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageStartingWith(
            "Cannot encode io.logwarden.schema.LogEvent for topic 'security.events': "
                + "a required field is null")
        .hasMessageContaining("event_id");
  }

  @Test
  void decodesDataWrittenWithEachReleasedSchema() throws IOException {
    assertReleasedVersionsDecode(serde, SampleRecords.logEvent());
    assertReleasedVersionsDecode(LogwardenSerdes.alert(), SampleRecords.alert());
    assertReleasedVersionsDecode(LogwardenSerdes.deadLetter(), SampleRecords.deadLetter());
  }

  @Test
  void decodesOlderWriterSchemaOnlyWhenRegistered() throws IOException {
    // An "earlier version" of LogEvent without two fields that have defaults.
    Schema older = withoutFields(LogEvent.SCHEMA$, "clock_skew_ms", "flags");
    byte[] bytes = encode(new BinaryMessageEncoder<>(GenericData.get(), older),
        project(SampleRecords.logEvent(), older));

    LogEvent decoded = new AvroSingleObjectSerde<>(LogEvent.class, List.of(older))
        .deserializer().deserialize(TOPIC, bytes);

    assertThat(decoded.getClockSkewMs()).isZero();
    assertThat(decoded.getFlags()).isEmpty();
    assertThat(decoded.getEventTime()).isEqualTo(SampleRecords.EVENT_TIME);
    assertThat(decoded.getActor().getUser()).isEqualTo("u_9c41e07b");
    assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown schema fingerprint");
  }

  @Test
  void refusesWriterSchemaTheCurrentOneCannotRead() {
    Schema unreadable = SchemaBuilder.record("LogEvent").namespace("io.logwarden.schema").fields()
        .requiredInt("event_id").endRecord();

    assertThatThrownBy(() -> new AvroSingleObjectSerde<>(LogEvent.class, List.of(unreadable)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot read data written with writer schema 0x")
        .hasMessageContaining("TYPE_MISMATCH at /fields/0/type");
  }

  @Test
  void oneInstanceIsSafeToShareBetweenThreads() throws Exception {
    List<LogEvent> events = List.of(SampleRecords.logEvent(), SampleRecords.minimalLogEvent());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        LogEvent event = events.get(t % 2);
        results.add(pool.submit(() -> {
          for (int i = 0; i < 500; i++) {
            if (!event.equals(roundTrip(serde, event))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T extends SpecificRecord> T roundTrip(Serde<T> serde, T record) {
    byte[] bytes = serde.serializer().serialize(TOPIC, record);
    return serde.deserializer().deserialize(TOPIC, bytes);
  }

  private String assertDecodeFails(byte[] bytes, String expectedProblem) {
    return assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
        .as("decoding %d bytes", bytes.length)
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageStartingWith(
            "Cannot decode io.logwarden.schema.LogEvent from topic 'security.events': ")
        .hasMessageContaining(expectedProblem)
        .actual().getMessage();
  }

  /** Writes {@code record} with every released schema of its type and decodes it with the serde. */
  private static <T extends SpecificRecord> void assertReleasedVersionsDecode(Serde<T> serde,
      T record) throws IOException {
    List<Schema> released = ReleasedSchemas.of(record.getClass().asSubclass(SpecificRecord.class));
    assertThat(released).as("released schemas of %s", record.getSchema().getName()).isNotEmpty();
    for (Schema writer : released) {
      GenericRecord written = project(record, writer);
      byte[] bytes = encode(new BinaryMessageEncoder<>(GenericData.get(), writer), written);

      T decoded = serde.deserializer().deserialize(TOPIC, bytes);

      // Compared as plain JSON, field by field of the released schema: generic records hold raw
      // longs where the specific ones hold Instants.
      ObjectNode expected = AvroJson.toJsonNode(written);
      ObjectNode actual = AvroJson.toJsonNode(decoded);
      for (Schema.Field field : writer.getFields()) {
        assertThat(actual.get(field.name()))
            .as("%s.%s", writer.getName(), field.name())
            .isEqualTo(expected.get(field.name()));
      }
    }
  }

  /** The record as a generic record of {@code target}, an older or equal shape of its schema. */
  private static GenericRecord project(SpecificRecord record, Schema target) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
    new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
    encoder.flush();
    return new GenericDatumReader<GenericRecord>(record.getSchema(), target, GenericData.get())
        .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
  }

  private static Schema withoutFields(Schema schema, String... names) {
    List<String> dropped = Arrays.asList(names);
    List<Schema.Field> kept = schema.getFields().stream()
        .filter(f -> !dropped.contains(f.name()))
        .map(f -> new Schema.Field(f, f.schema()))
        .collect(Collectors.toList());
    return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false,
        kept);
  }

  private static <D> byte[] encode(BinaryMessageEncoder<D> encoder, D datum) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      encoder.encode(datum, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] bytesOf(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
