package io.logwarden.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Edits of the shipped default policy for tests: each edit finds the lines it changes by their
 * text, so expected line numbers come from the edited text and not from the loader under test.
 */
final class PolicyText {

  /** The shipped default, read as a resource the same way the loader reads it. */
  static final String DEFAULT = resource(PolicyLoader.DEFAULT_RESOURCE);

  /** An edited policy and the 1-based line of the first line the edit wrote. */
  record Edit(String yaml, int line) {

    /** The 1-based line of the one line of this text equal to {@code text}. */
    int lineOf(String text) {
      return PolicyText.lineOf(yaml, text);
    }
  }

  private PolicyText() {}

  static String resource(String name) {
    try (InputStream in = PolicyText.class.getResourceAsStream(name)) {
      assertThat(in).as("resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Replaces, in the default, the first line equal to {@code oldLine} at or after the first line
   * equal to {@code anchor}; {@code newText} may span several lines.
   */
  static Edit replace(String anchor, String oldLine, String newText) {
    List<String> lines = lines(DEFAULT);
    int index = find(lines, oldLine, find(lines, anchor, 0));
    lines.set(index, newText);
    return new Edit(join(lines), index + 1);
  }

  /** Replaces the first line of the default equal to {@code oldLine}. */
  static Edit replace(String oldLine, String newText) {
    return replace(oldLine, oldLine, newText);
  }

  /** Inserts {@code newText} after the first line equal to {@code line} at or after {@code anchor}. */
  static Edit insertAfter(String anchor, String line, String newText) {
    List<String> lines = lines(DEFAULT);
    int index = find(lines, line, find(lines, anchor, 0));
    lines.add(index + 1, newText);
    return new Edit(join(lines), index + 2);
  }

  /** Removes the first line equal to {@code line} at or after {@code anchor}. */
  static String removeLine(String anchor, String line) {
    List<String> lines = lines(DEFAULT);
    lines.remove(find(lines, line, find(lines, anchor, 0)));
    return join(lines);
  }

  /**
   * Removes a block: the first line equal to {@code header} and the lines after it that are
   * indented deeper, up to the next line at the header's own indentation.
   */
  static String removeBlock(String header) {
    List<String> lines = lines(DEFAULT);
    int start = find(lines, header, 0);
    int indent = indentation(header);
    int end = start + 1;
    while (end < lines.size()
        && (lines.get(end).isBlank() || indentation(lines.get(end)) > indent)) {
      end++;
    }
    // Blank lines after the block belong to what follows; keeping them keeps the final newline.
    while (end > start + 1 && lines.get(end - 1).isBlank()) {
      end--;
    }
    lines.subList(start, end).clear();
    return join(lines);
  }

  /** The 1-based line of the one line of {@code yaml} equal to {@code text}. */
  static int lineOf(String yaml, String text) {
    List<String> lines = lines(yaml);
    int first = lines.indexOf(text);
    assertThat(first).as("line %s in the policy", text).isNotNegative();
    assertThat(lines.lastIndexOf(text)).as("line %s is unique", text).isEqualTo(first);
    return first + 1;
  }

  private static int find(List<String> lines, String text, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).equals(text)) {
        return i;
      }
    }
    throw new AssertionError("the default policy has no line '" + text + "' after line " + from);
  }

  private static int indentation(String line) {
    int spaces = 0;
    while (spaces < line.length() && line.charAt(spaces) == ' ') {
      spaces++;
    }
    return spaces;
  }

  private static List<String> lines(String text) {
    return new ArrayList<>(Arrays.asList(text.split("\n", -1)));
  }

  private static String join(List<String> lines) {
    return String.join("\n", lines);
  }
}
