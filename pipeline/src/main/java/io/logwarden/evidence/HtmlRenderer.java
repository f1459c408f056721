package io.logwarden.evidence;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained page: inline CSS and SVG charts, no script and no external
 * resource, every text escaped. The markup is also well-formed XML (XHTML), so tools can parse it.
 */
public final class HtmlRenderer {

  private static final String CSS = """
      body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; margin: 2em auto; max-width: 60em; padding: 0 1em; line-height: 1.45; }
      h1 { font-size: 1.6em; margin-bottom: 0.3em; }
      h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #bbb; padding-bottom: 0.2em; }
      h3 { font-size: 1em; }
      table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; }
      th, td { border: 1px solid #bbb; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
      th { background: #f0f0f0; }
      td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
      table.facts th { width: 11em; }
      blockquote { margin: 0.6em 0; padding: 0.3em 0.9em; border-left: 4px solid #999; color: #333; font-style: italic; }
      .iso { color: #444; margin: 0.3em 0; }
      .verdict { display: inline-block; font-size: 0.8em; font-weight: bold; padding: 0.1em 0.5em; border: 1px solid; border-radius: 3px; margin-left: 0.5em; vertical-align: middle; }
      .v-met { color: #1b5e20; background: #e8f5e9; }
      .v-finding { color: #8a1c1c; background: #fdecea; }
      .v-not_evidenced { color: #555; background: #eee; }
      .v-info { color: #0d3c61; background: #e3f2fd; }
      figure { margin: 0.8em 0; }
      figcaption { font-size: 0.85em; color: #444; }
      .findings li { margin: 0.2em 0; }
      .empty { color: #555; }
      footer { margin-top: 3em; font-size: 0.85em; color: #555; }
      @media print {
        body { margin: 0; max-width: none; font-size: 10pt; }
        section { break-inside: avoid-page; }
        figure, tr { break-inside: avoid; }
        .verdict, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        a { color: inherit; text-decoration: none; }
      }
      """;

  private HtmlRenderer() {}

  /** The report as an HTML page. */
  public static String render(EvidenceReport report) {
    StringBuilder html = new StringBuilder(16 * 1024);
    html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
        .append("<meta charset=\"utf-8\"/>\n<title>").append(escape(report.title())).append("</title>\n")
        .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
    html.append("<h1>").append(escape(report.title())).append("</h1>\n<table class=\"facts\"><tbody>\n");
    report.facts().forEach((name, value) -> html.append("<tr><th scope=\"row\">").append(escape(name))
        .append("</th><td>").append(escape(value)).append("</td></tr>\n"));
    html.append("</tbody></table>\n");
    summary(report, html);
    List<Control> controls = report.controls();
    for (int i = 0; i < controls.size(); i++) {
      control(i + 1, controls.get(i), html);
    }
    html.append("<footer><p>").append(escape(MarkdownRenderer.FOOTER)).append("</p></footer>\n</body>\n</html>\n");
    return html.toString();
  }

  private static void summary(EvidenceReport report, StringBuilder html) {
    html.append("<section id=\"summary\">\n<h2>Summary</h2>\n<table class=\"verdicts\"><thead><tr><th>verdict</th>"
        + "<th class=\"num\">controls</th><th>meaning</th></tr></thead><tbody>\n");
    for (Map.Entry<Verdict, Integer> count : report.verdictCounts().entrySet()) {
      html.append("<tr><td>").append(badge(count.getKey())).append("</td><td class=\"num\">").append(count.getValue())
          .append("</td><td>").append(escape(count.getKey().meaning())).append("</td></tr>\n");
    }
    html.append("</tbody></table>\n<table class=\"index\"><thead><tr><th class=\"num\">#</th><th>control</th>"
        + "<th>ISO 27001 Annex A</th><th>verdict</th></tr></thead><tbody>\n");
    List<Control> controls = report.controls();
    for (int i = 0; i < controls.size(); i++) {
      Control control = controls.get(i);
      html.append("<tr><td class=\"num\">").append(i + 1).append("</td><td><a href=\"#").append(anchor(control))
          .append("\">").append(escape(control.title())).append("</a></td><td>")
          .append(escape(String.join(", ", control.isoControls()))).append("</td><td>").append(badge(control.verdict()))
          .append("</td></tr>\n");
    }
    html.append("</tbody></table>\n<h3>Open findings</h3>\n");
    List<EvidenceReport.OpenFinding> findings = report.openFindings();
    if (findings.isEmpty()) {
      html.append("<p class=\"empty\">None.</p>\n");
    } else {
      html.append("<ol class=\"findings\">\n");
      for (EvidenceReport.OpenFinding finding : findings) {
        html.append("<li><a href=\"#").append(anchor(finding.control())).append("\">")
            .append(escape(finding.control().title())).append("</a>: ").append(escape(finding.text())).append("</li>\n");
      }
      html.append("</ol>\n");
    }
    html.append("</section>\n");
  }

  private static void control(int number, Control control, StringBuilder html) {
    html.append("<section class=\"control\" id=\"").append(anchor(control)).append("\">\n<h2>").append(number)
        .append(". ").append(escape(control.title())).append(' ').append(badge(control.verdict())).append("</h2>\n")
        .append("<p class=\"iso\">ISO 27001 Annex A: ").append(escape(String.join(", ", control.isoControls())))
        .append(" &#183; control id ").append(escape(control.id())).append("</p>\n")
        .append("<blockquote class=\"policy\"><p>").append(escape(control.policyText())).append("</p></blockquote>\n")
        .append("<p class=\"basis\">").append(escape(control.basis())).append("</p>\n");
    table(control.table(), html);
    if (control.chart() != null) {
      html.append("<figure class=\"chart\">\n").append(SvgBarChart.render(control.chart()))
          .append("<figcaption>").append(escape(control.chart().caption())).append("</figcaption>\n</figure>\n");
    }
    if (!control.findings().isEmpty()) {
      html.append("<h3>Findings</h3>\n<ul class=\"findings\">\n");
      control.findings().forEach(text -> html.append("<li>").append(escape(text)).append("</li>\n"));
      html.append("</ul>\n");
    }
    html.append("</section>\n");
  }

  private static void table(EvidenceTable table, StringBuilder html) {
    if (table.rows().isEmpty()) {
      html.append("<p class=\"empty\">No evidence rows.</p>\n");
      return;
    }
    int columns = table.columns().size();
    boolean[] numeric = new boolean[columns];
    html.append("<table class=\"evidence\"><thead><tr>");
    for (int c = 0; c < columns; c++) {
      numeric[c] = TextCells.numeric(table, c);
      html.append(numeric[c] ? "<th class=\"num\">" : "<th>").append(escape(table.columns().get(c))).append("</th>");
    }
    html.append("</tr></thead><tbody>\n");
    for (List<String> row : table.rows()) {
      html.append("<tr>");
      for (int c = 0; c < columns; c++) {
        html.append(numeric[c] ? "<td class=\"num\">" : "<td>").append(escape(row.get(c))).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</tbody></table>\n");
  }

  private static String badge(Verdict verdict) {
    return "<span class=\"verdict v-" + verdict.name().toLowerCase(Locale.ROOT) + "\">" + verdict.name() + "</span>";
  }

  private static String anchor(Control control) {
    return "c-" + escape(control.id());
  }

  /** Text for HTML and XML content and attribute values: the five markup characters as references. */
  static String escape(String text) {
    String printable = TextCells.printable(text);
    StringBuilder out = new StringBuilder(printable.length() + 16);
    for (int i = 0; i < printable.length(); i++) {
      char c = printable.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
