package io.logwarden.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.redact.SecretScannerTest.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Values under secret-named keys: keys of several words, where a value ends, and prose that is no value. */
class SecretKeyValueTest {

  private final SecretScanner scanner = new SecretScanner();

  /** Places where a key: value line sits; each ends the field in its own way. */
  static final List<Context> CONTEXTS = List.of(
      new Context("plain line", false, s -> s),
      new Context("syslog", false, s -> "<134>1 2026-07-22T09:52:12.441Z app-3 billing 9981 - - " + s),
      new Context("before a line break", false, s -> s + "\nnext line stays"),
      new Context("json message", true, s -> "{\"level\":\"warn\",\"message\":\"" + s + "\",\"attempt\":2}"),
      new Context("json inside json", true,
          s -> "{\"log\":\"{\\\"msg\\\":\\\"" + FakeSecrets.escapeJson(s) + "\\\"}\\n\",\"stream\":\"stderr\"}"),
      new Context("logfmt quoted message", false, s -> "ts=2026-07-22T09:53:01Z level=error msg=\"" + s + "\" retry=1"),
      new Context("stack trace", false, s -> "java.lang.IllegalStateException: " + s
          + "\n\tat com.example.Client.call(Client.java:42)"));

  static final List<String> KEYS = List.of("password: ", "db password: ", "DB Password: ", "API Key: ", "api key = ",
      "Secret Key = ", "Client Secret: ", "Access Key: ", "password=", "user_password = ", "\"db password\": ");

