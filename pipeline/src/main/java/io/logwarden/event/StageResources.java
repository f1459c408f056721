package io.logwarden.event;

/**
 * The keys under which the application hands its stages the objects they share, in Kafka Streams'
 * application configs ({@code context.appConfigs()}): processors and dead-letter handlers look them
 * up here, and only the application puts them there. Kept below every stage so that a processor
 * needs nothing of the application's wiring.
 */
public final class StageResources {

  /** The application's Micrometer {@code MeterRegistry}. */
  public static final String METER_REGISTRY = "logwarden.meter.registry";
  /** The application's {@code EventRedactor}. */
  public static final String REDACTOR = "logwarden.redactor";
  /** The process's one {@code SchemaRegistry} client, where the policy uses the avro-registry encoding. */
  public static final String SCHEMA_REGISTRY = "logwarden.schema.registry";
  /** The dead-letter topic's value serializer, in the policy's encoding of that topic. */
  public static final String DEAD_LETTER_SERIALIZER = "logwarden.dead-letter.serializer";
  /** The process's one {@code ClockSkewMetrics} (it bounds the host labels). */
  public static final String CLOCK_SKEW = "logwarden.clock.skew.metrics";
  /** The notify topology's {@code Notifier}: its destinations, routes and delivery. */
  public static final String NOTIFIER = "logwarden.notifier";

  private StageResources() {}
}
