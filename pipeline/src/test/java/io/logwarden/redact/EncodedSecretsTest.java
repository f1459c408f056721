package io.logwarden.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.redact.SecretScannerTest.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Secrets behind base64, JSON escapes and URL percent-escapes: decoded, found, and replaced in their encoded form. */
class EncodedSecretsTest {

  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String B64 = ALNUM + "+/";

  private final SecretScanner scanner = new SecretScanner();

  /** Plain texts that are secret once decoded. */
  static final List<Function<Random, String>> DECODED_SECRETS = List.of(
      r -> "svc_" + FakeSecrets.chars(r, "abcdefghijklmnopqrstuvwxyz", 5) + ":" + FakeSecrets.password(r),
      r -> "password=" + FakeSecrets.password(r),
      r -> "{\"api_key\":\"" + FakeSecrets.password(r) + "\",\"region\":\"eu-west-1\"}",
      r -> "DB_USER=orders\nDB_PASSWORD=" + FakeSecrets.password(r) + "\n",
      r -> "gh" + "p_" + FakeSecrets.chars(r, ALNUM, 36),
      r -> FakeSecrets.privateKeyBlock(r, "RSA PRIVATE"));

  static final List<Function<String, String>> ENCODERS = List.of(
      s -> Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)),
      s -> Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8)));

  static final List<Context> BLOB_CONTEXTS = List.of(
      new Context("plain", false, s -> "decoded credentials from " + s + " ok"),
      new Context("json value", true, s -> "{\"level\":\"debug\",\"payload\":\"" + s + "\",\"ms\":3}"),
      new Context("kubernetes secret", false, s -> "data:\n  config: " + s + "\n  region: ZXUtd2VzdC0x"),
      new Context("shell", false, s -> "COMMAND=/bin/sh -c echo " + s + " | base64 -d > /tmp/env"),
      new Context("query string", false, s -> "GET /import?blob=" + s + "&v=2 HTTP/1.1"));

  static Stream<Arguments> blobsInContexts() {
    Random random = new Random(404);
    List<Arguments> out = new ArrayList<>();
    for (Function<Random, String> secret : DECODED_SECRETS) {
      for (Function<String, String> encoder : ENCODERS) {
        for (Context context : BLOB_CONTEXTS) {
          String plain = secret.apply(random);
          out.add(Arguments.of(encoder.apply(plain), plain.substring(0, Math.min(20, plain.length())), context));
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "base64 of {1}… in {2}")
  @MethodSource("blobsInContexts")
  void base64BlobOfASecretGoesWhole(String blob, String plainStart, Context context) {
    String out = scanner.redact(context.render(blob), null);
    assertThat(out).contains("[REDACTED:");
    Leaks.assertNoPieceSurvives(out, blob);
    assertThat(scanner.redact(out, null)).as("idempotent").isSameAs(out);
  }

  @Test
  void base64KindsAndExtent() {
    String basic = Base64.getEncoder().encodeToString("svc_user:S3cr3tPassw0rd".getBytes(StandardCharsets.UTF_8));
    assertThat(redact("creds " + basic + " ok")).isEqualTo("creds [REDACTED:authorization] ok");
    String shortest = Base64.getEncoder().encodeToString("bob:hunter2".getBytes(StandardCharsets.UTF_8));
    assertThat(shortest).hasSize(16);
    assertThat(redact("creds " + shortest + " ok")).isEqualTo("creds [REDACTED:authorization] ok");
    String kv = Base64.getEncoder().encodeToString("password=hunter2".getBytes(StandardCharsets.UTF_8));
    assertThat(redact("echo " + kv + " | base64 -d")).isEqualTo("echo [REDACTED:secret-value] | base64 -d");
    String token = "gh" + "p_" + FakeSecrets.chars(new Random(5), ALNUM, 36);
    String encoded = Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8));
    assertThat(redact("{\"t\":\"" + encoded + "\"}")).isEqualTo("{\"t\":\"[REDACTED:github-pat]\"}");
  }

  static Stream<Arguments> escapedSecrets() {
    Random r = new Random(505);
    String s1 = FakeSecrets.password(r);
    String s2 = FakeSecrets.password(r);
    String s3 = FakeSecrets.password(r);
    String s4 = FakeSecrets.password(r);
    String s5 = FakeSecrets.password(r);
    String s6 = FakeSecrets.password(r);
    String webhook = "T" + FakeSecrets.chars(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 8) + "/B"
        + FakeSecrets.chars(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10) + "/" + FakeSecrets.chars(r, ALNUM, 24);
    return Stream.of(
        Arguments.of("json \\u escaped pair", "{\"msg\":\"\\u0022password\\u0022\\u003a\\u0022" + s1 + "\\u0022\"}", s1),
        Arguments.of("json \\u escaped equals", "{\"msg\":\"login password\\u003d" + s2 + " failed\"}", s2),
        Arguments.of("go html-safe json", "{\"body\":\"\\u003cpassword\\u003e" + s3 + "\\u003c/password\\u003e\"}", s3),
        Arguments.of("php escaped slashes", "{\"url\":\"https:\\/\\/svc:" + s4 + "@partner.example.net\\/v2\"}", s4),
        Arguments.of("php escaped webhook", "{\"hook\":\"https:\\/\\/hooks.sl" + "ack.com\\/services\\/" + webhook.replace("/", "\\/")
            + "\"}", webhook.replace("/", "\\/")),
        Arguments.of("percent-encoded pair", "GET /cb?data=user%3Dbob%26password%3D" + s5 + " HTTP/1.1", s5),
        Arguments.of("percent-encoded json", "GET /t?q=%7B%22password%22%3A%22" + s6 + "%22%7D HTTP/1.1", s6),
        Arguments.of("percent-encoded webhook", "redirect=" + URLEncoder.encode("https://hooks.sl" + "ack.com/services/" + webhook,
            StandardCharsets.UTF_8) + "&x=1", URLEncoder.encode(webhook, StandardCharsets.UTF_8)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("escapedSecrets")
  void escapedSecretIsFoundAndReplacedInItsEscapedForm(String name, String line, String secret) {
    String out = scanner.redact(line, null);
    assertThat(out).contains("[REDACTED:");
    Leaks.assertNoPieceSurvives(out, secret);
  }

  @Test
  void escapesAroundTheSecretStay() {
    assertThat(redact("{\"msg\":\"\\u0022password\\u0022\\u003a\\u0022hunter2hunter2\\u0022\"}"))
        .isEqualTo("{\"msg\":\"\\u0022password\\u0022\\u003a\\u0022[REDACTED:secret-value]\\u0022\"}");
    assertThat(redact("q=%22password%22%3A%22hunter2%22&x=1")).isEqualTo("q=%22password%22%3A%22[REDACTED:secret-value]%22&x=1");
  }

  @Test
  void awsSecretWithPercentEncodedSlashAndPlus() {
    Random r = new Random(606);
    String id = "AK" + "IA" + FakeSecrets.chars(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
    String secret = FakeSecrets.mixed(r, ALNUM, 12) + "/" + FakeSecrets.chars(r, B64, 13) + "+" + FakeSecrets.chars(r, ALNUM, 13);
    String encoded = secret.replace("/", "%2F").replace("+", "%2B");
    String out = redact("POST /creds body=id%3D" + id + "%26k%3D" + encoded + " HTTP/1.1");
    assertThat(out).contains("[REDACTED:aws-secret-access-key]").contains("[REDACTED:aws-access-key-id]");
    Leaks.assertNoPieceSurvives(out, encoded);
  }

  @Test
  void signedUrlsLoseTheirSignaturesAndCredentials() {
    Random r = new Random(707);
    String sas = FakeSecrets.chars(r, ALNUM, 20) + "%2B" + FakeSecrets.chars(r, ALNUM, 20) + "%3D";
    assertThat(redact("GET https://acct.blob.core.windows.net/c/b.csv?sv=2022-11-02&se=2026-07-23T00%3A00%3A00Z&sr=b&sp=r&sig="
        + sas + " 200"))
        .isEqualTo("GET https://acct.blob.core.windows.net/c/b.csv?sv=2022-11-02&se=2026-07-23T00%3A00%3A00Z&sr=b&sp=r"
            + "&sig=[REDACTED:secret-value] 200");
    String id = "AS" + "IA" + FakeSecrets.chars(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
    String signature = FakeSecrets.chars(r, "0123456789abcdef", 64);
    String sessionToken = FakeSecrets.chars(r, ALNUM, 40) + "%2F" + FakeSecrets.chars(r, ALNUM, 40) + "%3D";
    String presigned = "https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + id
        + "%2F20260722%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date=20260722T094500Z&X-Amz-Expires=900"
        + "&X-Amz-Security-Token=" + sessionToken + "&X-Amz-SignedHeaders=host&X-Amz-Signature=" + signature;
    String out = redact("fetch " + presigned + " done");
    assertThat(out).isEqualTo("fetch https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
        + "[REDACTED:aws-access-key-id]&X-Amz-Date=20260722T094500Z&X-Amz-Expires=900&X-Amz-Security-Token=[REDACTED:secret-value]"
        + "&X-Amz-SignedHeaders=host&X-Amz-Signature=[REDACTED:secret-value] done");
    String goog = "https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=svc%40proj.iam"
        + ".gserviceaccount.com%2F20260722%2Fauto%2Fstorage%2Fgoog4_request&X-Goog-Date=20260722T094500Z&X-Goog-Expires=900"
        + "&X-Goog-SignedHeaders=host&X-Goog-Signature=" + signature;
    String googOut = redact(goog);
    Leaks.assertNoPieceSurvives(googOut, signature);
    assertThat(googOut).contains("X-Goog-Credential=[REDACTED:secret-value]&X-Goog-Date=20260722T094500Z");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "payload=SGVsbG8gV29ybGQhIFRoaXMgaXMgYSBiYXNlNjQgYmxvYiB3aXRob3V0IGFueSBzZWNyZXQ= size=64",
      "cursor eyJvZmZzZXQiOjEwMCwibGltaXQiOjUwfQ== next",
      "GET /search?q=reset%20my%20password&lang=en HTTP/1.1",
      "GET /api%2Fv1%2Forders?sort=created_at%3Adesc HTTP/1.1",
      "{\"msg\":\"caf\\u00e9 cr\\u00e8me br\\u00fbl\\u00e9e\"}",
      "{\"path\":\"C:\\\\Users\\\\bob\\\\AppData\",\"url\":\"https:\\/\\/example.com\\/a\"}",
      "trace=4bf92f3577b34da6a3ce929d0e0e4736 digest=2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae",
      "/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/42/fs/usr/share/zoneinfo/Europe/Berlin"})
  void encodedTextWithoutASecretStays(String line) {
    assertThat(scanner.redact(line, null)).isSameAs(line);
  }

  private String redact(String line) {
    return scanner.redact(line, null);
  }
}
