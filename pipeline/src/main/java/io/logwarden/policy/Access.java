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
 * @param externalPrincipals principals outside logwarden's roles (another system's consumer, a monitoring
 *     tool) that may keep the ACLs they hold on the policy's topics and groups: {@code acls apply --prune}
 *     leaves them, and {@code acls plan} shows them as kept; empty when the policy names none
 */
public record Access(List<AccessRole> roles, List<String> pipelinePrincipals, List<String> provisionerPrincipals,
    List<String> notifyPrincipals, List<String> externalPrincipals) {

  public Access {
    roles = List.copyOf(roles);
    pipelinePrincipals = List.copyOf(pipelinePrincipals);
    provisionerPrincipals = List.copyOf(provisionerPrincipals);
    notifyPrincipals = List.copyOf(notifyPrincipals);
    externalPrincipals = List.copyOf(externalPrincipals);
  }

  /** Access without external principals. */
  public Access(List<AccessRole> roles, List<String> pipelinePrincipals, List<String> provisionerPrincipals,
      List<String> notifyPrincipals) {
    this(roles, pipelinePrincipals, provisionerPrincipals, notifyPrincipals, List.of());
  }

  /** Access without a notify workload of its own. */
  public Access(List<AccessRole> roles, List<String> pipelinePrincipals, List<String> provisionerPrincipals) {
    this(roles, pipelinePrincipals, provisionerPrincipals, List.of(), List.of());
  }

  /** A policy without an {@code access} section: no ACL can be derived from it. */
  public static Access none() {
    return new Access(List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /** Whether the policy declares access at all. */
  public boolean declared() {
    return !roles.isEmpty() || !pipelinePrincipals.isEmpty() || !provisionerPrincipals.isEmpty()
        || !notifyPrincipals.isEmpty();
  }

  /**
   * What the policy grants this principal as, in words ({@code role analyst}, {@code pipeline},
   * {@code provisioner}, {@code notify}); null when it grants it nothing. Principals compare exactly,
   * as Kafka compares them: {@code User:Bob} is not {@code User:bob}.
   */
  public String holderOf(String principal) {
    for (AccessRole role : roles) {
      if (role.principals().contains(principal)) {
        return "role " + role.id();
      }
    }
    if (pipelinePrincipals.contains(principal)) {
      return "pipeline";
    }
    if (provisionerPrincipals.contains(principal)) {
      return "provisioner";
    }
    return notifyPrincipals.contains(principal) ? "notify" : null;
  }
}
