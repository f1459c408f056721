package io.logwarden.cli;

import io.logwarden.policy.Policy;
import io.logwarden.topology.TopologyDocs;
import io.logwarden.topology.TopologyKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code logwarden docs}: writes the generated topology documents. */
@Command(
    name = "docs",
    mixinStandardHelpOptions = true,
    header = "Writes the topology documents (describe() text and Mermaid diagrams).",
    description = "Writes one Markdown file per topology (Topology#describe() and a Mermaid diagram) into a"
        + " directory. The checked-in topology-docs/ are made with this command.",
    footer = {"", "Example:", "  ./logwarden docs --out topology-docs"})
final class DocsCommand implements Callable<Integer> {

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write into.")
  Path out;

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
    return 0;
  }
}
