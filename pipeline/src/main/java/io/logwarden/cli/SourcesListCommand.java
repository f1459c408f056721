package io.logwarden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.catalogue.CatalogueEntry;
import io.logwarden.normalize.catalogue.CatalogueLoader;
import io.logwarden.normalize.catalogue.Classification;
import io.logwarden.normalize.catalogue.SourceCatalogue;
import io.logwarden.normalize.catalogue.SourcesDoc;
import io.logwarden.policy.Policy;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code logwarden sources list}: the catalogue a policy runs with, one line per entry, then the generic rules. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    header = "Lists the source catalogue the policy runs with.",
    description = "Prints one line per catalogue entry, in the order they are tried (your policy's entries first):"
        + " id, source, kind (text or fields), the programs of a text entry and what it recognises; then the"
        + " generic rules for records no entry claims. docs/sources.md is the same for the shipped catalogue.",
    footer = {"", "Examples:", "  ./logwarden sources list", "  ./logwarden sources list --policy my-policy.yaml --format json"})
final class SourcesListCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json. Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Mixin
  PolicyOption policyOption;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Policy policy = policyOption.load();
    SourceCatalogue catalogue = CatalogueLoader.forPolicy(policy);
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.json) {
      out.println(JSON.writeValueAsString(json(catalogue)));
    } else {
      out.print(table(catalogue));
    }
    out.flush();
    return 0;
  }

  static ObjectNode json(SourceCatalogue catalogue) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode entries = root.putArray("entries");
    for (CatalogueEntry entry : catalogue.entries()) {
      ObjectNode node = entries.addObject();
      node.put("id", entry.id());
      node.put("source", entry.source());
      node.put("kind", kind(entry));
      node.put("origin", entry.origin().name().toLowerCase(java.util.Locale.ROOT));
      node.put("file", entry.file());
      if (entry.kind() == CatalogueEntry.Kind.TEXT) {
        ArrayNode programs = node.putArray("programs");
        SourcesDoc.programs(entry).forEach(programs::add);
      }
      node.put("description", entry.description());
      Classification c = entry.classification();
      if (c != null) {
        ObjectNode classification = node.putObject("classification");
        putIfSet(classification, "category", c.category() == null ? null : c.category().name());
        putIfSet(classification, "action", c.action());
        putIfSet(classification, "outcome", c.outcome() == null ? null : c.outcome().name());
        putIfSet(classification, "change_kind", c.changeKind());
      }
      node.put("match", entry.matchSummary());
      node.put("reference", entry.reference());
    }
    ArrayNode rules = root.putArray("generic_rules");
    for (Map.Entry<String, String> rule : SourcesDoc.GENERIC_RULES.entrySet()) {
      rules.addObject().put("id", rule.getKey()).put("description", rule.getValue());
    }
    return root;
  }

  private static void putIfSet(ObjectNode node, String name, String value) {
    if (value != null) {
      node.put(name, value);
    }
  }

  static String table(SourceCatalogue catalogue) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"ID", "SOURCE", "KIND", "PROGRAMS", "RECOGNISES"});
    for (CatalogueEntry entry : catalogue.entries()) {
      String programs = entry.kind() == CatalogueEntry.Kind.FIELDS ? "-"
          : entry.programs().isEmpty() ? "any" : String.join(",", SourcesDoc.programs(entry));
      String origin = entry.origin() == CatalogueEntry.Origin.USER ? " [yours]" : "";
      rows.add(new String[] {entry.id() + origin, entry.source(), kind(entry), programs, SourcesDoc.recognised(entry)});
    }
    StringBuilder out = new StringBuilder(TextTable.render(rows));
    out.append('\n').append(catalogue.entries().size()).append(" entries. Records no entry claims go through the"
        + " generic rules:\n");
    for (Map.Entry<String, String> rule : SourcesDoc.GENERIC_RULES.entrySet()) {
      out.append("  ").append(rule.getKey()).append("  ").append(rule.getValue().replace("`", "")).append('\n');
    }
    return out.toString();
  }

  private static String kind(CatalogueEntry entry) {
    return entry.kind() == CatalogueEntry.Kind.TEXT ? "text" : "fields";
  }

  /** How a sources command prints. */
  enum OutputFormat {
    table, json
  }
}
