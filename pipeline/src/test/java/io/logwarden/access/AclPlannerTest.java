package io.logwarden.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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

  private static AclBinding acl(String principal, ResourceType type, PatternType pattern, String name,
      AclOperation operation) {
    return new AclBinding(new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
  }

  private static String shippedPolicy() {
    try (var in = PolicyLoader.class.getResourceAsStream(PolicyLoader.DEFAULT_RESOURCE)) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
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
    // Not policy topics: none of the planner's business.
    existing.add(topicAcl("User:bob", PatternType.LITERAL, "orders", AclOperation.READ, AclPermissionType.ALLOW));
    existing.add(topicAcl("User:bob", PatternType.PREFIXED, "store.posthog-archive", AclOperation.READ,
        AclPermissionType.ALLOW));
    AclPlan plan = AclPlanner.plan(MATRIX, existing);
    assertThat(plan.clean()).isFalse();
    assertThat(plan.changes()).extracting(AclPlan.Change::kind, AclPlan.Change::acl).containsExactly(
        tuple(AclPlan.Kind.FOREIGN, "User:bob READ topic store.posthog"),
        tuple(AclPlan.Kind.FOREIGN, "User:bob WRITE topic prefix logs.raw.billing"),
        tuple(AclPlan.Kind.BROAD, "User:bob DESCRIBE topic *"),
        tuple(AclPlan.Kind.BROAD, "User:bob READ topic prefix store."));
  }

  @Test
  void aForeignAllowOnAPolicyTopicIsPrunedWithPruneAndKeptWithout() {
    List<AclBinding> existing = matrixBindings();
    existing.add(topicAcl("User:bob", PatternType.LITERAL, "store.posthog", AclOperation.READ, AclPermissionType.ALLOW));

    AclPlan without = AclPlanner.plan(MATRIX, existing, false);
    assertThat(describe(without)).containsExactly(
        "! foreign User:bob READ topic store.posthog (principal not in the policy; apply deletes it only with --prune)");
    // A foreign grant is a difference either way: --check fails on it with or without --prune.
    assertThat(without.clean()).isFalse();

    AclPlan with = AclPlanner.plan(MATRIX, existing, true);
    assertThat(describe(with)).containsExactly("- prune   User:bob READ topic store.posthog (principal neither in the "
        + "policy nor among its external principals)");
    assertThat(with.clean()).isFalse();
    assertThat(with.changes().get(0).attributes()).containsEntry("change.kind", "prune")
        .containsEntry("change.principal", "User:bob").doesNotContainKey("change.role");
  }

  @Test
  void theApplicationIdNamespaceIsThePolicysTooButTheRolesGroupPrefixesAreNot() {
    List<AclBinding> existing = matrixBindings();
    existing.add(acl("User:bob", ResourceType.GROUP, PatternType.LITERAL, "logwarden-notify", AclOperation.READ));
    existing.add(acl("User:bob", ResourceType.TRANSACTIONAL_ID, PatternType.PREFIXED, "logwarden-", AclOperation.WRITE));
    existing.add(acl("User:bob", ResourceType.TOPIC, PatternType.LITERAL,
        "logwarden-detect-failed-signins-store-changelog", AclOperation.READ));
    // Consumer-group conventions others share (Kafka Connect's connect-), and a group alone reads no topic.
    existing.add(acl("User:bob", ResourceType.GROUP, PatternType.PREFIXED, "connect-orders", AclOperation.READ));
    existing.add(acl("User:bob", ResourceType.GROUP, PatternType.LITERAL, "logadmin-review", AclOperation.READ));
    // Near misses of the namespace: no dash, or another application's.
    existing.add(acl("User:bob", ResourceType.GROUP, PatternType.LITERAL, "logwarden", AclOperation.READ));
    existing.add(acl("User:bob", ResourceType.TRANSACTIONAL_ID, PatternType.LITERAL, "orders-1", AclOperation.WRITE));
    // Wider than the namespace: reported, never pruned.
    existing.add(acl("User:bob", ResourceType.TRANSACTIONAL_ID, PatternType.PREFIXED, "log", AclOperation.WRITE));
    existing.add(acl("User:bob", ResourceType.GROUP, PatternType.LITERAL, "*", AclOperation.READ));
    existing.add(acl("User:bob", ResourceType.CLUSTER, PatternType.LITERAL, AclGrant.CLUSTER, AclOperation.DESCRIBE));

    assertThat(AclPlanner.plan(MATRIX, existing, true).changes()).extracting(AclPlan.Change::kind, AclPlan.Change::acl)
        .containsExactly(
            tuple(AclPlan.Kind.PRUNE, "User:bob READ group logwarden-notify"),
            tuple(AclPlan.Kind.PRUNE, "User:bob READ topic logwarden-detect-failed-signins-store-changelog"),
            tuple(AclPlan.Kind.PRUNE, "User:bob WRITE transactional id prefix logwarden-"),
            tuple(AclPlan.Kind.BROAD, "User:bob READ group *"),
            tuple(AclPlan.Kind.BROAD, "User:bob WRITE transactional id prefix log"));
  }

  @Test
  void aWildcardOrAPrefixBroaderThanThePolicysNamesIsReportedNotPruned() {
    List<AclBinding> existing = matrixBindings();
    existing.add(topicAcl("User:bob", PatternType.LITERAL, "*", AclOperation.READ, AclPermissionType.ALLOW));
    existing.add(topicAcl("User:bob", PatternType.PREFIXED, "l", AclOperation.READ, AclPermissionType.ALLOW));
    existing.add(topicAcl("User:bob", PatternType.PREFIXED, "logs.raw", AclOperation.WRITE, AclPermissionType.ALLOW));
    // A prefix equal to a store topic's name also matches store.posthog-archive, another system's.
    existing.add(topicAcl("User:bob", PatternType.PREFIXED, "store.posthog", AclOperation.READ, AclPermissionType.ALLOW));
    AclPlan plan = AclPlanner.plan(MATRIX, existing, true);
    assertThat(plan.changes()).allMatch(change -> change.kind() == AclPlan.Kind.BROAD).hasSize(4);
    assertThat(plan.of(AclPlan.Kind.PRUNE)).isEmpty();
    assertThat(describe(plan)).contains("! review  User:bob READ topic prefix l (principal not in the policy; reaches "
        + "beyond the policy's topics and groups, so apply never deletes it: review by hand)");
    assertThat(plan.clean()).isFalse();
  }

  @Test
  void nearMissesOfAPolicyPrincipalAreForeignAndNearMissesOfAPolicyTopicAreIgnored() {
    List<AclBinding> existing = matrixBindings();
    // Kafka compares principals exactly: these are not the analyst role's User:analyst.
    existing.add(topicAcl("User:Analyst", PatternType.LITERAL, "security.alerts", AclOperation.READ,
        AclPermissionType.ALLOW));
    existing.add(topicAcl("Group:analyst", PatternType.LITERAL, "security.alerts", AclOperation.READ,
        AclPermissionType.ALLOW));
    // A literal topic that only begins with a policy topic's name is another topic.
    existing.add(topicAcl("User:bob", PatternType.LITERAL, "store.posthog-archive", AclOperation.READ,
        AclPermissionType.ALLOW));
    existing.add(topicAcl("User:bob", PatternType.LITERAL, "logs.dlq.old", AclOperation.READ, AclPermissionType.ALLOW));
    existing.add(topicAcl("User:bob", PatternType.LITERAL, "logs.rawdata", AclOperation.WRITE, AclPermissionType.ALLOW));
    assertThat(AclPlanner.plan(MATRIX, existing, true).changes()).extracting(AclPlan.Change::kind, AclPlan.Change::acl)
        .containsExactly(
            tuple(AclPlan.Kind.PRUNE, "Group:analyst READ topic security.alerts"),
            tuple(AclPlan.Kind.PRUNE, "User:Analyst READ topic security.alerts"));
  }

  @Test
  void anExternalPrincipalsGrantsStayAndAreNoDifference() {
    Policy policy = PolicyLoader.parse(shippedPolicy().replace("  external_principals: []\n",
        "  external_principals: [User:siem-forwarder]\n"), "policy.yaml");
    AccessMatrix matrix = new AccessMatrix(policy, RulesLoader.loadDefault(policy), "logwarden");
    List<AclBinding> existing = matrixBindings();
    existing.add(topicAcl("User:siem-forwarder", PatternType.LITERAL, "security.alerts", AclOperation.READ,
        AclPermissionType.ALLOW));
    existing.add(topicAcl("User:siem-forwarder", PatternType.LITERAL, "*", AclOperation.DESCRIBE,
        AclPermissionType.ALLOW));
    // Near misses: another case, another principal type.
    existing.add(topicAcl("User:SIEM-forwarder", PatternType.LITERAL, "security.alerts", AclOperation.READ,
        AclPermissionType.ALLOW));
    existing.add(topicAcl("Group:siem-forwarder", PatternType.LITERAL, "security.alerts", AclOperation.READ,
        AclPermissionType.ALLOW));

    AclPlan plan = AclPlanner.plan(matrix, existing, true);
    assertThat(plan.changes()).extracting(AclPlan.Change::kind, AclPlan.Change::acl).containsExactly(
        tuple(AclPlan.Kind.PRUNE, "Group:siem-forwarder READ topic security.alerts"),
        tuple(AclPlan.Kind.PRUNE, "User:SIEM-forwarder READ topic security.alerts"),
        tuple(AclPlan.Kind.EXTERNAL, "User:siem-forwarder DESCRIBE topic *"),
        tuple(AclPlan.Kind.EXTERNAL, "User:siem-forwarder READ topic security.alerts"));
    assertThat(plan.kept()).hasSize(2);
    assertThat(describe(plan)).contains(
        "= keep    User:siem-forwarder READ topic security.alerts (an external principal of the policy)");

    // Without its near misses the plan is clean: what is kept by design is no difference.
    existing.removeIf(binding -> !binding.entry().principal().equals("User:siem-forwarder")
        && binding.entry().principal().toLowerCase(java.util.Locale.ROOT).contains("siem"));
    assertThat(AclPlanner.plan(matrix, existing, true).clean()).isTrue();
    // In the shipped policy, which lists no external principal, the same grant is foreign.
    assertThat(AclPlanner.plan(MATRIX, existing, true).of(AclPlan.Kind.PRUNE)).extracting(AclPlan.Change::acl)
        .containsExactly("User:siem-forwarder READ topic security.alerts");
  }

  @Test
  void denyEntriesOnThePolicysResourcesAreKeptAndShown() {
    List<AclBinding> existing = matrixBindings();
    existing.add(topicAcl("User:bob", PatternType.LITERAL, "logs.dlq", AclOperation.READ, AclPermissionType.DENY));
    existing.add(topicAcl("User:analyst", PatternType.LITERAL, "logs.dlq", AclOperation.READ, AclPermissionType.DENY));
    existing.add(topicAcl("User:bob", PatternType.LITERAL, "*", AclOperation.ALL, AclPermissionType.DENY));
    // A DENY elsewhere is none of the planner's business.
    existing.add(topicAcl("User:bob", PatternType.LITERAL, "orders", AclOperation.READ, AclPermissionType.DENY));
    AclPlan plan = AclPlanner.plan(MATRIX, existing, true);
    assertThat(plan.changes()).extracting(AclPlan.Change::kind).containsOnly(AclPlan.Kind.DENY);
    assertThat(describe(plan)).containsExactly(
        "= keep    User:analyst DENY READ topic logs.dlq (a DENY only takes away; never deleted)",
        "= keep    User:bob DENY ALL topic * (a DENY only takes away; never deleted)",
        "= keep    User:bob DENY READ topic logs.dlq (a DENY only takes away; never deleted)");
    assertThat(plan.clean()).isTrue();
  }

  @Test
  void changesAreAuditedWithoutAnythingButThePrincipalAndTheResource() {
    AclPlan.Change change = AclPlanner.plan(MATRIX, List.of()).changes().get(0);
    assertThat(change.targetKind()).isEqualTo("kafka_acl");
    assertThat(change.attributes()).containsKeys("change.kind", "change.principal", "change.operation",
        "change.permission", "change.role");
  }

  @Test
  void aPolicyEditIsPlannedAgainstTheShippedMatrixAsTheEditSays() {
    String shipped = shippedPolicy();
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
        "! foreign User:log-producer WRITE topic prefix logs.raw. (principal not in the policy; apply deletes it only "
            + "with --prune)");
  }
}
