package io.logwarden.policy;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions shared by the policy tests: a file is refused, at this line and path. */
final class PolicyRefusals {

  static final String SOURCE = "policy.yaml";

  private PolicyRefusals() {}

  static PolicyException refused(String yaml) {
    try {
      PolicyLoader.parse(yaml, SOURCE);
    } catch (PolicyException e) {
      return e;
    }
    throw new AssertionError("the policy was accepted, expected a refusal");
  }

  static void assertRefusedAt(PolicyException e, int line, String path) {
    assertThat(e.sourceName()).isEqualTo(SOURCE);
    assertThat(e.line()).as("line of: %s", e.getMessage()).isEqualTo(line);
    assertThat(e.path()).as("path of: %s", e.getMessage()).isEqualTo(path);
    assertThat(e.getMessage()).startsWith(SOURCE + " line " + line + ": " + path + ": " + e.problem());
  }
}
