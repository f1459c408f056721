package io.logwarden.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.logwarden.redact.FakeSecrets.Planted;
import io.logwarden.redact.FakeSecrets.Variant;
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

/** Each kind of secret caught whole in each kind of log context, the exact output forms, and the near misses left alone. */
class SecretScannerTest {

  @Test
  void theListOfStructureKindsHoldsEveryKindConstant() throws IllegalAccessException {
    // A kind added as a constant but not to STRUCTURE_KINDS would be missing from docs/reference/secret-kinds.md.
    java.util.Set<String> constants = new java.util.TreeSet<>();
    for (java.lang.reflect.Field field : SecretScanner.class.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (field.getType() == String.class && java.lang.reflect.Modifier.isStatic(modifiers)
          && java.lang.reflect.Modifier.isFinal(modifiers)
          && !field.getName().equals("MARKER_OPEN") && !field.getName().equals("UNSCANNED")) {
        field.setAccessible(true);
        constants.add((String) field.get(null));
      }
    }
    assertThat(constants).hasSize(5);
    assertThat(SecretScanner.STRUCTURE_KINDS).containsExactlyInAnyOrderElementsOf(constants);
  }

  private final SecretScanner scanner = new SecretScanner();

  /** A place in a log line where a secret can sit; {@code json} contexts get JSON-escaped text. */
  record Context(String name, boolean json, UnaryOperator<String> wrap) {
    String render(String planted) {
      return wrap.apply(json ? FakeSecrets.escapeJson(planted) : planted);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Context> CONTEXTS = List.of(
      new Context("json under innocuous key", true, s -> "{\"level\":\"warn\",\"note\":\"" + s + "\",\"attempt\":2}"),
      new Context("json under sensitive key", true, s -> "{\"level\":\"warn\",\"api_key\":\"" + s + "\",\"attempt\":2}"),
      new Context("query string", false, s -> "203.0.113.42 - - [22/Jul/2026:09:46:02 +0000] \"GET /v1/items?id=42&sig=" + s
          + "&page=2 HTTP/1.1\" 200 512"),
      new Context("http header", false, s -> "X-Debug-Value: " + s),
      new Context("free text", false, s -> "deploy step failed after uploading with " + s + " to the registry"),
      new Context("syslog", false, s -> "<34>1 2026-07-22T09:52:10.003Z host-1 app 123 - - loaded " + s + " from env"),
      new Context("stack trace", false, s -> "java.lang.IllegalStateException: upstream rejected " + s
          + "\n\tat com.example.Client.call(Client.java:42)\n\tat com.example.Job.run(Job.java:7)"),
      new Context("stack trace in json", true, s -> "{\"stack_trace\":\"java.lang.IllegalStateException: upstream rejected " + s
          + "\\n\\tat com.example.Client.call(Client.java:42)\\n\"}"),
      new Context("logfmt", false, s -> "ts=2026-07-22T09:53:01Z level=error msg=\"call failed\" detail=" + s + " retry=1"));

  static Stream<Arguments> tokensInContexts() {
    Random random = new Random(7);
    List<Arguments> out = new ArrayList<>();
    for (Variant v : FakeSecrets.TOKENS) {
      for (Context c : CONTEXTS) {
        out.add(Arguments.of(v.plant(random), c));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("tokensInContexts")
  void providerTokenIsReplacedWholeInEveryContext(Planted planted, Context context) {
    assertCaught(context.render(planted.text()), planted, planted.kind());
  }

  static Stream<Arguments> structuredInContexts() {
    Random random = new Random(11);
    List<Arguments> out = new ArrayList<>();
    for (Variant v : FakeSecrets.STRUCTURED) {
      for (Context c : CONTEXTS) {
        if (!c.name().equals("json under sensitive key") && !c.name().equals("query string")) {
          out.add(Arguments.of(v.plant(random), c));
        }
      }
    }
    return out.stream();
  }

  /** Header, cookie, URL, key and key-block secrets keep their kind wherever the line puts them. */
  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("structuredInContexts")
  void structuredSecretIsReplacedInEveryContext(Planted planted, Context context) {
    assertCaught(context.render(planted.text()), planted, planted.kind());
  }

  private void assertCaught(String line, Planted planted, String kind) {
    RedactionCounts counts = new RedactionCounts();
    String out = scanner.redact(line, counts);
    assertThat(out).as("marker in %s", out).contains("[REDACTED:" + kind + "]");
    assertNoFragmentSurvives(out, planted.secret());
    assertThat(counts.asMap()).containsKey(kind);
    assertThat(scanner.redact(out, null)).as("idempotent").isEqualTo(out);
  }

  /** No 12-character piece of the secret (the whole secret when shorter) is left in the output. */
  static void assertNoFragmentSurvives(String out, String secret) {
    Leaks.assertNoPieceSurvives(out, secret);
  }

  // --- Exact output forms -----------------------------------------------------------------------

  @Test
  void authorizationHeaderKeepsNameAndScheme() {
    String jwt = FakeSecrets.jwt(new Random(1));
    assertThat(scanner.redact("Authorization: Bearer " + jwt, null))
        .isEqualTo("Authorization: Bearer [REDACTED:authorization]");
    assertThat(scanner.redact("proxy-authorization: Basic c3ZjX3VzZXI6UzNjcjN0UGFzc3cwcmQ=", null))
        .isEqualTo("proxy-authorization: Basic [REDACTED:authorization]");
    assertThat(scanner.redact("Authorization: Token 9f8e7d6c5b4a39281706f5e4d3c2b1a0 from 10.0.0.1", null))
        .isEqualTo("Authorization: Token [REDACTED:authorization] from 10.0.0.1");
    assertThat(scanner.redact("authorization: bearer abc123def456ghi789jkl", null))
        .isEqualTo("authorization: bearer [REDACTED:authorization]");
  }

  @Test
  void digestAndSignatureSchemesLoseTheirWholeParameterList() {
    assertThat(scanner.redact("Authorization: Digest username=\"bob\", realm=\"api\", nonce=\"dcd98b7102dd2f0e\", "
        + "response=\"6629fae49393a05397450978507c4ef1\"", null))
        .isEqualTo("Authorization: Digest [REDACTED:authorization]");
    assertThat(scanner.redact("Authorization: AWS4-HMAC-SHA256 Credential=AKEXAMPLE/20260722/us-east-1/s3/aws4_request, "
        + "SignedHeaders=host;x-amz-date, Signature=fe5f80f77d5fa3beca038a248ff027d0445342fe2855ddc963176630326f1024\nnext line", null))
        .isEqualTo("Authorization: AWS4-HMAC-SHA256 [REDACTED:authorization]\nnext line");
  }

  @Test
  void authorizationWithoutSchemeLosesTheWholeValue() {
    String token = "gh" + "p_" + FakeSecrets.chars(new Random(2), "abcdefghijklmnopqrstuvwxyz0123456789", 36);
    assertThat(scanner.redact("Authorization: " + token + " from edge-1", null))
        .isEqualTo("Authorization: [REDACTED:authorization] from edge-1");
  }

  @Test
  void authorizationInJsonKeepsTheScheme() {
    assertThat(scanner.redact("{\"headers\":{\"Authorization\":\"Bearer abc.def-ghi_jkl012345\",\"Accept\":\"*/*\"}}", null))
        .isEqualTo("{\"headers\":{\"Authorization\":\"Bearer [REDACTED:authorization]\",\"Accept\":\"*/*\"}}");
    assertThat(scanner.redact("{\"msg\":\"{\\\"authorization\\\":\\\"Basic dXNlcjpwYXNzd29yZA==\\\"}\"}", null))
        .isEqualTo("{\"msg\":\"{\\\"authorization\\\":\\\"Basic [REDACTED:authorization]\\\"}\"}");
  }

  @Test
  void bareBearerAndBasicCredentialsOutsideAHeader() {
    // An OTLP attribute carries the header name in another field: the credential shape is enough.
    String otlp = "{\"key\":\"http.request.header.authorization\",\"value\":{\"stringValue\":\"Basic c3ZjX3VzZXI6UzNjcjN0UGFzc3cwcmQ=\"}}";
    assertThat(scanner.redact(otlp, null))
        .isEqualTo("{\"key\":\"http.request.header.authorization\",\"value\":{\"stringValue\":\"Basic [REDACTED:authorization]\"}}");
    assertThat(scanner.redact("retrying with Bearer 0a1b2c3d4e5f6a7b8c9d0e1f", null))
        .isEqualTo("retrying with Bearer [REDACTED:authorization]");
  }

  @Test
  void urlCredentialsLoseTheWholeUserinfo() {
    assertThat(scanner.redact("Calling https://svc_user:S3cr3tPassw0rd@partner.example.net/v2/sync", null))
        .isEqualTo("Calling https://[REDACTED:url-credentials]@partner.example.net/v2/sync");
    assertThat(scanner.redact("COMMAND=/usr/bin/psql postgresql://reporting:pgPassw0rd!@db-2.internal:5432/sales", null))
        .isEqualTo("COMMAND=/usr/bin/psql postgresql://[REDACTED:url-credentials]@db-2.internal:5432/sales");
    assertThat(scanner.redact("redis://:hunter2hunter2@cache:6379/0", null))
        .isEqualTo("redis://[REDACTED:url-credentials]@cache:6379/0");
    assertThat(scanner.redact("amqp://guest:p@ss@w0rd@mq.internal/vhost", null))
        .isEqualTo("amqp://[REDACTED:url-credentials]@mq.internal/vhost");
  }

  @Test
  void cookieValuesGoNamesStay() {
    assertThat(scanner.redact("Cookie: a=b; SESSION=8f14e45fceea167a5a36dedd4bea2543; theme=dark", null))
        .isEqualTo("Cookie: a=[REDACTED:cookie]; SESSION=[REDACTED:cookie]; theme=[REDACTED:cookie]");
    assertThat(scanner.redact("Set-Cookie: id=a3fWa9Zk2LmQ; Expires=Thu, 21 Oct 2027 07:28:00 GMT; Path=/; Secure; HttpOnly", null))
        .isEqualTo("Set-Cookie: id=[REDACTED:cookie]; Expires=Thu, 21 Oct 2027 07:28:00 GMT; Path=/; Secure; HttpOnly");
    assertThat(scanner.redact("{\"Cookie\":\"SESSION=8f14e45fceea167a5a36dedd4bea2543\",\"User-Agent\":\"Mozilla/5.0\"}", null))
        .isEqualTo("{\"Cookie\":\"SESSION=[REDACTED:cookie]\",\"User-Agent\":\"Mozilla/5.0\"}");
  }

  @Test
  void privateKeyBlockIsReplacedWhole() {
    String block = FakeSecrets.privateKeyBlock(new Random(3), "RSA PRIVATE");
    RedactionCounts counts = new RedactionCounts();
    assertThat(scanner.redact("loaded key\n" + block + "\nstarting server", counts))
        .isEqualTo("loaded key\n[REDACTED:private-key]\nstarting server");
    assertThat(counts.asMap()).containsEntry("private-key", 1);
    String json = "{\"msg\":\"key: " + FakeSecrets.escapeJson(block) + "\",\"level\":\"error\"}";
    assertThat(scanner.redact(json, null)).isEqualTo("{\"msg\":\"key: [REDACTED:private-key]\",\"level\":\"error\"}");
  }

  @Test
  void truncatedPrivateKeyBlockIsReplacedToTheEnd() {
    String block = FakeSecrets.privateKeyBlock(new Random(4), "EC PRIVATE");
    String truncated = block.substring(0, block.indexOf("-----END"));
    assertThat(scanner.redact("dump: " + truncated, null)).isEqualTo("dump: [REDACTED:private-key]");
  }

  @Test
  void publicKeyAndCertificateBlocksStay() {
    String cert = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----";
    assertThat(scanner.redact(cert, null)).isSameAs(cert);
  }

  // --- key=value ----------------------------------------------------------------------------------

  @Test
  void valuesUnderSecretKeysInEveryNotation() {
    assertThat(redact("user bob changed password; old_password=Hunter2! new_password=Tr0ub4dor&3"))
        .isEqualTo("user bob changed password; old_password=[REDACTED:secret-value] new_password=[REDACTED:secret-value]");
    assertThat(redact("{\"user\":\"bob\",\"password\": \"two words, and quotes \\\" inside\",\"ok\":true}"))
        .isEqualTo("{\"user\":\"bob\",\"password\": \"[REDACTED:secret-value]\",\"ok\":true}");
    assertThat(redact("db.password: s3cret-Value_9 host=db-1"))
        .isEqualTo("db.password: [REDACTED:secret-value] host=db-1");
    assertThat(redact("POST /login?user=frank&password=letmein123&next=%2Fhome HTTP/1.1"))
        .isEqualTo("POST /login?user=frank&password=[REDACTED:secret-value]&next=%2Fhome HTTP/1.1");
    assertThat(redact("level=info msg=\"connecting\" MYSQL_PWD='pa ss' apiKey=abcdef012345 clientSecret=\"x y z\""))
        .isEqualTo("level=info msg=\"connecting\" MYSQL_PWD='[REDACTED:secret-value]' apiKey=[REDACTED:secret-value] "
            + "clientSecret=\"[REDACTED:secret-value]\"");
    assertThat(redact("X-API-Key: 0123456789abcdef0123456789abcdef\r\nAccept: */*"))
        .isEqualTo("X-API-Key: [REDACTED:secret-value]\r\nAccept: */*");
    assertThat(redact("{\"token\": 1234567890, \"aws_secret_access_key\" : \"short\"}"))
        .isEqualTo("{\"token\": [REDACTED:secret-value], \"aws_secret_access_key\" : \"[REDACTED:secret-value]\"}");
    assertThat(redact("{\"msg\":\"{\\\"user_password\\\":\\\"hunter2hunter2\\\"}\"}"))
        .isEqualTo("{\"msg\":\"{\\\"user_password\\\":\\\"[REDACTED:secret-value]\\\"}\"}");
    assertThat(redact("Payment gateway rejected request (secret=abc123xyz)"))
        .isEqualTo("Payment gateway rejected request (secret=[REDACTED:secret-value])");
  }

  @Test
  void recognisedTokenUnderSecretKeyTakesItsProviderKind() {
    String key = "sk" + "_live_" + FakeSecrets.chars(new Random(5), "abcdefghijklmnopqrstuvwxyz0123456789", 24);
    RedactionCounts counts = new RedactionCounts();
    assertThat(scanner.redact("retrying charge, api_key=" + key + " attempt=2", counts))
        .isEqualTo("retrying charge, api_key=[REDACTED:stripe-secret-key] attempt=2");
    assertThat(counts.asMap()).containsExactly(java.util.Map.entry("stripe-secret-key", 1));
  }

  @Test
  void emptyNullMaskedAndNestedValuesStay() {
    for (String line : List.of("password= user=bob", "password=", "{\"password\":\"\"}", "{\"token\":null}",
        "password=****", "{\"credentials\":{\"user\":\"bob\"}}", "if token == null return", "Token::parse failed")) {
      assertThat(scanner.redact(line, null)).as(line).isSameAs(line);
    }
  }

  @Test
  void sudoWorkingDirectoryIsNotAPassword() {
    String sudo = "<86>Jul 22 09:52:11 db-2 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/cat /etc/shadow";
    assertThat(scanner.redact(sudo, null)).isSameAs(sudo);
    assertThat(redact("MYSQL_PWD=/not/a/path/but/a/password PWD=hunter2"))
        .isEqualTo("MYSQL_PWD=[REDACTED:secret-value] PWD=[REDACTED:secret-value]");
  }

  @Test
  void redactValueOfSecretKey() {
    RedactionCounts counts = new RedactionCounts();
    assertThat(scanner.redactValueOfSecretKey("hunter2", counts)).isEqualTo("[REDACTED:secret-value]");
    assertThat(scanner.redactValueOfSecretKey("", counts)).isEmpty();
    assertThat(scanner.redactValueOfSecretKey(null, counts)).isNull();
    String marker = "[REDACTED:jwt]";
    assertThat(scanner.redactValueOfSecretKey(marker, counts)).isSameAs(marker);
    assertThat(counts.asMap()).containsExactly(java.util.Map.entry("secret-value", 1));
  }

  private String redact(String line) {
    return scanner.redact(line, null);
  }

  // --- isSecretKey --------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"password", "PASSWORD", "passwd", "pwd", "pass", "passphrase", "secret", "token", "api_key",
      "apikey", "api-key", "apiKey", "APIKey", "access_key", "access-key", "private_key", "client_secret", "clientSecret",
      "credentials", "credential", "auth_token", "authToken", "session_token", "refresh_token", "cookie", "Cookie",
      "Set-Cookie", "authorization", "Authorization", "Proxy-Authorization", "db.password", "user_password", "x-api-key",
      "X-API-Key", "MYSQL_PWD", "PGPASSWORD", "password2", "aws_secret_access_key", "AWS_SECRET_ACCESS_KEY",
      "x-amz-security-token", "X-Vault-Token", "Ocp-Apim-Subscription-Key", "oauth2Token", "--password", "spring.datasource.password",
      "X-Amz-Signature", "secret_key", "SECRET_KEY", "signing_key", "csrftoken"})
  void secretKeys(String name) {
    assertThat(SecretScanner.isSecretKey(name)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "key", "password_reset_at", "password_reset_requested", "token_count", "tokens_used",
      "max_tokens", "secretary", "secrets", "tokens", "passwords_changed", "secret_name", "token_type", "private_key_id",
      "public_key", "partition_key", "primary_key", "bypass", "compass", "pass_rate", "passed", "author", "cookie_consent",
      "authorization_failed", "user", "username", "session_id", "REDACTED", "level", "msg", "id"})
  void notSecretKeys(String name) {
    assertThat(SecretScanner.isSecretKey(name)).isFalse();
  }

  @Test
  void nullKeyIsNotSecret() {
    assertThat(SecretScanner.isSecretKey(null)).isFalse();
  }

  // --- Near misses, identity, idempotence ---------------------------------------------------------

  static final List<String> NEAR_MISSES = List.of(
      "request 3fcfb2b4-5b0e-4c1e-9d7a-2f6f1d7e8a90 completed in 12 ms",
      "deployed commit 4bf92f3577b34da6a3ce929d0e0e47364bf92f35 to prod",
      "aws deploy of commit 9fceb02d0ae598e95dc970b74767f19372d61af8 done",
      "secret rotation job at commit a94a8fe5ccb19ba61c4c0873d391e987982fbbd3 finished",
      "pulled registry.example.com/shop/orders-api@sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
      "payload=SGVsbG8gV29ybGQhIFRoaXMgaXMgYSBiYXNlNjQgYmxvYiB3aXRob3V0IGFueSBzZWNyZXQ= size=64",
      "ts=1784714723 ts_ms=1784714723518 ts_ns=1784714950123000000",
      "version=2.3.1 release=orders-api@1.42.0 build=v1.2.3-rc.1+build.5 java=21.0.3",
      "the literal word REDACTED stays, and so does [REDACTED:jwt] and \"[REDACTED:secret-value]\"",
      "password reset requested for user u_1842",
      "Authorization failed for user u_1842",
      "token expired at 2026-07-22T09:00:00Z",
      "model=gpt-4o-mini max_tokens=100 temperature=0.2",
      "{\"usage\":{\"tokens_used\": 42,\"max_tokens\":512,\"unit\":\"TOKENS\"}}",
      "tokens_used: 42 token_count=12 password_reset_at=2026-07-22T09:00:00Z secretary=jane",
      "Remember to rotate your API keys and never log secrets, tokens or passwords.",
      "Bad credentials: check the configuration and try again",
      "E0722 09:54:01.000001   28133 client.go:112] failed to list secrets: Unauthorized",
      "Secret: the value is hidden from this view",
      "client 203.0.113.9 (2001:db8::1) sent mail to jane.doe@example.com",
      "<86>Jul 22 09:52:11 db-2 sudo:    alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/ls",
      "git clone ssh://git@github.com/org/repo.git and https://example.com:8443/path?x=1#frag",
      "arn:aws:iam::123456789012:role/ci-deployer principal AROAQ3EGTK7ZXEXAMPLE2 on amazonaws.com",
      "pip install scikit-learn; alias sk-learn; task-runner disk-usage=81%",
      "Bearer token missing; Basic auth disabled; bearer realm=\"api\"",
      "\tat com.example.auth.TokenService.refresh(TokenService.java:118)",
      "cookie consent banner shown; set-cookie header missing; kind: Secret",
      "trace_id=4bf92f3577b34da6a3ce929d0e0e4736 span_id=00f067aa0ba902b7 event_id=fc6d8c0c43fc4630ad850ee518f1b9d0",
      "checks passed=12 failed=0 pass_rate=100% bypass=false",
      "{\"key\":\"service.name\",\"value\":{\"stringValue\":\"checkout\"}}",
      "card 4111 1111 1111 1111 declined; iban DE89370400440532013000",
      "Accepted publickey for deploy from 198.51.100.23 port 40022 ssh2: ED25519 SHA256:Zq3kP0m9n8b7v6c5x4z3a2s1d0f9g8h7j6k5l4m3n2b",
      "");

  @Test
  void nearMissesAreReturnedAsTheSameInstance() {
    for (String line : NEAR_MISSES) {
      RedactionCounts counts = new RedactionCounts();
      assertThat(scanner.redact(line, counts)).as(line).isSameAs(line);
      assertThat(counts.isEmpty()).isTrue();
    }
  }

  @Test
  void nullStaysNull() {
    assertThat(scanner.redact(null, new RedactionCounts())).isNull();
    assertThat(scanner.redact("plain text", null)).isEqualTo("plain text");
  }

  @Test
  void redactingTwiceChangesNothingMore() {
    Random random = new Random(13);
    for (Variant v : concat(FakeSecrets.TOKENS, FakeSecrets.STRUCTURED)) {
      for (Context c : CONTEXTS) {
        String once = scanner.redact(c.render(v.plant(random).text()), null);
        assertThat(scanner.redact(once, null)).as(once).isSameAs(once);
      }
    }
  }

  @Test
  void countsOneReplacementPerSecret() {
    Random random = new Random(17);
    String a = FakeSecrets.TOKENS.get(0).plant(random).text();
    String b = FakeSecrets.TOKENS.get(1).plant(random).text();
    RedactionCounts counts = new RedactionCounts();
    scanner.redact("keys " + a + " and " + b + " and password=hunter2hunter2", counts);
    assertThat(counts.asMap()).containsExactly(java.util.Map.entry("aws-access-key-id", 2), java.util.Map.entry("secret-value", 1));
  }

  @Test
  void hugeLinesWithManyKeysStayLinear() {
    String unit = "token=abc123 Authorization: Bearer 0123456789abcdef0123 Cookie: a=b; -----BEGIN CERTIFICATE----- aws ";
    String huge = unit.repeat(20_000);
    String out = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> scanner.redact(huge, null));
    assertThat(out).doesNotContain("abc123").doesNotContain("0123456789abcdef0123");
  }

  /** Clean text takes the fast path: no decoding, no spans, nothing allocated. */
  @Test
  void cleanTextAllocatesNothing() {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    org.junit.jupiter.api.Assumptions.assumeTrue(threads instanceof com.sun.management.ThreadMXBean);
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) threads;
    List<String> clean = List.of(
        "{\"@timestamp\":\"2026-07-22T09:49:12.004+02:00\",\"message\":\"Processed order 42 in 12 ms\",\"logger_name\":"
            + "\"com.example.orders.OrderService\",\"level\":\"INFO\",\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\"}",
        "203.0.113.42 - - [22/Jul/2026:09:46:02 +0000] \"GET /api/v1/orders/42?page=2&size=50 HTTP/1.1\" 200 512 \"-\" "
            + "\"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36\"",
        "ts=2026-07-22T09:53:01.007Z level=error msg=\"upstream call failed\" service=gateway status=502 token_count=12 "
            + "key=orders:42 name=checkout value=3 pod=gateway-7d9f8b6c5-x2k9p",
        "<134>1 2026-07-22T09:52:12.441Z app-3 billing 9981 AUDIT [meta sequenceId=\"1\"] invoice run finished <ok/>",
        "java.lang.IllegalStateException: rejected\n\tat com.example.orders.OrderService.process(OrderService.java:118)");
    long before = 0;
    for (int round = 0; round < 2; round++) {
      before = mx.getCurrentThreadAllocatedBytes();
      for (int i = 0; i < 2_000; i++) {
        for (String line : clean) {
          if (scanner.redact(line, null) != line) {
            throw new AssertionError("changed: " + line);
          }
        }
      }
    }
    long allocated = mx.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).as("bytes allocated for 10,000 clean lines").isLessThan(64 * 1024);
  }

  @Test
  void hugeLinesOfTheNewerShapesStayLinear() {
    List<String> units = List.of(
        "password: a b c d e f g h ",
        "<password>x<password>",
        "<a b=\"c ",
        "{\"name\":\"password\",\"x\":1} ",
        "[\"password\",\"",
        "name=password ",
        "\\\"password\\\":\\\"",
        "cGFzc3dvcmQ9aHVudGVyMg== ",
        "AK" + "IAABCDEFGHIJKLMNOP ",
        "%2F%3D\\u0022 ",
        "sqlplus a/b jdbc:oracle:thin:a/b@ x:y@tcp( ");
    for (String unit : units) {
      String huge = unit.repeat(400_000 / unit.length());
      String out = assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> scanner.redact(huge, null), unit);
      assertThat(out).isNotNull();
    }
  }

  static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
