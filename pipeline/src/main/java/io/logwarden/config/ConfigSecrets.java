package io.logwarden.config;

import io.logwarden.notify.Secret;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a secret that the config file names but does not hold: a file (a mounted Kubernetes Secret)
 * or an environment variable, as the pseudonymization key is read. The text is trimmed (a file's
 * final newline is no part of a password). No message quotes the secret: they name the file or the
 * variable only.
 */
final class ConfigSecrets {

  private ConfigSecrets() {}

  /**
   * The secret in {@code file}, trimmed, read as the notify section's secrets are ({@link Secret#fromFile}).
   *
   * @param what what it is, for messages: {@code the schema registry password}
   * @throws IllegalArgumentException naming the file, never its content
   */
  static String fromFile(Path file, String what) {
    try {
      return Secret.fromFile(file).value();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " " + e.getMessage(), e);
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
