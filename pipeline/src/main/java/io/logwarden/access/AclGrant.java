package io.logwarden.access;

import java.util.Locale;
import java.util.Objects;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * One permission of the access matrix: a principal may perform an operation on a resource (a
 * topic, a consumer group, a transactional id, the cluster), named literally or by prefix. Always an
 * ALLOW from any host; the matrix grants nothing else.
 *
 * @param holder who the policy grants it to: a role id, {@code pipeline} or {@code provisioner}
 */
public record AclGrant(
    String holder,
    String principal,
    ResourceType resourceType,
    PatternType patternType,
    String resource,
    AclOperation operation) {

  /** The name Kafka gives the cluster resource. */
  public static final String CLUSTER = "kafka-cluster";
  static final String ANY_HOST = "*";

  public AclGrant {
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(patternType, "patternType");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(operation, "operation");
  }

  /** The Kafka ACL binding. */
  public AclBinding binding() {
    return new AclBinding(new ResourcePattern(resourceType, resource, patternType),
        new AccessControlEntry(principal, ANY_HOST, operation, AclPermissionType.ALLOW));
  }

  /** {@code User:analyst READ topic security.alerts}, {@code ... topic prefix logs.raw.}. */
  public String describe() {
    return principal + " " + operation + " " + resourceText(resourceType, patternType, resource);
  }

  static String resourceText(ResourceType type, PatternType pattern, String name) {
    String kind = type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return type == ResourceType.CLUSTER ? kind
        : kind + (pattern == PatternType.PREFIXED ? " prefix " : " ") + name;
  }
}
