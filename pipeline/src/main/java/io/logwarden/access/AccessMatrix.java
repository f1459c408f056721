package io.logwarden.access;

import io.logwarden.detect.rules.RuleSet;
import io.logwarden.policy.AccessRole;
import io.logwarden.policy.Policy;
import io.logwarden.policy.Store;
import io.logwarden.policy.TopicGroup;
import io.logwarden.policy.TopicSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The policy's access section as Kafka ACLs: what each role's principals may read and write, what
 * the pipeline's topologies need and nothing more, and what the provisioner needs to keep topics and
 * ACLs as the policy says. Pure: the same policy, rules and application id give the same grants.
 */
public final class AccessMatrix {

  /** The holder name of the pipeline's grants. */
  public static final String PIPELINE = "pipeline";
  /** The holder name of the provisioner's grants. */
  public static final String PROVISIONER = "provisioner";
  /** The holder name of the notify workload's grants. */
  public static final String NOTIFY = "notify";

  private final Policy policy;
  private final RuleSet rules;
  private final String applicationId;

  /**
   * @param applicationId the deployment's application id (its {@code application_id}, default
   *     {@code logwarden}): the pipeline's consumer groups, transactional ids and internal topics begin
   *     with it and a dash
   */
  public AccessMatrix(Policy policy, RuleSet rules, String applicationId) {
    this.policy = policy;
    this.rules = rules;
    this.applicationId = applicationId;
  }

  /**
   * Every grant, without duplicates, in policy order: roles, then the pipeline, then the provisioner,
   * then the notify workload.
   */
  public List<AclGrant> grants() {
    Set<AclGrant> grants = new LinkedHashSet<>();
    for (AccessRole role : policy.access().roles()) {
      for (String principal : role.principals()) {
        roleGrants(role, principal, grants);
      }
    }
    for (String principal : policy.access().pipelinePrincipals()) {
      pipelineGrants(principal, grants);
    }
    for (String principal : policy.access().provisionerPrincipals()) {
      provisionerGrants(principal, grants);
    }
    for (String principal : policy.access().notifyPrincipals()) {
      notifyGrants(principal, grants);
    }
    return List.copyOf(grants);
  }

  /** The principals the policy names: the ACLs of these are the matrix's to manage. */
  public Set<String> principals() {
    Set<String> principals = new LinkedHashSet<>();
    policy.access().roles().forEach(role -> principals.addAll(role.principals()));
    principals.addAll(policy.access().pipelinePrincipals());
    principals.addAll(policy.access().provisionerPrincipals());
    principals.addAll(policy.access().notifyPrincipals());
    return principals;
  }

  /**
   * The principals the policy lists as external: not granted anything, but their ACLs on the
   * policy's topics and groups are known and stay.
   */
  public Set<String> externalPrincipals() {
    return new LinkedHashSet<>(policy.access().externalPrincipals());
  }

  /** The policy's topics and groups, for telling which ACLs are on them. */
  PolicyNamespace namespace() {
    Set<String> topics = new LinkedHashSet<>();
    policy.outputTopics().forEach(spec -> topics.add(spec.name()));
    return new PolicyNamespace(topics, policy.topics().rawPrefix(), internalPrefix());
  }

  /** The prefix of the pipeline's consumer groups, transactional ids and internal topics. */
  public String internalPrefix() {
    return applicationId + "-";
  }

  private void roleGrants(AccessRole role, String principal, Set<AclGrant> grants) {
    for (TopicGroup group : role.read()) {
      for (Pattern topic : topics(group)) {
        grants.add(topic.grant(role.id(), principal, AclOperation.READ));
      }
    }
    for (TopicGroup group : role.write()) {
      for (Pattern topic : topics(group)) {
        grants.add(topic.grant(role.id(), principal, AclOperation.WRITE));
      }
    }
    for (String prefix : role.groupPrefixes()) {
      grants.add(new AclGrant(role.id(), principal, ResourceType.GROUP, PatternType.PREFIXED, prefix, AclOperation.READ));
    }
  }

