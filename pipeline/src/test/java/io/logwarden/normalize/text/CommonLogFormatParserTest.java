package io.logwarden.normalize.text;

import static io.logwarden.normalize.text.TextFixtures.one;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.ParsedEvent;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommonLogFormatParserTest {

  private final CommonLogFormatParser parser = new CommonLogFormatParser();

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
    assertThat(event.category).isEqualTo(Category.AUTHENTICATION);
    assertThat(event.action).isEqualTo("sign_in");
    assertThat(event.outcome).isEqualTo(Outcome.SUCCESS);
  }

  @Test
  void unauthorizedOnLoginIsAFailedSignIn() {
    ParsedEvent event = one(parser, "203.0.113.9 - - [22/Jul/2026:11:54:02 +0200] \"POST /login HTTP/1.1\" 401 128");

    assertThat(event.time).isEqualTo(Instant.parse("2026-07-22T09:54:02Z"));
    assertThat(event.category).isEqualTo(Category.AUTHENTICATION);
    assertThat(event.action).isEqualTo("sign_in");
    assertThat(event.outcome).isEqualTo(Outcome.FAILURE);
    assertThat(event.user).isNull();
    assertThat(event.sourceAddress).isEqualTo("203.0.113.9");
    assertThat(event.severityNumber).isEqualTo(13);
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

  @ParameterizedTest
  @CsvSource({
      "POST, /login, 401, FAILURE",
      "GET, /LOGIN, 403, FAILURE",
      "POST, /users/sign_in, 403, FAILURE",
      "POST, /api/login, 200, SUCCESS",
      "POST, /oauth/token, 200, SUCCESS",
      "POST, /oauth2/token, 401, FAILURE",
      "POST, /session, 302, SUCCESS",
      "POST, /api/sessions/, 401, FAILURE",
      "POST, /wp-login.php, 200, SUCCESS",
      "POST, /sign-in, 204, SUCCESS",
      "POST, /signin, 401, FAILURE",
      "POST, /auth, 403, FAILURE",
  })
  void signInPaths(String method, String path, int status, Outcome outcome) {
    ParsedEvent event = one(parser, "192.0.2.5 - - [22/Jul/2026:09:54:02 +0000] \"" + method + " " + path + " HTTP/1.1\" " + status + " 10");

    assertThat(event.action).isEqualTo("sign_in");
    assertThat(event.category).isEqualTo(Category.AUTHENTICATION);
    assertThat(event.outcome).isEqualTo(outcome);
  }

  @ParameterizedTest
  @CsvSource({
      "GET, /login, 200",
      "POST, /login, 500",
      "POST, /api/orders, 401",
      "POST, /token, 200",
      "GET, /blog/login-tips, 403",
      "POST, /auth/callback, 200",
  })
  void notSignIns(String method, String path, int status) {
    ParsedEvent event = one(parser, "192.0.2.5 - - [22/Jul/2026:09:54:02 +0000] \"" + method + " " + path + " HTTP/1.1\" " + status + " 10");

    assertThat(event.action).isEqualTo("request");
    assertThat(event.category).isNull();
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
    assertThat(event.action).isEqualTo("sign_in");
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
