package io.logwarden.detect.rules;

import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyException;
import io.logwarden.policy.StrictYaml;
import io.logwarden.policy.YamlFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a detection rules file ({@code rules.yaml}, described in {@code docs/detection-rules.md}),
 * refusing with a {@link PolicyException} that names the line, the rule by its id and the field of
 * the first problem, e.g. {@code rules.yaml line 23: rules[auth.brute_force.user].threshold: must be
 * a whole number of at least 1}; the command line turns it into exit code 3 like a refused policy.
 *
 * <p>The same three passes as the policy loader: SnakeYAML composes the text (syntax and lines),
 * Jackson binds it strictly into {@link RulesFile} (unknown keys with a suggestion, duplicate keys,
 * wrong types), both by {@link StrictYaml}; then {@link RulesValidator} checks its meaning against
 * the policy (a rule may read a store's topic only if the policy has that store) and builds the
 * {@link RuleSet}.
 */
public final class RulesLoader {

  /** Classpath location of the shipped default rules. */
  public static final String DEFAULT_RESOURCE = "/policy/rules.yaml";

  /** The name of a rules file next to the policy file that replaces the shipped default. */
  public static final String FILE_NAME = "rules.yaml";

  private static final String DEFAULT_SOURCE_NAME = "rules.yaml (shipped default)";

  static final YamlFormat FORMAT = new YamlFormat(
      "rules file",
      "rules",
      "defaults and rules",
      Set.of("window", "suppression", "grace", "update_interval"),
      "a duration is a whole number followed by a unit (ms, s, m, h, d), e.g. 120s",
      Map.of("rules", "id"));

  private RulesLoader() {}

  /** Loads the shipped default rules. */
  public static RuleSet loadDefault(Policy policy) {
    return parse(StrictYaml.resource(DEFAULT_RESOURCE, "rules"), DEFAULT_SOURCE_NAME, policy);
  }

  /**
   * Loads a rules file, UTF-8 encoded; messages name it by its file name.
   *
   * @throws PolicyException if the file cannot be read or does not hold valid rules for the policy
   */
  public static RuleSet load(Path file, Policy policy) {
    Objects.requireNonNull(file, "file");
    String sourceName = StrictYaml.sourceName(file);
    return parse(StrictYaml.read(file, sourceName), sourceName, policy);
  }

  /**
   * The rules that go with a policy file: the {@value #FILE_NAME} in its directory when there is
   * one, else the shipped default (also when the policy itself is the shipped default, null).
   *
   * @throws PolicyException if that file cannot be read or does not hold valid rules for the policy
   */
  public static RuleSet forPolicyFile(Path policyFileOrNull, Policy policy) {
    if (policyFileOrNull != null) {
      Path directory = policyFileOrNull.toAbsolutePath().getParent();
      Path rules = directory == null ? Path.of(FILE_NAME) : directory.resolve(FILE_NAME);
      if (Files.exists(rules)) {
        return load(rules, policy);
      }
    }
    return loadDefault(policy);
  }

  /**
   * Parses rules from their text.
   *
   * @param sourceName the name used in messages, usually the file name
   * @param policy the policy the rules run under: its stores are the inputs a rule may read
   * @throws PolicyException if the text does not hold valid rules for the policy
   */
  public static RuleSet parse(String yaml, String sourceName, Policy policy) {
    Objects.requireNonNull(policy, "policy");
    StrictYaml.Bound<RulesFile.Document> bound = StrictYaml.bind(yaml, sourceName, RulesFile.Document.class, FORMAT);
    return new RulesValidator(sourceName, bound.locator(), policy).validate(bound.document());
  }
}
