package io.logwarden.demo;

import io.logwarden.schema.Alert;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Prints what the demo sent where, and the alerts, as plain text tables. */
public final class DemoReport {

  private final PrintWriter out;

  public DemoReport(PrintWriter out) {
    this.out = out;
  }

  /** One row per topic with its record count. */
  public void printCounts(Map<String, Integer> countsByTopic) {
    int width = countsByTopic.keySet().stream().mapToInt(String::length).max().orElse(5);
    out.println();
    out.printf("%-" + width + "s  %7s%n", "topic", "records");
    out.println("-".repeat(width) + "  " + "-".repeat(7));
    countsByTopic.forEach((topic, count) -> out.printf("%-" + width + "s  %7d%n", topic, count));
  }

  /** Raw records per detected input format. */
  public void printFormats(Map<String, Integer> countsByFormat) {
    out.println();
    out.println("Raw records by detected format:");
    countsByFormat.forEach((format, count) -> out.printf("  %-20s %d%n", format, count));
  }

  /** Replacements of secrets and personal data per rule. */
  public void printRedactions(Map<String, Integer> countsByRule) {
    out.println();
    out.println("Redactions by rule (secrets replaced, personal data pseudonymized):");
    countsByRule.forEach((rule, count) -> out.printf("  %-20s %d%n", rule, count));
  }

  /** Dead letters per reason. */
  public void printDeadLetterReasons(Map<String, Integer> countsByReason) {
    if (countsByReason.isEmpty()) {
      return;
    }
    out.println();
    out.println("Dead letters by reason:");
    countsByReason.forEach((reason, count) -> out.printf("  %-20s %d%n", reason, count));
  }

  /** The latest state of each alert. */
  public void printAlerts(Collection<Alert> alerts) {
    out.println();
    if (alerts.isEmpty()) {
      out.println("No alerts.");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"rule", "severity", "key", "count", "first seen", "last seen", "status", "alert id"});
    for (Alert alert : alerts) {
      rows.add(new String[] {alert.getRuleId(), alert.getSeverity().name(), alert.getKey(),
          Long.toString(alert.getCount()), alert.getFirstSeen().toString(), alert.getLastSeen().toString(),
          alert.getStatus().name(), alert.getAlertId()});
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        line.append(String.format("%-" + widths[i] + "s", rows.get(r)[i])).append(i + 1 < widths.length ? "  " : "");
      }
      out.println(line.toString().stripTrailing());
      if (r == 0) {
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
          rule.append("-".repeat(widths[i])).append(i + 1 < widths.length ? "  " : "");
        }
        out.println(rule);
      }
    }
    for (Alert alert : alerts) {
      out.println("  " + alert.getSummary());
    }
  }
}
