package io.logwarden.policy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The first two passes of reading a policy or rules file, shared by {@link PolicyLoader} and the
 * detection rules loader: SnakeYAML composes the text (syntax, and source lines for later messages),
 * then Jackson binds it strictly into the file's records (unknown keys, duplicate keys, wrong types).
 * Every problem is a {@link PolicyException} that names the file, the line and the path.
 */
public final class StrictYaml {

  private static final ObjectMapper MAPPER = strictMapper();

  private StrictYaml() {}

  /**
   * A bound document and the composed text it came from, for the validator's messages.
   *
   * @param document the file as written, bound to its records
   * @param locator finds the line of a path in the text
   */
  public record Bound<T>(T document, YamlLineLocator locator) {}

  /** The name messages give a file: its file name. */
  public static String sourceName(Path file) {
    return file.getFileName() == null ? file.toString() : file.getFileName().toString();
  }

  /**
   * Reads a file as UTF-8 text.
   *
   * @throws PolicyException naming the file by {@code sourceName} if it cannot be read
   */
  public static String read(Path file, String sourceName) {
    Objects.requireNonNull(file, "file");
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new PolicyException(sourceName, -1, "", "cannot read " + file + ": no such file", e);
    } catch (AccessDeniedException e) {
      throw new PolicyException(sourceName, -1, "", "cannot read " + file + ": permission denied", e);
    } catch (CharacterCodingException e) {
      throw new PolicyException(sourceName, -1, "", "cannot read " + file + ": it is not UTF-8 text", e);
    } catch (IOException e) {
      String reason = Files.isDirectory(file) ? "it is a directory" : "the read failed";
      throw new PolicyException(sourceName, -1, "", "cannot read " + file + ": " + reason, e);
    }
  }

  /**
   * Reads a shipped default from the classpath.
   *
   * @param what what it is, for the error, e.g. {@code policy}
   * @throws IllegalStateException if the build left it out
   */
  public static String resource(String name, String what) {
    try (InputStream in = StrictYaml.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the shipped default " + what + " " + name
            + " is missing from the classpath; the build is broken");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped default " + what + " " + name, e);
    }
  }

  /**
   * Composes the text and binds it to {@code type}.
   *
   * @param sourceName the name used in messages, usually the file name
   * @throws PolicyException if the text is not well-formed YAML, is empty, or does not fit the records
   */
  public static <T> Bound<T> bind(String yaml, String sourceName, Class<T> type, YamlFormat format) {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(sourceName, "sourceName");
    YamlLineLocator locator = YamlLineLocator.compose(yaml, sourceName, format);
    if (locator.isEmpty()) {
      throw new PolicyException(sourceName, -1, "",
          "the file holds no " + format.contentNoun() + "; it is empty or only comments");
    }
    try {
      return new Bound<>(MAPPER.readValue(yaml, type), locator);
    } catch (JsonProcessingException e) {
      throw BindingErrors.translate(e, sourceName, locator, format);
    }
  }

  private static ObjectMapper strictMapper() {
    YAMLMapper mapper = YAMLMapper.builder()
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .build();
    // Jackson would otherwise turn `version: 1.10` into the text "1.1" and `retention: 30` into "30";
    // a value of the wrong kind is refused instead, so the message can say what was meant.
    mapper.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return mapper;
  }
}
