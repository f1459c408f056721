package io.logwarden.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** Plans against given cluster ACLs: what is granted, revoked, reported as foreign, and left alone. */
class AclPlannerTest {

  private static final Policy POLICY = PolicyLoader.loadDefault();
  private static final AccessMatrix MATRIX = new AccessMatrix(POLICY, RulesLoader.loadDefault(POLICY), "logwarden");

  private static List<AclBinding> matrixBindings() {
    return new ArrayList<>(MATRIX.grants().stream().map(AclGrant::binding).toList());
  }

  private static AclBinding topicAcl(String principal, PatternType pattern, String topic, AclOperation operation,
      AclPermissionType permission) {
    return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, pattern),
        new AccessControlEntry(principal, "*", operation, permission));
  }

  private static List<String> describe(AclPlan plan) {
    return plan.changes().stream().map(AclPlan.Change::describe).toList();
  }

  @Test
  void anEmptyClusterGetsEveryGrant() {
    AclPlan plan = AclPlanner.plan(MATRIX, List.of());
    assertThat(plan.changes()).hasSize(MATRIX.grants().size()).allMatch(change -> change.kind() == AclPlan.Kind.GRANT);
    assertThat(describe(plan)).contains("+ grant   User:analyst READ topic security.alerts (analyst)");
  }

  @Test
  void exactlyTheMatrixIsClean() {
    assertThat(AclPlanner.plan(MATRIX, matrixBindings()).clean()).isTrue();
  }

  @Test
  void anExtraGrantOfAPolicyPrincipalIsRevoked() {
    List<AclBinding> existing = matrixBindings();
    existing.add(topicAcl("User:analyst", PatternType.LITERAL, "store.posthog", AclOperation.READ, AclPermissionType.ALLOW));
    assertThat(describe(AclPlanner.plan(MATRIX, existing)))
        .containsExactly("- revoke  User:analyst READ topic store.posthog (not in the policy's access matrix)");
  }

  @Test
  void aGrantFromOneHostOnlyIsNotTheMatrixGrant() {
    List<AclBinding> existing = matrixBindings();
    AclBinding anyHost = topicAcl("User:analyst", PatternType.LITERAL, "security.alerts", AclOperation.READ,
        AclPermissionType.ALLOW);
    existing.remove(anyHost);
    existing.add(new AclBinding(anyHost.pattern(), new AccessControlEntry("User:analyst", "10.0.0.7", AclOperation.READ,
        AclPermissionType.ALLOW)));
    assertThat(describe(AclPlanner.plan(MATRIX, existing))).containsExactly(
        "+ grant   User:analyst READ topic security.alerts (analyst)",
        "- revoke  User:analyst READ topic security.alerts from host 10.0.0.7 (not in the policy's access matrix)");
  }

  @Test
  void foreignGrantsOnPolicyTopicsAreReportedAndOthersIgnored() {
    List<AclBinding> existing = matrixBindings();
    existing.add(topicAcl("User:bob", PatternType.LITERAL, "store.posthog", AclOperation.READ, AclPermissionType.ALLOW));
    existing.add(topicAcl("User:bob", PatternType.PREFIXED, "store.", AclOperation.READ, AclPermissionType.ALLOW));
    existing.add(topicAcl("User:bob", PatternType.PREFIXED, "logs.raw.billing", AclOperation.WRITE, AclPermissionType.ALLOW));
    existing.add(topicAcl("User:bob", PatternType.LITERAL, "*", AclOperation.DESCRIBE, AclPermissionType.ALLOW));
    // Not policy topics, or not an ALLOW: none of the planner's business.
    existing.add(topicAcl("User:bob", PatternType.LITERAL, "orders", AclOperation.READ, AclPermissionType.ALLOW));
    existing.add(topicAcl("User:bob", PatternType.PREFIXED, "store.posthog-archive", AclOperation.READ,
        AclPermissionType.ALLOW));
    existing.add(topicAcl("User:bob", PatternType.LITERAL, "logs.dlq", AclOperation.READ, AclPermissionType.DENY));
    existing.add(topicAcl("User:analyst", PatternType.LITERAL, "logs.dlq", AclOperation.READ, AclPermissionType.DENY));
    AclPlan plan = AclPlanner.plan(MATRIX, existing);
    assertThat(plan.changes()).allMatch(change -> change.kind() == AclPlan.Kind.FOREIGN);
    assertThat(plan.changes()).extracting(AclPlan.Change::acl).containsExactly(
        "User:bob DESCRIBE topic *",
        "User:bob READ topic prefix store.",
        "User:bob READ topic store.posthog",
        "User:bob WRITE topic prefix logs.raw.billing");
  }

  @Test
  void changesAreAuditedWithoutAnythingButThePrincipalAndTheResource() {
    AclPlan.Change change = AclPlanner.plan(MATRIX, List.of()).changes().get(0);
    assertThat(change.targetKind()).isEqualTo("kafka_acl");
    assertThat(change.attributes()).containsKeys("change.kind", "change.principal", "change.operation",
        "change.permission", "change.role");
  }

  @Test
  void aPolicyEditIsPlannedAgainstTheShippedMatrixAsTheEditSays() throws Exception {
    String shipped;
    try (var in = PolicyLoader.class.getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
      shipped = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    // Analysts may also read the Sentry store; bob joins LogAdmin; the producer role's principal is renamed.
    String edited = shipped.replace("      read: [alerts]\n", "      read: [alerts, store:sentry]\n")
        .replace("      principals: [User:logadmin]\n", "      principals: [User:logadmin, User:bob]\n")
        .replace("      principals: [User:log-producer]\n", "      principals: [User:shipper]\n");
    Policy policy = PolicyLoader.parse(edited, "policy.yaml");
    AccessMatrix matrix = new AccessMatrix(policy, RulesLoader.loadDefault(policy), "logwarden");

    AclPlan plan = AclPlanner.plan(matrix, matrixBindings());

    assertThat(describe(plan)).containsExactly(
        "+ grant   User:analyst READ topic store.sentry (analyst)",
        "+ grant   User:bob READ group prefix logadmin- (log_admin)",
        "+ grant   User:bob READ topic logs.dlq (log_admin)",
        "+ grant   User:bob READ topic store.betterstack (log_admin)",
        "+ grant   User:bob READ topic store.langfuse (log_admin)",
        "+ grant   User:bob READ topic store.posthog (log_admin)",
        "+ grant   User:bob READ topic store.sentry (log_admin)",
        "+ grant   User:shipper WRITE topic prefix logs.raw. (producer)",
        // No longer named by the policy: reported, and left to an operator.
        "! foreign User:log-producer WRITE topic prefix logs.raw. (principal not in the policy; not changed by apply)");
  }
}
