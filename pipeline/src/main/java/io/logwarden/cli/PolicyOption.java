package io.logwarden.cli;

import io.logwarden.detect.rules.RuleSet;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.normalize.catalogue.CatalogueLoader;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.redact.rules.SecretRulesLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --policy FILE} option shared by the commands that run topologies. */
public final class PolicyOption {

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Policy file (policy.yaml). Default: the shipped policy.")
  Path file;

  public Policy load() {
    return load(file);
  }

  /** The detection rules: the rules.yaml beside the policy file, else the shipped rules. */
  public RuleSet rules(Policy policy) {
    return RulesLoader.forPolicyFile(file, policy);
  }

  /**
   * Loads the policy and checks the source catalogue it runs with (its own entries, its {@code
   * catalogue_file}, its {@code json_mappings}) and its secret rules ({@code redaction.secret_rules_file}),
   * so that a bad entry or rule stops the start like a bad policy.
   */
  public static Policy load(Path file) {
    Policy policy = file == null ? PolicyLoader.loadDefault() : PolicyLoader.load(file);
    CatalogueLoader.forPolicy(policy);
    SecretRulesLoader.forSettings(policy.redaction());
    return policy;
  }
}
