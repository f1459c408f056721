package io.logwarden.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.redact.SecretScannerTest.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Name/value pairs whose name and value sit in two members of a text. */
class SplitPairSecretsTest {

  private final SecretScanner scanner = new SecretScanner();

  /** A split pair holding a secret {@code S}. */
  record Shape(String name, UnaryOperator<String> wrap) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Shape> SHAPES = List.of(
      new Shape("json name/value", s -> "{\"name\":\"x-api-key\",\"value\":\"" + s + "\"}"),
      new Shape("json value first", s -> "{\"value\": \"" + s + "\", \"name\": \"x-api-key\"}"),
      new Shape("json key/value", s -> "{\"key\":\"client_secret\",\"value\":\"" + s + "\"}"),
      new Shape("json header/val", s -> "{ \"header\" : \"X-Auth-Token\" , \"val\" : \"" + s + "\" }"),
      new Shape("json among other pairs", s -> "\"headers\":[{\"name\":\"Accept\",\"value\":\"*/*\"},{\"name\":\"X-Api-Key\",\"value\":\""
          + s + "\"},{\"name\":\"User-Agent\",\"value\":\"curl/8.5\"}]"),
      new Shape("otlp attribute", s -> "{\"key\":\"http.request.header.x-api-key\",\"value\":{\"stringValue\":\"" + s + "\"}}"),
      new Shape("otlp array attribute", s -> "{\"key\":\"http.request.header.x-api-key\",\"value\":{\"arrayValue\":{\"values\":[{\"stringValue\":\""
          + s + "\"}]}}}"),
      new Shape("header pair arrays", s -> "headers=[[\"Accept\",\"*/*\"],[\"X-Api-Key\",\"" + s + "\"]]"),
      new Shape("python header tuples", s -> "headers: [('Accept', '*/*'), ('X-Api-Key', '" + s + "')]"),
      new Shape("logfmt key/value", s -> "level=debug key=api_key value=" + s + " source=env"),
      new Shape("logfmt name/value", s -> "setting name=password value=" + s),
      new Shape("kubernetes env block", s -> "env:\n- name: DB_HOST\n  value: db-1\n- name: DB_PASSWORD\n  value: " + s
          + "\n- name: LOG_LEVEL\n  value: info"),
      new Shape("kubernetes env flow", s -> "env: [{name: LOG_LEVEL, value: info}, {name: API_TOKEN, value: " + s + "}]"),
      new Shape("kubernetes env quoted", s -> "- name: \"DB_PASSWORD\"\n  value: \"" + s + "\""));

  static final List<Context> CONTEXTS = List.of(
      new Context("plain", false, s -> s),
      new Context("json string", true, s -> "{\"level\":\"debug\",\"msg\":\"request: " + s + "\",\"ms\":4}"),
      new Context("log line", false, s -> "2026-07-22 09:45:23.123 DEBUG [http-nio-8080-exec-1] c.e.Client - sending " + s));

  static Stream<Arguments> shapesInContexts() {
    Random random = new Random(303);
    List<Arguments> out = new ArrayList<>();
    for (Shape shape : SHAPES) {
      for (Context context : CONTEXTS) {
        out.add(Arguments.of(shape, context, FakeSecrets.password(random)));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("shapesInContexts")
  void valueOfASecretNamedPairGoes(Shape shape, Context context, String secret) {
    String out = scanner.redact(context.render(shape.wrap().apply(secret)), null);
    assertThat(out).contains("[REDACTED:secret-value]");
    Leaks.assertNoPieceSurvives(out, secret);
    assertThat(scanner.redact(out, null)).as("idempotent").isSameAs(out);
  }

  @Test
  void onlyTheValueGoes() {
    assertThat(redact("{\"name\":\"x-api-key\",\"value\":\"0123456789abcdef\"}"))
        .isEqualTo("{\"name\":\"x-api-key\",\"value\":\"[REDACTED:secret-value]\"}");
    assertThat(redact("[[\"Authorization\",\"Bearer abcdefghijklmnop1234\"],[\"Accept\",\"*/*\"]]"))
        .isEqualTo("[[\"Authorization\",\"Bearer [REDACTED:authorization]\"],[\"Accept\",\"*/*\"]]");
    assertThat(redact("{\"key\":\"Authorization\",\"value\":\"Bearer abcdefghijklmnopqrstuvwxyz\"}"))
        .isEqualTo("{\"key\":\"Authorization\",\"value\":\"Bearer [REDACTED:authorization]\"}");
    assertThat(redact("- name: DB_PASSWORD\n  value: hunter2hunter2\n- name: DB_HOST\n  value: db-1"))
        .isEqualTo("- name: DB_PASSWORD\n  value: [REDACTED:secret-value]\n- name: DB_HOST\n  value: db-1");
    assertThat(redact("env: [{name: API_TOKEN, value: tok-abc-123}, {name: LOG_LEVEL, value: debug}]"))
        .isEqualTo("env: [{name: API_TOKEN, value: [REDACTED:secret-value]}, {name: LOG_LEVEL, value: debug}]");
    assertThat(redact("name=password value=hunter2 user=bob")).isEqualTo("name=password value=[REDACTED:secret-value] user=bob");
  }

  @Test
  void escapedJsonInsideAJsonString() {
    String line = "{\"msg\":\"{\\\"name\\\":\\\"x-api-key\\\",\\\"value\\\":\\\"0123456789abcdef\\\"}\"}";
    assertThat(redact(line)).isEqualTo("{\"msg\":\"{\\\"name\\\":\\\"x-api-key\\\",\\\"value\\\":\\\"[REDACTED:secret-value]\\\"}\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"checkout\"}}",
      "{\"name\":\"Accept\",\"value\":\"*/*\"}",
      "{\"name\":\"token_count\",\"value\":42}",
      "{\"name\":\"nextPageToken\",\"value\":\"CiAKGjBpNDd2Nmp2\"}",
      "[[\"Accept\",\"*/*\"],[\"User-Agent\",\"curl/8.5\"]]",
      "[\"password\",\"token\",\"secret\"]",
      "- name: DB_HOST\n  value: db-1",
      "- name: DB_PASSWORD\n  valueFrom:\n    secretKeyRef: {name: orders-db, key: password}\n- name: LOG_LEVEL\n  value: info",
      "{\"name\":\"Authorization\",\"value\":\"none\"}",
      "key=orders:42 value=cached",
      "{\"name\":\"reset password\",\"value\":\"clicked\"}"})
  void pairsWithoutASecretStay(String line) {
    assertThat(scanner.redact(line, null)).isSameAs(line);
  }

  private String redact(String line) {
    return scanner.redact(line, null);
  }
}
