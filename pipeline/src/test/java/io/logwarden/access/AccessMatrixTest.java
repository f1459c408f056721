package io.logwarden.access;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.detect.rules.RuleSet;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shipped policy's matrix, principal by principal, written out from the wording: LogAdmin
 * reads the stores and the DLQ; analysts read alerts only; producers write raw topics only; the
 * pipeline reads what it consumes, writes what it produces and owns its groups, transactional ids and
 * internal topics; the provisioner creates topics and alters their configs and the ACLs.
 */
class AccessMatrixTest {

  private static final Policy POLICY = PolicyLoader.loadDefault();
  private static final RuleSet RULES = RulesLoader.loadDefault(POLICY);
  private static final AccessMatrix MATRIX = new AccessMatrix(POLICY, RULES, "logwarden");

  private static List<String> grantsOf(String principal) {
    return MATRIX.grants().stream().filter(grant -> grant.principal().equals(principal))
        .map(AclGrant::describe).toList();
  }

  @Test
  void logAdminReadsTheStoresAndTheDeadLetters() {
    assertThat(grantsOf("User:logadmin")).containsExactlyInAnyOrder(
        "User:logadmin READ topic store.betterstack",
        "User:logadmin READ topic store.sentry",
        "User:logadmin READ topic store.posthog",
        "User:logadmin READ topic store.langfuse",
        "User:logadmin READ topic logs.dlq",
        "User:logadmin READ group prefix logadmin-");
  }

  @Test
  void analystsReadAlertsOnly() {
    assertThat(grantsOf("User:analyst")).containsExactlyInAnyOrder(
        "User:analyst READ topic security.alerts",
        "User:analyst READ group prefix analyst-");
  }

  @Test
  void producersWriteRawTopicsOnly() {
    assertThat(grantsOf("User:log-producer")).containsExactly("User:log-producer WRITE topic prefix logs.raw.");
  }

  @Test
  void thePipelineReadsWhatItConsumesAndWritesWhatItProduces() {
    assertThat(grantsOf("User:logwarden")).containsExactlyInAnyOrder(
        "User:logwarden READ topic prefix logs.raw.",
        "User:logwarden DESCRIBE_CONFIGS topic prefix logs.raw.",
        "User:logwarden WRITE topic store.betterstack",
        "User:logwarden DESCRIBE_CONFIGS topic store.betterstack",
        // rule error.burst reads the Sentry store
        "User:logwarden READ topic store.sentry",
        "User:logwarden WRITE topic store.sentry",
        "User:logwarden DESCRIBE_CONFIGS topic store.sentry",
        "User:logwarden WRITE topic store.posthog",
        "User:logwarden DESCRIBE_CONFIGS topic store.posthog",
        "User:logwarden WRITE topic store.langfuse",
        "User:logwarden DESCRIBE_CONFIGS topic store.langfuse",
        "User:logwarden READ topic security.events",
        "User:logwarden WRITE topic security.events",
        "User:logwarden DESCRIBE_CONFIGS topic security.events",
        "User:logwarden WRITE topic security.alerts",
        "User:logwarden DESCRIBE_CONFIGS topic security.alerts",
        "User:logwarden WRITE topic logs.dlq",
        "User:logwarden DESCRIBE_CONFIGS topic logs.dlq",
        "User:logwarden CREATE topic prefix logwarden-",
        "User:logwarden READ topic prefix logwarden-",
        "User:logwarden WRITE topic prefix logwarden-",
        "User:logwarden DELETE topic prefix logwarden-",
        "User:logwarden READ group prefix logwarden-",
        "User:logwarden WRITE transactional id prefix logwarden-");
  }

  @Test
  void withoutARuleOnAStoreThePipelineDoesNotReadIt() {
    RuleSet securityOnly = new RuleSet("test", RULES.rules().stream().filter(rule -> rule.inputStore() == null).toList());
    List<String> grants = new AccessMatrix(POLICY, securityOnly, "logwarden").grants().stream()
        .map(AclGrant::describe).toList();
    assertThat(grants).doesNotContain("User:logwarden READ topic store.sentry")
        .contains("User:logwarden WRITE topic store.sentry");
  }

