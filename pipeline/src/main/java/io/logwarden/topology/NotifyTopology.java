package io.logwarden.topology;

import io.logwarden.notify.NotifyProcessor;
import io.logwarden.schema.Alert;
import io.logwarden.schema.DeadLetter;
import io.logwarden.topics.PipelineTopics;
import io.logwarden.topics.Topic;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Named;

/**
 * The notify topology: each alert state of the alerts topic is handed to the notifier, which sends it
 * to the destinations its routes choose and waits until each delivered or parked it; parked
 * notifications go to the dead-letter topic (reason {@code notification_failed}). Stateless: no store,
 * no internal topic. It runs at-least-once whatever the deployment's guarantee (see {@code
 * docs/notifications.md}): an HTTP request is outside any Kafka transaction.
 *
 * <p>A new deployment (no committed offset) starts at the end of the alerts topic: it notifies what
 * is detected from then on, not the backlog the compacted topic keeps for 30 days.
 */
public final class NotifyTopology {

  public static final String SOURCE = "alerts-source";
  public static final String NOTIFY = "notify";
  public static final String DEAD_LETTER_SINK = "notify-dead-letter-sink";

  private NotifyTopology() {}

  /**
   * Builds the topology; pure: no I/O, the same inputs give the same topology. The destinations are
   * not part of it: the processor gets the application's notifier when it starts.
   *
   * @param config the Streams configuration the topology will run with
   */
  public static Topology build(PipelineTopics topics, TopologyConfig config) {
    StreamsBuilder builder = new StreamsBuilder(config);
    Topic<String, Alert> alerts = topics.alerts();
    Topic<String, DeadLetter> deadLetter = topics.deadLetter();
    builder.stream(alerts.name(), alerts.consumed(SOURCE).withOffsetResetPolicy(AutoOffsetReset.latest()))
        .process(() -> new NotifyProcessor(NOTIFY), Named.as(NOTIFY))
        .to(deadLetter.name(), deadLetter.produced(DEAD_LETTER_SINK));
    return builder.build();
  }
}
