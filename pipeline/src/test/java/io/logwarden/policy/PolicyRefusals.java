package io.logwarden.policy;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions shared by the policy and rules tests: a file is refused, at this line and path. */
public final class PolicyRefusals {

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
    assertRefusedAt(e, SOURCE, line, path);
  }

  /** The refusal names the file, the line and the path, and its message says so in that order. */
  public static void assertRefusedAt(PolicyException e, String source, int line, String path) {
    assertThat(e.sourceName()).isEqualTo(source);
    assertThat(e.line()).as("line of: %s", e.getMessage()).isEqualTo(line);
    assertThat(e.path()).as("path of: %s", e.getMessage()).isEqualTo(path);
    assertThat(e.getMessage()).isEqualTo(source + " line " + line + ": " + path + ": " + e.problem());
  }
}
