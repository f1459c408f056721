package io.logwarden.redact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes pseudonyms the long way, independently of {@link Pseudonymizer}, for assertions. Public
 * so that tests in other packages (e.g. the detection differential test) can key their expectations.
 */
public final class ExpectedPseudonyms {

  private ExpectedPseudonyms() {}

  static byte[] demoSecret() throws Exception {
    return MessageDigest.getInstance("SHA-256")
        .digest("logwarden demonstration key — not secret".getBytes(StandardCharsets.UTF_8));
  }

  /** pii:demo:... of {@code normalized} under the demonstration key. */
  public static String demo(String normalized) {
    try {
      return of("demo", demoSecret(), normalized);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  public static String of(String keyId, byte[] secret, String normalized) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret, "HmacSHA256"));
    byte[] digest = mac.doFinal(normalized.getBytes(StandardCharsets.UTF_8));
    // Bit by bit, the slow and obvious way.
    String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    StringBuilder bits = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      String b = Integer.toBinaryString(digest[i] & 0xff);
      bits.append("0".repeat(8 - b.length())).append(b);
    }
    StringBuilder base32 = new StringBuilder();
    for (int i = 0; i < 80; i += 5) {
      base32.append(alphabet.charAt(Integer.parseInt(bits.substring(i, i + 5), 2)));
    }
    return "pii:" + keyId + ":" + base32;
  }
}
