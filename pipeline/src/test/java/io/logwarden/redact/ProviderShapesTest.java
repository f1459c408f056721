package io.logwarden.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The edges of the fast path's newer shapes (Twilio, 1Password, Fly.io, Authress) and of the AWS
 * secret access key found beside its key id; {@link SecretScannerTest} plants each whole shape in
 * every context.
 */
class ProviderShapesTest {

  private static final String HEX = "0123456789abcdef";
  private static final String UPNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String B64 = ALNUM + "+/";
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private final SecretScanner scanner = new SecretScanner();
  private final Random random = new Random(909);

  @Test
  void twilioApiKeyIsSkAnd32LowerCaseHexDigits() {
    String key = "S" + "K" + FakeSecrets.chars(random, HEX, 32);
    assertThat(redact("twilio sid " + key + ".")).isEqualTo("twilio sid [REDACTED:twilio-api-key].");
    assertUnchanged("S" + "K" + FakeSecrets.chars(random, HEX, 31) + " is one short");
    assertUnchanged("S" + "K" + FakeSecrets.chars(random, HEX, 33) + " is one long");
    assertUnchanged("S" + "K" + FakeSecrets.chars(random, "0123456789ABCDEF", 32) + " has capitals");
    assertUnchanged("X" + "SK" + FakeSecrets.chars(random, HEX, 32) + " starts inside a word");
  }

  @Test
  void onePasswordSecretKeyHasItsGroups() {
    String eleven = "A" + "3-" + g(6) + "-" + g(11) + "-" + g(5) + "-" + g(5) + "-" + g(5);
    String split = "A" + "3-" + g(6) + "-" + g(6) + "-" + g(5) + "-" + g(5) + "-" + g(5) + "-" + g(5);
    assertThat(redact("key " + eleven)).isEqualTo("key [REDACTED:1password-secret-key]");
    assertThat(redact("key " + split + ", done")).isEqualTo("key [REDACTED:1password-secret-key], done");
    assertUnchanged("key " + "A" + "3-" + g(6) + "-" + g(10) + "-" + g(5) + "-" + g(5) + "-" + g(5));
    assertUnchanged("key " + "A" + "3-" + g(6) + "-" + g(11) + "-" + g(5) + "-" + g(5));
    assertUnchanged("grid cell A3-B4 and paper size A3-landscape");
  }

  @Test
  void flyIoTokens() {
    String fo1 = "fo" + "1_" + FakeSecrets.chars(random, ALNUM + "_-", 43);
    assertThat(redact("FLY_API_TOKEN " + fo1)).isEqualTo("FLY_API_TOKEN [REDACTED:flyio-access-token]");
    String fm2 = "fm" + "2_" + FakeSecrets.chars(random, B64, 120) + "=";
    String second = "fm" + "2_" + FakeSecrets.chars(random, B64, 110);
    assertThat(redact("deploy with " + fm2 + "," + second + " ok")).isEqualTo("deploy with [REDACTED:flyio-access-token] ok");
    String fm1a = "fm" + "1a_" + FakeSecrets.chars(random, ALNUM, 100);
    assertThat(redact(fm1a)).isEqualTo("[REDACTED:flyio-access-token]");
    assertUnchanged("fo" + "1_" + FakeSecrets.chars(random, ALNUM, 42) + " is one short");
    assertUnchanged("fm" + "2_" + FakeSecrets.chars(random, ALNUM, 99) + " is one short");
    assertUnchanged("format fm2_ fo1_ and fm1r_ prefixes alone");
  }

  @Test
  void authressServiceClientAccessKey() {
    String key = "sc" + "_" + FakeSecrets.chars(random, ALNUM, 10) + "." + FakeSecrets.chars(random, ALNUM, 5) + ".ac" + "c_"
        + FakeSecrets.chars(random, "abcdefghijklmnopqrstuvwxyz0123456789-", 20) + "." + FakeSecrets.chars(random, B64, 50);
    assertThat(redact("AUTHRESS_KEY " + key + " loaded")).isEqualTo("AUTHRESS_KEY [REDACTED:authress-service-client-access-key] loaded");
    String ext = "ext" + "_" + FakeSecrets.chars(random, ALNUM, 6) + "." + FakeSecrets.chars(random, ALNUM, 4) + ".ac" + "c-"
        + FakeSecrets.chars(random, ALNUM, 12) + "." + FakeSecrets.chars(random, B64, 30);
    assertThat(redact(ext)).isEqualTo("[REDACTED:authress-service-client-access-key]");
    assertUnchanged("sc" + "_" + FakeSecrets.chars(random, ALNUM, 10) + "." + FakeSecrets.chars(random, ALNUM, 5) + ".abc_"
        + FakeSecrets.chars(random, ALNUM, 20) + "." + FakeSecrets.chars(random, B64, 50));
    assertUnchanged("sc_orders.v2.acc_report is a table name");
  }

  @Test
  void awsSecretAccessKeyBesideItsKeyIdNeedsNoContextWord() {
    String id = "AK" + "IA" + FakeSecrets.chars(random, BASE32, 16);
    String secret = FakeSecrets.mixed(random, B64, 40);
    for (String line : List.of(
        "id=" + id + " k=" + secret,
        "{\"user\":\"ci\",\"key_1\":\"" + id + "\",\"key_2\":\"" + secret + "\"}",
        secret + " was paired with " + id,
        "creds " + id + ":" + secret,
        "id " + id + " " + "x".repeat(150) + " " + secret)) {
      String out = redact(line);
      assertThat(out).as(line).contains("[REDACTED:aws-secret-access-key]").contains("[REDACTED:aws-access-key-id]");
      Leaks.assertNoPieceSurvives(out, secret);
    }
    String sessionId = "AS" + "IA" + FakeSecrets.chars(random, BASE32, 16);
    assertThat(redact("session " + sessionId + " / " + secret))
        .isEqualTo("session [REDACTED:aws-access-key-id] / [REDACTED:aws-secret-access-key]");
  }

  @Test
  void awsKeyIdDoesNotMakeEveryFortyCharacterWordASecret() {
    String id = "AK" + "IA" + FakeSecrets.chars(random, BASE32, 16);
    String commit = FakeSecrets.chars(random, HEX, 40);
    assertThat(redact("key " + id + " rotated by commit " + commit)).isEqualTo("key [REDACTED:aws-access-key-id] rotated by commit " + commit);
    String far = FakeSecrets.mixed(random, B64, 40);
    String line = "key " + id + " " + "y".repeat(230) + " " + far;
    assertThat(redact(line)).endsWith(far);
    String path = "/var/lib/kubelet/pods/orders/volumes/cfg";
    assertThat(redact("key " + id + " mounted " + path)).endsWith(path);
  }

  private String g(int len) {
    return FakeSecrets.chars(random, UPNUM, len);
  }

  private void assertUnchanged(String line) {
    assertThat(scanner.redact(line, null)).as(line).isSameAs(line);
  }

  private String redact(String line) {
    return scanner.redact(line, null);
  }
}
