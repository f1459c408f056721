package io.logwarden.topics;

import io.logwarden.policy.Policy;
import io.logwarden.policy.Store;
import io.logwarden.schema.Alert;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.schema.serde.TrustedRecordClasses;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
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

  /** The topics of a policy. */
  public static PipelineTopics from(Policy policy) {
    Map<String, Topic<String, LogEvent>> stores = new LinkedHashMap<>();
    for (Store store : policy.stores().values()) {
      stores.put(store.id(), new Topic<>(store.topic(), Serdes.String(), LogwardenSerdes.logEvent()));
    }
    return new PipelineTopics(
        policy.topics().rawPattern(),
        stores,
        new Topic<>(policy.topics().securityEvents().name(), Serdes.String(), LogwardenSerdes.logEvent()),
        new Topic<>(policy.topics().alerts().name(), Serdes.String(), LogwardenSerdes.alert()),
        new Topic<>(policy.topics().deadLetter().name(), Serdes.String(), LogwardenSerdes.deadLetter()));
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
