package io.logwarden.cli;

import io.logwarden.normalize.catalogue.SourcesDoc;
import io.logwarden.policy.Policy;
import io.logwarden.topology.TopologyKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code logwarden docs}: writes the generated documents: the topologies, the source catalogue and the reference tables. */
@Command(
    name = "docs",
    mixinStandardHelpOptions = true,
    header = "Writes the generated documents: topologies, docs/sources.md and the reference tables in docs/reference/.",
    description = "Writes one Markdown file per topology (Topology#describe() and a Mermaid diagram) into a"
        + " directory, the table of what the shipped source catalogue recognises, and the reference tables that"
        + " mirror code (input formats, secret kinds, shipped detection rules). The checked-in topology-docs/,"
        + " docs/sources.md and docs/reference/ are made with this command, run from the repository root.",
    footer = {"", "Example:", "  ./logwarden docs"})
final class DocsCommand implements Callable<Integer> {

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "topology-docs",
      description = "Directory to write the topology documents into. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--sources-doc", paramLabel = "FILE", defaultValue = SourcesDoc.PATH,
      description = "File to write the source catalogue's table into. Default: ${DEFAULT-VALUE}.")
  Path sourcesDoc;

  @Option(names = "--reference-dir", paramLabel = "DIR", defaultValue = ReferenceDocs.DIR,
      description = "Directory to write the reference tables into. Default: ${DEFAULT-VALUE}.")
  Path referenceDir;

  @Mixin
  PolicyOption policyOption;

  @Override
  public Integer call() throws Exception {
    Policy policy = policyOption.load();
    Files.createDirectories(out);
    for (TopologyKind kind : TopologyKind.values()) {
      Path file = out.resolve(kind.id() + ".md");
      Files.writeString(file, TopologyDocs.render(kind, policy), StandardCharsets.UTF_8);
      System.err.println("Wrote " + file);
    }
    Path parent = sourcesDoc.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(sourcesDoc, SourcesDoc.render(), StandardCharsets.UTF_8);
    System.err.println("Wrote " + sourcesDoc);
    Files.createDirectories(referenceDir);
    for (Map.Entry<String, String> doc : new TreeMap<>(ReferenceDocs.render(policyOption.rules(policy))).entrySet()) {
      Path file = referenceDir.resolve(doc.getKey());
      Files.writeString(file, doc.getValue(), StandardCharsets.UTF_8);
      System.err.println("Wrote " + file);
    }
    return 0;
  }
}
