package io.logwarden.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.policy.PolicyLoader;
import io.logwarden.policy.StrictYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy's secret rules file at start: a bad rule stops the command like a bad policy; a good one redacts. */
class SecretRulesStartTest extends ProcessCommandRun {

  private static Path policy(Path dir, String rules) throws IOException {
    Files.writeString(dir.resolve("secret-rules.toml"), rules);
    String shipped = StrictYaml.resource(PolicyLoader.DEFAULT_RESOURCE, "policy");
    return Files.writeString(dir.resolve("policy.yaml"),
        shipped.replace("redaction:\n", "redaction:\n  secret_rules_file: secret-rules.toml\n"));
  }

  @Test
  void aBadUserRuleStopsTheStartWithItsFileAndLine(@TempDir Path dir) throws IOException {
    Path policy = policy(dir, """
        [[rules]]
        id = "acme-deploy-key"
        regex = '''acmedk_(?=[a-z])'''
        keywords = ["acmedk_"]
        """);
    assertThat(run("", "--source", "app", "--policy", policy.toString())).isEqualTo(3);
    assertThat(stderr.toString()).contains("secret-rules.toml line 3: rules[0].regex: is not a valid RE2 expression");
  }

  @Test
  void aUserRuleRedactsTheProcessedRecords(@TempDir Path dir) throws IOException {
    Path policy = policy(dir, """
        [[rules]]
        id = "acme-deploy-key"
        regex = '''\\b(acmedk_[A-Za-z0-9]{24})\\b'''
        keywords = ["acmedk_"]
        """);
    String key = "acme" + "dk_" + "Qw3rTy7uIoP1aSdF4gHjK8lZ";
    assertThat(run("deploy finished with " + key + "\n", "--source", "app", "--policy", policy.toString())).isZero();
    String out = stdout.toString(StandardCharsets.UTF_8);
    assertThat(out).doesNotContain(key).contains("[REDACTED:acme-deploy-key]");
  }
}
