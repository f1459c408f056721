package io.logwarden.normalize.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The checked-in docs/sources.md is what the shipped catalogue holds today. */
class SourcesDocTest {

  private static final Path DOC = Path.of("..", SourcesDoc.PATH);

  @Test
  void checkedInDocumentMatchesTheShippedCatalogue() throws IOException {
    assertThat(Files.exists(DOC)).as("%s is missing; run ./logwarden docs from the repository root", DOC).isTrue();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as("%s is out of date; regenerate it with ./logwarden docs from the repository root", DOC)
        .isEqualTo(SourcesDoc.render());
  }

  @Test
  void hasOneRowPerShippedEntryAndEveryGenericRule() {
    String doc = SourcesDoc.render();
    SourceCatalogue shipped = CatalogueLoader.shipped();
    assertThat(shipped.entries()).isNotEmpty();
    for (CatalogueEntry entry : shipped.entries()) {
      assertThat(doc).as(entry.id()).contains("| `" + entry.id() + "` |");
    }
    for (String rule : GenericRules.RULES) {
      assertThat(doc).contains("| `" + rule + "` |");
    }
    long rows = doc.lines()
        .filter(line -> line.startsWith("| ") && !line.startsWith("| source |") && !line.startsWith("| rule |"))
        .count();
    // One row per entry and generic rule, and one for the built-in CloudTrail parser.
    assertThat(rows).isEqualTo(shipped.entries().size() + GenericRules.RULES.size() + 1);
  }

  @Test
  void cellsKeepTheTableIntact() {
    for (String line : SourcesDoc.render().lines().filter(l -> l.startsWith("| ")).toList()) {
      // A pipe inside a cell is escaped, so every row has its own columns only.
      long columns = line.replace("\\|", "").chars().filter(c -> c == '|').count();
      assertThat(columns).as(line).isIn(3L, 4L, 6L);
    }
  }

  @Test
  void saysWhatAnEntryClassifiesAs() {
    CatalogueEntry lockout = CatalogueLoader.shipped().entry("okta.account_lockout");
    if (lockout != null) {
      assertThat(SourcesDoc.recognised(lockout)).contains("action account_lockout, outcome FAILURE, category AUTHENTICATION");
      assertThat(SourcesDoc.formats(lockout)).isEqualTo("fields: JSON");
    }
  }
}
