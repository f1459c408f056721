package io.logwarden.evidence;

import io.logwarden.access.AccessMatrix;
import io.logwarden.access.AclGrant;
import io.logwarden.access.AclPlan;
import io.logwarden.access.AclPlanner;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.acl.AclBinding;

/**
 * Access to log data against the policy's access matrix: each grant the matrix holds, whether the
 * cluster has it, and every ACL beyond it on the policy's principals or topics (what {@code acls
 * plan} reports).
 */
public final class AccessControl {

  static final String ID = "access";
  static final String TITLE = "Access to log data (least privilege)";
  static final String POLICY_TEXT = "Centralizing logs on a dedicated platform protects them against tampering and "
      + "unauthorized changes from the systems that generate them. botBrains restricts access to log data to the "
      + "LogAdmin role under least privilege.";
  private static final List<String> ISO = List.of("A 8.15", "A 8.3");
  static final String IN_PLACE = "in place";
  static final String MISSING = "missing";

  private AccessControl() {}

  /** The control for a policy without an access section: nothing says who may read the logs. */
  public static Control undeclared() {
    return new Control(ID, TITLE, ISO, POLICY_TEXT, Verdict.FINDING,
        "The policy file has no access section, so there is no access matrix to compare the cluster's ACLs with.",
        EvidenceTable.of("principal", "operation", "resource", "granted to", "cluster").build(), null,
        List.of("The policy file declares no access matrix (roles, principals): least privilege cannot be checked."));
  }

  /** The control when the report's principal may not describe the cluster's ACLs. */
  public static Control notVisible(String reason) {
    return new Control(ID, TITLE, ISO, POLICY_TEXT, Verdict.NOT_EVIDENCED,
        "The cluster's ACLs could not be read (" + reason + "); run the report as a principal with DESCRIBE on the "
            + "cluster (the provisioner) to evidence access.",
        EvidenceTable.of("principal", "operation", "resource", "granted to", "cluster").build(), null, List.of());
  }

  /** The control from the matrix and the plan against the cluster. */
  public static Control of(AccessMatrix matrix, AclPlan plan) {
    EvidenceTable.Builder table = EvidenceTable.of("principal", "operation", "resource", "granted to", "cluster");
    List<String> findings = new ArrayList<>();
    if (!plan.enforced()) {
      findings.add("The cluster has no authorizer: ACLs are not enforced and every principal may read and change "
          + "every log topic.");
    }
    Set<AclBinding> missing = new HashSet<>();
    plan.of(AclPlan.Kind.GRANT).forEach(change -> missing.add(change.binding()));
    long inPlace = 0;
    for (AclGrant grant : matrix.grants()) {
      boolean lacking = !plan.enforced() || missing.contains(grant.binding());
      inPlace += lacking ? 0 : 1;
      table.row(grant.principal(), grant.operation().name(), resource(grant), grant.holder(),
          lacking ? MISSING : IN_PLACE);
    }
    if (plan.enforced() && !missing.isEmpty()) {
      findings.add(missing.size() + " grant(s) of the access matrix are missing on the cluster: those principals "
          + "cannot do their work (run logwarden acls apply).");
    }
    for (AclPlan.Change change : plan.differences()) {
      if (change.kind() == AclPlan.Kind.GRANT) {
        continue;
      }
      var entry = change.binding().entry();
      table.row(entry.principal(), entry.operation().name(), change.targetName(), "-",
          change.kind().name().toLowerCase(Locale.ROOT));
      findings.add(change.kind() == AclPlan.Kind.REVOKE
          ? "Beyond the matrix: " + change.acl() + " (least privilege: logwarden acls apply revokes it)."
          : "Foreign: " + change.acl() + " lets a principal the policy does not name use a log topic.");
    }
    long revoke = plan.of(AclPlan.Kind.REVOKE).size();
    long foreign = plan.differences().size() - plan.of(AclPlan.Kind.GRANT).size() - revoke;
    List<BarChart.Bar> bars = List.of(BarChart.Bar.of(IN_PLACE, inPlace), BarChart.Bar.of(MISSING,
        matrix.grants().size() - inPlace), BarChart.Bar.of("beyond the matrix", revoke), BarChart.Bar.of("foreign", foreign));
    String basis = "The policy's access matrix as Kafka ACLs (what logwarden acls plan computes: each role's topics and "
        + "consumer groups, what the pipeline's topologies read and write, the provisioner's rights), against the ACLs "
        + "the cluster describes. "
        + (plan.enforced() ? matrix.grants().size() + " grant(s) in the matrix, " + inPlace + " in place."
            : AclPlanner.UNENFORCED + ".");
    return new Control(ID, TITLE, ISO, POLICY_TEXT, findings.isEmpty() ? Verdict.MET : Verdict.FINDING, basis,
        table.build(), new BarChart("Grants of the access matrix and ACLs beyond it", bars), findings);
  }

  private static String resource(AclGrant grant) {
    return grant.describe().substring(grant.principal().length() + grant.operation().name().length() + 2);
  }
}
