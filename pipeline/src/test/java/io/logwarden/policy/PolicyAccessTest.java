package io.logwarden.policy;

import static io.logwarden.policy.PolicyRefusals.assertRefusedAt;
import static io.logwarden.policy.PolicyRefusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.policy.TopicGroup.Kind;
import org.junit.jupiter.api.Test;

/** The policy's {@code access} section: the shipped matrix, and what is refused, at which line. */
class PolicyAccessTest {

  private static final String ANALYST_READ = "      read: [alerts]";

  @Test
  void shippedDefaultRestrictsLogDataToLogAdmin() {
    Access access = PolicyLoader.loadDefault().access();
    assertThat(access.roles()).extracting(AccessRole::id).containsExactly("log_admin", "analyst", "producer",
        "exporter", "replayer");
    AccessRole logAdmin = access.roles().get(0);
    assertThat(logAdmin.name()).isEqualTo("LogAdmin");
    assertThat(logAdmin.principals()).containsExactly("User:logadmin");
    assertThat(logAdmin.read()).containsExactly(new TopicGroup(Kind.STORES, null), new TopicGroup(Kind.DEAD_LETTER, null));
    assertThat(logAdmin.write()).isEmpty();
    assertThat(logAdmin.groupPrefixes()).containsExactly("logadmin-");
    assertThat(access.roles().get(1).read()).containsExactly(new TopicGroup(Kind.ALERTS, null));
    assertThat(access.roles().get(2).read()).isEmpty();
    assertThat(access.roles().get(2).write()).containsExactly(new TopicGroup(Kind.RAW, null));
    // Store exporters (Vector, Kafka Connect) read the store topics and nothing else, in their own groups.
    AccessRole exporter = access.roles().get(3);
    assertThat(exporter.principals()).containsExactly("User:log-exporter");
    assertThat(exporter.read()).containsExactly(new TopicGroup(Kind.STORES, null));
    assertThat(exporter.write()).isEmpty();
    assertThat(exporter.groupPrefixes()).containsExactly("exporter-", "connect-");
    // dlq replay, on its own principal: reads the DLQ (partitions assigned, no group), writes the raw topics.
    AccessRole replayer = access.roles().get(4);
    assertThat(replayer.principals()).containsExactly("User:logadmin-replay");
    assertThat(replayer.read()).containsExactly(new TopicGroup(Kind.DEAD_LETTER, null));
    assertThat(replayer.write()).containsExactly(new TopicGroup(Kind.RAW, null));
    assertThat(replayer.groupPrefixes()).isEmpty();
    assertThat(access.externalPrincipals()).isEmpty();
    assertThat(access.pipelinePrincipals()).containsExactly("User:logwarden");
    assertThat(access.provisionerPrincipals()).containsExactly("User:logwarden-provisioner");
    assertThat(access.notifyPrincipals()).containsExactly("User:logwarden-notify");
  }

  @Test
  void aPolicyWithoutANotifyWorkloadNamesNoNotifyPrincipal() {
    String yaml = PolicyText.removeBlock("  notify:");
    Access access = PolicyLoader.parse(yaml, PolicyRefusals.SOURCE).access();
    assertThat(access.notifyPrincipals()).isEmpty();
    assertThat(access.declared()).isTrue();
  }

