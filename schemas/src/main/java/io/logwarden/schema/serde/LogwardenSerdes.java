package io.logwarden.schema.serde;

import io.logwarden.schema.Alert;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.detect.DetectionSignal;
import io.logwarden.schema.detect.RuleKeyState;
import org.apache.kafka.common.serialization.Serde;

/** Serdes of logwarden's topic records, each a new {@link AvroSingleObjectSerde}. */
public final class LogwardenSerdes {

  static {
    // All three at once, so that once any of these serdes exists the builders of every topic
    // record work too (filling in an enum default makes Avro load the enum's class).
    TrustedRecordClasses.trustLogwardenRecords();
  }

  private LogwardenSerdes() {}

  /** Serde of {@link LogEvent}, the records of the event topics. */
  public static Serde<LogEvent> logEvent() {
    return new AvroSingleObjectSerde<>(LogEvent.class);
  }

  /** Serde of {@link Alert}, the records of the alerts topic. */
  public static Serde<Alert> alert() {
    return new AvroSingleObjectSerde<>(Alert.class);
  }

  /** Serde of {@link DetectionSignal}, internal to the detect topology (repartition topics, window stores). */
  public static Serde<DetectionSignal> detectionSignal() {
    return new AvroSingleObjectSerde<>(DetectionSignal.class);
  }

  /** Serde of {@link RuleKeyState}, internal to the detect topology (per-key rule state). */
  public static Serde<RuleKeyState> ruleKeyState() {
    return new AvroSingleObjectSerde<>(RuleKeyState.class);
  }

  /** Serde of {@link DeadLetter}, the records of the dead-letter topic. */
  public static Serde<DeadLetter> deadLetter() {
    return new AvroSingleObjectSerde<>(DeadLetter.class);
  }
}
