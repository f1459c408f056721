package io.logwarden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.cli.RawLineReader;
import io.logwarden.normalize.catalogue.CatalogueLoader;
import io.logwarden.normalize.catalogue.SourceCatalogue;
import io.logwarden.normalize.catalogue.SourcesDoc;
import io.logwarden.policy.Policy;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.schema.LogEvent;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code logwarden sources check}: reads a sample of a source's logs as the normalize topology would
 * (normalizer and redactor, no Kafka) and reports which entries and generic rules claimed its records,
 * how much of it is understood as security events, and the most frequent shapes nothing claimed.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    header = "Reports what the catalogue understands in a sample of a source's logs.",
    description = "Reads a file one raw record per line, as if produced to logs.raw.NAME, normalizes and redacts each"
        + " record as the pipeline does (no broker), and reports: the records per catalogue entry and generic rule"
        + " ('none' when nothing claimed them), the share understood as security events (an action of the policy's"
        + " security_routing), the records rejected to the dead-letter topic with their reasons, and the most"
        + " frequent shapes of the records nothing claimed: redacted, with numbers, addresses, ids, quoted strings"
        + " and key=value values masked. Those shapes are what a catalogue entry of your own would have to match"
        + " (docs/catalogue.md). A record of several events counts each event. Nothing unredacted is printed.",
    footer = {"", "Examples:", "  ./logwarden sources check --input auth.log --source auth",
        "  ./logwarden sources check --input okta.jsonl --entry okta.sign_in --format json"})
final class SourcesCheckCommand implements Callable<Integer> {

