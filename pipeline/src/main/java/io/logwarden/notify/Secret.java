package io.logwarden.notify;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A secret a destination needs (a webhook URL, a routing key, a token), read from an environment
 * variable or a file (a mounted Kubernetes Secret), never written in the config file itself. It says
 * where it comes from and nothing more: {@link #toString()}, every message about it and every
 * exception name its source, never its value, so it cannot reach a log, a metric or a dead letter.
 */
public final class Secret {

  /** A secret file larger than this is a mistake (a whole directory's worth), not a URL or token. */
  /** Far above any password, token or webhook URL (a JWT is a few KiB); refuses a wrong path before reading it whole. */
  static final int MAX_FILE_BYTES = 64 * 1024;

  private final String source;
  private final String value;

  private Secret(String source, String value) {
    this.source = Objects.requireNonNull(source, "source");
    this.value = value;
  }

  /** A secret whose value is {@code value}, read from {@code source} (e.g. {@code environment variable X}). */
  public static Secret of(String source, String value) {
    return new Secret(source, Objects.requireNonNull(value, "value"));
  }

  /**
   * Where a secret comes from, without reading it: what a program that only inspects the
   * configuration (the evidence report) holds.
   */
  public static Secret unread(String source) {
    return new Secret(source, null);
  }

  /**
   * The value of environment variable {@code variable}, stripped of surrounding white space.
   *
   * @throws IllegalArgumentException when it is unset or blank (the message names the variable only)
   */
  public static Secret fromEnvironment(String variable, Map<String, String> env) {
    String source = "environment variable " + variable;
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(source + " is " + (value == null ? "not set" : "empty"));
    }
    return new Secret(source, value.strip());
  }

  /**
   * The content of {@code file} as UTF-8 text, stripped of surrounding white space (a trailing
   * newline, as {@code kubectl create secret --from-file} keeps it).
   *
   * @throws IllegalArgumentException when it cannot be read, is empty, too large or not text (the
   *     message names the file only)
   */
  public static Secret fromFile(Path file) {
    String source = "file " + file;
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new IllegalArgumentException(source + " is larger than " + MAX_FILE_BYTES / 1024 + " KiB");
      }
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(source + " does not exist");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(source + " is not readable (permission denied)");
    } catch (IOException e) {
      // The exception's own message could in principle quote content; name only its kind.
      throw new IllegalArgumentException(source + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    String text;
    try {
      // A strict decoder: a binary file (a keystore named by mistake) is refused, not read as text.
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(source + " is not UTF-8 text");
    }
    if (text.isBlank()) {
      throw new IllegalArgumentException(source + " is empty");
    }
    return new Secret(source, text.strip());
  }

  /** Where the secret comes from, e.g. {@code environment variable SLACK_WEBHOOK_URL}; safe to show. */
  public String source() {
    return source;
  }

  /** Whether the value was read (false for a configuration only inspected). */
  public boolean isRead() {
    return value != null;
  }

  /**
   * The secret value, for where it is used (a request's URL, header or body; a registry client's credentials).
   *
   * @throws IllegalStateException when it was not read
   */
  public String value() {
    if (value == null) {
      throw new IllegalStateException("the secret from " + source + " was not read");
    }
    return value;
  }

  /** Names the source only. */
  @Override
  public String toString() {
    return "[secret from " + source + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret that && source.equals(that.source) && Objects.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }
}
