package io.logwarden.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic event ids for records whose producer gave none: the same raw record always yields
 * the same id, so a replay or a retry compacts to one copy in the store topics.
 */
public final class EventIds {

  // Looking a digest up costs more than hashing a short key: one per thread, reused.
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(EventIds::sha256);

  private EventIds() {}

  /** 32 hex digits of SHA-256 over topic, partition, offset and index in a batch. */
  public static String of(String topic, int partition, long offset, int index) {
    MessageDigest sha256 = SHA256.get();
    sha256.reset();
    sha256.update((topic + '\u0000' + partition + '\u0000' + offset + '\u0000' + index)
        .getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(sha256.digest(), 0, 16);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
