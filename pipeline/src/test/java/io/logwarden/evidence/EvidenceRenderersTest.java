package io.logwarden.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The Markdown and HTML renderers: escaping, structure, charts, determinism. */
public class EvidenceRenderersTest {

  private static final Policy POLICY = PolicyLoader.loadDefault();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
  private static final String HOSTILE = "<script>alert('x')</script> & \"q\" | *b* [l](j:x) `c` \u001b\u0000 \ud800 _e_";

  /** A report whose texts carry markup, control characters and a lone surrogate everywhere text goes. */
  static EvidenceReport hostileReport() {
    List<Control> controls = new ArrayList<>();
    controls.add(new Control("hostile", "Title " + HOSTILE, List.of("A 8.15"), "Policy " + HOSTILE, Verdict.FINDING,
        "Basis " + HOSTILE, EvidenceTable.of("host " + HOSTILE, "events").row("web|1 " + HOSTILE, 3).build(),
        new BarChart("Caption " + HOSTILE, List.of(BarChart.Bar.of("label " + HOSTILE, 3),
            BarChart.Bar.unlimited("endless", "unlimited " + HOSTILE))),
        List.of("Finding " + HOSTILE)));
    controls.add(PolicyReviewControl.of(POLICY.info(), EvidencePeriod.parse("2026-11-28", "30d", CLOCK)));
    controls.add(new Control("empty", "No rows", List.of("A 8.16"), "p", Verdict.INFO, "b",
        EvidenceTable.of("rule", "alerts").build(), new BarChart("Alerts per rule", List.of()), List.of()));
    controls.addAll(UnevidencedControls.all());
    return EvidenceReport.of(POLICY.info(), "policy " + HOSTILE, "kafka:9092",
        EvidencePeriod.parse("2026-11-28", "30d", CLOCK), controls);
  }

  public static Document parseXml(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    DocumentBuilder builder = factory.newDocumentBuilder();
    builder.setErrorHandler(null);
    return builder.parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void htmlEscapesEveryTextAndStaysWellFormedXml() throws Exception {
    String html = HtmlRenderer.render(hostileReport());

    assertThat(html).doesNotContain("<script", "\u001b", "\u0000", "j:x)\"", "'x'");
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    Document document = parseXml(html);
    assertThat(document.getDocumentElement().getLocalName()).isEqualTo("html");
    // Nothing that runs or loads: no script, no external reference.
    assertThat(document.getElementsByTagNameNS("*", "script").getLength()).isZero();
    assertThat(document.getElementsByTagNameNS("*", "link").getLength()).isZero();
    assertThat(document.getElementsByTagNameNS("*", "img").getLength()).isZero();
    assertThat(html).doesNotContainPattern("(?i)(src|href)=\"(?!#)");
    assertThat(html).doesNotContain("http://www.w3.org/1999/xlink", "@import", "url(");
  }

  @Test
  void htmlHasOneSvgPerControlWithAChartAndNoneForTheOthers() throws Exception {
    EvidenceReport report = hostileReport();
    Document document = parseXml(HtmlRenderer.render(report));

    NodeList sections = document.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "section");
    int controlSections = 0;
    for (int i = 0; i < sections.getLength(); i++) {
      Element section = (Element) sections.item(i);
      if (!section.getAttribute("class").equals("control")) {
        continue;
      }
      Control control = report.controls().get(controlSections++);
      assertThat(section.getAttribute("id")).isEqualTo("c-" + control.id());
      int svgs = section.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength();
      assertThat(svgs).as(control.id()).isEqualTo(control.chart() == null ? 0 : 1);
    }
    assertThat(controlSections).isEqualTo(report.controls().size());
    assertThat(document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").getLength()).isEqualTo(3);
  }

  @Test
  void theUnlimitedBarIsADashedOutlineTheOthersToScale() {
    String svg = SvgBarChart.render(new BarChart("Retention", List.of(BarChart.Bar.of("a", 30),
        BarChart.Bar.of("b", 2555), BarChart.Bar.unlimited("c", "unlimited"), BarChart.Bar.of("d", 0))));
    assertThat(svg).contains("width=\"4\" height=\"14\" fill=\"#1f4e79\"", "width=\"330\" height=\"14\" fill=\"#1f4e79\"",
        "fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"", "width=\"0\" height=\"14\"");
  }

  @Test
  void markdownEscapesMarkupAndKeepsTableCellsInPlace() {
    String markdown = MarkdownRenderer.render(hostileReport());

    // Every markup character is preceded by a backslash, so it shows as written.
    assertThat(markdown).doesNotContainPattern("(?<!\\\\)(<script|</script|\\[l|\\]\\(|`c|\\*b)");
    assertThat(markdown).doesNotContain("\u001b", "\u0000", "[l](j:x)", "`c`", "*b*");
    assertThat(markdown).contains("\\<script\\>alert('x')\\</script\\> \\& \"q\" \\| \\*b\\* \\[l\\](j:x) \\`c\\`");
    assertThat(markdown).contains("\\_e\\_");
    // The hostile cell is one cell: a row has as many unescaped pipes as the header.
    String row = markdown.lines().filter(line -> line.startsWith("| web")).findFirst().orElseThrow();
    assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(3);
    assertThat(MarkdownRenderer.escape("not_json future_time")).isEqualTo("not_json future_time");
  }

  @Test
  void markdownHasTheSummaryFirstThenEveryControlWithItsVerdict() {
    EvidenceReport report = hostileReport();
    String markdown = MarkdownRenderer.render(report);

    assertThat(markdown.indexOf("## Summary")).isLessThan(markdown.indexOf("## 1. "));
    assertThat(markdown).contains("| FINDING | 1 |", "| MET | 1 |", "| NOT_EVIDENCED | 5 |", "| INFO | 1 |");
    assertThat(markdown).contains("## 2. Policy identity and review: MET", "## 4. Encryption of log data at rest: NOT_EVIDENCED");
    assertThat(markdown).contains("1. **Title \\<script\\>");
    assertThat(markdown).contains("No evidence rows.", "No data for the period.");
    // The text bars: the largest to full length, the unlimited one distinct.
    assertThat(markdown).contains("| " + "\u2588".repeat(24) + " |", "\u2591".repeat(24) + " \u221e");
  }

  @Test
  void theSameReportRendersToTheSameBytes() {
    assertThat(HtmlRenderer.render(hostileReport())).isEqualTo(HtmlRenderer.render(hostileReport()));
    assertThat(MarkdownRenderer.render(hostileReport())).isEqualTo(MarkdownRenderer.render(hostileReport()));
  }
}
