package io.logwarden.cli;

import io.logwarden.detect.rules.RuleSet;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --policy FILE} option shared by the commands that run topologies. */
final class PolicyOption {

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Policy file (policy.yaml). Default: the shipped policy.")
  Path file;

  Policy load() {
    return file == null ? PolicyLoader.loadDefault() : PolicyLoader.load(file);
  }

  /** The detection rules: the rules.yaml beside the policy file, else the shipped rules. */
  RuleSet rules(Policy policy) {
    return RulesLoader.forPolicyFile(file, policy);
  }

  static Policy load(Path file) {
    return file == null ? PolicyLoader.loadDefault() : PolicyLoader.load(file);
  }
}
