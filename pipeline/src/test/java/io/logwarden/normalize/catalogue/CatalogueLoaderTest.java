package io.logwarden.normalize.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.normalize.RawRecord;
import io.logwarden.normalize.RecordNormalizer;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyException;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.policy.StrictYaml;
import io.logwarden.schema.LogEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Catalogue files are checked like the policy: a bad entry stops the start with its file, line and path. */
class CatalogueLoaderTest {

  private static final String ENTRY = """
      source: Test daemon
      entries:
        - id: testd.failure
          description: a failure
          reference: testd.c log_failure()
          match:
            programs: [testd]
            template: "denied {user} from {source_address:token}"
          classification: {category: AUTHENTICATION, action: sign_in, outcome: FAILURE}
      """;

  private static PolicyException refused(String yaml) {
    try {
      CatalogueLoader.parseFile(yaml, "test.yaml", new LinkedHashSet<>());
    } catch (PolicyException e) {
      return e;
    }
    throw new AssertionError("accepted: " + yaml);
  }

  @Test
  void aValidFileCompiles() {
    assertThat(CatalogueLoader.parseFile(ENTRY, "test.yaml", new LinkedHashSet<>()))
        .extracting(CatalogueEntry::id).containsExactly("testd.failure");
  }

  @Test
  void anUnknownKeyIsRefusedAtItsLine() {
    PolicyException e = refused(ENTRY.replace("    reference: testd.c", "    referense: x\n    reference: testd.c"));
    assertThat(e.line()).isEqualTo(5);
    assertThat(e.getMessage()).contains("referense");
  }

  @Test
  void aRegexThatRe2RejectsIsRefused() {
    PolicyException e = refused(ENTRY.replace("template: \"denied {user} from {source_address:token}\"",
        "regex: '(?P<user>a)(?=b)'"));
    assertThat(e.line()).isEqualTo(8);
    assertThat(e.path()).endsWith("match.regex");
    assertThat(e.problem()).contains("not a valid RE2 expression");
  }

  @Test
  void aMappingToAnUnknownFieldIsRefused() {
    PolicyException e = refused(ENTRY.replace("    classification:", "    fields: {usr: user}\n    classification:"));
    assertThat(e.path()).endsWith("fields.usr");
    assertThat(e.problem()).contains("not a canonical field").contains("did you mean 'user'");
  }

  @Test
  void aMappingFromNoCaptureIsRefused() {
    PolicyException e = refused(ENTRY.replace("    classification:", "    fields: {ssh.method: method}\n    classification:"));
    assertThat(e.problem()).contains("'method' is no capture");
  }

  @Test
  void aTextEntryWithoutPrefilterIsRefused() {
    PolicyException e = refused(ENTRY.replace("      programs: [testd]\n", "")
        .replace("template: \"denied {user}", "template: \"{}denied {user}"));
    assertThat(e.problem()).contains("must not be tried against every entry");
  }

  @Test
  void aConfigChangeNeedsItsKindAndIdsAreUnique() {
    assertThat(refused(ENTRY.replace("action: sign_in, outcome: FAILURE", "action: config_change")).problem())
        .contains("needs change_kind");
    assertThat(refused(ENTRY + ENTRY.substring(ENTRY.indexOf("  - id:"))).problem()).contains("already the id");
  }

  @Test
  void anUnknownConditionIsRefusedWithASuggestion() {
    String fields = ENTRY.replace("""
              programs: [testd]
              template: "denied {user} from {source_address:token}"
        """, """
              fields: {evt: {prefx: [a]}}
        """);
    assertThat(refused(fields).problem()).contains("'prefx' is not a condition").contains("did you mean 'prefix'");
  }

  @Test
  void userEntriesComeFirstReplaceShippedOnesAndCanBeTurnedOff(@TempDir Path dir) throws Exception {
    String policyText = StrictYaml.resource(PolicyLoader.DEFAULT_RESOURCE, "policy") + """
        catalogue:
          - id: billing.sign_in
            description: billing sign-ins
            reference: billing AuthController
            match: {fields: {evt: [login]}}
            fields: {user: usr.login, outcome: result}
            classification: {category: AUTHENTICATION, action: sign_in}
          - id: generic-test.off
            enabled: false
        catalogue_file: more.yaml
        """;
    Files.writeString(dir.resolve("more.yaml"), ENTRY);
    Path policyFile = dir.resolve("policy.yaml");
    Files.writeString(policyFile, policyText);
    Policy policy = PolicyLoader.load(policyFile);
    SourceCatalogue catalogue = CatalogueLoader.forPolicy(policy);
    assertThat(catalogue.entries().get(0).id()).isEqualTo("billing.sign_in");
    assertThat(catalogue.entry("testd.failure").origin()).isEqualTo(CatalogueEntry.Origin.USER);

    RecordNormalizer normalizer = new RecordNormalizer(policy);
    LogEvent event = normalizer.normalize(new RawRecord("logs.raw.billing", 0, 0, 0L,
        "{\"evt\":\"login\",\"usr\":{\"login\":\"zoe\"},\"result\":\"failed\",\"time\":\"2026-03-02T04:11:09Z\"}"
            .getBytes(StandardCharsets.UTF_8)), null).events().get(0);
    assertThat(event.getAction()).isEqualTo("sign_in");
    assertThat(event.getOutcome().name()).isEqualTo("FAILURE");
    assertThat(event.getActor().getUser()).isEqualTo("zoe");
    assertThat(event.getAttributes()).containsEntry(CatalogueEntry.ENTRY_ATTRIBUTE, "billing.sign_in");
  }

  @Test
  void aBadUserEntryInThePolicyIsRefusedAtItsPolicyLine(@TempDir Path dir) throws Exception {
    String base = StrictYaml.resource(PolicyLoader.DEFAULT_RESOURCE, "policy");
    int lines = (int) base.lines().count();
    Path policyFile = dir.resolve("policy.yaml");
    Files.writeString(policyFile, base + """
        catalogue:
          - id: billing.sign_in
            match: {fields: {evt: [login]}}
            classification: {category: AUTHENTICATIONS, action: sign_in}
        """);
    Policy policy = PolicyLoader.load(policyFile);
    assertThatThrownBy(() -> CatalogueLoader.forPolicy(policy))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("policy.yaml line " + (lines + 4))
        .hasMessageContaining("catalogue[billing.sign_in].classification.category")
        .hasMessageContaining("AUTHENTICATIONS");
  }
}
