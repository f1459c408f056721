package io.logwarden.config;

import io.logwarden.deadletter.DeadLetterDeserializationHandler;
import io.logwarden.deadletter.DeadLetterProcessingHandler;
import io.logwarden.deadletter.DeadLetterProductionHandler;
import io.logwarden.event.StageResources;
import io.logwarden.schema.registry.SchemaRegistry;
import io.logwarden.topics.PipelineTopics;
import io.logwarden.normalize.ClockSkewMetrics;
import io.logwarden.policy.Policy;
import io.logwarden.redact.EventRedactor;
import io.logwarden.topology.TopologyKind;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams configuration of one topology, derived from the config and the policy. */
public final class StreamsProperties {

  /** How often the raw-topic pattern is re-evaluated against the cluster's topics. */
  public static final int METADATA_MAX_AGE_MS = 10_000;
  /**
   * How long a stream thread blocks in poll waiting for input. A thread commits only between polls:
   * with Kafka Streams' default of 100 ms, a thread whose input comes in bursts (under exactly-once,
   * at each upstream commit) commits up to 100 ms after its commit interval, and an alert waits for
   * three such commits (normalize, detect's repartition, the rule).
   */
  public static final long POLL_MS = 10;
  /**
   * The detect topology's commit interval under exactly-once. Its output is alerts, and an alert
   * waits for two of its commits (the rule's repartition, then the rule), each readable only once
   * committed; Kafka Streams' 100 ms default stays for normalize, whose commits are the costlier
   * (every store's partitions in each transaction).
   */
  public static final long DETECT_COMMIT_INTERVAL_MS = 50;
  /**
   * The normalize topology's {@code max.task.idle.ms}: never hold a task back for an input partition
   * with no records buffered. A normalize task reads one partition of every raw topic the pattern
   * matches, and its records are independent of each other, so it gains nothing from Kafka Streams'
   * default (0), which holds the whole task back while any of its partitions has records on the
   * broker not yet fetched, and which (Kafka Streams 4.3) formats a log message for each of its
   * empty partitions every time it checks whether the task can process (profiles of 2026-11-28,
   * section 7). Detect keeps the default: its rule for a configuration change after a suspicious
   * sign-in reads five topics and relies on their records meeting in time order.
   */
  public static final long NORMALIZE_MAX_TASK_IDLE_MS = StreamsConfig.MAX_TASK_IDLE_MS_DISABLED;
  /**
   * The notify topology's commit interval: a notification delivered but not yet committed when the
   * instance dies is sent again by the next one (at-least-once), so commit often; its commits are
   * cheap (offsets only, no state, no transaction).
   */
  public static final long NOTIFY_COMMIT_INTERVAL_MS = 1_000;
  /**
   * The notify topology's {@code max.poll.records}: each record may wait for its destinations (at
   * most the longest delivery timeout), so fetch few at a time.
   */
  public static final int NOTIFY_MAX_POLL_RECORDS = 50;

  private StreamsProperties() {}

  public static Properties of(LogwardenConfig config, TopologyKind kind, Policy policy, MeterRegistry meters) {
    return of(config, kind, policy, meters, null);
  }

  /**
   * @param registry the process's schema registry client, or null when none is configured (then no
   *     topic of the policy may be in the avro-registry encoding)
   */
  public static Properties of(
      LogwardenConfig config, TopologyKind kind, Policy policy, MeterRegistry meters, SchemaRegistry registry) {
    Properties props = new Properties();
    // Client settings first (TLS, SASL, ...), so the pipeline's own settings below win.
    props.putAll(io.logwarden.cluster.KafkaClientProperties.withConfigProviders(config.kafka()));
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId() + "-" + kind.id());
    props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().resolve(kind.id()).toString());
    // Notifications are HTTP requests and file writes, outside any Kafka transaction: exactly-once
    // cannot cover them, and a transaction open while a destination is retried would time out.
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        kind == TopologyKind.NOTIFY ? StreamsConfig.AT_LEAST_ONCE : config.processingGuarantee());
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    // Alert latency's defaults; `kafka:` may set either for both topologies, to trade it for throughput.
    props.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, POLL_MS);
    if (kind == TopologyKind.DETECT && config.processingGuarantee().equals(StreamsConfig.EXACTLY_ONCE_V2)) {
      props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, DETECT_COMMIT_INTERVAL_MS);
    }
    if (kind == TopologyKind.NORMALIZE) {
      props.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, NORMALIZE_MAX_TASK_IDLE_MS);
    }
    if (kind == TopologyKind.NOTIFY) {
      props.putIfAbsent(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, NOTIFY_COMMIT_INTERVAL_MS);
      props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, NOTIFY_MAX_POLL_RECORDS);
    }
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) policy.topics().replicationFactor());
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, policy.topics().deadLetter().name());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    // Kafka Streams (4.3) checks it again in the config its partition assignor builds from the main
    // consumer's settings, and warns at every start that it is not set: it is, so say it there too.
    props.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
    props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
    // New raw topics must be found within seconds, not the default five minutes.
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.METADATA_MAX_AGE_CONFIG), METADATA_MAX_AGE_MS);
    if (config.rocksDbMemoryMb() > 0) {
      // One budget for all the process's RocksDB stores, outside the heap.
      props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class);
      props.put(BoundedRocksDbMemory.MEMORY_BYTES_CONFIG, config.rocksDbMemoryMb() * 1024L * 1024L);
    }
    props.put(StageResources.METER_REGISTRY, meters);
    props.put(StageResources.REDACTOR, new EventRedactor(config.pseudonymKey(), policy.redaction(), meters));
    props.put(StageResources.CLOCK_SKEW, clockSkew(meters));
    if (registry != null) {
      props.put(StageResources.SCHEMA_REGISTRY, registry);
    }
    props.put(StageResources.DEAD_LETTER_SERIALIZER,
        PipelineTopics.from(policy, registry).deadLetter().valueSerde().serializer());
    return props;
  }

  private static final Map<MeterRegistry, ClockSkewMetrics> CLOCK_SKEW_BY_REGISTRY =
      Collections.synchronizedMap(new WeakHashMap<>());

  // One per registry, so that the host bound holds across the topologies and runtimes of a process.
  private static ClockSkewMetrics clockSkew(MeterRegistry meters) {
    return CLOCK_SKEW_BY_REGISTRY.computeIfAbsent(meters, ClockSkewMetrics::new);
  }
}
