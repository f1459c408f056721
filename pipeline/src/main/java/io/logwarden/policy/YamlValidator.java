package io.logwarden.policy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The third pass of reading a policy or rules file: the checks of meaning that validators of bound
 * documents share, each refusing with a {@link PolicyException} at the line of the offending path.
 *
 * <p>A key written without a value binds to null just like an absent key; the two are told apart
 * by looking the path up in the composed text, so that "has no value" and "required key is missing"
 * each point at the right line.
 */
public abstract class YamlValidator {

  private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_]*");

  /** The file's name in messages. */
  protected final String sourceName;
  /** Finds the lines of paths in the file. */
  protected final YamlLineLocator locator;

  protected YamlValidator(String sourceName, YamlLineLocator locator) {
    this.sourceName = sourceName;
    this.locator = locator;
  }

  /** The value; refused as missing (at its parent's line) or as written without a value. */
  protected <T> T required(T value, YamlPath path) {
    if (value == null) {
      if (locator.node(path).isPresent()) {
        throw problem(path, "has no value");
      }
      boolean section = path.segments().size() == 1;
      throw problem(path, section ? "required section is missing" : "required key is missing");
    }
    return value;
  }

  /** The value, or the default when the key is absent; a key written without a value is refused. */
  protected <T> T optional(T value, YamlPath path, T absent) {
    if (value != null) {
      return value;
    }
    if (locator.node(path).isPresent()) {
      throw problem(path, "has no value");
    }
    return absent;
  }

  /** Whether the file writes this path at all, with or without a value. */
  protected boolean present(Object value, YamlPath path) {
    return value != null || locator.node(path).isPresent();
  }

  protected String requiredText(String value, YamlPath path) {
    String text = required(value, path);
    if (text.isBlank()) {
      throw problem(path, "is empty");
    }
    return text;
  }

  /** As {@link #optional} with no default, and refusing an empty text. */
  protected String optionalText(String value, YamlPath path) {
    String text = optional(value, path, null);
    if (text != null && text.isBlank()) {
      throw problem(path, "is empty");
    }
    return text;
  }

  /** A required list of one or more texts, none of them empty. */
  protected List<String> textList(List<String> values, YamlPath path) {
    List<String> texts = required(values, path);
    if (texts.isEmpty()) {
      throw problem(path, "is an empty list; it needs at least one entry");
    }
    for (int i = 0; i < texts.size(); i++) {
      requiredText(texts.get(i), element(path, i));
    }
    return texts;
  }

  /**
   * The path of a list's entry {@code index}: the list's own path where the file writes a single
   * value for a one-entry list (a key bound with Jackson's single-value-as-list), so that a message
   * names the path as written.
   */
  protected YamlPath element(YamlPath list, int index) {
    return locator.node(list).filter(SequenceNode.class::isInstance).isPresent() ? list.index(index) : list;
  }

  /**
   * The words of a list, lower snake case; a repeated word is refused: it changes nothing, so it was
   * likely meant as another.
   *
   * @param rule completes "'X' is not ..." when a word is not one, e.g. {@code an action name; ...}
   */
  protected Set<String> words(List<String> values, YamlPath path, String rule) {
    Map<String, YamlPath> words = new LinkedHashMap<>();
    for (int i = 0; i < values.size(); i++) {
      YamlPath wordPath = path.index(i);
      String word = requiredText(values.get(i), wordPath);
      if (!WORD.matcher(word).matches()) {
        throw problem(wordPath, PolicyException.quote(word) + " is not " + rule);
      }
      YamlPath earlier = words.putIfAbsent(word, wordPath);
      if (earlier != null) {
        throw problem(wordPath, PolicyException.quote(word) + " is already listed at " + earlier);
      }
    }
    return words.keySet();
  }

  /**
   * The value named {@code text}, refusing an unknown name with the list of the known ones:
   * {@code unknown category 'X' (categories: A, B, C)}.
   */
  protected <T> T oneOf(String text, List<T> values, Function<T, String> nameOf, YamlPath path,
      String what, String plural) {
    for (T value : values) {
      if (nameOf.apply(value).equals(text)) {
        return value;
      }
    }
    throw problem(path, "unknown " + what + " " + PolicyException.quote(text) + " (" + plural + ": "
        + values.stream().map(nameOf).collect(Collectors.joining(", ")) + ")");
  }

  /**
   * A duration of one of {@code units}.
   *
   * @param rule how such a duration is written, appended to the refusal, e.g.
   *     {@code a clock skew tolerance is a positive duration (5s, 2m)}
   */
  protected Duration duration(String text, YamlPath path, List<String> units, boolean zeroAllowed, String rule) {
    try {
      return DurationSyntax.parse(text, units, zeroAllowed);
    } catch (IllegalArgumentException e) {
      throw problem(path, e.getMessage() + "; " + rule);
    }
  }

  protected PolicyException problem(YamlPath path, String problem) {
    return new PolicyException(sourceName, locator.lineOf(path), path.toString(), problem);
  }
}
