package io.logwarden.evidence;

import io.logwarden.detect.rules.RuleSet;
import io.logwarden.notify.NotifySettings;
import io.logwarden.policy.Policy;
import io.logwarden.policy.Store;
import io.logwarden.policy.TopicSpec;
import io.logwarden.schema.Alert;
import io.logwarden.schema.DeadLetter;
import io.logwarden.schema.LogEvent;
import io.logwarden.topics.PipelineTopics;
import io.logwarden.topics.TopicPlan;
import io.logwarden.topics.TopicPlanner;
import io.logwarden.topics.TopicReader;
import io.logwarden.topics.TopicSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Builds the controls that the cluster evidences: the policy's identity, each store's retention
 * against its topic, the topic plan, and, from the records of the period, redactions, dead letters,
 * clock skew and alerts. Reads only; one pass over the topics, committed records only.
 */
public final class EvidenceCollector {

  private final Policy policy;
  private final EvidencePeriod period;
  private final Duration timeout;
  private final PipelineTopics topics;
  private NotifySettings notifications;
  private RuleSet rules;
  private PipelineConnections connections;
  // What the last collect read of the dead-letter topic, for the notification control.
  private Map<String, Long> parked = Map.of();
  private boolean deadLetterPresent;
  private String deadLetterTopic;

  /** @param timeout how long reading the period's records may take before the report is refused */
  public EvidenceCollector(Policy policy, EvidencePeriod period, Duration timeout) {
    this(policy, period, timeout, PipelineTopics.from(policy));
  }

  /** @param topics the policy's topics, with the schema registry where a topic is in the avro-registry encoding */
  public EvidenceCollector(Policy policy, EvidencePeriod period, Duration timeout, PipelineTopics topics) {
    this.topics = topics;
    this.policy = Objects.requireNonNull(policy, "policy");
    this.period = Objects.requireNonNull(period, "period");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * The deployment's {@code notify:} section and the rules it routes: with them the report evidences
   * that alerts notify the team; without them that control is not evidenced.
   */
  public EvidenceCollector withNotifications(NotifySettings settings, RuleSet rules) {
    this.notifications = Objects.requireNonNull(settings, "settings");
    this.rules = Objects.requireNonNull(rules, "rules");
    return this;
  }

  /**
   * The pipeline's connections, from the deployment config: with them the report evidences encryption
   * in transit and authentication; without them that control is not evidenced.
   */
  public EvidenceCollector withConnections(PipelineConnections connections) {
    this.connections = Objects.requireNonNull(connections, "connections");
    return this;
  }

  /** The controls evidenced from the cluster, in report order. */
  public List<Control> collect(Admin admin, TopicReader reader) {
    TopicPlanner planner = new TopicPlanner(admin);
    Map<String, TopicSettings> settings = planner.settings(policy.outputTopics().stream().map(TopicSpec::name).toList());
    TopicPlan plan = planner.plan(policy);

    List<String> storeTopics = policy.stores().values().stream().map(Store::topic)
        .filter(settings::containsKey).distinct().toList();
    String deadLetterTopic = topics.deadLetter().name();
    String alertTopic = topics.alerts().name();
    List<String> read = new ArrayList<>(storeTopics);
    for (String topic : List.of(deadLetterTopic, alertTopic)) {
      if (settings.containsKey(topic)) {
        read.add(topic);
      }
    }

    StoreEventTally events = new StoreEventTally(policy.clockSkewTolerance().toMillis());
    DeadLetterTally letters = new DeadLetterTally();
    parked = letters.parkedByDestination();
    deadLetterPresent = settings.containsKey(deadLetterTopic);
    this.deadLetterTopic = deadLetterTopic;
    AlertTally alerts = new AlertTally();
    Deserializer<LogEvent> eventReader = topics.securityEvents().valueSerde().deserializer();
    Deserializer<DeadLetter> letterReader = topics.deadLetter().valueSerde().deserializer();
    Deserializer<Alert> alertReader = topics.alerts().valueSerde().deserializer();
    reader.readWindow(read, period.start(), period.asOf(), timeout, record -> {
      String topic = record.topic();
      if (record.value() == null) {
        return; // A tombstone: nothing to count.
      }
      if (topic.equals(deadLetterTopic)) {
        DeadLetter letter = decode(letterReader, record);
        if (letter == null) {
          letters.undecodable(topic);
        } else {
          letters.accept(letter);
        }
      } else if (topic.equals(alertTopic)) {
        Alert alert = decode(alertReader, record);
        if (alert == null) {
          alerts.undecodable(topic);
        } else {
          alerts.accept(alert, record.partition(), record.offset());
        }
      } else {
        LogEvent event = decode(eventReader, record);
        if (event == null) {
          events.undecodable(topic);
        } else {
          events.accept(event);
        }
      }
    });

    return List.of(
        PolicyReviewControl.of(policy.info(), period),
        RetentionControl.of(policy.stores().values(), settings),
        TopicDriftControl.of(plan),
        RedactionControl.of(events, storeTopics, period),
        DeadLetterControl.of(letters, deadLetterTopic, settings.containsKey(deadLetterTopic), period),
        ClockSkewControl.of(events, policy.clockSkewTolerance(), period),
        AlertControl.of(alerts, alertTopic, settings.containsKey(alertTopic), period));
  }

  /**
   * Whether alerts notify the team: from the {@code notify:} section given to {@link
   * #withNotifications} and the notifications parked in the dead-letter topic that {@link #collect}
   * read; not evidenced without the section. Call after {@link #collect}.
   */
  public Control notificationControl() {
    if (notifications == null) {
      return NotificationControl.notEvidenced();
    }
    if (deadLetterTopic == null) {
      throw new IllegalStateException("collect the cluster's evidence first");
    }
    return NotificationControl.of(notifications, rules, parked, deadLetterTopic, deadLetterPresent, period);
  }

  /**
   * Whether every connection of the pipeline is encrypted and authenticated: from the connections
   * given to {@link #withConnections}, with the brokers' listeners as observations where the report's
   * principal may describe broker configs; not evidenced without the connections.
   *
   * @param reportClient the properties this report connected with; only their security protocol is named
   */
  public Control transitControl(Admin admin, Map<String, ?> reportClient) {
    if (connections == null) {
      return TransitControl.notEvidenced();
    }
    return TransitControl.of(connections, BrokerListeners.read(admin, timeout), reportClient);
  }

  /** The record's value, or null when it is not one of ours; the bytes are never quoted. */
  private static <T> T decode(Deserializer<T> deserializer, ConsumerRecord<byte[], byte[]> record) {
    try {
      return deserializer.deserialize(record.topic(), record.value());
    } catch (SerializationException e) {
      return null;
    }
  }
}
