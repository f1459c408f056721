package io.logwarden.normalize.text;

import static io.logwarden.normalize.text.TextFixtures.one;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.LogEvent;
import java.nio.charset.StandardCharsets;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommonLogFormatParserTest {

  private final CommonLogFormatParser parser = new CommonLogFormatParser();
  private static final RecordNormalizer NORMALIZER = new RecordNormalizer(PolicyLoader.loadDefault());

  /** A line through the whole normalizer: the parser, then the catalogue's web_access entries classify it. */
  private static LogEvent normalized(String line) {
    return NORMALIZER.normalize(new RawRecord("logs.raw.edge", 0, 0, Instant.parse("2026-07-22T10:00:00Z").toEpochMilli(),
        line.getBytes(StandardCharsets.UTF_8)), null).events().get(0);
  }

  @Test
  void sampleLoginPostRedirectIsASuccessfulSignIn() {
    String line = TextFixtures.lines("samples/other_text_formats.log").get(2);
    assertThat(parser.matches(line)).isTrue();

    ParsedEvent event = one(parser, line);

    assertThat(event.time).isEqualTo(Instant.parse("2026-07-22T09:54:02Z"));
    assertThat(event.sourceAddress).isEqualTo("127.0.0.1");
    assertThat(event.user).isEqualTo("frank");
    assertThat(event.message).isEqualTo("POST /login?password=letmein123 HTTP/1.1");
    assertThat(event.attributes())
        .containsEntry("http.request.method", "POST")
        .containsEntry("url.path", "/login")
        .containsEntry("url.query", "password=letmein123")
        .containsEntry("http.version", "1.1")
        .containsEntry("http.response.status_code", "302")
        .containsEntry("http.response.body.bytes", "0")
        .doesNotContainKeys("http.request.referrer", "user_agent.original");
    assertThat(event.severityNumber).isEqualTo(9);
    assertThat(event.action).isEqualTo("request");
    LogEvent classified = normalized(line);
    assertThat(classified.getCategory()).isEqualTo(Category.AUTHENTICATION);
    assertThat(classified.getAction()).isEqualTo("sign_in");
    assertThat(classified.getOutcome()).isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void unauthorizedOnLoginIsAFailedSignIn() {
    LogEvent event = normalized("203.0.113.9 - - [22/Jul/2026:11:54:02 +0200] \"POST /login HTTP/1.1\" 401 128");

    assertThat(event.getEventTime()).isEqualTo(Instant.parse("2026-07-22T09:54:02Z"));
    assertThat(event.getCategory()).isEqualTo(Category.AUTHENTICATION);
    assertThat(event.getAction()).isEqualTo("sign_in");
    assertThat(event.getOutcome()).isEqualTo(Outcome.FAILURE);
    assertThat(event.getActor().getUser()).isNull();
    assertThat(event.getSource().getAddress()).isEqualTo("203.0.113.9");
    assertThat(event.getSeverityNumber()).isEqualTo(13);
  }

  @Test
  void combinedFormatWithRefererAndAgent() {
    ParsedEvent event = one(parser,
        "192.0.2.5 - bob [22/Jul/2026:09:54:02 -0500] \"GET /api/v1/orders?page=2&size=50 HTTP/2.0\" 503 1234 \"https://shop.example/cart\" \"Mozilla/5.0 (X11; Linux x86_64) \\\"quoted\\\"\"");

    assertThat(event.time).isEqualTo(Instant.parse("2026-07-22T14:54:02Z"));
    assertThat(event.attributes())
        .containsEntry("url.path", "/api/v1/orders")
        .containsEntry("url.query", "page=2&size=50")
        .containsEntry("http.request.referrer", "https://shop.example/cart")
        .containsEntry("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) \"quoted\"");
    assertThat(event.severityNumber).isEqualTo(17);
    assertThat(event.outcome).isEqualTo(Outcome.FAILURE);
    assertThat(event.action).isEqualTo("request");
    assertThat(event.category).isNull();
    assertThat(event.user).isEqualTo("bob");
  }

  // The web_access entries: a 401 on a sign-in path fails a sign-in, a POST answered 2xx or 3xx there
  // succeeds, a 403 anywhere is an access refusal.
  @ParameterizedTest
  @CsvSource({
      "POST, /login, 401, sign_in, FAILURE",
      "GET, /LOGIN, 403, access_denied, FAILURE",
      "POST, /users/sign_in, 403, access_denied, FAILURE",
      "POST, /api/login, 200, sign_in, SUCCESS",
      "POST, /oauth/token, 200, sign_in, SUCCESS",
      "POST, /oauth2/token, 401, sign_in, FAILURE",
      "POST, /session, 302, sign_in, SUCCESS",
      "POST, /api/sessions/, 401, sign_in, FAILURE",
      "POST, /wp-login.php, 200, sign_in, SUCCESS",
      "POST, /sign-in, 204, sign_in, SUCCESS",
      "POST, /signin, 401, sign_in, FAILURE",
      "POST, /auth, 403, access_denied, FAILURE",
  })
  void signInPaths(String method, String path, int status, String action, Outcome outcome) {
    LogEvent event = normalized("192.0.2.5 - - [22/Jul/2026:09:54:02 +0000] \"" + method + " " + path + " HTTP/1.1\" " + status + " 10");

    assertThat(event.getAction()).isEqualTo(action);
    assertThat(event.getCategory()).isEqualTo(action.equals("sign_in") ? Category.AUTHENTICATION : Category.SECURITY);
    assertThat(event.getOutcome()).isEqualTo(outcome);
  }

  @ParameterizedTest
  @CsvSource({
      "GET, /login, 200",
      "POST, /login, 500",
      "POST, /api/orders, 401",
      "POST, /token, 200",
      "POST, /login, 429",
      "POST, /auth/callback, 200",
  })
  void notSignIns(String method, String path, int status) {
    LogEvent event = normalized("192.0.2.5 - - [22/Jul/2026:09:54:02 +0000] \"" + method + " " + path + " HTTP/1.1\" " + status + " 10");

    assertThat(event.getAction()).isEqualTo("request");
    assertThat(event.getCategory()).isEqualTo(Category.APPLICATION);
  }

  @Test
  void malformedRequestLineIsKeptAsMessage() {
    ParsedEvent event = one(parser, "192.0.2.5 - - [22/Jul/2026:09:54:02 +0000] \"-\" 400 0");

    assertThat(event.message).isEqualTo("-");
    assertThat(event.attributes()).doesNotContainKey("http.request.method").containsEntry("http.response.status_code", "400");
    assertThat(event.severityNumber).isEqualTo(13);
  }

  @Test
  void absoluteTargetOfAProxy() {
    ParsedEvent event = one(parser, "192.0.2.5 - - [22/Jul/2026:09:54:02 +0000] \"GET http://example.com/login?x=1 HTTP/1.1\" 401 -");

    assertThat(event.attributes()).containsEntry("url.domain", "example.com").containsEntry("url.path", "/login")
        .containsEntry("url.query", "x=1").doesNotContainKey("http.response.body.bytes");
    assertThat(event.outcome).isEqualTo(Outcome.FAILURE);
    assertThat(normalized("192.0.2.5 - - [22/Jul/2026:09:54:02 +0000] \"GET http://example.com/login?x=1 HTTP/1.1\" 401 -")
        .getAction()).isEqualTo("sign_in");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "127.0.0.1 - frank [22/Jul/2026:09:54:02] \"GET / HTTP/1.1\" 200 0",
      "127.0.0.1 - frank [32/Jul/2026:09:54:02 +0000] \"GET / HTTP/1.1\" 200 0",
      "127.0.0.1 - frank [22/Jul/2026:09:54:02 +0000] \"GET / HTTP/1.1 200 0",
      "127.0.0.1 - frank [22/Jul/2026:09:54:02 +0000] \"GET / HTTP/1.1\" OK 0",
      "127.0.0.1 - frank [22/Jul/2026:09:54:02 +0000] \"GET / HTTP/1.1\" 200",
      "127.0.0.1 frank [22/Jul/2026:09:54:02 +0000] \"GET / HTTP/1.1\" 200 0",
      "the [22/Jul/2026:09:54:02 +0000] \"GET / HTTP/1.1\" 200 0",
  })
  void linesThatOnlyLookSimilar(String line) {
    assertThat(parser.matches(line)).isFalse();
  }
}
