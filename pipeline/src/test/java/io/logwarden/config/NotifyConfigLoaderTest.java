package io.logwarden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.notify.DeliveryPolicy;
import io.logwarden.notify.Destination;
import io.logwarden.notify.DestinationType;
import io.logwarden.notify.NotifySettings;
import io.logwarden.notify.RateLimit;
import io.logwarden.notify.Route;
import io.logwarden.notify.Trigger;
import io.logwarden.schema.Severity;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code notify:} section of logwarden.yaml: what it reads, and what it refuses with the line and
 * the key, never quoting a secret.
 */
class NotifyConfigLoaderTest {

  private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  private static final String SLACK_URL = "https://hooks.slack.com/services/T00000000/B00000000/XXXXsecretXXXX";
  private static final String ROUTING_KEY = "R0UT1NGKEYxxxxxxxxxxxxxxxxxxxxxx";
  private static final Map<String, String> ENV = Map.of("SLACK_URL", SLACK_URL, "SOAR_URL", "https://soar.example/hook",
      "SOAR_TOKEN", "Bearer t0ken-t0ken");

  @TempDir
  Path dir;

  private static final String HEAD = "kafka:\n  bootstrap.servers: k:9092\npseudonym_key_file: pseudonym.key\n";

  private Path write(String notify) throws IOException {
    Files.writeString(dir.resolve("pseudonym.key"), KEY + "\n");
    Files.writeString(dir.resolve("routing-key"), ROUTING_KEY + "\n");
    return Files.writeString(dir.resolve("logwarden.yaml"), HEAD + notify);
  }

  private NotifySettings load(String notify) throws IOException {
    return NotifyConfigLoader.load(write(notify), ENV, true);
  }

