package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.cli.LogwardenCommand;
import io.logwarden.demo.EmbeddedKafkaBroker;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The demo as a user runs it, while another demo's broker is already running in the same JVM. */
class DemoIT {

  @Test
  void demoPrintsTheBrokerAddressFirstThenCountsAndTheBruteForceAlert() throws Exception {
    try (EmbeddedKafkaBroker other = EmbeddedKafkaBroker.start()) {
      ByteArrayOutputStream captured = new ByteArrayOutputStream();
      PrintStream originalOut = System.out;
      int exit;
      try {
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        CommandLine cli = LogwardenCommand.commandLine();
        exit = cli.execute("demo");
      } finally {
        System.setOut(originalOut);
      }
      String output = captured.toString(StandardCharsets.UTF_8);
      List<String> lines = output.lines().toList();

      assertThat(exit).as(output).isZero();
      Matcher address = Pattern.compile("Kafka bootstrap address: (127\\.0\\.0\\.1:\\d+)").matcher(lines.get(0));
      assertThat(address.matches()).as(lines.get(0)).isTrue();
      assertThat(address.group(1)).isNotEqualTo(other.bootstrapServers());

      // 12 + 16 + 4 raw lines; 2 malformed app lines and the 4 syslog lines go to the DLQ (JSON-only normalizer).
      assertThat(count(lines, "logs.raw.app")).isEqualTo(12);
      assertThat(count(lines, "logs.raw.auth")).isEqualTo(16);
      assertThat(count(lines, "logs.raw.syslog")).isEqualTo(4);
      assertThat(count(lines, "store.betterstack")).isEqualTo(26);
      assertThat(count(lines, "store.sentry")).isEqualTo(1);
      assertThat(count(lines, "security.events")).isEqualTo(16);
      assertThat(count(lines, "logs.dlq")).isEqualTo(6);
      assertThat(output).contains("auth.brute_force.source  HIGH      203.0.113.45  12");
      assertThat(output).contains("12 failed sign-ins from 203.0.113.45 within 120 s");
    }
  }

  private static int count(List<String> lines, String topic) {
    for (String line : lines) {
      String[] cells = line.trim().split("\\s+");
      if (cells.length == 2 && cells[0].equals(topic)) {
        return Integer.parseInt(cells[1]);
      }
    }
    throw new AssertionError("no count for " + topic);
  }
}
