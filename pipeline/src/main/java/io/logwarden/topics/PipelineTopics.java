package io.logwarden.topics;

import io.logwarden.policy.Policy;
import io.logwarden.policy.Store;
import io.logwarden.schema.Alert;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import io.logwarden.policy.TopicSpec;
import io.logwarden.schema.registry.SchemaRegistry;
import io.logwarden.schema.serde.Encoding;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.schema.serde.TrustedRecordClasses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topics the topologies read and write, with their serdes, derived from the policy.
 *
 * @param rawPattern the raw topics, {@code logs.raw.*} by default; values are raw bytes
 * @param stores store id to store topic, keyed by event id
 * @param securityEvents sign-ins, admin actions, configuration changes; keyed by actor
 * @param alerts detections, keyed by alert id
 * @param deadLetter records that could not become events, keyed by their provenance
 */
public record PipelineTopics(
    Pattern rawPattern,
    Map<String, Topic<String, LogEvent>> stores,
    Topic<String, LogEvent> securityEvents,
    Topic<String, Alert> alerts,
    Topic<String, DeadLetter> deadLetter) {

  static {
    // Avro refuses to instantiate classes that are not on its allow-list; ours must be.
    TrustedRecordClasses.trustLogwardenRecords();
  }

  public PipelineTopics {
    stores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stores));
  }

  /**
   * The topics of a policy that needs no schema registry.
   *
   * @throws IllegalArgumentException when a topic of the policy is in the avro-registry encoding
   */
  public static PipelineTopics from(Policy policy) {
    return from(policy, null);
  }

  /**
   * The topics of a policy, each writing its encoding.
   *
   * @param registry the schema registry, or null when none is configured
   * @throws IllegalArgumentException when a topic is in the avro-registry encoding and there is no
   *     registry (the message names the topic)
   */
  public static PipelineTopics from(Policy policy, SchemaRegistry registry) {
    Map<String, Topic<String, LogEvent>> stores = new LinkedHashMap<>();
    for (Store store : policy.stores().values()) {
      stores.put(store.id(), topic(store.topicSpec(), LogEvent.class, registry));
    }
    return new PipelineTopics(
        policy.topics().rawPattern(),
        stores,
        topic(policy.topics().securityEvents(), LogEvent.class, registry),
        topic(policy.topics().alerts(), Alert.class, registry),
        topic(policy.topics().deadLetter(), DeadLetter.class, registry));
  }

  private static <V extends SpecificRecord> Topic<String, V> topic(TopicSpec spec, Class<V> type, SchemaRegistry registry) {
    if (spec.encoding() == Encoding.AVRO_REGISTRY && registry == null) {
      throw new IllegalArgumentException("topic " + spec.name() + " is in the avro-registry encoding, but no "
          + "schema_registry is configured (deployment config)");
    }
    return new Topic<>(spec.name(), Serdes.String(), LogwardenSerdes.of(type, spec.encoding(), registry), spec.encoding());
  }

  /** Every topic of the policy the pipeline writes with a schema, with its encoding. */
  public List<Topic<String, ?>> encoded() {
    List<Topic<String, ?>> all = new ArrayList<>(stores.values());
    all.add(securityEvents);
    all.add(alerts);
    all.add(deadLetter);
    return all;
  }

  /** The store topic of a store id. */
  public Topic<String, LogEvent> store(String storeId) {
    Topic<String, LogEvent> topic = stores.get(storeId);
    if (topic == null) {
      throw new IllegalArgumentException("no store '" + storeId + "' in the policy");
    }
    return topic;
  }
}