  /** Shapes shown. */
  static final int TOP_SHAPES = 10;

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "The sample: one record per line.")
  Path input;

  @Option(names = "--source", paramLabel = "RAW_NAME", defaultValue = "check",
      description = "Source name: the records are read as topic logs.raw.RAW_NAME, with that source's settings in the"
          + " policy (format, zone). Default: ${DEFAULT-VALUE}.")
  String source;

  @Option(names = "--entry", paramLabel = "ID",
      description = "Only the records this entry or generic rule claimed (or 'none': those nothing claimed); the"
          + " shapes are then those it claimed: what the entry catches.")
  String entry;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json (one document). Default: ${DEFAULT-VALUE}.")
  SourcesListCommand.OutputFormat format;

  @Mixin
  PolicyOption policyOption;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws Exception {
    Policy policy = policyOption.load();
    SourceCatalogue catalogue = CatalogueLoader.forPolicy(policy);
    if (entry != null && !entry.equals(RecordInspector.NONE) && catalogue.entry(entry) == null
        && !SourcesDoc.GENERIC_RULES.containsKey(entry)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--entry " + entry
          + ": no such entry in the catalogue the policy runs with (see ./logwarden sources list)");
    }
    if (!Files.isReadable(input)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--input " + input + ": cannot read the file");
    }
    String rawTopic = policy.topics().rawTopic(source);
    PseudonymKey key = TryOutKey.resolve(System.getenv(), System.err);
    RecordInspector inspector = new RecordInspector(policy, key, rawTopic);
    Report report = new Report(policy.securityRouting().actions(), entry);
    try (RawLineReader reader = new RawLineReader(Files.newInputStream(input))) {
      byte[] line;
      long offset = 0;
      while ((line = reader.next()) != null) {
        report.add(inspector.inspect(line, offset, clock.instant()), line, inspector);
        offset++;
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    String policyName = policyOption.file == null ? "the shipped policy" : policyOption.file.toString();
    if (format == SourcesListCommand.OutputFormat.json) {
      out.println(JSON.writeValueAsString(report.json(input.toString(), rawTopic, policyName)));
    } else {
      out.print(report.table(input.toString(), rawTopic, policyName));
    }
    out.flush();
    return 0;
  }

  /** Counts as the records are read. */
  static final class Report {

    private final Set<String> securityActions;
    private final String only;
    long records;
    long events;
    long inScope;
    long security;
    long rejected;
    private final Map<String, long[]> byEntry = new HashMap<>();
    private final Map<String, long[]> byReason = new LinkedHashMap<>();
    private final Map<String, long[]> shapes = new HashMap<>();

    Report(Set<String> securityActions, String only) {
      this.securityActions = securityActions;
      this.only = only;
    }

    void add(RecordInspector.Inspection inspection, byte[] raw, RecordInspector inspector) {
      records++;
      if (inspection.isRejected()) {
        rejected++;
        if (only == null) {
          inScope++;
          byReason.computeIfAbsent(inspection.rejected(), r -> new long[] {0, inspection.line()})[0]++;
        }
        return;
      }
      String text = null;
      for (LogEvent event : inspection.events()) {
        events++;
        String claimed = RecordInspector.entryOf(event);
        if (only != null && !only.equals(claimed)) {
          continue;
        }
        inScope++;
        boolean isSecurity = event.getAction() != null && securityActions.contains(event.getAction());
        long[] counts = byEntry.computeIfAbsent(claimed, e -> new long[2]);
        counts[0]++;
        if (isSecurity) {
          counts[1]++;
          security++;
        }
        if (only != null || claimed.equals(RecordInspector.NONE)) {
          if (text == null) {
            text = new String(raw, StandardCharsets.UTF_8);
          }
          String shape = RecordShapes.of(text, inspection.format(), event, inspector::redactText);
          shapes.computeIfAbsent(shape, s -> new long[] {0, inspection.line()})[0]++;
        }
      }
    }

    double share() {
      return inScope == 0 ? 0 : (double) security / inScope;
    }

    List<Map.Entry<String, long[]>> entries() {
      List<Map.Entry<String, long[]>> sorted = new ArrayList<>(byEntry.entrySet());
      sorted.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
          .thenComparing(e -> e.getKey().equals(RecordInspector.NONE) ? 1 : 0)
          .thenComparing(Map.Entry::getKey));
      return sorted;
    }

    List<Map.Entry<String, long[]>> topShapes() {
      List<Map.Entry<String, long[]>> sorted = new ArrayList<>(shapes.entrySet());
      sorted.sort(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
          .thenComparingLong(e -> e.getValue()[1]));
      return sorted.subList(0, Math.min(TOP_SHAPES, sorted.size()));
    }

    String shapesTitle() {
      return only == null ? "unrecognised" : "claimed by " + only;
    }

    ObjectNode json(String inputName, String rawTopic, String policyName) {
      ObjectNode root = JSON.createObjectNode();
      root.put("input", inputName);
      root.put("topic", rawTopic);
      root.put("policy", policyName);
      if (only != null) {
        root.put("entry", only);
      }
      root.put("records", records);
      root.put("events", events);
      root.put("rejected", rejected);
      root.put("in_scope", inScope);
      root.put("security_events", security);
      root.put("security_share", Math.round(share() * 10000) / 10000.0);
      ArrayNode actions = root.putArray("security_actions");
      new TreeSet<>(securityActions).forEach(actions::add);
      ArrayNode entries = root.putArray("entries");
      for (Map.Entry<String, long[]> e : entries()) {
        entries.addObject().put("entry", e.getKey()).put("events", e.getValue()[0]).put("security_events", e.getValue()[1]);
      }
      ArrayNode reasons = root.putArray("rejections");
      byReason.forEach((reason, c) -> reasons.addObject().put("reason", reason).put("records", c[0])
          .put("example_line", c[1]));
      ObjectNode shapesNode = root.putObject("shapes");
      shapesNode.put("of", shapesTitle());
      shapesNode.put("distinct", shapes.size());
      ArrayNode top = shapesNode.putArray("top");
      for (Map.Entry<String, long[]> shape : topShapes()) {
        top.addObject().put("shape", shape.getKey()).put("count", shape.getValue()[0])
            .put("example_line", shape.getValue()[1]);
      }
      return root;
    }

    String table(String inputName, String rawTopic, String policyName) {
      StringBuilder out = new StringBuilder();
      out.append("Checked ").append(inputName).append(" as ").append(rawTopic).append(" with the catalogue of ")
          .append(policyName).append(only == null ? "" : ", only records claimed by " + only).append(".\n");
      out.append(records).append(" records: ").append(events).append(" events, ").append(rejected)
          .append(" rejected to the dead-letter topic.\n");
      out.append(String.format(Locale.ROOT, "Understood as security events: %d of %d%s (%.1f%%); actions %s.%n",
          security, inScope, only == null ? "" : " claimed", share() * 100, String.join(", ", new TreeSet<>(securityActions))));
      out.append('\n');
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"ENTRY", "EVENTS", "SECURITY"});
      for (Map.Entry<String, long[]> e : entries()) {
        rows.add(new String[] {e.getKey(), Long.toString(e.getValue()[0]), Long.toString(e.getValue()[1])});
      }
      if (rows.size() == 1) {
        rows.add(new String[] {"(none)", "0", "0"});
      }
      out.append(TextTable.render(rows));
      if (!byReason.isEmpty()) {
        out.append('\n');
        List<String[]> reasons = new ArrayList<>();
        reasons.add(new String[] {"REJECTED", "RECORDS", "EXAMPLE LINE"});
        byReason.forEach((reason, c) -> reasons.add(new String[] {reason, Long.toString(c[0]), Long.toString(c[1])}));
        out.append(TextTable.render(reasons));
      }
      out.append('\n');
      List<Map.Entry<String, long[]>> top = topShapes();
      out.append(only == null ? "Most frequent shapes of the records nothing claimed"
          : "Most frequent shapes of the records " + only + " claimed").append(" (").append(top.size()).append(" of ")
          .append(shapes.size()).append(" distinct):\n");
      if (top.isEmpty()) {
        out.append("  (none)\n");
      } else {
        List<String[]> rows2 = new ArrayList<>();
        rows2.add(new String[] {"COUNT", "LINE", "SHAPE"});
        for (Map.Entry<String, long[]> shape : top) {
          rows2.add(new String[] {Long.toString(shape.getValue()[0]), Long.toString(shape.getValue()[1]), shape.getKey()});
        }
        out.append(TextTable.render(rows2));
      }
      if (only == null && !shapes.isEmpty()) {
        out.append("\nTo recognise a shape, add a catalogue entry to your policy (docs/catalogue.md) and check again"
            + " with --policy.\n");
      }
      return out.toString();
    }
  }
}
