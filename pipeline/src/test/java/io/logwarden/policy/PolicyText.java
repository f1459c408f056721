package io.logwarden.policy;

import io.logwarden.policy.YamlText.Edit;

/** Edits of the shipped default policy for tests (see {@link YamlText}). */
final class PolicyText {

  /** The shipped default, read as a resource the same way the loader reads it. */
  static final String DEFAULT = YamlText.resource(PolicyLoader.DEFAULT_RESOURCE);

  private static final YamlText TEXT = YamlText.of(DEFAULT);

  private PolicyText() {}

  /**
   * Replaces, in the default, the first line equal to {@code oldLine} at or after the first line
   * equal to {@code anchor}; {@code newText} may span several lines.
   */
  static Edit replace(String anchor, String oldLine, String newText) {
    return TEXT.replace(anchor, oldLine, newText);
  }

  /** Replaces the first line of the default equal to {@code oldLine}. */
  static Edit replace(String oldLine, String newText) {
    return TEXT.replace(oldLine, newText);
  }

  /** Inserts {@code newText} after the first line equal to {@code line} at or after {@code anchor}. */
  static Edit insertAfter(String anchor, String line, String newText) {
    return TEXT.insertAfter(anchor, line, newText);
  }

  /** Removes the first line equal to {@code line} at or after {@code anchor}. */
  static String removeLine(String anchor, String line) {
    return TEXT.removeLine(anchor, line);
  }

  /** Removes a block: the first line equal to {@code header} and the lines indented deeper after it. */
  static String removeBlock(String header) {
    return TEXT.removeBlock(header);
  }

  /** The 1-based line of the one line of {@code yaml} equal to {@code text}. */
  static int lineOf(String yaml, String text) {
    return YamlText.lineOf(yaml, text);
  }
}
