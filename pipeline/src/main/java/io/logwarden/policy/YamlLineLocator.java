package io.logwarden.policy;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Finds the source line of a {@link YamlPath} in a policy or rules document.
 *
 * <p>Jackson's trees and bound objects carry no source positions, so the same text is composed a
 * second time with SnakeYAML, whose nodes keep their start marks. Composing also checks the YAML
 * syntax, so a malformed file is refused here with SnakeYAML's exact position.
 */
public final class YamlLineLocator {

  private final Node root;

  private YamlLineLocator(Node root) {
    this.root = root;
  }

  /**
   * Composes the document.
   *
   * @throws PolicyException if the text is not a single well-formed YAML document
   */
  static YamlLineLocator compose(String yaml, String sourceName, YamlFormat format) {
    Yaml parser = new Yaml(new SafeConstructor(new LoaderOptions()));
    try {
      return new YamlLineLocator(parser.compose(new StringReader(yaml)));
    } catch (MarkedYAMLException e) {
      throw syntaxError(e, sourceName, format);
    } catch (YAMLException e) {
      throw new PolicyException(sourceName, -1, "", "the file is not valid YAML", e);
    }
  }

  private static PolicyException syntaxError(MarkedYAMLException e, String sourceName, YamlFormat format) {
    Mark problemMark = e.getProblemMark();
    int line = problemMark == null ? -1 : problemMark.getLine() + 1;
    String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
    if (problem.contains("another document")) {
      return new PolicyException(sourceName, line, "",
          "a second YAML document starts here; a " + format.fileNoun() + " holds exactly one document", e);
    }
    StringBuilder text = new StringBuilder("invalid YAML: ").append(problem);
    if (e.getContext() != null) {
      text.append(" (").append(e.getContext());
      Mark contextMark = e.getContextMark();
      if (contextMark != null && contextMark.getLine() + 1 != line) {
        text.append(" that starts on line ").append(contextMark.getLine() + 1);
      }
      text.append(')');
    }
    return new PolicyException(sourceName, line, "", text.toString(), e);
  }

  /** Whether the document has no content at all (empty, or only comments). */
  boolean isEmpty() {
    return root == null;
  }

  /** The 1-based line where the document's top-level node starts, or -1 for an empty document. */
  int rootLine() {
    return root == null ? -1 : lineOf(root);
  }

  /** The node at the path, if the document has one there. */
  public Optional<Node> node(YamlPath path) {
    Node current = root;
    for (Object segment : path.segments()) {
      Optional<Step> step = step(current, segment);
      if (step.isEmpty()) {
        return Optional.empty();
      }
      current = step.get().value();
    }
    return Optional.ofNullable(current);
  }

  /**
   * The 1-based line of the path's last segment: the line of the key for a mapping entry, of the
   * element for a list index. For a path the document lacks (a missing key), the line of its
   * deepest ancestor that exists, because that is where the key should be added; -1 when not even
   * the first segment exists.
   */
  public int lineOf(YamlPath path) {
    Node current = root;
    int line = -1;
    for (Object segment : path.segments()) {
      Optional<Step> step = step(current, segment);
      if (step.isEmpty()) {
        break;
      }
      line = step.get().line();
      current = step.get().value();
    }
    return line;
  }

  /**
   * The path with the entry of a list the format names by a key (see {@link YamlFormat#entryNames()})
   * written by that key's text, where the entry has one.
   */
  public YamlPath named(YamlPath path, YamlFormat format) {
    List<Object> segments = path.segments();
    if (segments.size() < 2 || !(segments.get(0) instanceof String list)
        || !(segments.get(1) instanceof Integer index) || !format.entryNames().containsKey(list)) {
      return path;
    }
    Optional<Node> name = node(YamlPath.root().key(list).index(index).key(format.entryNames().get(list)));
    if (name.isPresent() && name.get() instanceof ScalarNode scalar && Tag.STR.equals(scalar.getTag())
        && !scalar.getValue().isBlank()) {
      return path.naming(1, scalar.getValue());
    }
    return path;
  }

  private record Step(int line, Node value) {}

  private static Optional<Step> step(Node current, Object segment) {
    if (segment instanceof String key && current instanceof MappingNode mapping) {
      for (NodeTuple entry : mapping.getValue()) {
        if (entry.getKeyNode() instanceof ScalarNode keyNode && keyNode.getValue().equals(key)) {
          return Optional.of(new Step(lineOf(keyNode), entry.getValueNode()));
        }
      }
    } else if (current instanceof SequenceNode sequence && indexOf(segment) >= 0) {
      int index = indexOf(segment);
      List<Node> elements = sequence.getValue();
      if (index < elements.size()) {
        Node element = elements.get(index);
        return Optional.of(new Step(lineOf(element), element));
      }
    }
    return Optional.empty();
  }

  private static int indexOf(Object segment) {
    if (segment instanceof Integer index) {
      return index;
    }
    return segment instanceof YamlPath.Entry entry ? entry.index() : -1;
  }

  private static int lineOf(Node node) {
    return node.getStartMark().getLine() + 1;
  }
}
