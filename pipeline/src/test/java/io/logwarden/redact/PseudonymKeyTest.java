package io.logwarden.redact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymKeyTest {

  @TempDir
  Path dir;

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    // Guarantees the raw form is not mistaken for text.
    bytes[0] = (byte) 0x80;
    return bytes;
  }

  private static void assertHidesKey(String text, byte[] secret) {
    assertThat(text)
        .doesNotContain(HexFormat.of().formatHex(secret))
        .doesNotContain(HexFormat.of().withUpperCase().formatHex(secret))
        .doesNotContain(Base64.getEncoder().encodeToString(secret))
        .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(secret))
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
        .doesNotContain(HexFormat.of().formatHex(secret, 0, 8))
        .doesNotContain(new String(secret, StandardCharsets.ISO_8859_1));
  }

  @Test
  void readsRawBytesFromAFile() throws Exception {
    byte[] secret = randomBytes(32);
    PseudonymKey key = PseudonymKey.fromFile(Files.write(dir.resolve("key"), secret), "k1");
    assertThat(key.secret()).isEqualTo(secret);
    assertThat(key.id()).isEqualTo("k1");
  }

  @Test
  void readsHexFromAFileIgnoringTheNewline() throws Exception {
    byte[] secret = randomBytes(32);
    Path file = Files.writeString(dir.resolve("key"), HexFormat.of().formatHex(secret) + "\n");
    assertThat(PseudonymKey.fromFile(file, "k1").secret()).isEqualTo(secret);
  }

  @Test
  void readsBase64FromAFile() throws Exception {
    byte[] secret = randomBytes(48);
    Path file = Files.writeString(dir.resolve("key"),
        "  " + Base64.getEncoder().encodeToString(secret) + "\r\n");
    assertThat(PseudonymKey.fromFile(file, "k1").secret()).isEqualTo(secret);
    Path urlSafe = Files.writeString(dir.resolve("key2"),
        Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    assertThat(PseudonymKey.fromFile(urlSafe, "k1").secret()).isEqualTo(secret);
  }

  @Test
  void withoutAnIdTheFileKeyIsNamedByItsHash() throws Exception {
    byte[] secret = randomBytes(32);
    PseudonymKey key = PseudonymKey.fromFile(Files.write(dir.resolve("key"), secret));
    String expected = HexFormat.of().formatHex(
        java.security.MessageDigest.getInstance("SHA-256").digest(secret)).substring(0, 8);
    assertThat(key.id()).isEqualTo(expected);
  }

  @Test
  void refusesShortMissingAndTextThatIsNoEncoding() throws Exception {
    byte[] shortSecret = randomBytes(31);
    Path rawShort = Files.write(dir.resolve("raw-short"), shortSecret);
    assertThatThrownBy(() -> PseudonymKey.fromFile(rawShort, "k"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("31 raw bytes")
        .satisfies(e -> assertHidesKey(e.getMessage(), shortSecret));

    byte[] sixteen = randomBytes(16);
    String hex = HexFormat.of().formatHex(sixteen);
    Path hexShort = Files.writeString(dir.resolve("hex-short"), hex);
    assertThatThrownBy(() -> PseudonymKey.fromFile(hexShort, "k"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("decodes to 16 bytes")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(hex));

    Path missing = dir.resolve("absent");
    assertThatThrownBy(() -> PseudonymKey.fromFile(missing, "k"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");

    String passphrase = "correct horse battery staple is my key!";
    Path text = Files.writeString(dir.resolve("passphrase"), passphrase);
    assertThatThrownBy(() -> PseudonymKey.fromFile(text, "k"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither hex nor base64")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("horse"));

    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThatThrownBy(() -> PseudonymKey.fromFile(empty, "k"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
  }

  @Test
  void readsTheEnvironmentWithAndWithoutAnId() throws Exception {
    byte[] secret = randomBytes(32);
    String hex = HexFormat.of().formatHex(secret);
    PseudonymKey named = PseudonymKey.fromEnvironment(
        Map.of("LOGWARDEN_PSEUDONYM_KEY", hex, "LOGWARDEN_PSEUDONYM_KEY_ID", "2025-06"));
    assertThat(named.id()).isEqualTo("2025-06");
    assertThat(named.secret()).isEqualTo(secret);

    PseudonymKey unnamed = PseudonymKey.fromEnvironment(
        Map.of("LOGWARDEN_PSEUDONYM_KEY", Base64.getEncoder().encodeToString(secret)));
    assertThat(unnamed.secret()).isEqualTo(secret);
    assertThat(unnamed.id()).hasSize(8).matches("[0-9a-f]{8}")
        .isEqualTo(PseudonymKey.fromEnvironment(Map.of("LOGWARDEN_PSEUDONYM_KEY", hex)).id());
    assertThat(hex).doesNotContain(unnamed.id());
  }

  @Test
  void environmentErrorsNameTheVariableNotTheKey() {
    assertThatThrownBy(() -> PseudonymKey.fromEnvironment(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("LOGWARDEN_PSEUDONYM_KEY is not set");
    byte[] shortSecret = randomBytes(20);
    String encoded = Base64.getEncoder().encodeToString(shortSecret);
    assertThatThrownBy(
        () -> PseudonymKey.fromEnvironment(Map.of("LOGWARDEN_PSEUDONYM_KEY", encoded)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LOGWARDEN_PSEUDONYM_KEY decodes to 20 bytes")
        .satisfies(e -> assertHidesKey(e.getMessage(), shortSecret));
    assertThatThrownBy(() -> PseudonymKey.fromEnvironment(
        Map.of("LOGWARDEN_PSEUDONYM_KEY", "not*a key at all, no sir, not one bit of it")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither hex nor base64")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sir"));
    String hex = HexFormat.of().formatHex(randomBytes(32));
    assertThatThrownBy(() -> PseudonymKey.fromEnvironment(
        Map.of("LOGWARDEN_PSEUDONYM_KEY", hex, "LOGWARDEN_PSEUDONYM_KEY_ID", "bad id!")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("LOGWARDEN_PSEUDONYM_KEY_ID");
  }

  @Test
  void toStringHidesTheSecret() {
    byte[] secret = randomBytes(32);
    PseudonymKey key = new PseudonymKey("k1", secret);
    assertThat(key.toString()).contains("k1").contains("32 bytes");
    assertHidesKey(key.toString(), secret);
    assertHidesKey(PseudonymKey.demo().toString(), PseudonymKey.demo().secret());
  }

  @Test
  void copiesTheSecretBothWays() {
    byte[] secret = randomBytes(32);
    PseudonymKey key = new PseudonymKey("k1", secret);
    secret[5]++;
    assertThat(key.secret()).isNotEqualTo(secret);
    key.secret()[5]++;
    assertThat(key).isEqualTo(new PseudonymKey("k1", randomBytes(32)));
  }

  @Test
  void equalityIsByIdAndContent() {
    PseudonymKey key = new PseudonymKey("k1", randomBytes(32));
    assertThat(key).isEqualTo(new PseudonymKey("k1", randomBytes(32)))
        .hasSameHashCodeAs(new PseudonymKey("k1", randomBytes(32)))
        .isNotEqualTo(new PseudonymKey("k2", randomBytes(32)))
        .isNotEqualTo(new PseudonymKey("k1", randomBytes(33)));
  }

  @Test
  void theDemoKeyIsFixedAndDocumented() throws Exception {
    PseudonymKey demo = PseudonymKey.demo();
    assertThat(demo.id()).isEqualTo("demo");
    assertThat(demo.secret()).isEqualTo(ExpectedPseudonyms.demoSecret());
    assertThat(PseudonymKey.demo()).isEqualTo(demo);
  }

  @Test
  void refusesBadIdsAndShortSecrets() {
    assertThatThrownBy(() -> new PseudonymKey("", randomBytes(32)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PseudonymKey("a:b", randomBytes(32)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PseudonymKey("x".repeat(33), randomBytes(32)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PseudonymKey("k", randomBytes(31)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 32");
  }
}
