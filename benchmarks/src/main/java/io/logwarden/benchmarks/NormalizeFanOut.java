package io.logwarden.benchmarks;

import io.logwarden.policy.Policy;
import io.logwarden.policy.SecurityRelevance;
import io.logwarden.policy.Store;
import io.logwarden.schema.LogEvent;
import io.logwarden.topics.PipelineTopics;
import io.logwarden.topics.Topic;
import io.logwarden.schema.serde.Encoding;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.logwarden.topology.EncodeOnce;
import io.logwarden.topology.StoreRouting;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The normalize topology's fan-out of one event, outside Kafka Streams, for the benchmarks: the
 * destinations its filters choose ({@link StoreRouting} for the store topics, {@link
 * SecurityRelevance} for the security-events topic, keyed by actor) and the bytes its sinks write (the
 * key serdes of the topics and the value serializers, one {@link EncodeOnce} per encoding), in the
 * order of {@code NormalizeTopology.build}'s sinks. It calls the production classes rather than
 * copying them.
 */
public final class NormalizeFanOut {

  private final StoreRouting routing;
  private final SecurityRelevance security;
  private final String[] storeIds;
  private final String[] storeTopics;
  private final List<Serializer<String>> storeKeys = new ArrayList<>();
  private final List<Serializer<LogEvent>> storeValues = new ArrayList<>();
  private final String securityTopic;
  private final Serializer<String> securityKey;
  private final Serializer<LogEvent> securityValues;

  /** The fan-out with the policy's encodings. */
  public NormalizeFanOut(Policy policy) {
    this(policy, null);
  }

  /**
   * The fan-out with every event topic in {@code encoding} instead of the policy's (json or avro;
   * null keeps the policy's), to compare the encodings' cost.
   */
  public NormalizeFanOut(Policy policy, Encoding encoding) {
    PipelineTopics topics = PipelineTopics.from(policy);
    Map<Encoding, Serde<LogEvent>> encodeOnce = new EnumMap<>(Encoding.class);
    routing = new StoreRouting(policy);
    security = new SecurityRelevance(policy.securityRouting());
    List<Store> stores = List.copyOf(policy.stores().values());
    storeIds = new String[stores.size()];
    storeTopics = new String[stores.size()];
    for (int i = 0; i < stores.size(); i++) {
      Topic<String, LogEvent> topic = topics.store(stores.get(i).id());
      storeIds[i] = stores.get(i).id();
      storeTopics[i] = topic.name();
      storeKeys.add(topic.keySerde().serializer());
      storeValues.add(EncodeOnce.serdeFor(encoded(topic, encoding), encodeOnce).serializer());
    }
    securityTopic = topics.securityEvents().name();
    securityKey = topics.securityEvents().keySerde().serializer();
    securityValues = EncodeOnce.serdeFor(encoded(topics.securityEvents(), encoding), encodeOnce).serializer();
  }

  private static Topic<String, LogEvent> encoded(Topic<String, LogEvent> topic, Encoding encoding) {
    return encoding == null || encoding == topic.encoding() ? topic
        : new Topic<>(topic.name(), topic.keySerde(), LogwardenSerdes.of(LogEvent.class, encoding, null), encoding);
  }

  /**
   * Routes the event and serializes its key and value for every destination, as the sinks would; the
   * number of bytes they would send (the value's bytes counted once per destination, encoded once).
   */
  public int write(LogEvent event) {
    int bytes = 0;
    for (int i = 0; i < storeIds.length; i++) {
      if (routing.routes(event, storeIds[i])) {
        bytes += storeKeys.get(i).serialize(storeTopics[i], event.getEventId()).length
            + storeValues.get(i).serialize(storeTopics[i], event).length;
      }
    }
    if (security.isSecurityEvent(event)) {
      bytes += securityKey.serialize(securityTopic, SecurityRelevance.actorKey(event)).length
          + securityValues.serialize(securityTopic, event).length;
    }
    return bytes;
  }

  /** The topics the event goes to, stores first, as {@link #write} chooses them. */
  public List<String> destinations(LogEvent event) {
    List<String> destinations = new ArrayList<>();
    for (int i = 0; i < storeIds.length; i++) {
      if (routing.routes(event, storeIds[i])) {
        destinations.add(storeTopics[i]);
      }
    }
    if (security.isSecurityEvent(event)) {
      destinations.add(securityTopic);
    }
    return destinations;
  }
}