  private ConfigException refused(String notify) throws IOException {
    Path file = write(notify);
    // The whole file is also checked by ConfigLoader: a shape it refuses there is refused here too.
    return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> NotifyConfigLoader.load(file, ENV, true));
  }

  private static final String FULL = """
      notify:
        destinations:
          secops-slack:
            type: slack
            url: {env: SLACK_URL}
          oncall:
            type: pagerduty
            routing_key: {file: routing-key}
            send_on: [open, escalation, closed]
            timeout: 5s
            attempts: 8
            backoff: 200ms
            max_backoff: 20s
            delivery_timeout: 90s
            circuit_open_for: 5m
          soar:
            type: webhook
            url: {env: SOAR_URL}
            headers: {X-Source: logwarden}
            secret_headers:
              Authorization: {env: SOAR_TOKEN}
            rate_limit: {requests: 5, per: 1s}
          siem:
            type: file
            path: alerts/alerts.json
            max_size_mb: 50
            keep: 3
            send_on: [open, escalation, closed]
        routes:
          - min_severity: HIGH
            to: [oncall]
          - rules: [auth.success_after_failures, config.change_after_suspicious_auth]
            to: [soar]
          - to: [secops-slack, siem]
      """;

  @Test
  void readsEveryKindOfDestinationAndTheRoutes() throws IOException {
    NotifySettings settings = load(FULL);
    assertThat(settings.destinations().keySet()).containsExactly("secops-slack", "oncall", "soar", "siem");

    Destination slack = settings.destinations().get("secops-slack");
    assertThat(slack.type()).isEqualTo(DestinationType.SLACK);
    assertThat(((Destination.Slack) slack.target()).url().value()).isEqualTo(SLACK_URL);
    assertThat(slack.on()).containsExactly(Trigger.OPEN, Trigger.ESCALATION);
    assertThat(slack.delivery()).isEqualTo(DeliveryPolicy.defaults(RateLimit.SLACK));

    Destination oncall = settings.destinations().get("oncall");
    Destination.PagerDuty pagerDuty = (Destination.PagerDuty) oncall.target();
    assertThat(pagerDuty.routingKey().value()).isEqualTo(ROUTING_KEY);
    assertThat(pagerDuty.routingKey().source()).isEqualTo("file " + dir.toAbsolutePath().resolve("routing-key"));
    assertThat(pagerDuty.endpoint()).isEqualTo(URI.create("https://events.pagerduty.com/v2/enqueue"));
    assertThat(oncall.on()).containsExactly(Trigger.OPEN, Trigger.ESCALATION, Trigger.CLOSED);
    assertThat(oncall.delivery()).isEqualTo(new DeliveryPolicy(Duration.ofSeconds(5), 8, Duration.ofMillis(200),
        Duration.ofSeconds(20), Duration.ofSeconds(90), Duration.ofMinutes(5), null));

    Destination.Webhook soar = (Destination.Webhook) settings.destinations().get("soar").target();
    assertThat(soar.url().value()).isEqualTo("https://soar.example/hook");
    assertThat(soar.headers()).containsExactly(Map.entry("X-Source", "logwarden"));
    assertThat(soar.secretHeaders().get("Authorization").value()).isEqualTo("Bearer t0ken-t0ken");
    assertThat(settings.destinations().get("soar").delivery().rateLimit())
        .isEqualTo(new RateLimit(5, Duration.ofSeconds(1)));

    Destination.JsonLinesFile siem = (Destination.JsonLinesFile) settings.destinations().get("siem").target();
    assertThat(siem.path()).isEqualTo(dir.toAbsolutePath().resolve("alerts/alerts.json"));
    assertThat(siem.maxBytes()).isEqualTo(50L * 1024 * 1024);
    assertThat(siem.keep()).isEqualTo(3);

    assertThat(settings.routes()).extracting(Route::minSeverity)
        .containsExactly(Severity.HIGH, Severity.LOW, Severity.LOW);
    assertThat(settings.routes().get(1).rules())
        .containsExactly("auth.success_after_failures", "config.change_after_suspicious_auth");
    assertThat(settings.routes().get(2).to()).containsExactly("secops-slack", "siem");
    assertThat(settings.routes().get(1).where()).isEqualTo("logwarden.yaml line 35: notify.routes[1].rules");
    // The rest of the file is the deployment config as before.
    assertThat(ConfigLoader.load(dir.resolve("logwarden.yaml"), ENV).applicationId()).isEqualTo("logwarden");
  }

  @Test
  void noSectionMeansNoDestinations() throws IOException {
    assertThat(load("")).isEqualTo(NotifySettings.none());
    assertThat(load("notify: {}\n").isEmpty()).isTrue();
  }

  @Test
  void theEvidenceReportReadsTheSectionWithoutItsSecrets() throws IOException {
    Path file = write(FULL.replace("{file: routing-key}", "{file: /nowhere/routing-key}"));
    NotifySettings inspected = NotifyConfigLoader.inspect(file);
    Destination.Slack slack = (Destination.Slack) inspected.destinations().get("secops-slack").target();
    assertThat(slack.url().isRead()).isFalse();
    assertThat(slack.url()).hasToString("[secret from environment variable SLACK_URL]");
    assertThat(inspected.notifiedOnOpen("auth.brute_force.source", Severity.HIGH))
        .extracting(Destination::name).containsExactly("oncall", "secops-slack", "siem");
  }

  @Test
  void nothingItSaysQuotesASecret() throws IOException {
    NotifySettings settings = load(FULL);
    assertThat(settings.toString()).doesNotContain(SLACK_URL, "XXXXsecret", ROUTING_KEY, "t0ken")
        .contains("[secret from environment variable SLACK_URL]");
    // A secret that is not an http(s) URL is refused without being quoted.
    ConfigException e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> NotifyConfigLoader.load(
        write(FULL), Map.of("SLACK_URL", "hooks.slack.com/XXXXsecretXXXX", "SOAR_URL", "https://x.example",
            "SOAR_TOKEN", "t"), true));
    assertThat(e).hasMessage("logwarden.yaml line 8: notify.destinations.secops-slack.url: the URL from environment "
        + "variable SLACK_URL is not an http(s) URL with a host");
  }

  @Test
  void aTypoInAKeyIsRefusedWithTheNearestOne() throws IOException {
    ConfigException e = refused("notify:\n  destinations:\n    chat:\n      type: slack\n      urll: {env: SLACK_URL}\n");
    assertThat(e.getMessage()).startsWith("logwarden.yaml line 8: notify.destinations.chat.urll: unknown key 'urll'; "
        + "did you mean 'url'?");
  }

  @Test
  void anUnknownTypeIsRefusedWithTheTypes() throws IOException {
    assertThat(refused("notify:\n  destinations:\n    chat:\n      type: teams\n"))
        .hasMessage("logwarden.yaml line 7: notify.destinations.chat.type: 'teams' is not a destination type; the "
            + "types are webhook, slack, pagerduty, file");
    assertThat(refused("notify:\n  destinations:\n    chat:\n      url: {env: SLACK_URL}\n"))
        .hasMessage("logwarden.yaml line 6: notify.destinations.chat: has no type; the types are webhook, slack, "
            + "pagerduty, file");
  }

  @Test
  void aSettingOfAnotherTypeIsRefused() throws IOException {
    assertThat(refused("notify:\n  destinations:\n    siem:\n      type: file\n      path: a.json\n"
        + "      url: {env: SLACK_URL}\n"))
        .hasMessageStartingWith("logwarden.yaml line 9: notify.destinations.siem.url: is not a setting of a file "
            + "destination (its settings: attempts, backoff, circuit_open_for, delivery_timeout, keep, max_backoff, "
            + "max_size_mb, path, send_on)");
    assertThat(refused("notify:\n  destinations:\n    chat:\n      type: slack\n      url: {env: SLACK_URL}\n"
        + "      headers: {X-A: b}\n"))
        .hasMessageStartingWith("logwarden.yaml line 9: notify.destinations.chat.headers: is not a setting of a slack");
  }

  @Test
  void aSecretIsWrittenAsWhereItComesFromNeverAsAValue() throws IOException {
    // A plain string where {env:} or {file:} belongs is the wrong type.
    assertThat(refused("notify:\n  destinations:\n    chat:\n      type: slack\n      url: " + SLACK_URL + "\n")
        .getMessage()).startsWith("logwarden.yaml line 8: notify.destinations.chat.url: expected ")
        .doesNotContain("XXXXsecret");
    assertThat(refused("notify:\n  destinations:\n    chat:\n      type: slack\n      url: {env: A, file: b}\n"))
        .hasMessage("logwarden.yaml line 8: notify.destinations.chat.url: names where the secret comes from: "
            + "{env: VARIABLE} or {file: PATH}, one of them");
    assertThat(refused("notify:\n  destinations:\n    chat:\n      type: slack\n"))
        .hasMessageStartingWith("logwarden.yaml line 6: notify.destinations.chat.url: is missing: the URL, as url: "
            + "{env: VARIABLE} or {file: PATH}");
  }

  @Test
  void aSecretThatCannotBeReadStopsTheStartNamingItsSource() throws IOException {
    assertThat(refused("notify:\n  destinations:\n    chat:\n      type: slack\n      url: {env: NOT_SET}\n"))
        .hasMessage("logwarden.yaml line 8: notify.destinations.chat.url.env: environment variable NOT_SET is not set");
    assertThat(refused("notify:\n  destinations:\n    oncall:\n      type: pagerduty\n"
        + "      routing_key: {file: missing-key}\n"))
        .hasMessage("logwarden.yaml line 8: notify.destinations.oncall.routing_key.file: file "
            + dir.toAbsolutePath().resolve("missing-key") + " does not exist");
    Files.writeString(dir.resolve("empty"), "\n");
    assertThat(refused("notify:\n  destinations:\n    oncall:\n      type: pagerduty\n"
        + "      routing_key: {file: empty}\n"))
        .hasMessageEndingWith("routing_key.file: file " + dir.toAbsolutePath().resolve("empty") + " is empty");
  }

  @Test
  void badValuesAreRefusedWithTheirLine() throws IOException {
    String slack = "notify:\n  destinations:\n    chat:\n      type: slack\n      url: {env: SLACK_URL}\n";
    assertThat(refused(slack + "      send_on: [open, updated]\n"))
        .hasMessageStartingWith("logwarden.yaml line 9: notify.destinations.chat.send_on: 'updated' is not an alert "
            + "state to send; the states are open, escalation and closed");
    assertThat(refused(slack + "      send_on: []\n")).hasMessageContaining("send_on: is empty");
    assertThat(refused(slack + "      delivery_timeout: 5m\n"))
        .hasMessageStartingWith("logwarden.yaml line 9: notify.destinations.chat.delivery_timeout: is longer than "
            + "120 s: a stream thread waits for it");
    assertThat(refused(slack + "      timeout: 40s\n"))
        .hasMessageStartingWith("logwarden.yaml line 9: notify.destinations.chat.timeout: the request timeout "
            + "(40000 ms) is longer than the delivery timeout (30000 ms)");
    assertThat(refused(slack + "      timeout: 10\n"))
        .hasMessage("logwarden.yaml line 9: notify.destinations.chat.timeout: expected text, found the number 10; a "
            + "duration is a whole number followed by a unit (ms, s, m, h), e.g. 10s");
    assertThat(refused(slack + "      timeout: 10 s\n"))
        .hasMessageStartingWith("logwarden.yaml line 9: notify.destinations.chat.timeout: '10 s' is not a duration");
    assertThat(refused(slack + "      attempts: 0\n")).hasMessageContaining("attempts: 0 is not from 1 to 20");
    assertThat(refused(slack + "      rate_limit: {requests: 0, per: 1s}\n"))
        .hasMessageContaining("rate_limit.requests: 0 is not a positive number of requests");
    assertThat(refused(slack + "      rate_limit: {requests: 5}\n"))
        .hasMessageContaining("rate_limit.per: is missing: the period");
    assertThat(refused(slack + "      backoff: 30s\n      max_backoff: 1s\n"))
        .hasMessageContaining("backoff: is longer than max_backoff (1000 ms)");
    assertThat(refused("notify:\n  destinations:\n    Chat Ops:\n      type: slack\n      url: {env: SLACK_URL}\n"))
        .hasMessageContaining("destination name 'Chat Ops' is not allowed");
    assertThat(refused("notify:\n  destinations:\n    siem:\n      type: file\n      path: a.json\n"
        + "      keep: -1\n")).hasMessageContaining("keep: -1 is not from 0 to 100");
  }

  @Test
  void headersThatLogwardenOrTheHttpClientSetAreRefused() throws IOException {
    String webhook = "notify:\n  destinations:\n    soar:\n      type: webhook\n      url: {env: SOAR_URL}\n";
    assertThat(refused(webhook + "      headers: {Idempotency-Key: x}\n"))
        .hasMessageContaining("headers.Idempotency-Key: is set by logwarden or the HTTP client itself");
    assertThat(refused(webhook + "      headers: {Host: x}\n")).hasMessageContaining("headers.Host: is set by");
    assertThat(refused(webhook + "      headers: {\"Bad Header\": x}\n"))
        .hasMessageContaining("'Bad Header' is not an HTTP header name");
  }

  @Test
  void aPagerDutyEndpointIsAPlainUrl() throws IOException {
    NotifySettings eu = load("notify:\n  destinations:\n    oncall:\n      type: pagerduty\n"
        + "      routing_key: {file: routing-key}\n      endpoint: https://events.eu.pagerduty.com/v2/enqueue\n");
    assertThat(((Destination.PagerDuty) eu.destinations().get("oncall").target()).endpoint())
        .isEqualTo(URI.create("https://events.eu.pagerduty.com/v2/enqueue"));
    assertThat(refused("notify:\n  destinations:\n    oncall:\n      type: pagerduty\n"
        + "      routing_key: {file: routing-key}\n      endpoint: events.pagerduty.com\n"))
        .hasMessage("logwarden.yaml line 9: notify.destinations.oncall.endpoint: 'events.pagerduty.com' is not an "
            + "http(s) URL with a host");
  }

  @Test
  void routesAreRefusedWhenTheyNameNoOrUnknownDestinationsOrSeverities() throws IOException {
    String slack = "notify:\n  destinations:\n    secops-slack:\n      type: slack\n      url: {env: SLACK_URL}\n"
        + "  routes:\n";
    assertThat(refused(slack + "    - to: [secops-slak]\n"))
        .hasMessage("logwarden.yaml line 10: notify.routes[0].to: no destination 'secops-slak'; did you mean "
            + "'secops-slack'? (destinations: secops-slack)");
    assertThat(refused(slack + "    - min_severity: SEVERE\n      to: [secops-slack]\n"))
        .hasMessage("logwarden.yaml line 10: notify.routes[0].min_severity: 'SEVERE' is not a severity; the "
            + "severities are LOW, MEDIUM, HIGH and CRITICAL");
    assertThat(refused(slack + "    - min_severity: HIGH\n"))
        .hasMessageStartingWith("logwarden.yaml line 10: notify.routes[0].to: is missing");
    assertThat(refused(slack + "    - to: []\n")).hasMessageContaining("to: is empty");
    assertThat(refused(slack + "    - rules: []\n      to: [secops-slack]\n"))
        .hasMessageContaining("rules: is empty; leave it out for every rule");
    assertThat(load(slack + "    - min_severity: medium\n      to: [secops-slack]\n").routes().get(0).minSeverity())
        .isEqualTo(Severity.MEDIUM);
    assertThat(load(slack + "    - to: [secops-slack]\n").routes().get(0).rules()).isEqualTo(Set.of());
  }

  @Test
  void theRestOfTheFileStillRefusesAnUnknownSectionAndSaysNotifyIsOne() throws IOException {
    Path file = write("notifications: {}\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'notifications'").hasMessageContaining("notify");
  }
}
