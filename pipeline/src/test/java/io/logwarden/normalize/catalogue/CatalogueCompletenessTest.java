package io.logwarden.normalize.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalogue and its fixtures cover each other: every shipped file is listed, every entry has a
 * fixture, every fixture names an entry that exists, and every source has at least three fixtures.
 */
class CatalogueCompletenessTest {

  private final SourceCatalogue shipped = CatalogueLoader.shipped();
  private final List<CatalogueFixtures.Fixture> fixtures = CatalogueFixtures.all();
  private final String family = System.getProperty("catalogue.family");

  private List<CatalogueEntry> entries() {
    return shipped.entries().stream()
        .filter(e -> family == null || family.isBlank() || e.file().equals("catalogue/" + family + ".yaml"))
        .toList();
  }

  @Test
  void everyShippedFileIsListedAndEveryListedFileExists() throws IOException, URISyntaxException {
    Path directory = Path.of(CatalogueLoader.class.getResource(CatalogueLoader.SHIPPED_INDEX).toURI()).getParent();
    Set<String> present;
    try (Stream<Path> files = Files.list(directory)) {
      present = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(new TreeSet<>(CatalogueLoader.shippedFiles())).isEqualTo(present);
  }

  @Test
  void everyEntryHasAFixture() {
    Set<String> named = fixtures.stream().map(CatalogueFixtures.Fixture::entry).collect(Collectors.toSet());
    assertThat(entries()).as("entries without a fixture")
        .filteredOn(e -> !named.contains(e.id()))
        .extracting(CatalogueEntry::id)
        .isEmpty();
  }

  @Test
  void everyFixtureNamesAnEntryThatExists() {
    assertThat(fixtures).as("fixtures naming no entry")
        .filteredOn(f -> !f.entry().equals("none") && !GenericRules.RULES.contains(f.entry())
            && shipped.entry(f.entry()) == null)
        .extracting(CatalogueFixtures.Fixture::name)
        .isEmpty();
  }

  @Test
  void everySourceHasThreeFixtures() {
    Map<String, Integer> perSource = new HashMap<>();
    for (CatalogueFixtures.Fixture fixture : fixtures) {
      CatalogueEntry entry = shipped.entry(fixture.entry());
      if (entry != null) {
        perSource.merge(entry.source(), 1, Integer::sum);
      }
    }
    assertThat(entries()).as("sources with fewer than three fixtures")
        .filteredOn(e -> perSource.getOrDefault(e.source(), 0) < 3)
        .extracting(CatalogueEntry::source)
        .isEmpty();
  }
}
