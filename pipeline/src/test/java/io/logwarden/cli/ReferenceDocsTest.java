package io.logwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.detect.rules.DetectionRule;
import io.logwarden.detect.rules.RuleSet;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.event.FormatIds;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.redact.SecretScanner;
import io.logwarden.redact.rules.SecretRulesLoader;
import io.logwarden.redact.tokens.ProviderTokens;
import io.logwarden.redact.tokens.TokenFamily;
import io.logwarden.redact.tokens.TokenShape;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checked-in reference tables (docs/reference/) are what the code holds today. */
class ReferenceDocsTest {

  private static final RuleSet RULES = RulesLoader.loadDefault(PolicyLoader.loadDefault());
  private static final Map<String, String> DOCS = ReferenceDocs.render(RULES);

  @Test
  void checkedInTablesMatchTheCode() throws IOException {
    for (Map.Entry<String, String> doc : DOCS.entrySet()) {
      Path file = Path.of("..", ReferenceDocs.DIR, doc.getKey());
      assertThat(Files.exists(file)).as("%s is missing; run ./logwarden docs from the repository root", file).isTrue();
      assertThat(Files.readString(file, StandardCharsets.UTF_8))
          .as("%s is out of date; regenerate it with ./logwarden docs from the repository root", file)
          .isEqualTo(doc.getValue());
    }
  }

  @Test
  void everyFormatKindAndRuleHasItsRow() {
    for (String format : FormatIds.ALL) {
      assertThat(DOCS.get(ReferenceDocs.FORMATS)).contains("| `" + format + "` |");
    }
    for (String kind : SecretScanner.STRUCTURE_KINDS) {
      assertThat(DOCS.get(ReferenceDocs.SECRET_KINDS)).contains("`" + kind + "`");
    }
    for (TokenFamily family : ProviderTokens.FAMILIES) {
      for (TokenShape shape : family.shapes()) {
        if (shape.kind() != null) {
          assertThat(DOCS.get(ReferenceDocs.SECRET_KINDS)).contains("| " + family.name() + " | `" + shape.kind() + "` |")
              .contains("`" + shape.prefix() + "`");
        }
      }
    }
    for (SecretRulesLoader.ShippedRule rule : SecretRulesLoader.shippedRules()) {
      assertThat(DOCS.get(ReferenceDocs.SECRET_KINDS)).contains("| `" + rule.id() + "` | " + rule.origin() + " |");
    }
    assertThat(SecretRulesLoader.shippedRules()).extracting(SecretRulesLoader.ShippedRule::origin).contains("gitleaks", "logwarden");
    for (io.logwarden.event.Metrics.Metric metric : io.logwarden.event.Metrics.ALL) {
      assertThat(DOCS.get(ReferenceDocs.METRICS)).contains("| `" + metric.prometheus() + "` | `" + metric.name() + "` |");
    }
    for (DetectionRule rule : RULES.rules()) {
      assertThat(DOCS.get(ReferenceDocs.RULES)).contains("| `" + rule.id() + "` | " + rule.title() + " |");
    }
  }

  @Test
  void cellsKeepTheTablesIntact() {
    DOCS.forEach((name, doc) -> {
      long columns = -1;
      for (String line : doc.lines().filter(l -> l.startsWith("| ")).toList()) {
        long count = line.replace("\\|", "").chars().filter(c -> c == '|').count();
        if (line.startsWith("| id |") || line.startsWith("| kind |") || line.startsWith("| metric ")
            || line.startsWith("| provider |")) {
          columns = count;
        }
        assertThat(count).as(name + ": " + line).isEqualTo(columns);
      }
    });
  }
}
