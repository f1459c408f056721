package io.logwarden.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic alert ids: the same rule, key and opening time always give the same id. */
public final class AlertIds {

  private AlertIds() {}

  /** 32 hex digits of SHA-256 over rule id, key and the opening time (the event time of the window end where the condition first held). */
  public static String of(String ruleId, String key, long openedAtMillis) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update((ruleId + '\u0000' + key + '\u0000' + openedAtMillis).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha256.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
