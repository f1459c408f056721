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
 * Reads a policy file, refusing with a {@link PolicyException} that names the line and key of the
 * first problem anything that is malformed, misspelt, or does not make sense as a policy.
 *
 * <p>Three passes over the text: SnakeYAML composes it (syntax, and source lines for later
 * messages), Jackson binds it strictly into {@link PolicyFile} (unknown keys, duplicate keys, wrong
 * types), and {@link PolicyValidator} checks its meaning and builds the {@link Policy}.
 */
public final class PolicyLoader {

  /** Classpath location of the shipped default policy. */
  public static final String DEFAULT_RESOURCE = "/policy/policy.yaml";

  private static final String DEFAULT_SOURCE_NAME = "policy.yaml (shipped default)";

  private static final ObjectMapper MAPPER = strictMapper();

  private PolicyLoader() {}

  /** Loads the shipped default policy, which encodes botBrains' Logging and Monitoring Policy. */
  public static Policy loadDefault() {
    try (InputStream in = PolicyLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the shipped default policy " + DEFAULT_RESOURCE
            + " is missing from the classpath; the build is broken");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_SOURCE_NAME);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the shipped default policy " + DEFAULT_RESOURCE, e);
    }
  }

  /**
   * Loads a policy file, UTF-8 encoded; messages name it by its file name.
   *
   * @throws PolicyException if the file cannot be read or is not a valid policy
   */
  public static Policy load(Path file) {
    Objects.requireNonNull(file, "file");
    String sourceName = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
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
    return parse(yaml, sourceName);
  }

  /**
   * Parses a policy from its text.
   *
   * @param sourceName the name used in messages, usually the file name
   * @throws PolicyException if the text is not a valid policy
   */
  public static Policy parse(String yaml, String sourceName) {
    Objects.requireNonNull(yaml, "yaml");
    Objects.requireNonNull(sourceName, "sourceName");
    YamlLineLocator locator = YamlLineLocator.compose(yaml, sourceName);
    if (locator.isEmpty()) {
      throw new PolicyException(sourceName, -1, "", "the file holds no policy; it is empty or only comments");
    }
    PolicyFile.Document document;
    try {
      document = MAPPER.readValue(yaml, PolicyFile.Document.class);
    } catch (JsonProcessingException e) {
      throw BindingErrors.translate(e, sourceName, locator);
    }
    return new PolicyValidator(sourceName, locator).validate(document);
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