  @Test
  void aNotifyPrincipalIsCheckedLikeTheOthers() {
    YamlText.Edit edit = PolicyText.replace("  notify:", "    principals: [User:logwarden-notify]",
        "    principals: [logwarden-notify]");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "access.notify.principals[0]");
    assertThat(e.problem()).contains("is not a Kafka principal");
  }

  @Test
  void aPolicyWithoutAccessDeclaresNone() {
    Policy policy = PolicyLoader.parse(PolicyText.removeBlock("access:"), PolicyRefusals.SOURCE);
    assertThat(policy.access()).isEqualTo(Access.none());
    assertThat(policy.access().declared()).isFalse();
  }

  @Test
  void oneStoreIsNamedWithItsId() {
    String yaml = PolicyText.replace("    analyst:", ANALYST_READ, "      read: [alerts, store:sentry]").yaml();
    AccessRole analyst = PolicyLoader.parse(yaml, PolicyRefusals.SOURCE).access().roles().get(1);
    assertThat(analyst.read()).containsExactly(new TopicGroup(Kind.ALERTS, null), new TopicGroup(Kind.STORE, "sentry"));
    assertThat(analyst.read().get(1)).hasToString("store:sentry");
  }

  @Test
  void anUnknownTopicGroupIsRefusedWithTheKnownOnes() {
    YamlText.Edit edit = PolicyText.replace("    analyst:", ANALYST_READ, "      read: [alerts, logs]");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "access.roles.analyst.read[1]");
    assertThat(e.problem()).isEqualTo("'logs' is not a topic group (topic groups: raw, stores, store:<id>, "
        + "security_events, alerts, dead_letter)");
  }

  @Test
  void anUnknownStoreIsRefused() {
    YamlText.Edit edit = PolicyText.replace("    analyst:", ANALYST_READ, "      read: [store:wazuh]");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "access.roles.analyst.read[0]");
    assertThat(e.problem()).isEqualTo("unknown store 'wazuh' (stores: betterstack, sentry, posthog, langfuse)");
  }

  @Test
  void aPrincipalWithoutItsTypeIsRefused() {
    YamlText.Edit edit = PolicyText.replace("    analyst:", "      principals: [User:analyst]",
        "      principals: [User:analyst, bob]");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "access.roles.analyst.principals[1]");
    assertThat(e.problem()).isEqualTo("'bob' is not a Kafka principal; write TYPE:NAME, e.g. User:alice");
  }

  @Test
  void theWildcardPrincipalIsRefused() {
    YamlText.Edit edit = PolicyText.replace("  pipeline:", "    principals: [User:logwarden]", "    principals: [User:*]");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "access.pipeline.principals[0]");
    assertThat(e.problem()).contains("wildcard");
  }

  @Test
  void aRoleThatGrantsNothingIsRefused() {
    YamlText.Edit edit = PolicyText.replace("    analyst:", ANALYST_READ, "      read: []");
    String yaml = edit.yaml().replace("      groups: [analyst-]\n", "");
    PolicyException e = refused(yaml);
    assertRefusedAt(e, PolicyText.lineOf(yaml, "    analyst:"), "access.roles.analyst");
    assertThat(e.problem()).startsWith("grants nothing");
  }

  @Test
  void consumerGroupsOfAWriteOnlyRoleAreRefused() {
    YamlText.Edit edit = PolicyText.insertAfter("    producer:", "      write: [raw]", "      groups: [shippers-]");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "access.roles.producer.groups");
    assertThat(e.problem()).contains("reads nothing");
  }

  @Test
  void theProvisionerIsRequiredWhenAccessIsDeclared() {
    String yaml = PolicyText.removeBlock("  provisioner:");
    PolicyException e = refused(yaml);
    assertThat(e.path()).isEqualTo("access.provisioner");
    assertThat(e.problem()).contains("missing");
  }

  @Test
  void aRepeatedGroupIsRefused() {
    YamlText.Edit edit = PolicyText.replace("    log_admin:", "      read: [stores, dead_letter]",
        "      read: [stores, dead_letter, stores]");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "access.roles.log_admin.read[2]");
    assertThat(e.problem()).isEqualTo("'stores' is listed twice");
  }

  // ---- external principals

  private static final String EXTERNAL = "  external_principals: []";

  @Test
  void externalPrincipalsAreReadInTheirOrder() {
    String yaml = PolicyText.replace(EXTERNAL,
        "  external_principals:\n    - User:siem-forwarder\n    - \"User:CN=backup,O=Example\"\n    - User:Analyst").yaml();
    Access access = PolicyLoader.parse(yaml, PolicyRefusals.SOURCE).access();
    // User:Analyst is not the analyst role's User:analyst: Kafka compares principals exactly.
    assertThat(access.externalPrincipals()).containsExactly("User:siem-forwarder", "User:CN=backup,O=Example",
        "User:Analyst");
  }

  @Test
  void aPolicyWithoutExternalPrincipalsListsNone() {
    String yaml = PolicyText.removeLine("access:", EXTERNAL);
    assertThat(PolicyLoader.parse(yaml, PolicyRefusals.SOURCE).access().externalPrincipals()).isEmpty();
  }

  @Test
  void anExternalPrincipalIsCheckedLikeTheOthers() {
    YamlText.Edit edit = PolicyText.replace(EXTERNAL,
        "  external_principals:\n    - User:siem-forwarder\n    - siem-forwarder");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line() + 2, "access.external_principals[1]");
    assertThat(e.problem()).isEqualTo("'siem-forwarder' is not a Kafka principal; write TYPE:NAME, e.g. User:alice");
  }

  @Test
  void theWildcardIsNoExternalPrincipal() {
    YamlText.Edit edit = PolicyText.replace(EXTERNAL, "  external_principals: [User:*]");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "access.external_principals[0]");
    assertThat(e.problem()).contains("wildcard");
  }

  @Test
  void anExternalPrincipalListedTwiceIsRefused() {
    YamlText.Edit edit = PolicyText.replace(EXTERNAL, "  external_principals: [User:siem, User:siem]");
    PolicyException e = refused(edit.yaml());
    assertRefusedAt(e, edit.line(), "access.external_principals[1]");
    assertThat(e.problem()).isEqualTo("'User:siem' is listed twice");
  }

  @Test
  void aPrincipalOfThePolicyIsNoExternalPrincipal() {
    YamlText.Edit role = PolicyText.replace(EXTERNAL, "  external_principals: [User:siem, User:analyst]");
    PolicyException e = refused(role.yaml());
    assertRefusedAt(e, role.line(), "access.external_principals[1]");
    assertThat(e.problem()).startsWith("'User:analyst' is a principal of the policy (role analyst); ");
    for (String[] holder : new String[][] {{"User:logwarden", "pipeline"},
        {"User:logwarden-provisioner", "provisioner"}, {"User:logwarden-notify", "notify"},
        {"User:logadmin-replay", "role replayer"}}) {
      YamlText.Edit edit = PolicyText.replace(EXTERNAL, "  external_principals: [" + holder[0] + "]");
      assertThat(refused(edit.yaml()).problem()).as(holder[0]).contains("(" + holder[1] + ")");
    }
  }
}
