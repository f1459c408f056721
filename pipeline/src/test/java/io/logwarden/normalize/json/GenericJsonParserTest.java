package io.logwarden.normalize.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Outcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generic JSON log reading that every shipper parser shares. */
class GenericJsonParserTest {

  private final RecordNormalizer normalizer = new RecordNormalizer(Samples.POLICY);

  private LogEvent normalize(String json) {
    RecordNormalizer.Result result = Samples.normalize(normalizer, json.getBytes(StandardCharsets.UTF_8));
    assertThat(result.events()).hasSize(1);
    return result.events().get(0);
  }

  @ParameterizedTest
  @CsvSource({
      // pino and bunyan
      "10, 1", "20, 5", "30, 9", "40, 13", "50, 17", "60, 21",
      // logback / log4j level_value written as the level
      "5000, 1", "10000, 5", "20000, 9", "30000, 13", "40000, 17",
  })
  void numericLevelsOnKnownScales(String level, int severity) {
    LogEvent event = normalize("{\"msg\":\"m\",\"level\":" + level + "}");
    assertThat(event.getSeverityNumber()).isEqualTo(severity);
    assertThat(event.getSeverityText()).isEqualTo(level);
    assertThat(event.getFlags()).doesNotContain("bad_level");
  }

  @ParameterizedTest
  @CsvSource({"42", "3", "-1", "30.5", "99999999999999999999"})
  void numericLevelOnNoKnownScaleIsKeptAsTextAndFlagged(String level) {
    LogEvent event = normalize("{\"msg\":\"m\",\"level\":" + level + "}");
    assertThat(event.getSeverityNumber()).isNull();
    assertThat(event.getSeverityText()).isEqualTo(level);
    assertThat(event.getFlags()).contains("bad_level");
  }

  @Test
  void levelValueAloneGivesTheSeverity() {
    LogEvent event = normalize("{\"message\":\"m\",\"level_value\":30000}");
    assertThat(event.getSeverityNumber()).isEqualTo(13);
    assertThat(event.getAttributes()).doesNotContainKey("level_value");
  }

  @Test
  void jsonNullsAreSkippedForTheNextCandidate() {
    LogEvent event = normalize("{\"message\":null,\"msg\":\"second\",\"@timestamp\":null,"
        + "\"timestamp\":\"2026-07-22T09:00:00Z\",\"level\":null,\"user\":null,\"extra\":null}");
    assertThat(event.getMessage()).isEqualTo("second");
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:00:00Z"));
    assertThat(event.getFlags()).isEmpty();
    assertThat(event.getAttributes()).isEmpty();
  }

  @Test
  void wrongTypesAreReadAsWellAsTheyCanBe() {
    LogEvent event = normalize("{\"message\":{\"text\":\"nested\"},\"msg\":7,\"timestamp\":[1],"
        + "\"user\":{\"id\":5},\"host\":true,\"source\":{\"ip\":[\"1.2.3.4\"],\"port\":\"99999\"}}");
    assertThat(event.getMessage()).isEqualTo("7");
    assertThat(event.getActor().getUser()).isEqualTo("5");
    assertThat(event.getSource().getHost()).isEqualTo("true");
    assertThat(event.getSource().getPort()).isNull();
    assertThat(event.getAttributes())
        .containsEntry("message.text", "nested")
        .containsEntry("timestamp", "[1]")
        .containsEntry("source.ip", "[\"1.2.3.4\"]");
  }

  @Test
  void ecsAuthenticationCategoryAsAnArray() {
    LogEvent event = normalize("{\"@timestamp\":\"2026-07-22T09:00:00Z\",\"message\":\"sshd: accepted\","
        + "\"event\":{\"category\":[\"authentication\",\"session\"],\"outcome\":\"success\",\"action\":\"ssh_login\"},"
        + "\"user\":{\"name\":\"deploy\",\"email\":\"d@example.com\"},\"source\":{\"ip\":\"192.0.2.1\"}}");
    assertThat(event.getCategory()).isEqualTo(Category.AUTHENTICATION);
    assertThat(event.getAction()).isEqualTo("sign_in");
    assertThat(event.getOutcome()).isEqualTo(Outcome.SUCCESS);
    assertThat(event.getActor().getUser()).isEqualTo("deploy");
    assertThat(event.getSource().getAddress()).isEqualTo("192.0.2.1");
    assertThat(event.getAttributes()).containsEntry("user.email", "d@example.com");
  }

  @Test
  void signInActionWithoutOutcomeIsStillASignIn() {
    LogEvent event = normalize("{\"message\":\"m\",\"action\":\"login\",\"user\":\"bob\"}");
    assertThat(event.getCategory()).isEqualTo(Category.AUTHENTICATION);
    assertThat(event.getAction()).isEqualTo("sign_in");
    assertThat(event.getOutcome()).isEqualTo(Outcome.UNKNOWN);
  }

