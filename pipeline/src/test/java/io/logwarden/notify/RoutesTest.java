package io.logwarden.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.Severity;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Routes choose destinations by rule and minimum severity; triggers say which alert states are sent. */
class RoutesTest {

  private static Destination destination(String name, Set<Trigger> on) {
    return new Destination(name, on, DeliveryPolicy.defaults(null),
        new Destination.Webhook(Secret.of("environment variable URL", "http://127.0.0.1:1/" + name), Map.of(), Map.of()));
  }

  private static Route route(Severity min, Set<String> rules, String... to) {
    return new Route("logwarden.yaml line 20: notify.routes[0].rules", rules, min, List.of(to));
  }

  private static final NotifySettings SETTINGS;

  static {
    Map<String, Destination> destinations = new LinkedHashMap<>();
    destinations.put("pager", destination("pager", EnumSet.of(Trigger.OPEN, Trigger.ESCALATION, Trigger.CLOSED)));
    destinations.put("chat", destination("chat", EnumSet.of(Trigger.OPEN, Trigger.ESCALATION)));
    destinations.put("siem", destination("siem", EnumSet.allOf(Trigger.class)));
    SETTINGS = new NotifySettings(destinations, List.of(
        route(Severity.CRITICAL, Set.of(), "pager"),
        route(Severity.LOW, Set.of("auth.success_after_failures"), "pager", "chat"),
        route(Severity.MEDIUM, Set.of(), "chat", "siem")));
  }

  private static List<String> routed(String rule, Severity severity) {
    return SETTINGS.routed(rule, severity).stream().map(Destination::name).toList();
  }

  @Test
  void aRouteTakesItsRulesAtOrAboveItsMinimumSeverity() {
    assertThat(routed("auth.brute_force.source", Severity.LOW)).isEmpty();
    assertThat(routed("auth.brute_force.source", Severity.MEDIUM)).containsExactly("chat", "siem");
    assertThat(routed("auth.brute_force.source", Severity.HIGH)).containsExactly("chat", "siem");
    // Every route that matches adds its destinations, each once, in the order the routes name them.
    assertThat(routed("auth.brute_force.source", Severity.CRITICAL)).containsExactly("pager", "chat", "siem");
    assertThat(routed("auth.success_after_failures", Severity.LOW)).containsExactly("pager", "chat");
    assertThat(routed("auth.success_after_failures", Severity.CRITICAL)).containsExactly("pager", "chat", "siem");
  }

  @Test
  void aSeverityThisBuildDoesNotKnowPassesEveryMinimum() {
    assertThat(routed("auth.brute_force.source", Severity.UNKNOWN)).containsExactly("pager", "chat", "siem");
    assertThatThrownBy(() -> route(Severity.UNKNOWN, Set.of(), "pager")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void openingsEscalationsAndClosingsAreTriggersAndAPlainUpdateIsNot() {
    assertThat(Trigger.of(TestAlerts.alert("a", AlertStatus.OPEN, null))).contains(Trigger.OPEN);
    assertThat(Trigger.of(TestAlerts.alert("a", AlertStatus.UPDATED, null))).isEmpty();
    assertThat(Trigger.of(TestAlerts.alert("a", AlertStatus.UPDATED, 2))).contains(Trigger.ESCALATION);
    assertThat(Trigger.of(TestAlerts.alert("a", AlertStatus.CLOSED, null))).contains(Trigger.CLOSED);
    assertThat(Trigger.of(TestAlerts.alert("a", AlertStatus.UNKNOWN, null))).isEqualTo(Optional.empty());
  }

  @Test
  void theIdempotencyKeyIsAlertIdStatusAndEscalationStep() {
    assertThat(Notification.idempotencyKey(TestAlerts.alert("4f1c", AlertStatus.OPEN, null))).isEqualTo("4f1c:OPEN:0");
    assertThat(Notification.idempotencyKey(TestAlerts.alert("4f1c", AlertStatus.UPDATED, 3)))
        .isEqualTo("4f1c:UPDATED:3");
    assertThat(Notification.idempotencyKey(TestAlerts.alert("4f1c", AlertStatus.CLOSED, null)))
        .isEqualTo("4f1c:CLOSED:0");
  }

  @Test
  void eachDestinationIsSentOnlyTheStatesItAsksFor() {
    Alert closed = TestAlerts.alert("a", "auth.brute_force.source", Severity.CRITICAL, AlertStatus.CLOSED, null);
    assertThat(SETTINGS.routed(closed.getRuleId(), closed.getSeverity()).stream()
        .filter(d -> d.sends(Trigger.CLOSED)).map(Destination::name)).containsExactly("pager", "siem");
    assertThat(SETTINGS.notifiedOnOpen("auth.brute_force.source", Severity.HIGH)).extracting(Destination::name)
        .containsExactly("chat", "siem");
  }

  @Test
  void aRouteToAnUnknownDestinationOrRuleIsRefusedWithItsPlace() {
    assertThatThrownBy(() -> new NotifySettings(Map.of(), List.of(route(Severity.LOW, Set.of(), "nowhere"))))
        .hasMessage("logwarden.yaml line 20: notify.routes[0].rules: no destination 'nowhere'");
    assertThatThrownBy(() -> SETTINGS.checkRules(List.of("auth.brute_force.source", "auth.password_spraying")))
        .hasMessage("logwarden.yaml line 20: notify.routes[0].rules: rule 'auth.success_after_failures' is not in "
            + "the rules file (rules: auth.brute_force.source, auth.password_spraying)");
  }

  @Test
  void destinationsNoRouteNamesAreListed() {
    Map<String, Destination> destinations = new LinkedHashMap<>();
    destinations.put("used", destination("used", EnumSet.of(Trigger.OPEN)));
    destinations.put("spare", destination("spare", EnumSet.of(Trigger.OPEN)));
    NotifySettings settings = new NotifySettings(destinations, List.of(route(Severity.LOW, Set.of(), "used")));
    assertThat(settings.unrouted()).containsExactly("spare");
  }

  @Test
  void aSecretShowsWhereItComesFromNeverItsValue() {
    Secret secret = Secret.of("environment variable SLACK_URL", "https://hooks.slack.com/services/T0/B0/s3cr3t");
    assertThat(secret).hasToString("[secret from environment variable SLACK_URL]");
    Destination slack = new Destination("chat", EnumSet.of(Trigger.OPEN), DeliveryPolicy.defaults(RateLimit.SLACK),
        new Destination.Slack(secret));
    assertThat(slack.toString()).doesNotContain("s3cr3t", "hooks.slack.com").contains("SLACK_URL");
    assertThat(Secret.unread("file /run/secrets/url")).hasToString("[secret from file /run/secrets/url]");
    assertThatThrownBy(() -> Secret.unread("file /run/secrets/url").value()).isInstanceOf(IllegalStateException.class);
  }
}
