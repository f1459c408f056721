package io.logwarden.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.cli.TopologyDocs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The checked-in topology documents are what the code describes today. */
class TopologyDocsTest {

  private static final Path DOCS = Path.of("..", "topology-docs");

  @ParameterizedTest
  @EnumSource(TopologyKind.class)
  void checkedInDocumentMatchesTheTopology(TopologyKind kind) throws IOException {
    Path file = DOCS.resolve(kind.id() + ".md");
    String generated = TopologyDocs.render(kind, TopologyFixture.POLICY);
    assertThat(Files.exists(file)).as("%s is missing; run ./logwarden docs --out topology-docs", file).isTrue();
    assertThat(Files.readString(file, StandardCharsets.UTF_8))
        .as("%s is out of date; regenerate it with: ./logwarden docs --out topology-docs", file)
        .isEqualTo(generated);
  }

  @ParameterizedTest
  @EnumSource(TopologyKind.class)
  void diagramNamesEveryTopicOfTheTopology(TopologyKind kind) {
    String doc = TopologyDocs.render(kind, TopologyFixture.POLICY);
    if (kind == TopologyKind.NORMALIZE) {
      assertThat(doc).contains("store.betterstack", "store.sentry", "store.posthog", "store.langfuse",
          "security.events", "logs.raw.");
    } else if (kind == TopologyKind.NOTIFY) {
      assertThat(doc).contains("security.alerts", "alerts-source", "notify", "notify-dead-letter-sink", "logs.dlq")
          .doesNotContain("repartition", "changelog");
    } else {
      assertThat(doc).contains("security.events", "security.alerts", "store.sentry", "store.betterstack",
          "rule-auth.brute_force.source-signals", "rule-auth.brute_force.source-states",
          "rule-auth.brute_force.source-by-key-repartition",
          "rule-config.change_after_suspicious_auth-after-auth.brute_force.source-by-key-repartition");
    }
  }
}
