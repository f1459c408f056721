package io.logwarden.schema.serde;

import io.logwarden.schema.Alert;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.detect.DetectionSignal;
import io.logwarden.schema.detect.RuleKeyState;
import io.logwarden.schema.registry.SchemaRegistry;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serdes of logwarden's topic records: in a chosen {@link Encoding} for the topics others read
 * ({@link #of}), and in Avro single-object encoding for internal topics and state.
 */
public final class LogwardenSerdes {

  static {
    // All three at once, so that once any of these serdes exists the builders of every topic
    // record work too (filling in an enum default makes Avro load the enum's class).
    TrustedRecordClasses.trustLogwardenRecords();
  }

  private LogwardenSerdes() {}

  /** Serde of {@link LogEvent}, the records of the event topics: writes Avro, reads any encoding. */
  public static Serde<LogEvent> logEvent() {
    return of(LogEvent.class, Encoding.AVRO, null);
  }

  /** Serde of {@link Alert}, the records of the alerts topic: writes Avro, reads any encoding. */
  public static Serde<Alert> alert() {
    return of(Alert.class, Encoding.AVRO, null);
  }

  /** Serde of {@link DetectionSignal}, internal to the detect topology (repartition topics, window stores). */
  public static Serde<DetectionSignal> detectionSignal() {
    return new AvroSingleObjectSerde<>(DetectionSignal.class);
  }

  /** Serde of {@link RuleKeyState}, internal to the detect topology (per-key rule state). */
  public static Serde<RuleKeyState> ruleKeyState() {
    return new AvroSingleObjectSerde<>(RuleKeyState.class);
  }

  /** Serde of {@link DeadLetter}, the records of the dead-letter topic: writes Avro, reads any encoding. */
  public static Serde<DeadLetter> deadLetter() {
    return of(DeadLetter.class, Encoding.AVRO, null);
  }

  /**
   * A serde of {@code type} that writes {@code encoding} and reads any of the three encodings (see
   * {@link AnyEncodingDeserializer}), for Java consumers of logwarden's topics as for logwarden itself.
   *
   * @param registry the schema registry; required for {@link Encoding#AVRO_REGISTRY}, and where
   *     given, records in that encoding can be read whatever {@code encoding} is
   * @throws IllegalArgumentException when {@code encoding} is avro-registry and there is no registry
   */
  public static <T extends SpecificRecord> Serde<T> of(Class<T> type, Encoding encoding, SchemaRegistry registry) {
    Objects.requireNonNull(type, "type");
    Serializer<T> serializer = switch (Objects.requireNonNull(encoding, "encoding")) {
      case JSON -> new JsonRecordSerializer<>();
      case AVRO -> new AvroSingleObjectSerializer<>(type);
      case AVRO_REGISTRY -> {
        if (registry == null) {
          throw new IllegalArgumentException("the avro-registry encoding needs a schema registry (schema_registry: in "
              + "the deployment config)");
        }
        yield new RegistryAvroSerializer<>(type, registry);
      }
    };
    return Serdes.serdeFrom(serializer, new AnyEncodingDeserializer<>(type, registry));
  }
}
