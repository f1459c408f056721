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
 * Edits of a YAML text (the shipped default policy, the shipped default rules) for tests: each edit
 * finds the lines it changes by their text, so expected line numbers come from the edited text and
 * not from the loader under test.
 */
public final class YamlText {

  /** An edited text and the 1-based line of the first line the edit wrote. */
  public record Edit(String yaml, int line) {

    /** The 1-based line of the one line of this text equal to {@code text}. */
    public int lineOf(String text) {
      return YamlText.lineOf(yaml, text);
    }
  }

  private final String text;

  private YamlText(String text) {
    this.text = text;
  }

  /** Edits of this text. */
  public static YamlText of(String text) {
    return new YamlText(text);
  }

  /** A classpath resource as text. */
  public static String resource(String name) {
    try (InputStream in = YamlText.class.getResourceAsStream(name)) {
      assertThat(in).as("resource %s", name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text, unedited. */
  public String text() {
    return text;
  }

  /**
   * Replaces the first line equal to {@code oldLine} at or after the first line equal to
   * {@code anchor}; {@code newText} may span several lines.
   */
  public Edit replace(String anchor, String oldLine, String newText) {
    List<String> lines = lines(text);
    int index = find(lines, oldLine, find(lines, anchor, 0));
    lines.set(index, newText);
    return new Edit(join(lines), index + 1);
  }

  /** Replaces the first line equal to {@code oldLine}. */
  public Edit replace(String oldLine, String newText) {
    return replace(oldLine, oldLine, newText);
  }

  /** Inserts {@code newText} after the first line equal to {@code line} at or after {@code anchor}. */
  public Edit insertAfter(String anchor, String line, String newText) {
    List<String> lines = lines(text);
    int index = find(lines, line, find(lines, anchor, 0));
    lines.add(index + 1, newText);
    return new Edit(join(lines), index + 2);
  }

  /** Removes the first line equal to {@code line} at or after {@code anchor}. */
  public String removeLine(String anchor, String line) {
    List<String> lines = lines(text);
    lines.remove(find(lines, line, find(lines, anchor, 0)));
    return join(lines);
  }

  /**
   * Removes a block: the first line equal to {@code header} and the lines after it that are
   * indented deeper, up to the next line at the header's own indentation.
   */
  public String removeBlock(String header) {
    List<String> lines = lines(text);
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
  public static int lineOf(String yaml, String text) {
    List<String> lines = lines(yaml);
    int first = lines.indexOf(text);
    assertThat(first).as("line %s in the text", text).isNotNegative();
    assertThat(lines.lastIndexOf(text)).as("line %s is unique", text).isEqualTo(first);
    return first + 1;
  }

  /** The 1-based line of the first line of {@code yaml} equal to {@code text} at or after the first equal to {@code anchor}. */
  public static int lineOf(String yaml, String anchor, String text) {
    List<String> lines = lines(yaml);
    return find(lines, text, find(lines, anchor, 0)) + 1;
  }

  private static int find(List<String> lines, String text, int from) {
    for (int i = from; i < lines.size(); i++) {
      if (lines.get(i).equals(text)) {
        return i;
      }
    }
    throw new AssertionError("the text has no line '" + text + "' after line " + from);
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