  // The web_access catalogue entries: a 401 on a sign-in path is a failed sign-in, a 403 anywhere an
  // access refusal, anything else a request as logged.
  @ParameterizedTest
  @CsvSource({
      "/login, 401, sign_in",
      "/api/v1/auth/token, 403, access_denied",
      "https://shop.example.com/signin?next=/cart, 401, sign_in",
      "/session, 403, access_denied",
      "/login, 200, log",
      "/api/orders, 401, log",
      "/loginhelp, 401, log",
      "/login, 429, log",
  })
  void refusedLoginFromHttpFields(String path, String status, String action) {
    String url = path.startsWith("http") ? "\"original\":\"" + path + "\"" : "\"path\":\"" + path + "\"";
    LogEvent event = normalize("{\"@timestamp\":\"2026-07-22T09:00:00Z\",\"agent\":{\"type\":\"filebeat\"},"
        + "\"url\":{" + url + "},\"http\":{\"response\":{\"status_code\":" + status + "}},"
        + "\"source\":{\"ip\":\"192.0.2.9\"}}");
    assertThat(event.getOrigin().getFormat()).isEqualTo("json-ecs");
    assertThat(event.getAction()).isEqualTo(action);
    switch (action) {
      case "sign_in" -> {
        assertThat(event.getCategory()).isEqualTo(Category.AUTHENTICATION);
        assertThat(event.getOutcome()).isEqualTo(Outcome.FAILURE);
      }
      case "access_denied" -> {
        assertThat(event.getCategory()).isEqualTo(Category.SECURITY);
        assertThat(event.getOutcome()).isEqualTo(Outcome.FAILURE);
      }
      default -> assertThat(event.getCategory()).isEqualTo(Category.APPLICATION);
    }
    assertThat(event.getAttributes()).containsEntry("http.response.status_code", status);
  }

  @Test
  void pythonTracebackNamesItsExceptionOnTheLastLine() {
    LogEvent event = normalize("{\"message\":\"failed\",\"stack_trace\":\"Traceback (most recent call last):\\n"
        + "  File \\\"app.py\\\", line 3, in <module>\\n    main()\\nValueError: bad input\\n\"}");
    assertThat(event.getError().getType()).isEqualTo("ValueError");
    assertThat(event.getError().getMessage()).isEqualTo("bad input");
  }

  @Test
  void stackHeadThatIsNoTypeLeavesTheTypeUnset() {
    LogEvent event = normalize("{\"message\":\"failed\",\"stack_trace\":\"something went wrong: see above\"}");
    assertThat(event.getError().getType()).isNull();
    assertThat(event.getError().getStack()).isEqualTo("something went wrong: see above");
  }

  @Test
  void explicitErrorTypeWinsOverTheStackHead() {
    LogEvent event = normalize("{\"message\":\"m\",\"error\":{\"type\":\"Timeout\",\"message\":\"slow\","
        + "\"stack_trace\":\"java.io.IOException: reset\"}}");
    assertThat(event.getError().getType()).isEqualTo("Timeout");
    assertThat(event.getError().getMessage()).isEqualTo("slow");
  }

  @Test
  void messageThatOnlyLooksLikeJsonStaysTheMessage() {
    LogEvent event = normalize("{\"message\":\"{not json}\",\"source_type\":\"file\"}");
    assertThat(event.getMessage()).isEqualTo("{not json}");
  }

  @Test
  void embeddedJsonWithoutMessageLeavesNoMessageButKeepsItsFields() {
    LogEvent event = normalize("{\"log\":\"{\\\"order\\\":99812,\\\"level\\\":\\\"warn\\\"}\\n\",\"stream\":\"stdout\","
        + "\"kubernetes\":{\"pod_name\":\"p\"},\"@timestamp\":1784714400.5}");
    assertThat(event.getOrigin().getFormat()).isEqualTo("json-fluentbit");
    assertThat(event.getMessage()).isNull();
    assertThat(event.getSeverityNumber()).isEqualTo(13);
    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-07-22T10:00:00.500Z"));
    assertThat(event.getAttributes()).containsEntry("order", "99812").containsEntry("kubernetes.pod_name", "p");
  }

  @Test
  void bareIdIsNotTakenForTheEventId() {
    LogEvent withId = normalize("{\"message\":\"order created\",\"id\":42}");
    assertThat(withId.getEventId()).hasSize(32).isNotEqualTo("42");
    assertThat(withId.getAttributes()).containsEntry("id", "42");
    LogEvent withEventId = normalize("{\"message\":\"m\",\"event\":{\"id\":\"e-1\"}}");
    assertThat(withEventId.getEventId()).isEqualTo("e-1");
  }

  @Test
  void levelWordIsFoundOnlyNearTheStartAndInUpperCase() {
    assertThat(GenericJsonParser.levelWordAtStart("2026-07-22 09:46:01,337 WARN  c.e.Client - x")).isEqualTo("WARN");
    assertThat(GenericJsonParser.levelWordAtStart("[ERROR] disk full")).isEqualTo("ERROR");
    assertThat(GenericJsonParser.levelWordAtStart("an error occurred")).isNull();
    assertThat(GenericJsonParser.levelWordAtStart("one two three four ERROR")).isNull();
    assertThat(GenericJsonParser.levelWordAtStart("")).isNull();
  }
}
