package io.logwarden.access;

import io.logwarden.audit.AuditedChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.acl.AclBinding;

/**
 * The difference between the policy's access matrix and a cluster's ACLs: grants to add, grants of
 * the policy's principals that the matrix does not hold (least privilege: revoked), and grants on
 * the policy's topics to principals the policy does not know (reported, left to an operator).
 *
 * @param enforced false when the cluster has no authorizer: then nothing is restricted at all
 */
public record AclPlan(List<Change> changes, boolean enforced) {

  public AclPlan {
    changes = List.copyOf(changes);
  }

  /** A plan of these changes for a cluster that enforces ACLs. */
  public AclPlan(List<Change> changes) {
    this(changes, true);
  }

  /** The plan for a cluster without an authorizer: ACLs are not enforced, every principal may do everything. */
  public static AclPlan unenforced() {
    return new AclPlan(List.of(), false);
  }

  /** What a change is. */
  public enum Kind {
    /** The matrix grants it and the cluster lacks it: apply creates it. */
    GRANT,
    /** A principal of the policy holds it and the matrix does not grant it: apply deletes it. */
    REVOKE,
    /** A principal the policy does not name may use a policy topic: apply leaves it, an operator decides. */
    FOREIGN
  }

  /**
   * One difference.
   *
   * @param holder the role (or pipeline, provisioner) the matrix grants it to; null for REVOKE and FOREIGN
   */
  public record Change(Kind kind, AclBinding binding, String holder) implements AuditedChange {

    @Override
    public String targetKind() {
      return "kafka_acl";
    }

    @Override
    public String targetName() {
      return AclGrant.resourceText(binding.pattern().resourceType(), binding.pattern().patternType(),
          binding.pattern().name());
    }

    /** The ACL in words: principal, permission unless ALLOW, operation, resource, host unless any. */
    public String acl() {
      var entry = binding.entry();
      String permission = entry.permissionType().name().equals("ALLOW") ? "" : entry.permissionType() + " ";
      String host = AclGrant.ANY_HOST.equals(entry.host()) ? "" : " from host " + entry.host();
      return entry.principal() + " " + permission + entry.operation() + " " + targetName() + host;
    }

    /** One line for a human: {@code + grant}, {@code - revoke}, {@code ! foreign}. */
    @Override
    public String describe() {
      return switch (kind) {
        case GRANT -> "+ grant   " + acl() + " (" + holder + ")";
        case REVOKE -> "- revoke  " + acl() + " (not in the policy's access matrix)";
        case FOREIGN -> "! foreign " + acl() + " (principal not in the policy; not changed by apply)";
      };
    }

    @Override
    public Map<String, String> attributes() {
      Map<String, String> attributes = new LinkedHashMap<>();
      attributes.put("change.kind", kind.name().toLowerCase(Locale.ROOT));
      attributes.put("change.principal", binding.entry().principal());
      attributes.put("change.operation", binding.entry().operation().name());
      attributes.put("change.permission", binding.entry().permissionType().name());
      if (holder != null) {
        attributes.put("change.role", holder);
      }
      return attributes;
    }
  }

  /**
   * Whether the cluster enforces ACLs and they are the matrix's exactly, with no foreign grant on a
   * policy topic.
   */
  public boolean clean() {
    return enforced && changes.isEmpty();
  }

  /** The changes of one kind. */
  public List<Change> of(Kind kind) {
    return changes.stream().filter(change -> change.kind() == kind).toList();
  }
}