  static Stream<Arguments> keysValuesContexts() {
    Random random = new Random(101);
    List<Arguments> out = new ArrayList<>();
    for (String key : KEYS) {
      for (Context context : CONTEXTS) {
        String secret = random.nextBoolean() ? FakeSecrets.passphrase(random) : FakeSecrets.password(random);
        out.add(Arguments.of(key, secret, context));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}<secret> in {2}")
  @MethodSource("keysValuesContexts")
  void valueUnderAKeyOfOneOrMoreWordsGoesWhole(String key, String secret, Context context) {
    String out = scanner.redact(context.render(key + secret), null);
    assertThat(out).contains("[REDACTED:secret-value]");
    Leaks.assertNoPieceSurvives(out, secret);
    assertThat(scanner.redact(out, null)).as("idempotent").isSameAs(out);
  }

  @Test
  void theValueRunsToTheEndOfTheFieldOrLine() {
    assertThat(redact("password=correct horse battery staple")).isEqualTo("password=[REDACTED:secret-value]");
    assertThat(redact("db password: correct horse battery staple\nconnecting to db-1"))
        .isEqualTo("db password: [REDACTED:secret-value]\nconnecting to db-1");
    assertThat(redact("{\"msg\":\"API Key: abc def ghi\",\"level\":\"info\"}"))
        .isEqualTo("{\"msg\":\"API Key: [REDACTED:secret-value]\",\"level\":\"info\"}");
    assertThat(redact("{\"log\":\"Client Secret: s3cr3t value\\n\",\"stream\":\"stderr\"}"))
        .isEqualTo("{\"log\":\"Client Secret: [REDACTED:secret-value]\\n\",\"stream\":\"stderr\"}");
    assertThat(redact("2026-07-22\tWARN\tpassword=two words\tend")).isEqualTo("2026-07-22\tWARN\tpassword=[REDACTED:secret-value]\tend");
    assertThat(redact("login (secret=a b c) done")).isEqualTo("login (secret=[REDACTED:secret-value]) done");
  }

  @Test
  void aKeyValueListGoesOnAfterTheValue() {
    assertThat(redact("password=hunter2 user=bob")).isEqualTo("password=[REDACTED:secret-value] user=bob");
    assertThat(redact("password=hunter2, user=bob")).isEqualTo("password=[REDACTED:secret-value], user=bob");
    assertThat(redact("token: abc def, host: db-1")).isEqualTo("token: [REDACTED:secret-value], host: db-1");
    assertThat(redact("{\"token\": 1234567890, \"user\" : \"bob\"}"))
        .isEqualTo("{\"token\": [REDACTED:secret-value], \"user\" : \"bob\"}");
    assertThat(redact("CEF:0|Acme|WAF|3.1|1001|Leak|8|src=192.0.2.10 password=p4ss w0rd dst=10.0.0.5"))
        .isEqualTo("CEF:0|Acme|WAF|3.1|1001|Leak|8|src=192.0.2.10 password=[REDACTED:secret-value] dst=10.0.0.5");
    assertThat(redact("mysql -u root --password=s3cret -h db-1 orders"))
        .isEqualTo("mysql -u root --password=[REDACTED:secret-value] -h db-1 orders");
    assertThat(redact("sudo: alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/env PASSWORD=x y ; LANG=C"))
        .isEqualTo("sudo: alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/usr/bin/env PASSWORD=[REDACTED:secret-value] ; LANG=C");
  }

  @Test
  void aKeyAtTheStartOfTheTextIsRead() {
    assertThat(redact("password\":\"hunter2\"}")).isEqualTo("password\":\"[REDACTED:secret-value]\"}");
    assertThat(redact("name\":\"x\"")).isEqualTo("name\":\"x\"");
    assertThat(redact("'key': 1")).isEqualTo("'key': 1");
    assertThat(redact("API Key: 9f8e7d6c5b4a3928")).isEqualTo("API Key: [REDACTED:secret-value]");
  }

  @Test
  void aQuotedValueEndsAtItsClosingQuote() {
    assertThat(redact("password=\"a b\" c=d and more")).isEqualTo("password=\"[REDACTED:secret-value]\" c=d and more");
    assertThat(redact("password='two words' retry")).isEqualTo("password='[REDACTED:secret-value]' retry");
    assertThat(redact("{\"password\":\"a \\\"quoted\\\" b\",\"ok\":true}"))
        .isEqualTo("{\"password\":\"[REDACTED:secret-value]\",\"ok\":true}");
  }

  @Test
  void inAUrlTheValueEndsAtWhitespace() {
    assertThat(redact("203.0.113.9 \"GET /login?user=bob&password=hunter2 HTTP/1.1\" 200 512"))
        .isEqualTo("203.0.113.9 \"GET /login?user=bob&password=[REDACTED:secret-value] HTTP/1.1\" 200 512");
    assertThat(redact("GET /cb?token=abc123 200 12ms")).isEqualTo("GET /cb?token=[REDACTED:secret-value] 200 12ms");
  }

  @Test
  void keysOfSeveralWordsTakeTheirQualifier() {
    assertThat(redact("API Key: 9f8e7d6c5b4a3928")).isEqualTo("API Key: [REDACTED:secret-value]");
    assertThat(redact("Secret Key = 9f8e7d6c5b4a3928")).isEqualTo("Secret Key = [REDACTED:secret-value]");
    assertThat(redact("session key: 9f8e7d6c5b4a3928")).isEqualTo("session key: [REDACTED:secret-value]");
    // "key" alone, or after a word that is no qualifier, says nothing
    for (String line : List.of("cache key: orders:42", "Primary key: id", "the key: left arrow", "routing key = orders.created")) {
      assertThat(scanner.redact(line, null)).as(line).isSameAs(line);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "password reset requested for user u_1842",
      "Password: must be at least 8 characters",
      "Password: is required",
      "password: too short, try again",
      "Secret: the value is hidden from this view",
      "API key: please rotate it every 90 days",
      "Bad credentials: check the configuration and try again",
      "token expired at 2026-07-22T09:00:00Z",
      "Invalid password for user bob",
      "Token : reads as prose",
      "user bob changed his password yesterday"})
  void proseAboutASecretIsNoValue(String line) {
    assertThat(scanner.redact(line, null)).isSameAs(line);
  }

  @Test
  void proseWordsDoNotHideAPassphrase() {
    assertThat(redact("Password: correct horse battery staple")).isEqualTo("Password: [REDACTED:secret-value]");
    assertThat(redact("password=must be a secret")).as("after '=' a value is a value")
        .isEqualTo("password=[REDACTED:secret-value]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"API Key", "api key", "Secret Key", "Client Secret", "db password", "Access Key", "sig", "X-Goog-Signature"})
  void namesOfSeveralWordsAreSecretKeys(String name) {
    assertThat(SecretScanner.isSecretKey(name)).isTrue();
  }

  private String redact(String line) {
    return scanner.redact(line, null);
  }
}
