package io.logwarden.evidence;

import java.util.List;
import java.util.Map;

/** The report as Markdown: headings, tables, and each chart as a table of text bars. */
public final class MarkdownRenderer {

  static final String FOOTER = "Made by logwarden evidence from the cluster and the policy named above. It holds "
      + "counts, rule ids, topic and store names, hosts and reasons, never the content of an event.";
  private static final int BAR_CHARS = 24;

  private MarkdownRenderer() {}

  /** The report as a Markdown document. */
  public static String render(EvidenceReport report) {
    StringBuilder md = new StringBuilder(8 * 1024);
    md.append("# ").append(escape(report.title())).append("\n\n");
    md.append("| | |\n|---|---|\n");
    report.facts().forEach((name, value) -> md.append("| **").append(escape(name)).append("** | ")
        .append(escape(value)).append(" |\n"));
    md.append("\n## Summary\n\n| verdict | controls | meaning |\n|---|---:|---|\n");
    for (Map.Entry<Verdict, Integer> count : report.verdictCounts().entrySet()) {
      md.append("| ").append(escape(count.getKey().name())).append(" | ").append(count.getValue()).append(" | ")
          .append(escape(count.getKey().meaning())).append(" |\n");
    }
    md.append("\n| # | control | ISO 27001 Annex A | verdict |\n|---:|---|---|---|\n");
    List<Control> controls = report.controls();
    for (int i = 0; i < controls.size(); i++) {
      Control control = controls.get(i);
      md.append("| ").append(i + 1).append(" | ").append(escape(control.title())).append(" | ")
          .append(escape(String.join(", ", control.isoControls()))).append(" | ")
          .append(escape(control.verdict().name())).append(" |\n");
    }
    md.append("\n### Open findings\n\n");
    List<EvidenceReport.OpenFinding> findings = report.openFindings();
    if (findings.isEmpty()) {
      md.append("None.\n");
    }
    for (int i = 0; i < findings.size(); i++) {
      md.append(i + 1).append(". **").append(escape(findings.get(i).control().title())).append("**: ")
          .append(escape(findings.get(i).text())).append('\n');
    }
    for (int i = 0; i < controls.size(); i++) {
      control(i + 1, controls.get(i), md);
    }
    md.append("\n---\n\n").append(escape(FOOTER)).append('\n');
    return md.toString();
  }

  private static void control(int number, Control control, StringBuilder md) {
    md.append("\n## ").append(number).append(". ").append(escape(control.title())).append(": ")
        .append(escape(control.verdict().name())).append("\n\n")
        .append("ISO 27001 Annex A: ").append(escape(String.join(", ", control.isoControls())))
        .append(" (control id ").append(escape(control.id())).append(")\n\n")
        .append("> ").append(escape(control.policyText())).append("\n\n")
        .append(escape(control.basis())).append("\n\n");
    table(control.table(), md);
    if (control.chart() != null) {
      chart(control.chart(), md);
    }
    if (!control.findings().isEmpty()) {
      md.append("\n**Findings**\n\n");
      control.findings().forEach(text -> md.append("- ").append(escape(text)).append('\n'));
    }
  }

  private static void table(EvidenceTable table, StringBuilder md) {
    if (table.rows().isEmpty()) {
      md.append("No evidence rows.\n");
      return;
    }
    int columns = table.columns().size();
    StringBuilder rule = new StringBuilder("|");
    md.append('|');
    for (int c = 0; c < columns; c++) {
      md.append(' ').append(escape(table.columns().get(c))).append(" |");
      rule.append(TextCells.numeric(table, c) ? "---:|" : "---|");
    }
    md.append('\n').append(rule).append('\n');
    for (List<String> row : table.rows()) {
      md.append('|');
      row.forEach(cell -> md.append(' ').append(escape(cell)).append(" |"));
      md.append('\n');
    }
  }

  private static void chart(BarChart chart, StringBuilder md) {
    md.append("\n").append(escape(chart.caption())).append(":\n\n");
    if (chart.bars().isEmpty()) {
      md.append("No data for the period.\n");
      return;
    }
    md.append("| | | |\n|---|---:|---|\n");
    long max = chart.maxValue();
    for (BarChart.Bar bar : chart.bars()) {
      String drawn;
      if (bar.unlimited()) {
        drawn = "\u2591".repeat(BAR_CHARS) + " \u221e";
      } else {
        int length = max == 0 ? 0 : (int) Math.round(bar.value() * (double) BAR_CHARS / max);
        drawn = "\u2588".repeat(bar.value() > 0 ? Math.max(1, length) : 0);
      }
      md.append("| ").append(escape(bar.label())).append(" | ").append(escape(bar.display())).append(" | ")
          .append(drawn).append(" |\n");
    }
  }

  /**
   * Text for a Markdown line or table cell: line breaks become spaces, characters that Markdown
   * reads as markup are backslash-escaped, so a host or reason shows as written and cannot start
   * a link, an HTML tag or a new cell.
   */
  static String escape(String text) {
    String printable = TextCells.printable(text);
    StringBuilder out = new StringBuilder(printable.length() + 8);
    for (int i = 0; i < printable.length(); i++) {
      char c = printable.charAt(i);
      switch (c) {
        case '\r', '\n', '\t' -> out.append(' ');
        case '\\', '`', '*', '[', ']', '<', '>', '|', '~', '&' -> out.append('\\').append(c);
        // Inside a word (not_json, future_time) an underscore cannot start emphasis: left as is.
        case '_' -> out.append(intraword(printable, i) ? "_" : "\\_");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean intraword(String text, int i) {
    return i > 0 && i + 1 < text.length() && Character.isLetterOrDigit(text.charAt(i - 1))
        && Character.isLetterOrDigit(text.charAt(i + 1));
  }
}
