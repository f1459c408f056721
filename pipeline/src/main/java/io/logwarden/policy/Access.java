package io.logwarden.policy;

import java.util.List;

/**
 * Who may do what with the log topics: the policy restricts log data to the LogAdmin role under
 * least privilege (ISO 27001 A 8.15). {@code acls plan|apply} turn it into Kafka ACLs.
 *
 * @param roles the people and systems that use the topics, and what they read and write
 * @param pipelinePrincipals the principals logwarden's topologies run as; what they may do is derived
 *     from the topologies (what they read and write, their groups, transactional ids, internal topics)
 * @param provisionerPrincipals the principals of {@code topics apply}, {@code acls apply} and the
 *     chart's hook job: they create the policy's topics, alter their configs and the ACLs
 * @param notifyPrincipals the principals the notify topology runs as (its own workload): they read the
 *     alerts and write the dead-letter topic, in their own consumer group; empty when the policy names none
 */
public record Access(List<AccessRole> roles, List<String> pipelinePrincipals, List<String> provisionerPrincipals,
    List<String> notifyPrincipals) {

  public Access {
    roles = List.copyOf(roles);
    pipelinePrincipals = List.copyOf(pipelinePrincipals);
    provisionerPrincipals = List.copyOf(provisionerPrincipals);
    notifyPrincipals = List.copyOf(notifyPrincipals);
  }

  /** Access without a notify workload of its own. */
  public Access(List<AccessRole> roles, List<String> pipelinePrincipals, List<String> provisionerPrincipals) {
    this(roles, pipelinePrincipals, provisionerPrincipals, List.of());
  }

  /** A policy without an {@code access} section: no ACL can be derived from it. */
  public static Access none() {
    return new Access(List.of(), List.of(), List.of(), List.of());
  }

  /** Whether the policy declares access at all. */
  public boolean declared() {
    return !roles.isEmpty() || !pipelinePrincipals.isEmpty() || !provisionerPrincipals.isEmpty()
        || !notifyPrincipals.isEmpty();
  }
}
