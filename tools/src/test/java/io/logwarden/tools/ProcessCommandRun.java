package io.logwarden.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs {@code logwarden process} in the test's JVM on given standard input, capturing its output lines. */
abstract class ProcessCommandRun {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant NOW = Instant.parse("2026-11-27T08:20:00Z");

  final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  final StringWriter stderr = new StringWriter();

  int run(String stdin, String... args) {
    CommandLine cli = LogwardenTools.commandLine();
    cli.setErr(new PrintWriter(stderr, true));
    ProcessCommand process = cli.getSubcommands().get("process").getCommand();
    process.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    process.stdout = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    process.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    String[] full = new String[args.length + 1];
    full[0] = "process";
    System.arraycopy(args, 0, full, 1, args.length);
    return cli.execute(full);
  }

  /** Every line written to standard output, as JSON. */
  List<JsonNode> outputLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }
}
