package io.logwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.demo.EmbeddedKafkaBroker;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.redact.Pseudonymizer;
import io.logwarden.tools.LogwardenTools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
        CommandLine cli = LogwardenTools.commandLine();
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

      // Every bundled line reached its raw topic.
      for (String source : List.of("app", "auth", "syslog", "edge", "k8s", "otel", "cloudtrail", "sentry", "product", "ai")) {
        assertThat(count(lines, "logs.raw." + source)).as(source).isEqualTo(sampleLines(source));
      }
      // One truncated JSON line in app.jsonl is the only record that cannot become an event.
      assertThat(count(lines, "logs.dlq")).isEqualTo(1);
      assertThat(output).contains("not_json             1");
      // Analytics and AI traces reach their own stores; errors reach Sentry; sign-ins reach detection.
      assertThat(count(lines, "store.posthog")).isPositive();
      assertThat(count(lines, "store.langfuse")).isPositive();
      assertThat(count(lines, "store.sentry")).isPositive();
      assertThat(count(lines, "security.events")).isPositive();
      // auth.jsonl holds 12 failed sign-ins from 203.0.113.45 within one minute; the address is shown as
      // its pseudonym under the demonstration key, never in clear.
      String attacker = new Pseudonymizer(PseudonymKey.demo()).pseudonym("203.0.113.45");
      assertThat(output).containsPattern("auth\\.brute_force\\.source +HIGH +" + attacker + " +12 ");
      // Then 5 failures for deploy, its successful sign-in, and a firewall change by deploy.
      String deploy = new Pseudonymizer(PseudonymKey.demo()).pseudonym("deploy");
      assertThat(output).containsPattern("auth\\.success_after_failures +CRITICAL +" + deploy + " +6 ");
      assertThat(output).containsPattern("config\\.change_after_suspicious_auth +CRITICAL +" + deploy + " +1 ");
      assertThat(output).contains("12 failed sign-ins from " + attacker + " within 120 s");
      assertThat(output).doesNotContain("203.0.113.45");
      assertThat(output).contains("Redactions by rule", "aws-access-key-id", "email");
      assertThat(output).contains("syslog-rfc3164", "otlp-json-logs", "cloudtrail", "posthog", "langfuse", "klog", "clf");
    }
  }

  @Test
  void alertsAgainstTheDemoWhileItFollowsPrintsTheDemosAlerts() throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    Thread demo = new Thread(() -> LogwardenTools.commandLine().execute("demo", "--follow"), "demo-follow");
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      demo.start();
      long deadline = System.currentTimeMillis() + 180_000;
      while (!captured.toString(StandardCharsets.UTF_8).contains("Following:") && System.currentTimeMillis() < deadline) {
        Thread.sleep(200);
      }
    } finally {
      System.setOut(originalOut);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    try {
      Matcher hint = Pattern.compile("\\./logwarden alerts --bootstrap-server (127\\.0\\.0\\.1:\\d+)").matcher(output);
      assertThat(hint.find()).as(output).isTrue();
      java.io.StringWriter alerts = new java.io.StringWriter();
      CommandLine cli = LogwardenTools.commandLine();
      cli.setOut(new java.io.PrintWriter(alerts, true));
      assertThat(cli.execute("alerts", "--bootstrap-server", hint.group(1))).isZero();
      String attacker = new Pseudonymizer(PseudonymKey.demo()).pseudonym("203.0.113.45");
      assertThat(alerts.toString()).startsWith("RULE")
          .containsPattern("auth\\.brute_force\\.source +HIGH +" + attacker + " +12 ")
          .contains("config.change_after_suspicious_auth", "auth.success_after_failures")
          .doesNotContain("203.0.113.45");
    } finally {
      demo.interrupt();
      demo.join(60_000);
    }
  }

  private static int sampleLines(String source) throws IOException {
    for (String extension : List.of(".jsonl", ".log")) {
      try (InputStream in = DemoIT.class.getResourceAsStream("/demo/" + source + extension)) {
        if (in != null) {
          return (int) new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isEmpty()).count();
        }
      }
    }
    throw new AssertionError("no demo sample for " + source);
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