  // Reads what its topologies consume, writes what they produce; DESCRIBE_CONFIGS lets `run` check
  // the topics against the policy. Its internal topics, groups and transactional ids are its own.
  private void pipelineGrants(String principal, Set<AclGrant> grants) {
    Pattern raw = Pattern.prefixed(policy.topics().rawPrefix());
    grants.add(raw.grant(PIPELINE, principal, AclOperation.READ));
    grants.add(raw.grant(PIPELINE, principal, AclOperation.DESCRIBE_CONFIGS));
    Set<String> read = new LinkedHashSet<>();
    read.add(policy.topics().securityEvents().name());
    for (String storeId : rules.inputStores()) {
      read.add(policy.stores().get(storeId).topic());
    }
    for (TopicSpec spec : policy.outputTopics()) {
      Pattern topic = Pattern.literal(spec.name());
      if (read.contains(spec.name())) {
        grants.add(topic.grant(PIPELINE, principal, AclOperation.READ));
      }
      grants.add(topic.grant(PIPELINE, principal, AclOperation.WRITE));
      grants.add(topic.grant(PIPELINE, principal, AclOperation.DESCRIBE_CONFIGS));
    }
    String own = internalPrefix();
    // Internal topics: Streams creates them, reads and writes them, and purges repartition topics
    // (DeleteRecords needs DELETE); it never alters or describes their configs.
    for (AclOperation operation : List.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE,
        AclOperation.DELETE)) {
      grants.add(new AclGrant(PIPELINE, principal, ResourceType.TOPIC, PatternType.PREFIXED, own, operation));
    }
    grants.add(new AclGrant(PIPELINE, principal, ResourceType.GROUP, PatternType.PREFIXED, own, AclOperation.READ));
    grants.add(new AclGrant(PIPELINE, principal, ResourceType.TRANSACTIONAL_ID, PatternType.PREFIXED, own,
        AclOperation.WRITE));
  }

  /** The notify workload's consumer group: its Kafka Streams application id. */
  public String notifyGroup() {
    return applicationId + "-notify";
  }

  // The notify topology reads the alerts and writes parked notifications to the DLQ, in the group of
  // its application id; DESCRIBE_CONFIGS lets `run` check those two topics. It has no state, so no
  // internal topic, and runs at-least-once, so no transactional id.
  private void notifyGrants(String principal, Set<AclGrant> grants) {
    Pattern alerts = Pattern.literal(policy.topics().alerts().name());
    grants.add(alerts.grant(NOTIFY, principal, AclOperation.READ));
    grants.add(alerts.grant(NOTIFY, principal, AclOperation.DESCRIBE_CONFIGS));
    Pattern deadLetter = Pattern.literal(policy.topics().deadLetter().name());
    grants.add(deadLetter.grant(NOTIFY, principal, AclOperation.WRITE));
    grants.add(deadLetter.grant(NOTIFY, principal, AclOperation.DESCRIBE_CONFIGS));
    grants.add(new AclGrant(NOTIFY, principal, ResourceType.GROUP, PatternType.LITERAL, notifyGroup(),
        AclOperation.READ));
  }

  // Creates the policy's topics, sees them (DESCRIBE: listing, partition counts) and sets their
  // configs (raw topics' timestamp type too), publishes
  // its own changes to security events, and manages ACLs (which Kafka grants on the cluster only).
  private void provisionerGrants(String principal, Set<AclGrant> grants) {
    for (TopicSpec spec : policy.outputTopics()) {
      Pattern topic = Pattern.literal(spec.name());
      grants.add(topic.grant(PROVISIONER, principal, AclOperation.CREATE));
      grants.add(topic.grant(PROVISIONER, principal, AclOperation.DESCRIBE));
      grants.add(topic.grant(PROVISIONER, principal, AclOperation.DESCRIBE_CONFIGS));
      grants.add(topic.grant(PROVISIONER, principal, AclOperation.ALTER_CONFIGS));
    }
    Pattern raw = Pattern.prefixed(policy.topics().rawPrefix());
    grants.add(raw.grant(PROVISIONER, principal, AclOperation.DESCRIBE));
    grants.add(raw.grant(PROVISIONER, principal, AclOperation.DESCRIBE_CONFIGS));
    grants.add(raw.grant(PROVISIONER, principal, AclOperation.ALTER_CONFIGS));
    grants.add(Pattern.literal(policy.topics().securityEvents().name())
        .grant(PROVISIONER, principal, AclOperation.WRITE));
    grants.add(new AclGrant(PROVISIONER, principal, ResourceType.CLUSTER, PatternType.LITERAL, AclGrant.CLUSTER,
        AclOperation.DESCRIBE));
    grants.add(new AclGrant(PROVISIONER, principal, ResourceType.CLUSTER, PatternType.LITERAL, AclGrant.CLUSTER,
        AclOperation.ALTER));
  }

  private List<Pattern> topics(TopicGroup group) {
    List<Pattern> topics = new ArrayList<>();
    switch (group.kind()) {
      case RAW -> topics.add(Pattern.prefixed(policy.topics().rawPrefix()));
      case STORES -> policy.stores().values().forEach(store -> topics.add(Pattern.literal(store.topic())));
      case STORE -> topics.add(Pattern.literal(store(group).topic()));
      case SECURITY_EVENTS -> topics.add(Pattern.literal(policy.topics().securityEvents().name()));
      case ALERTS -> topics.add(Pattern.literal(policy.topics().alerts().name()));
      case DEAD_LETTER -> topics.add(Pattern.literal(policy.topics().deadLetter().name()));
    }
    return topics;
  }

  private Store store(TopicGroup group) {
    return policy.stores().get(group.storeId());
  }

  private record Pattern(PatternType type, String name) {

    static Pattern literal(String topic) {
      return new Pattern(PatternType.LITERAL, topic);
    }

    static Pattern prefixed(String prefix) {
      return new Pattern(PatternType.PREFIXED, prefix);
    }

    AclGrant grant(String holder, String principal, AclOperation operation) {
      return new AclGrant(holder, principal, ResourceType.TOPIC, type, name, operation);
    }
  }
}
