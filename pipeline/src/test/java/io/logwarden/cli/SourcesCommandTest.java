package io.logwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.normalize.catalogue.CatalogueLoader;
import io.logwarden.normalize.catalogue.GenericRules;
import io.logwarden.policy.PolicyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code sources list} and {@code sources check}. */
class SourcesCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    CommandLine cli = LogwardenCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    SourcesCheckCommand check = cli.getSubcommands().get("sources").getSubcommands().get("check").getCommand();
    check.clock = Clock.fixed(Instant.parse("2026-11-27T08:20:00Z"), ZoneOffset.UTC);
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  private static String okta(int second, String user, String result) {
    return "{\"eventType\":\"user.session.start\",\"published\":\"2026-11-27T08:14:" + String.format("%02d", second)
        + ".000Z\",\"uuid\":\"5b1c2d3e-" + second + "\",\"displayMessage\":\"User login to Okta\","
        + "\"actor\":{\"alternateId\":\"" + user + "\",\"type\":\"User\"},\"client\":{\"ipAddress\":\"198.51.100.7\"},"
        + "\"outcome\":{\"result\":\"" + result + "\"}}";
  }

  private static String genericSignIn(int second, String user) {
    return "{\"@timestamp\":\"2026-11-27T08:15:" + String.format("%02d", second) + "Z\","
        + "\"message\":\"Sign-in failed\",\"event\":{\"action\":\"user_login\",\"outcome\":\"failure\"},"
        + "\"user\":{\"name\":\"" + user + "\"},\"source\":{\"ip\":\"203.0.113.45\"}}";
  }

  /** 12 records: 3 Okta sign-ins, 2 generic sign-ins, 4 + 2 records of two unknown shapes, one broken. */
  private static Path sample(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add(okta(1, "alice@example.com", "FAILURE"));
    lines.add("<30>Nov 27 08:16:01 gate acmesync[311]: synced 42 items from 10.1.2.3 in 17 ms token=s3cr3tvalue");
    lines.add(okta(2, "alice@example.com", "FAILURE"));
    lines.add("worker 17 finished job 9f8e7d6c5b4a3f2e in 35 ms");
    lines.add(genericSignIn(3, "carol"));
    lines.add("<30>Nov 27 08:16:02 gate acmesync[312]: synced 7 items from 10.1.2.4 in 3 ms token=0th3rs3cr3t");
    lines.add("{\"broken\": ");
    lines.add(okta(4, "dave@example.com", "SUCCESS"));
    lines.add("<30>Nov 27 08:16:03 gate acmesync[313]: synced 9 items from 10.1.2.5 in 1 ms token=m0res3cr3t");
    lines.add("worker 3 finished job 0a1b2c3d4e5f6a7b in 2 ms");
    lines.add(genericSignIn(5, "erin"));
    lines.add("<30>Nov 27 08:16:04 gate acmesync[314]: synced 1 items from 10.1.2.6 in 8 ms token=l4sts3cr3t");
    return Files.write(dir.resolve("sample.log"), lines);
  }

  @Test
  void aBadCatalogueEntryStopsTheStartWithItsLine(@TempDir Path dir) throws IOException {
    String policy = io.logwarden.policy.StrictYaml.resource(io.logwarden.policy.PolicyLoader.DEFAULT_RESOURCE, "policy");
    int lines = (int) policy.lines().count();
    Path file = Files.writeString(dir.resolve("policy.yaml"), policy + """
        catalogue:
          - id: billing.sign_in
            match: {programs: [billingd], regex: '(?P<user>a)(?=b)'}
        """);
    for (String[] args : List.of(new String[] {"sources", "list", "--policy", file.toString()},
        new String[] {"sources", "check", "--source", "billing", "--policy", file.toString(), "--input", file.toString()})) {
      Run run = run(args);
      assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(3);
      assertThat(run.err()).contains("policy.yaml line " + (lines + 3))
          .contains("catalogue[billing.sign_in].match.regex").contains("not a valid RE2 expression");
    }
  }

  @Test
  void listPrintsEveryEntryAndTheGenericRules() {
    Run run = run("sources", "list");
    assertThat(run.exitCode()).isZero();
    int entries = CatalogueLoader.forPolicy(PolicyLoader.loadDefault()).entries().size();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith("ID").contains("SOURCE", "KIND", "PROGRAMS", "RECOGNISES");
    assertThat(lines.subList(1, entries + 1)).allMatch(line -> !line.isBlank());
    assertThat(run.out()).contains("okta.sign_in", "Okta System Log", "fields");
    for (String rule : GenericRules.RULES) {
      assertThat(run.out()).contains(rule);
    }
  }

  @Test
  void listAsJson() throws IOException {
    Run run = run("sources", "list", "--format", "json");
    assertThat(run.exitCode()).isZero();
    JsonNode root = JSON.readTree(run.out());
    assertThat(root.get("entries").size())
        .isEqualTo(CatalogueLoader.forPolicy(PolicyLoader.loadDefault()).entries().size());
    JsonNode first = root.get("entries").get(0);
    assertThat(first.has("id") && first.has("source") && first.has("kind") && first.has("description")).isTrue();
    assertThat(root.get("generic_rules").size()).isEqualTo(GenericRules.RULES.size());
  }

  @Test
  void checkCountsEntriesShareRejectionsAndShapes(@TempDir Path dir) throws IOException {
    Run run = run("sources", "check", "--input", sample(dir).toString(), "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JSON.readTree(run.out());
    assertThat(report.get("records").asLong()).isEqualTo(12);
    assertThat(report.get("events").asLong()).isEqualTo(11);
    assertThat(report.get("rejected").asLong()).isEqualTo(1);
    assertThat(report.get("security_events").asLong()).isEqualTo(5);
    assertThat(report.get("security_share").asDouble()).isEqualTo(0.4167);
    assertThat(count(report, "okta.sign_in")).isEqualTo(3);
    assertThat(count(report, GenericRules.JSON_SIGN_IN)).isEqualTo(2);
    assertThat(count(report, "none")).isEqualTo(6);
    assertThat(report.at("/rejections/0/reason").asText()).isEqualTo("not_json");
    assertThat(report.at("/rejections/0/example_line").asLong()).isEqualTo(7);

    JsonNode shapes = report.at("/shapes/top");
    assertThat(report.at("/shapes/distinct").asInt()).isEqualTo(2);
    assertThat(shapes.get(0).get("count").asLong()).isEqualTo(4);
    assertThat(shapes.get(0).get("example_line").asLong()).isEqualTo(2);
    assertThat(shapes.get(0).get("shape").asText())
        .isEqualTo("[syslog-rfc3164] acmesync: synced <num> items from <pii> in <num> ms token=<val>");
    assertThat(shapes.get(1).get("count").asLong()).isEqualTo(2);
    assertThat(shapes.get(1).get("example_line").asLong()).isEqualTo(4);
    assertThat(shapes.get(1).get("shape").asText()).isEqualTo("[plain] worker <num> finished job <hex> in <num> ms");
    assertThat(run.out()).doesNotContain("10.1.2.3", "s3cr3t", "alice", "example.com", "carol", "203.0.113.45");
  }

  @Test
  void checkAsATable(@TempDir Path dir) throws IOException {
    Run run = run("sources", "check", "--input", sample(dir).toString(), "--source", "auth");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("as logs.raw.auth")
        .contains("12 records: 11 events, 1 rejected")
        .contains("Understood as security events: 5 of 12 (41.7%)")
        .containsPattern("okta\\.sign_in +3 +3")
        .containsPattern("none +6 +0")
        .containsPattern("not_json +1 +7")
        .containsPattern("4 +2 +\\[syslog-rfc3164\\] acmesync: synced <num> items");
    assertThat(run.out()).doesNotContain("10.1.2.3", "s3cr3t", "alice", "example.com");
  }

  @Test
  void entryRestrictsTheReportToWhatTheEntryClaimed(@TempDir Path dir) throws IOException {
    Run run = run("sources", "check", "--input", sample(dir).toString(), "--entry", "okta.sign_in",
        "--format", "json");
    assertThat(run.exitCode()).as(run.err()).isZero();
    JsonNode report = JSON.readTree(run.out());
    assertThat(report.get("entry").asText()).isEqualTo("okta.sign_in");
    assertThat(report.get("in_scope").asLong()).isEqualTo(3);
    assertThat(report.get("security_share").asDouble()).isEqualTo(1.0);
    assertThat(report.get("entries").size()).isEqualTo(1);
    assertThat(count(report, "okta.sign_in")).isEqualTo(3);
    assertThat(report.get("rejections").size()).isZero();
    assertThat(report.at("/shapes/of").asText()).isEqualTo("claimed by okta.sign_in");
    assertThat(report.at("/shapes/top").size()).isEqualTo(1);
    assertThat(report.at("/shapes/top/0/count").asLong()).isEqualTo(3);
    assertThat(report.at("/shapes/top/0/shape").asText())
        .contains("eventType: \"user.session.start\"").contains("actor").contains("outcome")
        .doesNotContain("alice");
  }

  @Test
  void aUserEntryOfThePolicyIsListedAndClaimsItsRecords(@TempDir Path dir) throws IOException {
    Path policy = Files.writeString(dir.resolve("policy.yaml"),
        io.logwarden.policy.StrictYaml.resource(PolicyLoader.DEFAULT_RESOURCE, "policy") + """
        catalogue:
          - id: acmesync.sync
            description: an acmesync run
            reference: acmesync sync.c
            match:
              programs: [acmesync]
              template: "synced {count:int} items from {source_address:token}"
            classification: {category: SYSTEM, action: job}
        """);
    Run list = run("sources", "list", "--policy", policy.toString());
    assertThat(list.exitCode()).as(list.err()).isZero();
    assertThat(list.out().lines().skip(1).findFirst().orElseThrow()).startsWith("acmesync.sync [yours]")
        .contains("text").contains("acmesync").contains("an acmesync run (action job, category SYSTEM)");

    Run check = run("sources", "check", "--input", sample(dir).toString(), "--policy", policy.toString(),
        "--format", "json");
    assertThat(check.exitCode()).as(check.err()).isZero();
    JsonNode report = JSON.readTree(check.out());
    assertThat(count(report, "acmesync.sync")).isEqualTo(4);
    assertThat(count(report, "none")).isEqualTo(2);
    assertThat(report.at("/shapes/distinct").asInt()).isEqualTo(1);
  }

  @Test
  void anUnknownEntryIsAUsageError(@TempDir Path dir) throws IOException {
    Run run = run("sources", "check", "--input", sample(dir).toString(), "--entry", "no.such_entry");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--entry no.such_entry");
  }

  private static long count(JsonNode report, String entry) {
    for (JsonNode node : report.get("entries")) {
      if (node.get("entry").asText().equals(entry)) {
        return node.get("events").asLong();
      }
    }
    return 0;
  }
}
