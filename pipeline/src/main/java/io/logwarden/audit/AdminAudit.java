package io.logwarden.audit;

import io.logwarden.cluster.AdminCalls;
import io.logwarden.cluster.ProvisioningException;
import io.logwarden.event.EventIds;
import io.logwarden.policy.SecurityRelevance;
import io.logwarden.schema.Actor;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Origin;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.Redaction;
import io.logwarden.schema.Source;
import io.logwarden.schema.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The pipeline audits itself: each change an admin command makes to the cluster (a topic created, a
 * topic setting changed, an ACL granted or revoked) is published to the security-events topic as a configuration-change
 * event, so that the detection rules and the stores see it like any other.
 */
public final class AdminAudit {

  /** The service named as the actor of the events. */
  public static final String SERVICE = "logwarden";
  /** The origin format of the events. */
  public static final String FORMAT = "logwarden-admin";

  private AdminAudit() {}

  /**
   * @param command the command that made the changes, e.g. {@code topics apply}
   */
  public static List<LogEvent> events(String command, List<? extends AuditedChange> changes, Instant at) {
    List<LogEvent> events = new java.util.ArrayList<>(changes.size());
    for (int i = 0; i < changes.size(); i++) {
      events.add(event(command, changes.get(i), at, i));
    }
    return events;
  }

  // Origin: the command, at the time it ran, the change's position among those it made; the id is
  // derived from that origin as normalize derives ids from a raw record's.
  static LogEvent event(String command, AuditedChange change, Instant at, int index) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("logwarden.command", command);
    attributes.putAll(change.attributes());
    String message = change.describe();
    return LogEvent.newBuilder()
        .setEventId(EventIds.of(command, -1, at.toEpochMilli(), index))
        .setEventTime(at)
        .setObservedTime(at)
        .setCategory(Category.SECURITY)
        .setAction("config_change")
        .setOutcome(Outcome.SUCCESS)
        .setSeverityNumber(9)
        .setSeverityText("INFO")
        .setActor(new Actor(null, command, SERVICE))
        .setSource(new Source(null, null, null))
        .setTarget(new Target(change.targetKind(), change.targetName()))
        .setMessage(message)
        .setAttributes(attributes)
        .setOrigin(new Origin(command, -1, at.toEpochMilli(), index, FORMAT))
        .setRedaction(new Redaction(new HashMap<>(), null))
        .setFlags(List.of())
        .build();
  }

  /**
   * Publishes the events to the security-events topic, keyed by actor as normalize keys them. The
   * topic must exist: a producer would otherwise have the broker create it with its defaults (not
   * the policy's retention), so a missing topic is refused.
   *
   * @throws ProvisioningException when the topic does not exist or cannot be written
   */
  public static void publish(Map<String, Object> client, String securityEventsTopic, Serializer<LogEvent> values,
      List<LogEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    try (Admin admin = Admin.create(client)) {
      if (!AdminCalls.await(admin.listTopics().names(), "listing topics").contains(securityEventsTopic)) {
        throw new ProvisioningException("the changes above were made but not audited: topic " + securityEventsTopic
            + " does not exist; create it with `logwarden topics apply`", null);
      }
    }
    Map<String, Object> props = new HashMap<>(client);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    try (KafkaProducer<String, LogEvent> producer =
        new KafkaProducer<>(props, new StringSerializer(), values)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
      for (LogEvent event : events) {
        sent.add(producer.send(new ProducerRecord<>(securityEventsTopic, SecurityRelevance.actorKey(event), event)));
      }
      producer.flush();
      for (Future<RecordMetadata> result : sent) {
        awaitSent(result, securityEventsTopic);
      }
    }
  }

  // A send that failed (not authorized to write, say) must not pass for an audited change.
  private static void awaitSent(Future<RecordMetadata> result, String topic) {
    try {
      result.get();
    } catch (ExecutionException e) {
      throw new ProvisioningException("the changes above were made but not audited: writing to " + topic + " failed: "
          + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProvisioningException("interrupted while auditing the changes", e);
    }
  }
}
