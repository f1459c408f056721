package io.logwarden.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a secret that the config file names but does not hold: a file (a mounted Kubernetes Secret)
 * or an environment variable, as the pseudonymization key is read. The text is trimmed (a file's
 * final newline is no part of a password). No message quotes the secret: they name the file or the
 * variable only.
 */
final class ConfigSecrets {

  /** Far above any password or token (a JWT is a few KiB); refuses a wrong path before reading it whole. */
  private static final long MAX_FILE_BYTES = 64 * 1024;

  private ConfigSecrets() {}

  /**
   * The secret in {@code file}, trimmed.
   *
   * @param what what it is, for messages: {@code the schema registry password}
   * @throws IllegalArgumentException naming the file, never its content
   */
  static String fromFile(Path file, String what) {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new IllegalArgumentException(what + " file " + file + " is larger than " + MAX_FILE_BYTES
            + " bytes; expected " + what);
      }
      // A strict decoder: a binary file (a keystore named by mistake) is refused, not read as text.
      String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString()
          .strip();
      if (text.isEmpty()) {
        throw new IllegalArgumentException(what + " file " + file + " is empty");
      }
      return text;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(what + " file " + file + " does not exist");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(what + " file " + file + " is not readable (permission denied)");
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(what + " file " + file + " is not UTF-8 text");
    } catch (IOException e) {
      // The exception's own message could in principle quote content; name only its kind.
      throw new IllegalArgumentException("cannot read " + what + " file " + file + " ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The secret in the environment variable {@code name}, trimmed.
   *
   * @throws IllegalArgumentException naming the variable, never its value
   */
  static String fromEnvironment(Map<String, String> env, String name, String what) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("the environment variable " + name + " that holds " + what
          + (value == null ? " is not set" : " is empty"));
    }
    return value.strip();
  }
}
