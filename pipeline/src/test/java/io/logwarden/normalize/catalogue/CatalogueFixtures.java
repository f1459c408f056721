package io.logwarden.normalize.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The fixture files of {@code src/test/resources/catalogue-fixtures/} (format in its README): records written
 * from vendors' documented shapes and emitters' format strings with invented values, each naming the
 * entry that must claim it and the canonical fields it must yield. {@code -Dcatalogue.family=NAME}
 * keeps one family's file.
 */
final class CatalogueFixtures {

  /** The observed time every fixture record gets: a year-less syslog date falls in 2026. */
  static final Instant OBSERVED = Instant.parse("2026-12-07T12:00:00Z");

  private static final ObjectMapper YAML = YAMLMapper.builder().build();
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /** One fixture. */
  record Fixture(String family, int index, String entry, String source, String input, int events, JsonNode expect) {
    String name() {
      return family + " #" + index + " " + entry;
    }
  }

  private CatalogueFixtures() {}

  static Path directory() {
    try {
      return Path.of(CatalogueFixtures.class.getResource("/catalogue-fixtures/README.md").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The family (file name without .yaml) of every fixture file, or only the one -Dcatalogue.family names. */
  static List<String> families() {
    String only = System.getProperty("catalogue.family");
    try (Stream<Path> files = Files.list(directory())) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - 5))
          .filter(f -> only == null || only.isBlank() || f.equals(only))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Fixture> of(String family) {
    JsonNode root;
    try {
      root = YAML.readTree(directory().resolve(family + ".yaml").toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read fixtures " + family, e);
    }
    JsonNode list = root.get("fixtures");
    if (list == null || !list.isArray()) {
      throw new IllegalStateException(family + ".yaml has no fixtures: list");
    }
    List<Fixture> fixtures = new ArrayList<>();
    int index = 0;
    for (JsonNode node : list) {
      index++;
      String input;
      if (node.hasNonNull("input")) {
        input = node.get("input").asText();
      } else if (node.hasNonNull("json")) {
        try {
          input = JSON.writeValueAsString(node.get("json"));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      } else {
        throw new IllegalStateException(family + " fixture #" + index + " has neither input nor json");
      }
      fixtures.add(new Fixture(family, index, text(node, "entry", null), text(node, "source", "fixture"), input,
          node.hasNonNull("events") ? node.get("events").asInt() : 1, node.get("expect")));
    }
    return fixtures;
  }

  static List<Fixture> all() {
    List<Fixture> all = new ArrayList<>();
    for (String family : families()) {
      all.addAll(of(family));
    }
    return all;
  }

  private static String text(JsonNode node, String key, String fallback) {
    return node.hasNonNull(key) ? node.get(key).asText() : fallback;
  }
}
