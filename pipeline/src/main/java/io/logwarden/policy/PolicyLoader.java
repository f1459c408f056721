package io.logwarden.policy;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a policy file, refusing with a {@link PolicyException} that names the line and key of the
 * first problem anything that is malformed, misspelt, or does not make sense as a policy.
 *
 * <p>Three passes over the text: SnakeYAML composes it (syntax, and source lines for later
 * messages), Jackson binds it strictly into {@link PolicyFile} (unknown keys, duplicate keys, wrong
 * types), and {@link PolicyValidator} checks its meaning and builds the {@link Policy}. The first two
 * are {@link StrictYaml}'s, shared with the detection rules loader.
 */
public final class PolicyLoader {

  /** Classpath location of the shipped default policy. */
  public static final String DEFAULT_RESOURCE = "/policy/policy.yaml";

  private static final String DEFAULT_SOURCE_NAME = "policy.yaml (shipped default)";

  private PolicyLoader() {}

  /** Loads the shipped default policy, which encodes botBrains' Logging and Monitoring Policy. */
  public static Policy loadDefault() {
    return parse(StrictYaml.resource(DEFAULT_RESOURCE, "policy"), DEFAULT_SOURCE_NAME);
  }

  /**
   * Loads a policy file, UTF-8 encoded; messages name it by its file name.
   *
   * @throws PolicyException if the file cannot be read or is not a valid policy
   */
  public static Policy load(Path file) {
    Objects.requireNonNull(file, "file");
    String sourceName = StrictYaml.sourceName(file);
    Path directory = file.toAbsolutePath().getParent();
    return parse(StrictYaml.read(file, sourceName), sourceName, directory);
  }

  /**
   * Parses a policy from its text.
   *
   * @param sourceName the name used in messages, usually the file name
   * @throws PolicyException if the text is not a valid policy
   */
  public static Policy parse(String yaml, String sourceName) {
    return parse(yaml, sourceName, null);
  }

  /**
   * Parses a policy whose {@code catalogue_file} and {@code secret_rules_file} are relative to
   * {@code directory} (the working directory when null).
   */
  private static Policy parse(String yaml, String sourceName, Path directory) {
    StrictYaml.Bound<PolicyFile.Document> bound =
        StrictYaml.bind(yaml, sourceName, PolicyFile.Document.class, YamlFormat.POLICY);
    Policy policy = new PolicyValidator(sourceName, bound.locator()).validate(bound.document());
    Path rulesFile = policy.redaction().secretRulesFile();
    if (rulesFile != null && directory != null && !rulesFile.isAbsolute()) {
      policy = policy.withRedaction(policy.redaction().withSecretRulesFile(directory.resolve(rulesFile)));
    }
    UserCatalogue located = policy.userCatalogue();
    if (located.isEmpty()) {
      return policy.withUserCatalogue(UserCatalogue.NONE);
    }
    Path file = located.file();
    if (file != null && directory != null && !file.isAbsolute()) {
      file = directory.resolve(file);
    }
    return policy.withUserCatalogue(new UserCatalogue(sourceName, yaml, located.inline(), file));
  }
}
