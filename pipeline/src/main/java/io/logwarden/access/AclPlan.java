package io.logwarden.access;

import io.logwarden.audit.AuditedChange;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.acl.AclBinding;

/**
 * The difference between the policy's access matrix and a cluster's ACLs: grants to add, grants of
 * the policy's principals that the matrix does not hold (least privilege: revoked), grants on the
 * policy's topics and groups to principals the policy does not know (foreign: reported, or with
 * {@code --prune} deleted when they lie inside the policy's namespace), and entries that stay by
 * design (an external principal's, a DENY), shown so that nobody wonders why they stay.
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

  /** What a change is, in the order a plan lists them. */
  public enum Kind {
    /** The matrix grants it and the cluster lacks it: apply creates it. */
    GRANT(true),
    /** A principal of the policy holds it and the matrix does not grant it: apply deletes it. */
    REVOKE(true),
    /** A foreign ALLOW inside the policy's namespace, planned with --prune: apply deletes it. */
    PRUNE(true),
    /** A foreign ALLOW inside the policy's namespace, planned without --prune: apply leaves it. */
    FOREIGN(true),
    /**
     * A foreign ALLOW that reaches the policy's topics or groups and possibly other systems' (the
     * {@code *} wildcard, a broader prefix): apply never deletes it, an operator reviews it.
     */
    BROAD(true),
    /** An ALLOW of a principal the policy lists as external: it stays. */
    EXTERNAL(false),
    /** A DENY on the policy's topics or groups: it only takes away, so it stays. */
    DENY(false);

    private final boolean difference;

    Kind(boolean difference) {
      this.difference = difference;
    }

    /** Whether it is a difference from the policy ({@code plan --check} fails on it); false: kept by design. */
    public boolean difference() {
      return difference;
    }
  }

  /**
   * One entry of the plan: a difference, or an ACL kept by design.
   *
   * @param holder the role (or pipeline, provisioner, notify) the matrix grants it to; null for the other kinds
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

    /**
     * One line for a human: {@code + grant}, {@code - revoke}, {@code - prune}, {@code ! foreign},
     * {@code ! review}, {@code = keep}.
     */
    @Override
    public String describe() {
      return switch (kind) {
        case GRANT -> "+ grant   " + acl() + " (" + holder + ")";
        case REVOKE -> "- revoke  " + acl() + " (not in the policy's access matrix)";
        case PRUNE -> "- prune   " + acl() + " (principal neither in the policy nor among its external principals)";
        case FOREIGN -> "! foreign " + acl() + " (principal not in the policy; apply deletes it only with --prune)";
        case BROAD -> "! review  " + acl() + " (principal not in the policy; reaches beyond the policy's topics and "
            + "groups, so apply never deletes it: review by hand)";
        case EXTERNAL -> "= keep    " + acl() + " (an external principal of the policy)";
        case DENY -> "= keep    " + acl() + " (a DENY only takes away; never deleted)";
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
   * Whether the cluster enforces ACLs and they are the matrix's exactly, with no foreign grant on the
   * policy's topics or groups; external principals' entries and DENY entries do not count.
   */
  public boolean clean() {
    return enforced && differences().isEmpty();
  }

  /** The changes that are differences from the policy, without the entries kept by design. */
  public List<Change> differences() {
    return changes.stream().filter(change -> change.kind().difference()).toList();
  }

  /** The entries kept by design: external principals' and DENY entries on the policy's topics and groups. */
  public List<Change> kept() {
    return changes.stream().filter(change -> !change.kind().difference()).toList();
  }

  /** The changes of one kind. */
  public List<Change> of(Kind kind) {
    return changes.stream().filter(change -> change.kind() == kind).toList();
  }
}