  @Test
  void theApplicationIdNamesThePipelinesOwnResources() {
    List<String> grants = new AccessMatrix(POLICY, RULES, "prod-lw").grants().stream().map(AclGrant::describe).toList();
    assertThat(grants).contains("User:logwarden CREATE topic prefix prod-lw-", "User:logwarden READ group prefix prod-lw-",
        "User:logwarden WRITE transactional id prefix prod-lw-").noneMatch(grant -> grant.endsWith("prefix logwarden-"));
  }

  @Test
  void theProvisionerCreatesAndConfiguresThePolicyTopicsAndManagesAcls() {
    List<String> grants = grantsOf("User:logwarden-provisioner");
    for (String topic : List.of("store.betterstack", "store.sentry", "store.posthog", "store.langfuse",
        "security.events", "security.alerts", "logs.dlq")) {
      assertThat(grants).contains("User:logwarden-provisioner CREATE topic " + topic,
          "User:logwarden-provisioner ALTER_CONFIGS topic " + topic,
          "User:logwarden-provisioner DESCRIBE topic " + topic,
          "User:logwarden-provisioner DESCRIBE_CONFIGS topic " + topic);
    }
    assertThat(grants).contains("User:logwarden-provisioner ALTER_CONFIGS topic prefix logs.raw.",
        "User:logwarden-provisioner WRITE topic security.events",
        "User:logwarden-provisioner ALTER cluster", "User:logwarden-provisioner DESCRIBE cluster")
        .noneMatch(grant -> grant.contains(" READ "))
        .hasSize(7 * 4 + 3 + 1 + 2);
  }

  @Test
  void theNotifyWorkloadReadsAlertsInItsOwnGroupAndWritesTheDeadLetterTopicOnly() {
    assertThat(grantsOf("User:logwarden-notify")).containsExactlyInAnyOrder(
        "User:logwarden-notify READ topic security.alerts",
        "User:logwarden-notify DESCRIBE_CONFIGS topic security.alerts",
        "User:logwarden-notify WRITE topic logs.dlq",
        "User:logwarden-notify DESCRIBE_CONFIGS topic logs.dlq",
        "User:logwarden-notify READ group logwarden-notify");
    List<String> prod = new AccessMatrix(POLICY, RULES, "prod-lw").grants().stream()
        .filter(grant -> grant.principal().equals("User:logwarden-notify")).map(AclGrant::describe).toList();
    assertThat(prod).contains("User:logwarden-notify READ group prod-lw-notify");
  }

  @Test
  void storeExportersReadTheStoreTopicsInTheirOwnGroups() {
    assertThat(grantsOf("User:log-exporter")).containsExactlyInAnyOrder(
        "User:log-exporter READ topic store.betterstack", "User:log-exporter READ topic store.sentry",
        "User:log-exporter READ topic store.posthog", "User:log-exporter READ topic store.langfuse",
        "User:log-exporter READ group prefix exporter-", "User:log-exporter READ group prefix connect-");
  }

  @Test
  void theReplayerReadsTheDeadLettersWithoutAGroupAndWritesTheRawTopicsOnly() {
    // dlq replay assigns the DLQ's partitions (no group, no commit) and sends with an idempotent,
    // non-transactional producer: WRITE on a topic covers its producer id, so no transactional id and
    // no cluster IDEMPOTENT_WRITE.
    assertThat(grantsOf("User:logadmin-replay")).containsExactlyInAnyOrder(
        "User:logadmin-replay READ topic logs.dlq",
        "User:logadmin-replay WRITE topic prefix logs.raw.");
  }

  @Test
  void nobodyButTheRolesThePipelineTheProvisionerAndTheNotifierIsGranted() {
    assertThat(MATRIX.principals()).containsExactly("User:logadmin", "User:analyst", "User:log-producer",
        "User:log-exporter", "User:logadmin-replay", "User:logwarden", "User:logwarden-provisioner",
        "User:logwarden-notify");
    assertThat(MATRIX.grants()).extracting(AclGrant::principal).allMatch(Set.copyOf(MATRIX.principals())::contains);
    assertThat(MATRIX.grants()).doesNotHaveDuplicates();
  }
}
