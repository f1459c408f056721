package io.logwarden.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns Jackson's binding exceptions into {@link PolicyException}s written in plain words.
 *
 * <p>Jackson's own messages name Java classes and coercion settings, which mean nothing to someone
 * editing a policy or rules file, so only the exception's structured parts (path, property, target type) are
 * used. The line comes from the composed YAML where the path resolves there: for records Jackson
 * buffers properties and reports an unknown key at the end of its mapping, lines later.
 */
final class BindingErrors {

  private BindingErrors() {}

  static PolicyException translate(
      JsonProcessingException e, String sourceName, YamlLineLocator locator, YamlFormat format) {
    Optional<StreamReadException> readError = streamReadError(e);
    if (readError.isPresent()) {
      return readProblem(readError.get(), sourceName, locator, format);
    }
    YamlPath path = e instanceof JsonMappingException mapping ? path(mapping) : YamlPath.root();
    path = locator.named(singleValue(path, locator), format);
    int line = path.isRoot() ? locator.rootLine() : locator.lineOf(path);
    if (line < 1) {
      line = lineOf(e.getLocation());
    }
    String problem;
    if (e instanceof UnrecognizedPropertyException unknown) {
      problem = unknownKey(unknown);
    } else if (path.isRoot()) {
      problem = "the file must be a mapping of the sections " + format.sections() + "; found "
          + locator.node(path).map(BindingErrors::describe).orElse("something else");
    } else if (e instanceof MismatchedInputException mismatch) {
      problem = wrongType(mismatch, path, locator, format);
    } else {
      problem = "cannot be read as part of a " + format.fileNoun();
    }
    return new PolicyException(sourceName, line, path.toString(), problem, e);
  }

  // ---- errors of the YAML stream: duplicate keys, numbers out of range

  private static Optional<StreamReadException> streamReadError(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StreamReadException readError && !(t instanceof DatabindException)) {
        return Optional.of(readError);
      }
    }
    return Optional.empty();
  }

  private static PolicyException readProblem(
      StreamReadException e, String sourceName, YamlLineLocator locator, YamlFormat format) {
    YamlPath path = YamlPath.root();
    String key = null;
    JsonParser parser = e.getProcessor();
    if (parser != null && parser.getParsingContext() != null) {
      path = locator.named(path(parser.getParsingContext()), format);
      key = parser.getParsingContext().getCurrentName();
    }
    String problem;
    if (e instanceof InputCoercionException) {
      problem = "the number is too large";
    } else if (key != null && String.valueOf(e.getOriginalMessage()).startsWith("Duplicate")) {
      // A YAML reader would otherwise keep only the last of the two values, silently.
      problem = "duplicate key '" + key + "'; a key may appear only once in a mapping";
    } else {
      problem = "the YAML cannot be read here";
    }
    return new PolicyException(sourceName, lineOf(e.getLocation()), path.toString(), problem, e);
  }

  private static YamlPath path(JsonStreamContext context) {
    Deque<Object> segments = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        segments.push(Math.max(c.getCurrentIndex(), 0));
      } else if (c.getCurrentName() != null) {
        segments.push(c.getCurrentName());
      }
    }
    YamlPath path = YamlPath.root();
    for (Object segment : segments) {
      path = segment instanceof Integer index ? path.index(index) : path.key((String) segment);
    }
    return path;
  }

  // ---- errors of binding: unknown keys, wrong types

  private static YamlPath path(JsonMappingException e) {
    YamlPath path = YamlPath.root();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path = path.key(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path = path.index(reference.getIndex());
      }
    }
    return path;
  }

  /**
   * The path as the file writes it: Jackson reports a single value bound as a one-entry list (a
   * rule's {@code key: actor.user}) at index 0 of a list the file does not have.
   */
  private static YamlPath singleValue(YamlPath path, YamlLineLocator locator) {
    List<Object> segments = path.segments();
    if (segments.isEmpty() || !Integer.valueOf(0).equals(segments.get(segments.size() - 1))) {
      return path;
    }
    YamlPath list = path.parent();
    return locator.node(list).filter(node -> !(node instanceof SequenceNode)).isPresent() ? list : path;
  }

  private static String unknownKey(UnrecognizedPropertyException e) {
    String key = e.getPropertyName();
    List<String> known = knownKeys(e.getReferringClass(), e.getKnownPropertyIds());
    StringBuilder problem = new StringBuilder("unknown key '").append(key).append('\'');
    Optional<String> suggestion = KeySuggestion.closest(key, known);
    suggestion.ifPresent(closest -> problem.append("; did you mean '").append(closest).append("'?"));
    if (!known.isEmpty()) {
      problem.append(suggestion.isPresent() ? " Known keys here: " : "; known keys here: ")
          .append(String.join(", ", known));
    }
    return problem.toString();
  }

  /** The known keys in the order the file format declares them, which is the order of the file. */
  private static List<String> knownKeys(Class<?> type, Collection<Object> knownIds) {
    Set<String> ids = knownIds == null ? Set.of()
        : knownIds.stream().map(String::valueOf).collect(Collectors.toCollection(TreeSet::new));
    List<String> ordered = new ArrayList<>();
    if (type != null && type.isRecord()) {
      PropertyNamingStrategies.NamingBase snakeCase = new PropertyNamingStrategies.SnakeCaseStrategy();
      for (RecordComponent component : type.getRecordComponents()) {
        String name = snakeCase.translate(component.getName());
        if (ids.remove(name)) {
          ordered.add(name);
        }
      }
    }
    ordered.addAll(ids);
    return ordered;
  }

  private static String wrongType(
      MismatchedInputException e, YamlPath path, YamlLineLocator locator, YamlFormat format) {
    Class<?> target = e.getTargetType();
    Optional<Node> node = locator.node(path);
    String found = node.map(BindingErrors::describe).orElse("something else");
    StringBuilder problem = new StringBuilder("expected ").append(describe(target))
        .append(", found ").append(found);
    boolean foundScalar = node.filter(n -> n instanceof ScalarNode s && !Tag.NULL.equals(s.getTag()))
        .isPresent();
    if (target == String.class && foundScalar) {
      if (path.lastKey().filter(format.durationKeys()::contains).isPresent()) {
        problem.append("; ").append(format.durationHint());
      } else {
        problem.append("; put it in quotes to make it text");
      }
    }
    return problem.toString();
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "another kind of value";
    }
    if (type == String.class) {
      return "text";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping of keys";
    }
    return "another kind of value";
  }

  private static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping of keys";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (node instanceof ScalarNode scalar) {
      Tag tag = scalar.getTag();
      if (Tag.NULL.equals(tag)) {
        return "no value";
      }
      if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
        return "the number " + scalar.getValue();
      }
      if (Tag.BOOL.equals(tag)) {
        return "the boolean " + scalar.getValue();
      }
      return "the text " + PolicyException.quote(scalar.getValue());
    }
    return "something else";
  }

  private static int lineOf(JsonLocation location) {
    return location == null ? -1 : location.getLineNr();
  }
}
