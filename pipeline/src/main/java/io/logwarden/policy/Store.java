package io.logwarden.policy;

import io.logwarden.schema.serde.Encoding;
import java.util.List;
import java.util.Objects;

/**
 * A log or telemetry store of the policy (Better Stack, Sentry, ...): what it holds, how long, and
 * the Kafka topic that feeds it.
 *
 * @param id short key used in routing and topic names, e.g. {@code betterstack}
 * @param displayName the store's name in the policy, e.g. {@code Better Stack}
 * @param data what data the store holds, as the policy words it
 * @param retention how long the store keeps data
 * @param topic the store topic (compacted and deleted, keyed by event id)
 * @param underReview whether the policy marks this store's retention as under review
 * @param note the policy's remark about the store, if any
 * @param encoding how the store topic's values are written ({@code json} by default, for the tools
 *     that carry events to the store)
 */
public record Store(
    String id,
    String displayName,
    List<String> data,
    Retention retention,
    String topic,
    boolean underReview,
    String note,
    Encoding encoding) {

  public Store {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    data = List.copyOf(data);
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(encoding, "encoding");
  }

  /** The store topic's spec: always {@code compact,delete} (a replay compacts to one copy per event id). */
  public TopicSpec topicSpec() {
    return new TopicSpec(topic, CleanupPolicy.COMPACT_DELETE, retention, encoding);
  }
}
