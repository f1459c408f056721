package io.logwarden.redact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * The secret behind the pseudonyms and the id that names it in every pseudonym, so that keys can
 * rotate and an analyst can tell which key made a pseudonym.
 *
 * <p>Key material, as a file ({@link #fromFile}) or in {@value #KEY_VARIABLE}, is one of:
 *
 * <ul>
 *   <li>one line of hex (upper or lower case) decoding to at least 32 bytes, e.g. the output of
 *       {@code openssl rand -hex 32};
 *   <li>one line of base64 (standard or URL-safe alphabet, padding optional) decoding to at least
 *       32 bytes, e.g. {@code openssl rand -base64 32};
 *   <li>files only: at least 32 raw bytes, e.g. {@code head -c 32 /dev/urandom}; a file counts as
 *       raw unless it is all printable ASCII, so a typed passphrase is refused rather than used.
 * </ul>
 *
 * A line that is valid hex is read as hex even though it is also valid base64. Surrounding
 * whitespace and the final newline are ignored. The id is 1 to 32 of {@code A-Z a-z 0-9 _ -}; when
 * none is given it is the first 8 hex digits of SHA-256 of the key, which names the key without
 * revealing it. No message, log line or {@code toString} ever shows key material.
 */
public record PseudonymKey(String id, byte[] secret) {

  /** Environment variable holding the key material, hex or base64. */
  public static final String KEY_VARIABLE = "LOGWARDEN_PSEUDONYM_KEY";
  /** Environment variable holding the key id; optional. */
  public static final String KEY_ID_VARIABLE = "LOGWARDEN_PSEUDONYM_KEY_ID";
  /** Fewer bytes than SHA-256's output would weaken HMAC-SHA256 below its design strength. */
  public static final int MIN_SECRET_BYTES = 32;

  // Far above any sensible key; refuses a wrong path (a log, an archive) before reading it whole.
  private static final long MAX_FILE_BYTES = 4096;
  private static final String DEMO_SEED = "logwarden demonstration key — not secret";

  public PseudonymKey {
    if (id == null || !isValidId(id)) {
      throw new IllegalArgumentException(
          "pseudonym key id must be 1 to 32 characters of A-Z a-z 0-9 _ -");
    }
    if (secret == null || secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("pseudonym key must be at least " + MIN_SECRET_BYTES
          + " bytes, got " + (secret == null ? 0 : secret.length));
    }
    secret = secret.clone();
  }

  /** A copy, so that no caller can change the key under a running pseudonymizer. */
  @Override
  public byte[] secret() {
    return secret.clone();
  }

  /**
   * The key in {@code file} (format in the class comment), named by the first 8 hex digits of its
   * SHA-256.
   */
  public static PseudonymKey fromFile(Path file) {
    byte[] secret = readKeyFile(file);
    return new PseudonymKey(derivedId(secret), secret);
  }

  /** The key in {@code file} (format in the class comment), named {@code id}. */
  public static PseudonymKey fromFile(Path file, String id) {
    return new PseudonymKey(id, readKeyFile(file));
  }

  /**
   * The key in {@value #KEY_VARIABLE} (hex or base64 of at least 32 bytes), named by
   * {@value #KEY_ID_VARIABLE} or else by the first 8 hex digits of the key's SHA-256.
   */
  public static PseudonymKey fromEnvironment(Map<String, String> env) {
    String text = env.get(KEY_VARIABLE);
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(KEY_VARIABLE + " is not set");
    }
    byte[] secret = decodeText(text.strip(), KEY_VARIABLE);
    String id = env.get(KEY_ID_VARIABLE);
    if (id == null || id.isBlank()) {
      return new PseudonymKey(derivedId(secret), secret);
    }
    if (!isValidId(id.strip())) {
      throw new IllegalArgumentException(
          KEY_ID_VARIABLE + " must be 1 to 32 characters of A-Z a-z 0-9 _ -");
    }
    return new PseudonymKey(id.strip(), secret);
  }

  /**
   * The fixed demonstration key, id {@code demo}: SHA-256 of the UTF-8 text {@code "logwarden
   * demonstration key — not secret"}. For {@code demo} and {@code process} only: anyone can
   * recompute it and so reverse its pseudonyms of guessable values.
   */
  public static PseudonymKey demo() {
    return new PseudonymKey("demo", sha256(DEMO_SEED.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PseudonymKey that && id.equals(that.id)
        && MessageDigest.isEqual(secret, that.secret);
  }

  @Override
  public int hashCode() {
    return 31 * id.hashCode() + Arrays.hashCode(secret);
  }

  @Override
  public String toString() {
    return "PseudonymKey[id=" + id + ", secret=(" + secret.length + " bytes, hidden)]";
  }

  static boolean isValidId(String id) {
    int length = id.length();
    if (length < 1 || length > 32) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (!isIdChar(id.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean isIdChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
        || c == '-';
  }

  private static byte[] readKeyFile(Path file) {
    Objects.requireNonNull(file, "file");
    byte[] content;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new IllegalArgumentException("pseudonym key file " + file + " is larger than "
            + MAX_FILE_BYTES + " bytes; expected a key");
      }
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      // The exception's own message could in principle quote content; name only its kind.
      throw new IllegalArgumentException("cannot read pseudonym key file " + file + " ("
          + e.getClass().getSimpleName() + ")");
    }
    String what = "pseudonym key file " + file;
    if (isPrintableText(content)) {
      String text = new String(content, StandardCharsets.US_ASCII).strip();
      if (text.isEmpty()) {
        throw new IllegalArgumentException(what + " is empty");
      }
      return decodeText(text, what);
    }
    if (content.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(what + " holds " + content.length
          + " raw bytes; at least " + MIN_SECRET_BYTES + " are required");
    }
    return content;
  }

  private static boolean isPrintableText(byte[] content) {
    for (byte b : content) {
      if (!((b >= 0x20 && b < 0x7f) || b == '\n' || b == '\r' || b == '\t')) {
        return false;
      }
    }
    return true;
  }

  private static byte[] decodeText(String text, String what) {
    byte[] decoded = null;
    if (text.length() % 2 == 0 && isHex(text)) {
      decoded = HexFormat.of().parseHex(text);
    } else {
      boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
      try {
        decoded = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
      } catch (IllegalArgumentException e) {
        // The decoder's message quotes the offending character; say only what was wrong.
        throw new IllegalArgumentException(
            what + " is neither hex nor base64 (one line, no inner whitespace)");
      }
    }
    if (decoded.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException(what + " decodes to " + decoded.length
          + " bytes; at least " + MIN_SECRET_BYTES + " are required");
    }
    return decoded;
  }

  private static boolean isHex(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (IpAddressText.hexValue(text.charAt(i)) < 0) {
        return false;
      }
    }
    return true;
  }

  private static String derivedId(byte[] secret) {
    return HexFormat.of().formatHex(sha256(secret), 0, 4);
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
