package io.logwarden.redact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a personal value into {@code pii:<key id>:<16 base32 chars>}, a keyed HMAC-SHA256
 * pseudonym: the same value under the same key always gives the same pseudonym, so detection still
 * correlates by user or address, but without the key nobody can confirm a guess. Thread-safe.
 *
 * <p>The 16 characters are RFC 4648 base32 (lower case, no padding) of the first 10 bytes of
 * HMAC-SHA256(key, UTF-8 of the normalized value). Normalized means one text per thing written
 * several ways: an e-mail address lower-cased, an IPv4 without leading zeros, an IPv6 in RFC 5952
 * form, an IPv4-mapped IPv6 as its IPv4; any other value as it is.
 */
public final class Pseudonymizer {

  static final String PREFIX = "pii:";
  static final int DIGEST_CHARS = 16;
  private static final String ALGORITHM = "HmacSHA256";
  private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private final String keyId;
  private final String prefix;
  private final SecretKeySpec secret;
  // Mac.getInstance costs a provider lookup; one initialized Mac per thread costs it once. Each thread
  // also keeps its recent pseudonyms (see Recent): a brute force repeats one address and user.
  private final ThreadLocal<Mac> macs;
  private final ThreadLocal<Recent> recent = ThreadLocal.withInitial(Recent::new);

  public Pseudonymizer(PseudonymKey key) {
    Objects.requireNonNull(key, "key");
    this.keyId = key.id();
    this.prefix = PREFIX + keyId + ':';
    this.secret = new SecretKeySpec(key.secret(), ALGORITHM);
    this.macs = ThreadLocal.withInitial(this::newMac);
    newMac(); // fail at construction, not on the first record
  }

  public String keyId() {
    return keyId;
  }

  /** The pseudonym of {@code value} after normalizing it (see the class comment). */
  public String pseudonym(String value) {
    Objects.requireNonNull(value, "value");
    return pseudonymOfNormalized(normalize(value));
  }

  /** Whether {@code value} is exactly a pseudonym ({@code pii:<id>:<16 base32>}) under any key. */
  public static boolean isPseudonym(String value) {
    return value != null && value.startsWith(PREFIX) && pseudonymEnd(value, 0) == value.length();
  }

  /**
   * {@code ip} cut to its network: an IPv4 to its /24 ({@code 203.0.113.0}), an IPv6 to its /48
   * ({@code 2001:db8:abcd::}), an IPv4-mapped IPv6 to the /24 of its IPv4.
   *
   * @throws IllegalArgumentException when {@code ip} is not an IP literal
   */
  public static String truncateIp(String ip) {
    String truncated = ip == null ? null : IpAddressText.truncate(ip);
    if (truncated == null) {
      throw new IllegalArgumentException("not an IPv4 or IPv6 literal");
    }
    return truncated;
  }

  /** The pseudonym of a value the caller has already normalized. */
  String pseudonymOfNormalized(String normalized) {
    Recent cache = recent.get();
    String known = cache.get(normalized);
    if (known != null) {
      return known;
    }
    String pseudonym = compute(normalized);
    cache.put(normalized, pseudonym);
    return pseudonym;
  }

  private String compute(String normalized) {
    byte[] digest = macs.get().doFinal(normalized.getBytes(StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder(prefix.length() + DIGEST_CHARS).append(prefix);
    // 10 bytes are 80 bits: exactly 16 groups of 5, so no padding ever arises.
    long high = 0;
    for (int i = 0; i < 5; i++) {
      high = (high << 8) | (digest[i] & 0xff);
    }
    long low = 0;
    for (int i = 5; i < 10; i++) {
      low = (low << 8) | (digest[i] & 0xff);
    }
    for (int shift = 35; shift >= 0; shift -= 5) {
      out.append(BASE32[(int) (high >>> shift) & 31]);
    }
    for (int shift = 35; shift >= 0; shift -= 5) {
      out.append(BASE32[(int) (low >>> shift) & 31]);
    }
    return out.toString();
  }

  static String normalize(String value) {
    String ip = IpAddressText.normalize(value);
    if (ip != null) {
      return ip;
    }
    int at = value.indexOf('@');
    if (at > 0 && at < value.length() - 1 && value.indexOf('@', at + 1) < 0
        && value.chars().noneMatch(Character::isWhitespace)) {
      return value.toLowerCase(Locale.ROOT);
    }
    return value;
  }

  /**
   * The end of the pseudonym starting at {@code start} in {@code text}, or -1 when none starts
   * there.
   */
  static int pseudonymEnd(CharSequence text, int start) {
    int n = text.length();
    int pos = start + PREFIX.length();
    if (pos > n || text.charAt(start) != 'p' || text.charAt(start + 1) != 'i'
        || text.charAt(start + 2) != 'i' || text.charAt(start + 3) != ':') {
      return -1;
    }
    int idStart = pos;
    while (pos < n && pos - idStart <= 32 && PseudonymKey.isIdChar(text.charAt(pos))) {
      pos++;
    }
    if (pos == idStart || pos - idStart > 32 || pos >= n || text.charAt(pos) != ':') {
      return -1;
    }
    pos++;
    int digestStart = pos;
    while (pos < n && pos - digestStart < DIGEST_CHARS && isBase32(text.charAt(pos))) {
      pos++;
    }
    // No check of what follows: two pseudonyms may abut, e.g. from "203.0.113.7+tag@example.com".
    if (pos - digestStart != DIGEST_CHARS) {
      return -1;
    }
    return pos;
  }

  /**
   * One thread's recent pseudonyms: a direct-mapped table of {@value #SLOTS} slots indexed by the
   * value's hash, a colliding value replacing the older one. A hit costs a hash and an equals, not an
   * HMAC. It holds values the thread has just read from a record anyway, and never leaves the thread.
   */
  static final class Recent {
    static final int SLOTS = 1024;
    private final String[] values = new String[SLOTS];
    private final String[] pseudonyms = new String[SLOTS];

    String get(String value) {
      int slot = slot(value);
      return value.equals(values[slot]) ? pseudonyms[slot] : null;
    }

    void put(String value, String pseudonym) {
      int slot = slot(value);
      values[slot] = value;
      pseudonyms[slot] = pseudonym;
    }

    private static int slot(String value) {
      int h = value.hashCode();
      return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
  }

  private static boolean isBase32(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7');
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(secret);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable in this Java runtime", e);
    }
  }

  @Override
  public String toString() {
    return "Pseudonymizer[keyId=" + keyId + "]";
  }
}
