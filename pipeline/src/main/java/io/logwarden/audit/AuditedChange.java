package io.logwarden.audit;

import java.util.Map;

/** A change an admin command made to the cluster, as the audit event describes it. */
public interface AuditedChange {

  /** What kind of thing changed, e.g. {@code kafka_topic}, {@code kafka_acl}: the event's target kind. */
  String targetKind();

  /** Which one: a topic name, an ACL's resource. */
  String targetName();

  /** One line for a human: the event's message. */
  String describe();

  /** Details as event attributes (keys {@code change.*}); no secret or personal data. */
  Map<String, String> attributes();
}
