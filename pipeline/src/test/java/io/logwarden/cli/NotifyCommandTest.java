package io.logwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.notify.Notifier;
import io.logwarden.notify.RecordingServer;
import io.logwarden.notify.RecordingServer.Answer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code notify test}: one test notification per destination, a line per destination, exit 1 when any failed. */
class NotifyCommandTest {

  @TempDir
  Path dir;

  private RecordingServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    CommandLine cli = LogwardenCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path config() throws IOException {
    Files.writeString(dir.resolve("slack.url"), server.url("/slack"));
    Files.writeString(dir.resolve("hook.url"), server.url("/hook"));
    Files.writeString(dir.resolve("routing-key"), "R0UT1NGKEYxxxxxxxxxxxxxxxxxxxxxx");
    return Files.writeString(dir.resolve("logwarden.yaml"), """
        kafka:
          bootstrap.servers: unused:9092
        notify:
          destinations:
            secops-slack:
              type: slack
              url: {file: slack.url}
            oncall:
              type: pagerduty
              routing_key: {file: routing-key}
              endpoint: %s
            soar:
              type: webhook
              url: {file: hook.url}
            siem:
              type: file
              path: siem/alerts.json
          routes:
            - to: [secops-slack, oncall, soar, siem]
        """.formatted(server.url("/pagerduty")));
  }

  @Test
  void sendsOneTestNotificationToEachDestinationAndReportsEach() throws IOException {
    server = RecordingServer.start()
        .on("/pagerduty", (key, attempt) -> Answer.status(202, "{\"status\":\"success\",\"message\":\"Event processed\"}"))
        .on("/hook", (key, attempt) -> Answer.status(404, "no_such_hook"));
    Run run = run("notify", "test", "--config", config().toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(NotifyCommand.FAILED);
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).matches("destination +type +result +detail");
    assertThat(lines.get(1)).matches("secops-slack +slack +OK +delivered in \\d+ ms");
    assertThat(lines.get(2)).matches("oncall +pagerduty +OK +delivered in \\d+ ms");
    assertThat(lines.get(3)).matches("soar +webhook +FAILED +HTTP 404 \\(no_such_hook\\)");
    assertThat(lines.get(4)).matches("siem +file +OK +delivered in \\d+ ms");
    assertThat(lines.get(5)).isEqualTo("1 of 4 destination(s) did not take their test notification.");

    // PagerDuty got the trigger and then its resolve, so no test incident stays open.
    List<RecordingServer.Request> pagerDuty = server.requests("/pagerduty");
    assertThat(pagerDuty).extracting(r -> r.json().path("event_action").asText()).containsExactly("trigger", "resolve");
    assertThat(pagerDuty.get(0).json().path("dedup_key").asText()).isEqualTo(pagerDuty.get(1).json().path("dedup_key").asText());
    assertThat(server.requests("/slack")).singleElement().satisfies(request ->
        assertThat(request.json().toString()).contains("Test notification from logwarden", Notifier.TEST_RULE));
    assertThat(Files.readAllLines(dir.resolve("siem/alerts.json"))).singleElement().asString()
        .contains("\"rule_id\":\"" + Notifier.TEST_RULE + "\"");
    // Nothing names a secret.
    assertThat(run.out() + run.err()).doesNotContain(server.url(""), "R0UT1NGKEY");
  }

  @Test
  void oneDestinationCanBeTestedAloneAndAllOkExitsZero() throws IOException {
    server = RecordingServer.start();
    Run run = run("notify", "test", "--config", config().toString(), "--destination", "secops-slack");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("secops-slack", "Every destination took its test notification.")
        .doesNotContain("oncall");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void runningTheNotifyTopologyWithoutDestinationsIsRefusedBeforeTouchingTheCluster() throws IOException {
    Files.writeString(dir.resolve("pseudonym.key"), "7a".repeat(32) + "\n");
    Path config = Files.writeString(dir.resolve("logwarden.yaml"), "kafka:\n  bootstrap.servers: 127.0.0.1:1\n"
        + "pseudonym_key_file: pseudonym.key\nstate_dir: " + dir.resolve("state") + "\nhttp_port: 0\n");
    Run run = run("run", "--config", config.toString(), "--topology", "notify");
    assertThat(run.exitCode()).isEqualTo(LogwardenCommand.CONFIG_ERROR);
    assertThat(run.err()).isEqualTo("logwarden: logwarden.yaml: --topology notify, but the config's notify: section "
        + "names no destination (docs/notifications.md)" + System.lineSeparator());
    assertThat(dir.resolve("state")).doesNotExist();
  }

  @Test
  void aRouteToARuleTheRulesFileLacksStopsRun() throws IOException {
    server = RecordingServer.start();
    Files.writeString(dir.resolve("pseudonym.key"), "7a".repeat(32) + "\n");
    Files.writeString(dir.resolve("hook.url"), server.url("/hook"));
    Path config = Files.writeString(dir.resolve("logwarden.yaml"), "kafka:\n  bootstrap.servers: 127.0.0.1:1\n"
        + "pseudonym_key_file: pseudonym.key\nhttp_port: 0\nnotify:\n  destinations:\n"
        + "    hook: {type: webhook, url: {file: hook.url}}\n  routes:\n    - rules: [auth.brute_force.sourse]\n"
        + "      to: [hook]\n");
    Run run = run("run", "--config", config.toString(), "--topology", "notify");
    assertThat(run.exitCode()).isEqualTo(LogwardenCommand.CONFIG_ERROR);
    assertThat(run.err()).startsWith("logwarden: logwarden.yaml line 9: notify.routes[0].rules: rule "
        + "'auth.brute_force.sourse' is not in the rules file (rules: auth.brute_force.source, ");
  }

  @Test
  void anUnknownDestinationOrAnEmptySectionIsAConfigError() throws IOException {
    server = RecordingServer.start();
    Run unknown = run("notify", "test", "--config", config().toString(), "--destination", "pager");
    assertThat(unknown.exitCode()).isEqualTo(LogwardenCommand.CONFIG_ERROR);
    assertThat(unknown.err()).contains("no destination 'pager' (destinations: secops-slack, oncall, soar, siem)");
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "kafka:\n  bootstrap.servers: unused:9092\n");
    Run none = run("notify", "test", "--config", empty.toString());
    assertThat(none.exitCode()).isEqualTo(LogwardenCommand.CONFIG_ERROR);
    assertThat(none.err()).contains("the notify: section names no destination");
  }
}
