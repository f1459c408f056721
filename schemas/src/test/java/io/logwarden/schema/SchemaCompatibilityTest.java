package io.logwarden.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.logwarden.schema.serde.ReleasedSchemas;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The current schemas must read data written with every released schema. */
class SchemaCompatibilityTest {

  private static final List<Class<? extends SpecificRecord>> TOPIC_RECORDS =
      List.of(LogEvent.class, Alert.class, DeadLetter.class);

  static Stream<Arguments> releasedVersions() {
    List<Arguments> cases = new ArrayList<>();
    for (Class<? extends SpecificRecord> type : TOPIC_RECORDS) {
      Schema current = SpecificData.get().getSchema(type);
      List<Schema> released = ReleasedSchemas.of(type);
      for (int i = 0; i < released.size(); i++) {
        cases.add(Arguments.of(type.getSimpleName() + " v" + (i + 1), current, released.get(i)));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "current {0} reads data written with released {0}")
  @MethodSource("releasedVersions")
  void currentSchemaReadsReleasedVersion(String release, Schema current, Schema released) {
    assertCurrentReadsReleased(release, current, released);
  }

  @Test
  void everyTopicRecordHasAReleasedSchema() {
    for (Class<? extends SpecificRecord> type : TOPIC_RECORDS) {
      assertThat(ReleasedSchemas.of(type)).as("released schemas of %s", type.getSimpleName())
          .isNotEmpty()
          .allSatisfy(s -> assertThat(s.getFullName()).isEqualTo(type.getName()));
    }
  }

  @Test
  void typeThatWasNeverReleasedHasNoReleasedSchemas() {
    assertThat(ReleasedSchemas.of(Actor.class)).isEmpty();
  }

  @Test
  void checkReportsRequiredFieldAddedWithoutDefault() {
    Schema released = ReleasedSchemas.of(LogEvent.class).get(0);
    Schema broken = withExtraField(LogEvent.SCHEMA$,
        new Schema.Field("tenant", Schema.create(Schema.Type.STRING), "Owning tenant."));

    assertThatThrownBy(() -> assertCurrentReadsReleased("LogEvent v1", broken, released))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("LogEvent v1")
        .hasMessageContaining("READER_FIELD_MISSING_DEFAULT_VALUE")
        .hasMessageContaining("tenant")
        .hasMessageContaining("may only evolve backward-compatibly");
  }

  @Test
  void checkAcceptsFieldAddedWithDefault() {
    Schema released = ReleasedSchemas.of(LogEvent.class).get(0);
    Schema evolved = withExtraField(LogEvent.SCHEMA$,
        new Schema.Field("tenant", Schema.create(Schema.Type.STRING), "Owning tenant.", "default"));

    assertThatCode(() -> assertCurrentReadsReleased("LogEvent v1", evolved, released))
        .doesNotThrowAnyException();
  }

  /** Fails, listing the incompatibilities, unless {@code current} reads {@code released} data. */
  static void assertCurrentReadsReleased(String release, Schema current, Schema released) {
    SchemaPairCompatibility result =
        SchemaCompatibility.checkReaderWriterCompatibility(current, released);
    if (result.getType() == SchemaCompatibilityType.COMPATIBLE) {
      return;
    }
    String problems = result.getResult().getIncompatibilities().stream()
        .map(SchemaCompatibilityTest::describe)
        .collect(Collectors.joining("\n"));
    fail("The current schema cannot read data written with released " + release + ":\n"
        + problems + "\n"
        + "A released schema may only evolve backward-compatibly: add fields with defaults, "
        + "remove fields that have defaults, add enum symbols (the enums have a default), "
        + "widen types (int to long, float to double); never rename, retype or add a field "
        + "without a default. Topics keep data written by every released version.");
  }

  private static String describe(Incompatibility incompatibility) {
    return "  - " + incompatibility.getType() + " at " + incompatibility.getLocation() + ": "
        + incompatibility.getMessage();
  }

  private static Schema withExtraField(Schema record, Schema.Field extra) {
    List<Schema.Field> fields = record.getFields().stream()
        .map(f -> new Schema.Field(f, f.schema()))
        .collect(Collectors.toCollection(ArrayList::new));
    fields.add(extra);
    return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false,
        fields);
  }
}
