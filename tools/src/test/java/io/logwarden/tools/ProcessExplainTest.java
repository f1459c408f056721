package io.logwarden.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code process --explain}: one redacted explanation per record, before that record's outputs. */
class ProcessExplainTest extends ProcessCommandRun {


  private static final String SIGN_IN = "{\"@timestamp\":\"2026-11-27T08:14:10Z\",\"level\":\"WARN\","
      + "\"message\":\"Sign-in failed for alice@example.com password=hunter2\","
      + "\"event\":{\"action\":\"user_login\",\"outcome\":\"failure\"},"
      + "\"user\":{\"name\":\"alice@example.com\"},\"source\":{\"ip\":\"203.0.113.45\"}}";
  // The password last: an unquoted secret value runs to the end of the line, and the line's personal
  // data must still be there to be pseudonymized.
  private static final String TEXT = "<38>Nov 27 08:14:11 gate billing[4242]: retry for bob@example.org"
      + " from 198.51.100.23 with password=hunter2";
  private static final String BROKEN = "{\"@timestamp\": \"2026-11-27T08:14:0";




  @Test
  void explainsEachRecordBeforeItsOutputs() throws IOException {
    assertThat(run(SIGN_IN + "\n" + TEXT + "\n" + BROKEN + "\n", "--source", "auth", "--explain")).isZero();
    List<JsonNode> lines = outputLines();
    List<Integer> explained = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).has("explain")) {
        explained.add(i);
      }
    }
    assertThat(explained).hasSize(3);
    assertThat(explained.get(0)).isZero();
    for (int n = 0; n < 3; n++) {
      JsonNode explain = lines.get(explained.get(n)).get("explain");
      assertThat(explain.get("line").asInt()).isEqualTo(n + 1);
      // Every output after an explanation, up to the next, comes from that record.
      int end = n + 1 < explained.size() ? explained.get(n + 1) : lines.size();
      assertThat(end).isGreaterThan(explained.get(n) + 1);
      for (int i = explained.get(n) + 1; i < end; i++) {
        JsonNode value = lines.get(i).get("value");
        if (value.has("origin") && value.at("/origin/topic").asText().equals("logs.raw.auth")) {
          assertThat(value.at("/origin/offset").asInt()).isEqualTo(n);
        }
      }
    }

    JsonNode signIn = lines.get(explained.get(0)).get("explain");
    assertThat(signIn.get("format").asText()).isNotBlank().isNotEqualTo("undetected");
    assertThat(signIn.get("entry").asText()).isNotEqualTo("none");
    JsonNode fields = signIn.get("fields");
    assertThat(fields.get("time").asText()).isEqualTo("2026-11-27T08:14:10Z");
    assertThat(fields.get("category").asText()).isEqualTo("AUTHENTICATION");
    assertThat(fields.get("action").asText()).isEqualTo("sign_in");
    assertThat(fields.get("outcome").asText()).isEqualTo("FAILURE");
    // Redacted exactly as the outputs are: the same pseudonym as the security event's.
    JsonNode event = lines.stream().filter(l -> l.path("topic").asText().equals("security.events")).findFirst()
        .orElseThrow().get("value");
    assertThat(fields.get("user").asText()).startsWith("pii:").isEqualTo(event.at("/actor/user").asText());
    assertThat(fields.get("source_address").asText()).isEqualTo(event.at("/source/address").asText());
    assertThat(fields.get("message").asText()).isEqualTo(event.at("/message").asText());
    assertThat(signIn.get("entry").asText()).isEqualTo(event.at("/attributes/classification.entry").asText());

    JsonNode text = lines.get(explained.get(1)).get("explain");
    assertThat(text.get("format").asText()).isEqualTo("syslog-rfc3164");
    assertThat(text.get("entry").asText()).isEqualTo("none");
    assertThat(text.at("/fields/host").asText()).isEqualTo("gate");
    assertThat(text.at("/fields/message").asText()).contains("[REDACTED:").contains("pii:");

    JsonNode broken = lines.get(explained.get(2)).get("explain");
    assertThat(broken.get("entry").asText()).isEqualTo("none");
    assertThat(broken.get("rejected").asText()).isEqualTo("not_json");
    assertThat(broken.get("format").asText()).isEqualTo("json");
    assertThat(broken.get("fields").size()).isZero();
    assertThat(lines.get(lines.size() - 1).get("topic").asText()).isEqualTo("logs.dlq");
  }

  @Test
  void nothingSecretOrPersonalLeaks() throws IOException {
    assertThat(run(SIGN_IN + "\n" + TEXT + "\n", "--source", "auth", "--explain")).isZero();
    String out = stdout.toString(StandardCharsets.UTF_8);
    assertThat(outputLines().stream().filter(l -> l.has("explain")).count()).isEqualTo(2);
    assertThat(out).doesNotContain("hunter2", "alice@example.com", "bob@example.org", "203.0.113.45",
        "198.51.100.23", "alice", "example.com");
  }

  @Test
  void withoutTheFlagNothingIsExplained() throws IOException {
    assertThat(run(SIGN_IN + "\n", "--source", "auth")).isZero();
    assertThat(outputLines()).isNotEmpty().noneMatch(line -> line.has("explain"));
  }
}
