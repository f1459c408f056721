package io.logwarden.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.cli.PolicyOption;
import io.logwarden.cli.RawLineReader;
import io.logwarden.cli.RecordInspector;
import io.logwarden.cli.TryOutKey;
import io.logwarden.offline.JsonLinesWriter;
import io.logwarden.offline.OfflinePipeline;
import io.logwarden.ops.ScratchDirectory;
import io.logwarden.policy.Policy;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.topics.PipelineTopics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code logwarden process}: runs the topologies offline over a file and prints every output record. */
@Command(
    name = "process",
    mixinStandardHelpOptions = true,
    header = "Runs the topologies offline over a file or standard input and prints every output record as JSON.",
    description = "Runs the normalize and detect topologies offline (no broker) over a file, or standard input, one raw record per line as if produced to logs.raw.NAME, and prints every output record as one JSON line on standard output: {\"topic\": ..., \"key\": ..., \"value\": {...}}. Everything else goes to standard error. Exits 0 when the input was processed, even if some records went to the dead-letter topic; 2 for a usage error, 3 for a refused policy.",
    footer = {"", "Examples:", "  ./logwarden process --source auth --input auth.jsonl",
        "  ./logwarden process --source auth --input auth.log --explain | jq -c 'select(.explain) | .explain'",
        "  tail -n 100 app.log | ./logwarden process --source app | jq 'select(.topic==\"logs.dlq\")'"})
final class ProcessCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessCommand.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--source", required = true, paramLabel = "NAME",
      description = "Source name: the records are read as topic logs.raw.NAME.")
  String source;

  @Option(names = "--input", paramLabel = "FILE", description = "Input file. Default: standard input.")
  Path input;

  @Option(names = "--explain",
      description = "Before each record's outputs, print one line {\"explain\": {\"line\": N, \"format\": ..., \"entry\": ...,"
          + " \"fields\": {...}}}: the detected format, the catalogue entry or generic rule that classified it"
          + " (\"none\" when none did) and its canonical fields, redacted as the outputs are.")
  boolean explain;

  @Mixin
  PolicyOption policyOption;

  Clock clock = Clock.systemUTC();
  InputStream stdin = System.in;
  PrintStream stdout = System.out;

  @Override
  public Integer call() throws Exception {
    Policy policy = policyOption.load();
    String rawTopic = policy.topics().rawTopic(source);
    long records = 0;
    PseudonymKey key = TryOutKey.resolve(System.getenv(), System.err);
    RecordInspector inspector = explain ? new RecordInspector(policy, key, rawTopic) : null;
    try (ScratchDirectory stateDir = ScratchDirectory.create("logwarden-process-");
        OfflinePipeline pipeline = new OfflinePipeline(policy, policyOption.rules(policy), rawTopic, stateDir.path(),
            key, new SimpleMeterRegistry());
        RawLineReader reader = new RawLineReader(input == null ? stdin : Files.newInputStream(input))) {
      JsonLinesWriter writer = new JsonLinesWriter(PipelineTopics.from(policy), stdout);
      byte[] line;
      while ((line = reader.next()) != null) {
        Instant observedAt = clock.instant();
        if (inspector != null) {
          stdout.println(explanation(inspector.inspect(line, records, observedAt)));
        }
        pipeline.process(line, observedAt, writer::write);
        records++;
      }
      pipeline.finish(writer::write); // the owed alert updates and CLOSED records: nothing more will come
    }
    stdout.flush();
    LOG.info("Processed {} records from {}", records, input == null ? "standard input" : input);
    return 0;
  }

  /** The explain line of a record: only its format, entry and redacted canonical fields, never its text. */
  static String explanation(RecordInspector.Inspection inspection) {
    ObjectNode explain = JSON.createObjectNode();
    explain.put("line", inspection.line());
    explain.put("format", inspection.format());
    explain.put("entry", inspection.entry());
    if (inspection.isRejected()) {
      explain.put("rejected", inspection.rejected());
      explain.put("detail", inspection.detail());
    } else if (inspection.events().size() > 1) {
      explain.put("events", inspection.events().size());
    }
    explain.set("fields", inspection.events().isEmpty() ? JSON.createObjectNode()
        : RecordInspector.fields(inspection.events().get(0)));
    ObjectNode line = JSON.createObjectNode();
    line.set("explain", explain);
    return line.toString();
  }
}
