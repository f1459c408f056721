package io.logwarden.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.access.AccessMatrix;
import io.logwarden.access.AclGrant;
import io.logwarden.access.AclPlan;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

/** The access control of the evidence report from a matrix and plans against a cluster's ACLs. */
class AccessControlTest {

  private static final Policy POLICY = PolicyLoader.loadDefault();
  private static final AccessMatrix MATRIX = new AccessMatrix(POLICY, RulesLoader.loadDefault(POLICY), "logwarden");

  private static AclBinding analystReads(String topic) {
    return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
        new AccessControlEntry("User:analyst", "*", AclOperation.READ, AclPermissionType.ALLOW));
  }

  @Test
  void aClusterWithExactlyTheMatrixMeetsTheControl() {
    Control control = AccessControl.of(MATRIX, new AclPlan(List.of()));
    assertThat(control.verdict()).isEqualTo(Verdict.MET);
    assertThat(control.table().rows()).hasSize(MATRIX.grants().size())
        .allMatch(row -> row.get(4).equals(AccessControl.IN_PLACE))
        .contains(List.of("User:analyst", "READ", "topic security.alerts", "analyst", "in place"));
  }

  @Test
  void missingGrantsAndGrantsBeyondTheMatrixAreFindings() {
    AclGrant lacking = MATRIX.grants().get(0);
    AclPlan plan = new AclPlan(List.of(
        new AclPlan.Change(AclPlan.Kind.GRANT, lacking.binding(), lacking.holder()),
        new AclPlan.Change(AclPlan.Kind.REVOKE, analystReads("store.posthog"), null),
        new AclPlan.Change(AclPlan.Kind.FOREIGN, new AclBinding(analystReads("store.posthog").pattern(),
            new AccessControlEntry("User:bob", "*", AclOperation.READ, AclPermissionType.ALLOW)), null)));
    Control control = AccessControl.of(MATRIX, plan);
    assertThat(control.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(control.findings()).containsExactly(
        "1 grant(s) of the access matrix are missing on the cluster: those principals cannot do their work "
            + "(run logwarden acls apply).",
        "Beyond the matrix: User:analyst READ topic store.posthog (least privilege: logwarden acls apply revokes it).",
        "Foreign: User:bob READ topic store.posthog lets a principal the policy does not name use a log topic.");
    assertThat(control.table().rows()).filteredOn(row -> row.get(4).equals(AccessControl.MISSING)).hasSize(1);
    assertThat(control.table().rows()).contains(List.of("User:analyst", "READ", "topic store.posthog", "-", "revoke"),
        List.of("User:bob", "READ", "topic store.posthog", "-", "foreign"));
    assertThat(control.chart().bars()).extracting(BarChart.Bar::value)
        .containsExactly((long) MATRIX.grants().size() - 1, 1L, 1L, 1L);
  }

  @Test
  void keptEntriesAreNoFindingsAndABroadForeignGrantIsOne() {
    AclBinding bobDenied = new AclBinding(analystReads("logs.dlq").pattern(),
        new AccessControlEntry("User:bob", "*", AclOperation.READ, AclPermissionType.DENY));
    AclBinding siemReads = new AclBinding(analystReads("security.alerts").pattern(),
        new AccessControlEntry("User:siem", "*", AclOperation.READ, AclPermissionType.ALLOW));
    AclPlan kept = new AclPlan(List.of(new AclPlan.Change(AclPlan.Kind.EXTERNAL, siemReads, null),
        new AclPlan.Change(AclPlan.Kind.DENY, bobDenied, null)));
    assertThat(AccessControl.of(MATRIX, kept).verdict()).isEqualTo(Verdict.MET);

    AclBinding everything = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "*", PatternType.LITERAL),
        new AccessControlEntry("User:bob", "*", AclOperation.READ, AclPermissionType.ALLOW));
    Control broad = AccessControl.of(MATRIX, new AclPlan(List.of(new AclPlan.Change(AclPlan.Kind.BROAD, everything, null),
        new AclPlan.Change(AclPlan.Kind.DENY, bobDenied, null))));
    assertThat(broad.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(broad.findings()).containsExactly(
        "Foreign: User:bob READ topic * lets a principal the policy does not name use a log topic.");
    assertThat(broad.chart().bars()).extracting(BarChart.Bar::value).containsExactly((long) MATRIX.grants().size(), 0L,
        0L, 1L);
  }

  @Test
  void aClusterWithoutAnAuthorizerIsAFinding() {
    Control control = AccessControl.of(MATRIX, AclPlan.unenforced());
    assertThat(control.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(control.findings()).singleElement().asString().contains("no authorizer");
    assertThat(control.table().rows()).allMatch(row -> row.get(4).equals(AccessControl.MISSING));
  }

  @Test
  void withoutAnAccessSectionOrWithoutTheRightToSeeAclsTheReportSaysSo() {
    assertThat(AccessControl.undeclared().verdict()).isEqualTo(Verdict.FINDING);
    Control hidden = AccessControl.notVisible("not authorized to describe ACLs");
    assertThat(hidden.verdict()).isEqualTo(Verdict.NOT_EVIDENCED);
    assertThat(hidden.basis()).contains("not authorized to describe ACLs", "DESCRIBE on the cluster");
  }
}
