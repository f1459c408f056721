package io.logwarden.access;

import io.logwarden.access.AclPlan.Change;
import io.logwarden.access.AclPlan.Kind;
import io.logwarden.cluster.AdminCalls;
import io.logwarden.cluster.ProvisioningException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Compares the access matrix with a cluster's ACLs, and makes the cluster's match: creates missing
 * grants and deletes the policy principals' grants the matrix does not hold. It never touches the
 * ACLs of a principal the policy does not name, and leaves DENY entries (they only take away).
 */
public final class AclPlanner {

  private static final Comparator<Change> ORDER = Comparator.comparing((Change change) -> change.kind())
      .thenComparing(Change::acl);

  /** What a plan for a cluster without an authorizer says. */
  public static final String UNENFORCED = "the cluster has no authorizer: ACLs are not enforced and every principal "
      + "may do everything";

  private final Admin admin;

  public AclPlanner(Admin admin) {
    this.admin = admin;
  }

  /** The plan against the cluster's current ACLs; changes nothing. Needs DESCRIBE on the cluster. */
  public AclPlan plan(AccessMatrix matrix) {
    Collection<AclBinding> existing;
    try {
      existing = AdminCalls.await(admin.describeAcls(AclBindingFilter.ANY).values(), "describing ACLs");
    } catch (ProvisioningException e) {
      if (e.getCause() instanceof SecurityDisabledException) {
        return AclPlan.unenforced();
      }
      throw e;
    }
    return plan(matrix, existing);
  }

  /** The plan against the given ACLs. */
  static AclPlan plan(AccessMatrix matrix, Collection<AclBinding> existing) {
    Map<AclBinding, String> desired = new LinkedHashMap<>();
    for (AclGrant grant : matrix.grants()) {
      desired.putIfAbsent(grant.binding(), grant.holder());
    }
    Set<String> principals = matrix.principals();
    List<Change> changes = new ArrayList<>();
    for (Map.Entry<AclBinding, String> grant : desired.entrySet()) {
      if (!existing.contains(grant.getKey())) {
        changes.add(new Change(Kind.GRANT, grant.getKey(), grant.getValue()));
      }
    }
    for (AclBinding binding : existing) {
      if (binding.entry().permissionType() != AclPermissionType.ALLOW || desired.containsKey(binding)) {
        continue;
      }
      if (principals.contains(binding.entry().principal())) {
        changes.add(new Change(Kind.REVOKE, binding, null));
      } else if (reachesPolicyTopic(binding, matrix)) {
        changes.add(new Change(Kind.FOREIGN, binding, null));
      }
    }
    changes.sort(ORDER);
    return new AclPlan(changes);
  }

  /**
   * Applies the grants and revocations of the plan and returns them; foreign grants are left.
   * Needs ALTER on the cluster.
   */
  public List<Change> apply(AclPlan plan) {
    if (!plan.enforced()) {
      throw new ProvisioningException(UNENFORCED + "; configure one (KRaft: authorizer.class.name="
          + "org.apache.kafka.metadata.authorizer.StandardAuthorizer) before applying ACLs", null);
    }
    List<Change> grants = plan.of(Kind.GRANT);
    if (!grants.isEmpty()) {
      AdminCalls.await(admin.createAcls(grants.stream().map(Change::binding).toList()).all(), "creating ACLs");
    }
    List<Change> revokes = plan.of(Kind.REVOKE);
    if (!revokes.isEmpty()) {
      AdminCalls.await(admin.deleteAcls(revokes.stream().map(change -> change.binding().toFilter()).toList())
          .all(), "deleting ACLs");
    }
    List<Change> done = new ArrayList<>(grants);
    done.addAll(revokes);
    return done;
  }

  // A topic ACL whose literal name is a policy topic or the wildcard, or whose prefix covers one (or
  // covers raw topics, or lies inside the raw prefix).
  private static boolean reachesPolicyTopic(AclBinding binding, AccessMatrix matrix) {
    if (binding.pattern().resourceType() != ResourceType.TOPIC) {
      return false;
    }
    String name = binding.pattern().name();
    if (binding.pattern().patternType() == PatternType.LITERAL) {
      return "*".equals(name) || matrix.isPolicyTopic(name);
    }
    if (binding.pattern().patternType() == PatternType.PREFIXED) {
      return name.startsWith(matrix.rawPrefix())
          || matrix.policyTopicNames().stream().anyMatch(topic -> topic.startsWith(name));
    }
    return false;
  }
}
