package io.logwarden.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.detect.rules.RuleSet;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.notify.DeliveryPolicy;
import io.logwarden.notify.Destination;
import io.logwarden.notify.NotifySettings;
import io.logwarden.notify.Route;
import io.logwarden.notify.Secret;
import io.logwarden.notify.Trigger;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.Severity;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * "Alerts notify the team": MET when every HIGH and CRITICAL rule has a route to a destination sent
 * its opening and nothing was parked; a FINDING otherwise; not evidenced without the config.
 */
class NotificationControlTest {

  private static final Policy POLICY = PolicyLoader.loadDefault();
  private static final RuleSet RULES = RulesLoader.loadDefault(POLICY);
  private static final EvidencePeriod PERIOD = EvidencePeriod.parse("2026-11-28", "30d",
      Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC));

  private static Destination destination(String name, Set<Trigger> on) {
    return new Destination(name, on, DeliveryPolicy.defaults(null),
        new Destination.Slack(Secret.unread("environment variable SLACK_URL")));
  }

  private static NotifySettings settings(List<Route> routes) {
    Map<String, Destination> destinations = new LinkedHashMap<>();
    destinations.put("oncall", destination("oncall", EnumSet.of(Trigger.OPEN, Trigger.CLOSED)));
    destinations.put("log", destination("log", EnumSet.of(Trigger.CLOSED)));
    return new NotifySettings(destinations, routes);
  }

  private static Route route(Severity min, Set<String> rules, String... to) {
    return new Route("logwarden.yaml line 9: notify.routes[0]", rules, min, List.of(to));
  }

  private static Control of(NotifySettings settings, Map<String, Long> parked) {
    return NotificationControl.of(settings, RULES, parked, "logs.dlq", true, PERIOD);
  }

  @Test
  void metWhenEveryHighAndCriticalRuleNotifiesOnOpeningAndNothingWasParked() {
    Control control = of(settings(List.of(route(Severity.HIGH, Set.of(), "oncall"))), Map.of());
    assertThat(control.verdict()).isEqualTo(Verdict.MET);
    assertThat(control.findings()).isEmpty();
    assertThat(control.table().rows()).contains(List.of("auth.brute_force.source", "HIGH", "oncall"),
        List.of("auth.success_after_failures", "CRITICAL", "oncall"),
        // MEDIUM rules need not notify; this route leaves them out.
        List.of("auth.brute_force.user", "MEDIUM", "(none)"));
    assertThat(control.basis()).contains("2 destination(s), 1 route(s)", "Notifications parked in logs.dlq", ": 0.");
  }

  @Test
  void aHighRuleWithoutARouteIsAFinding() {
    // Only CRITICAL routed: the HIGH rules' alerts reach no one.
    Control control = of(settings(List.of(route(Severity.CRITICAL, Set.of(), "oncall"))), Map.of());
    assertThat(control.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(control.findings()).singleElement().asString()
        .contains("auth.brute_force.source (HIGH)", "auth.password_spraying (HIGH)")
        .doesNotContain("CRITICAL)");
  }

  @Test
  void aDestinationThatIsNotSentOpeningsCoversNothing() {
    Control control = of(settings(List.of(route(Severity.LOW, Set.of(), "log"))), Map.of());
    assertThat(control.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(control.findings().get(0)).contains("No route sends these rules' alerts to anyone when they open");
  }

  @Test
  void rulesNamedOneByOneCoverTheHighAndCriticalOnesToo() {
    Set<String> severe = new java.util.LinkedHashSet<>();
    RULES.rules().stream().filter(r -> r.severity() == Severity.HIGH || r.severity() == Severity.CRITICAL)
        .forEach(r -> severe.add(r.id()));
    Control control = of(settings(List.of(route(Severity.LOW, severe, "oncall"))), Map.of());
    assertThat(control.verdict()).isEqualTo(Verdict.MET);
  }

  @Test
  void parkedNotificationsAreAFindingPerDestination() {
    Control control = of(settings(List.of(route(Severity.LOW, Set.of(), "oncall"))), Map.of("oncall", 3L));
    assertThat(control.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(control.findings()).singleElement().asString()
        .contains("3 notification(s) were parked undelivered in logs.dlq", "oncall 3");
    assertThat(control.chart().bars()).extracting(BarChart.Bar::label).containsExactly("oncall");
  }

  @Test
  void noDestinationAtAllIsAFinding() {
    Control control = of(NotifySettings.none(), Map.of());
    assertThat(control.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(control.findings().get(0)).contains("No notification destination is configured");
  }

  @Test
  void withoutTheConfigItIsNotEvidenced() {
    Control control = NotificationControl.notEvidenced();
    assertThat(control.verdict()).isEqualTo(Verdict.NOT_EVIDENCED);
    assertThat(control.id()).isEqualTo("not-evidenced.alert-notification");
    assertThat(control.table().rows()).singleElement().satisfies(row -> assertThat(row.get(0)).contains("--config"));
  }

  @Test
  void theReportNamesWhereSecretsComeFromNeverTheirValues() {
    Control control = of(settings(List.of(route(Severity.HIGH, Set.of(), "oncall"))), Map.of());
    String text = control.basis() + control.table().rows() + control.findings();
    assertThat(text).doesNotContain("SLACK_URL", "hooks.slack.com");
  }
}
