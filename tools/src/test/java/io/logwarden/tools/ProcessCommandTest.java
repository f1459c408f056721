package io.logwarden.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.cli.LogwardenCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ProcessCommandTest extends ProcessCommandRun {





  private static String failedSignIn(int second, String user) {
    return "{\"@timestamp\":\"2026-11-27T08:14:" + String.format("%02d", second) + "Z\",\"level\":\"WARN\","
        + "\"message\":\"Sign-in failed\",\"event\":{\"action\":\"user_login\",\"outcome\":\"failure\"},"
        + "\"user\":{\"name\":\"" + user + "\"},\"source\":{\"ip\":\"203.0.113.45\"}}";
  }

  @Test
  void printsEveryOutputRecordAsPlainJsonIncludingDeadLettersAndAlerts() throws IOException {
    StringBuilder input = new StringBuilder("{\"@timestamp\": \"2026-11-27T08:14:0\n");
    for (int i = 0; i < 8; i++) {
      input.append(failedSignIn(10 + i, "user" + i)).append('\n');
    }
    assertThat(run(input.toString(), "--source", "auth")).isZero();

    List<JsonNode> lines = outputLines();
    assertThat(lines).extracting(line -> line.get("topic").asText()).containsOnly(
        "logs.dlq", "store.betterstack", "security.events", "security.alerts");
    JsonNode letter = lines.get(0);
    assertThat(letter.get("topic").asText()).isEqualTo("logs.dlq");
    assertThat(letter.get("key").asText()).isEqualTo("logs.raw.auth/0/0");
    assertThat(letter.at("/value/reason").asText()).isEqualTo("not_json");
    assertThat(letter.at("/value/payload").asText()).isEqualTo("{\"@timestamp\": \"2026-11-27T08:14:0");

    JsonNode event = lines.get(1);
    assertThat(event.get("topic").asText()).isEqualTo("store.betterstack");
    // Plain JSON: no Avro union wrappers, times as ISO-8601.
    assertThat(event.at("/value/actor/user").asText())
        .isEqualTo(new io.logwarden.redact.Pseudonymizer(io.logwarden.redact.PseudonymKey.demo()).pseudonym("user0"));
    assertThat(event.at("/value/event_time").asText()).isEqualTo("2026-11-27T08:14:10.000000Z");
    assertThat(event.at("/value/observed_time").asText()).isEqualTo("2026-11-27T08:20:00.000Z");
    assertThat(event.at("/value/origin/offset").asInt()).isEqualTo(1);

    List<JsonNode> alerts = lines.stream().filter(line -> line.get("topic").asText().equals("security.alerts")).toList();
    // OPEN at the 8th failure; at the end of the input nothing more can come, so the alert closes.
    assertThat(alerts).extracting(a -> a.at("/value/status").asText()).containsExactly("OPEN", "CLOSED");
    assertThat(alerts).extracting(a -> a.at("/value/count").asLong()).containsExactly(8L, 8L);
    JsonNode alert = alerts.get(0);
    assertThat(alert.at("/value/key").asText())
        .isEqualTo(new io.logwarden.redact.Pseudonymizer(io.logwarden.redact.PseudonymKey.demo()).pseudonym("203.0.113.45"));
    assertThat(lines).filteredOn(line -> line.get("topic").asText().startsWith("logwarden-")).isEmpty();
    // The alert is kept in the Better Stack store too, as an event under the alert's id.
    JsonNode kept = lines.get(lines.size() - 1);
    assertThat(kept.get("topic").asText()).isEqualTo("store.betterstack");
    assertThat(kept.at("/value/action").asText()).isEqualTo("alert");
    assertThat(kept.at("/value/event_id").asText()).isEqualTo(alert.at("/value/alert_id").asText());
  }

  @Test
  void sameInputGivesTheSameAlertIds() throws IOException {
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < 8; i++) {
      input.append(failedSignIn(20 + i, "u" + i)).append('\n');
    }
    run(input.toString(), "--source", "auth");
    String first = outputLines().get(outputLines().size() - 1).at("/value/alert_id").asText();
    stdout.reset();
    run(input.toString(), "--source", "auth");
    assertThat(outputLines().get(outputLines().size() - 1).at("/value/alert_id").asText()).isEqualTo(first);
  }

  @Test
  void readsTheInputFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("app.jsonl"),
        "{\"ts\":\"2026-11-27T08:14:03Z\",\"msg\":\"hello\",\"level\":\"info\"}\n");
    assertThat(run("", "--source", "app", "--input", file.toString())).isZero();
    assertThat(outputLines()).extracting(line -> line.get("topic").asText()).containsExactly("store.betterstack");
  }

  @Test
  void missingSourceIsAUsageError() {
    assertThat(run("", "--input", "x")).isEqualTo(2);
    assertThat(stderr.toString()).contains("Missing required option: '--source=NAME'");
    assertThat(stdout.size()).isZero();
  }

  @Test
  void refusedPolicyIsAConfigurationErrorNamingTheLine(@TempDir Path dir) throws IOException {
    String policy = new String(getClass().getResourceAsStream("/policy/policy.yaml").readAllBytes(),
        StandardCharsets.UTF_8).replace("    retention: 90d", "    retention: -90d");
    Path file = Files.writeString(dir.resolve("policy.yaml"), policy);
    int line = List.of(policy.split("\n")).indexOf("    retention: -90d") + 1;

    assertThat(run("", "--source", "app", "--policy", file.toString())).isEqualTo(LogwardenCommand.CONFIG_ERROR);
    assertThat(stderr.toString()).contains("policy.yaml line " + line + ": stores.sentry.retention");
    assertThat(stdout.size()).isZero();
  }
}
