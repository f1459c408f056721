package io.logwarden.topology;

import io.logwarden.normalize.NormalizeProcessor;
import io.logwarden.policy.Policy;
import io.logwarden.policy.SecurityRelevance;
import io.logwarden.policy.Store;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.serde.Encoding;
import io.logwarden.topics.PipelineTopics;
import io.logwarden.topics.Topic;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The normalize topology: raw records from {@code logs.raw.*} become canonical events, routed to
 * the store topics the policy names for their category, and, for sign-ins, admin actions and
 * configuration changes, to the security-events topic keyed by actor. Records that cannot become
 * events go to the dead-letter topic through the processing exception handler.
 */
public final class NormalizeTopology {

  public static final String SOURCE = "raw-logs-source";
  public static final String NORMALIZE = "normalize";

  private NormalizeTopology() {}

  /**
   * Builds the topology; pure: no I/O, the same inputs give the same topology.
   *
   * @param config the Streams configuration the topology will run with; it refuses auto-named
   *     internal resources
   */
  public static Topology build(Policy policy, PipelineTopics topics, RawSubscription raw, TopologyConfig config) {
    StreamsBuilder builder = new StreamsBuilder(config);
    KStream<byte[], byte[]> records =
        raw.stream(builder, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE));
    KStream<String, LogEvent> events = records.process(() -> new NormalizeProcessor(policy), Named.as(NORMALIZE));

    StoreRouting routing = new StoreRouting(policy);
    // One serializer per encoding for every sink of events: an event routed to a store and to
    // security events is encoded once per distinct encoding (a serde's serializer is shared by the
    // sinks it is given to).
    Map<Encoding, Serde<LogEvent>> encodeOnce = new EnumMap<>(Encoding.class);
    for (Store store : policy.stores().values()) {
      Topic<String, LogEvent> topic = topics.store(store.id());
      events
          .filter((id, event) -> routing.routes(event, store.id()), Named.as("route-to-" + store.id()))
          .processValues(() -> new OutputCounter<String, LogEvent>(topic.name()), Named.as("count-to-" + store.id()))
          .to(topic.name(), Produced.with(topic.keySerde(), EncodeOnce.serdeFor(topic, encodeOnce))
              .withName("store-" + store.id() + "-sink"));
    }

    Topic<String, LogEvent> securityTopic = topics.securityEvents();
    SecurityRelevance security = new SecurityRelevance(policy.securityRouting());
    events
        .filter((id, event) -> security.isSecurityEvent(event), Named.as("route-to-security-events"))
        .selectKey((id, event) -> SecurityRelevance.actorKey(event), Named.as("key-by-actor"))
        .processValues(() -> new OutputCounter<String, LogEvent>(securityTopic.name()), Named.as("count-to-security-events"))
        .to(securityTopic.name(), Produced.with(securityTopic.keySerde(), EncodeOnce.serdeFor(securityTopic, encodeOnce))
            .withName("security-events-sink"));
    return builder.build();
  }
}
