package io.logwarden.access;

import io.logwarden.access.AclPlan.Change;
import io.logwarden.access.AclPlan.Kind;
import io.logwarden.access.PolicyNamespace.Reach;
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

/**
 * Compares the access matrix with a cluster's ACLs, and makes the cluster's match: creates missing
 * grants and deletes the policy principals' grants the matrix does not hold. A foreign principal's
 * ALLOW inside the policy's namespace ({@link PolicyNamespace}) is deleted only when the plan was
 * made with prune; one that also reaches beyond it, an external principal's, and any DENY entry are
 * never deleted.
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

  /** The plan against the cluster's current ACLs, without prune; changes nothing. Needs DESCRIBE on the cluster. */
  public AclPlan plan(AccessMatrix matrix) {
    return plan(matrix, false);
  }

  /**
   * The plan against the cluster's current ACLs; changes nothing. Needs DESCRIBE on the cluster.
   *
   * @param prune whether foreign ALLOW entries inside the policy's namespace are planned for deletion
   *     ({@link AclPlan.Kind#PRUNE}) rather than only reported ({@link AclPlan.Kind#FOREIGN})
   */
  public AclPlan plan(AccessMatrix matrix, boolean prune) {
    Collection<AclBinding> existing;
    try {
      existing = AdminCalls.await(admin.describeAcls(AclBindingFilter.ANY).values(), "describing ACLs");
    } catch (ProvisioningException e) {
      if (e.getCause() instanceof SecurityDisabledException) {
        return AclPlan.unenforced();
      }
      throw e;
    }
    return plan(matrix, existing, prune);
  }

  /** The plan against the given ACLs, without prune. */
  static AclPlan plan(AccessMatrix matrix, Collection<AclBinding> existing) {
    return plan(matrix, existing, false);
  }

  /** The plan against the given ACLs. */
  static AclPlan plan(AccessMatrix matrix, Collection<AclBinding> existing, boolean prune) {
    Map<AclBinding, String> desired = new LinkedHashMap<>();
    for (AclGrant grant : matrix.grants()) {
      desired.putIfAbsent(grant.binding(), grant.holder());
    }
    Set<String> principals = matrix.principals();
    Set<String> external = matrix.externalPrincipals();
    PolicyNamespace namespace = matrix.namespace();
    List<Change> changes = new ArrayList<>();
    for (Map.Entry<AclBinding, String> grant : desired.entrySet()) {
      if (!existing.contains(grant.getKey())) {
        changes.add(new Change(Kind.GRANT, grant.getKey(), grant.getValue()));
      }
    }
    for (AclBinding binding : existing) {
      if (desired.containsKey(binding)) {
        continue;
      }
      Reach reach = namespace.reach(binding.pattern());
      String principal = binding.entry().principal();
      if (binding.entry().permissionType() != AclPermissionType.ALLOW) {
        if (reach != Reach.NONE) {
          changes.add(new Change(Kind.DENY, binding, null));
        }
      } else if (principals.contains(principal)) {
        changes.add(new Change(Kind.REVOKE, binding, null));
      } else if (reach != Reach.NONE) {
        changes.add(new Change(foreign(reach, external.contains(principal), prune), binding, null));
      }
    }
    changes.sort(ORDER);
    return new AclPlan(changes);
  }

  // A principal the policy does not grant to: kept when the policy lists it as external, never
  // deleted when its pattern reaches beyond the policy's namespace.
  private static Kind foreign(Reach reach, boolean external, boolean prune) {
    if (external) {
      return Kind.EXTERNAL;
    }
    if (reach == Reach.BROAD) {
      return Kind.BROAD;
    }
    return prune ? Kind.PRUNE : Kind.FOREIGN;
  }

  /**
   * Applies the grants, revocations and (in a plan made with prune) prunings of the plan and returns
   * them; foreign entries it may not delete, external principals' and DENY entries are left. Needs
   * ALTER on the cluster.
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
    List<Change> deletions = new ArrayList<>(plan.of(Kind.REVOKE));
    deletions.addAll(plan.of(Kind.PRUNE));
    if (!deletions.isEmpty()) {
      // Each filter is the binding itself: it matches that one entry (same pattern type, principal,
      // host, operation, ALLOW) and nothing a wider filter would catch.
      AdminCalls.await(admin.deleteAcls(deletions.stream().map(change -> change.binding().toFilter()).toList())
          .all(), "deleting ACLs");
    }
    List<Change> done = new ArrayList<>(grants);
    done.addAll(deletions);
    return done;
  }
}
