package io.logwarden.benchmarks.pipeline;

import io.logwarden.benchmarks.pipeline.PipelineComparisonBenchmark.Latency;
import io.logwarden.benchmarks.pipeline.PipelineComparisonBenchmark.Measurement;
import io.logwarden.benchmarks.pipeline.PipelineComparisonBenchmark.SystemUnderTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison as a self-contained SVG: drain throughput per system (bars, with the ratio to the
 * identity topology), and end-to-end latency p50 and p99 per system at half its throughput, with the
 * alert latency p99 of normalize + detect. Plain SVG 1.1, no script, readable on GitHub.
 */
final class ComparisonChart {

  private static final int WIDTH = 900;
  private static final int PANEL_HEIGHT = 260;
  private static final int LEFT = 190;
  private static final int RIGHT = 200;
  private static final String[] COLOURS = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759"};

  private ComparisonChart() {}

  static String svg(Map<SystemUnderTest, Measurement> throughput, Map<SystemUnderTest, Latency> latency) {
    int height = 40 + PANEL_HEIGHT + (latency.isEmpty() ? 0 : PANEL_HEIGHT + 20);
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"13\">%n", WIDTH, height, WIDTH, height));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", WIDTH, height));
    svg.append("<text x=\"20\" y=\"26\" font-size=\"16\" font-weight=\"bold\">logwarden against its baselines "
        + "(one broker, same client settings)</text>\n");

    Measurement identity = throughput.get(SystemUnderTest.IDENTITY);
    List<String> labels = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    throughput.forEach((system, m) -> {
      labels.add(system.title);
      values.add(m.recordsPerSecond());
      notes.add(String.format(Locale.ROOT, "%,.0f/s", m.recordsPerSecond())
          + (identity == null || system == SystemUnderTest.IDENTITY ? ""
              : String.format(Locale.ROOT, " (%.2f× b)", m.recordsPerSecond() / identity.recordsPerSecond())));
    });
    bars(svg, 40, "Drain throughput, records/s (higher is better)", labels, List.of(values), List.of(""), notes);

    if (!latency.isEmpty()) {
      List<String> latencyLabels = new ArrayList<>();
      List<Double> p50 = new ArrayList<>();
      List<Double> p99 = new ArrayList<>();
      List<String> latencyNotes = new ArrayList<>();
      latency.forEach((system, l) -> {
        latencyLabels.add(system.title);
        p50.add(l.p50());
        p99.add(l.p99());
        latencyNotes.add(String.format(Locale.ROOT, "%.0f / %.0f ms", l.p50(), l.p99()));
      });
      Latency detect = latency.get(SystemUnderTest.NORMALIZE_DETECT);
      if (detect != null && detect.attacks() > 0) {
        latencyLabels.add("alerts of (d)");
        p50.add(detect.alertP50());
        p99.add(detect.alertP99());
        latencyNotes.add(String.format(Locale.ROOT, "%.0f / %.0f ms", detect.alertP50(), detect.alertP99()));
      }
      bars(svg, 40 + PANEL_HEIGHT + 20, "End-to-end latency at 50% load, ms: p50 and p99 (lower is better)",
          latencyLabels, List.of(p50, p99), List.of("p50", "p99"), latencyNotes);
    }
    svg.append("</svg>\n");
    return svg.toString();
  }

  // One horizontal bar group per label; one bar per series within a group.
  private static void bars(StringBuilder svg, int top, String title, List<String> labels, List<List<Double>> series,
      List<String> seriesNames, List<String> notes) {
    double max = 0;
    for (List<Double> values : series) {
      for (double value : values) {
        if (!Double.isNaN(value)) {
          max = Math.max(max, value);
        }
      }
    }
    max = max <= 0 ? 1 : max;
    int plotWidth = WIDTH - LEFT - RIGHT;
    int groupHeight = (PANEL_HEIGHT - 40) / Math.max(1, labels.size());
    int barHeight = Math.max(6, (groupHeight - 10) / series.size());
    svg.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"%d\" font-weight=\"bold\">%s</text>%n", top + 18, escape(title)));
    for (int s = 0; s < series.size(); s++) {
      if (!seriesNames.get(s).isEmpty()) {
        int x = WIDTH - RIGHT - 140 + s * 70;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
            + "<text x=\"%d\" y=\"%d\">%s</text>%n", x, top + 8, COLOURS[s % COLOURS.length], x + 16, top + 18,
            escape(seriesNames.get(s))));
      }
    }
    for (int i = 0; i < labels.size(); i++) {
      int groupTop = top + 30 + i * groupHeight;
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", LEFT - 8,
          groupTop + groupHeight / 2 + 4, escape(labels.get(i))));
      for (int s = 0; s < series.size(); s++) {
        double value = series.get(s).get(i);
        int width = Double.isNaN(value) ? 0 : (int) Math.round(value / max * plotWidth);
        String colour = series.size() == 1 ? COLOURS[i % COLOURS.length] : COLOURS[s % COLOURS.length];
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
            LEFT, groupTop + s * barHeight, Math.max(1, width), barHeight - 2, colour));
      }
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#333333\">%s</text>%n",
          LEFT + (int) Math.round(maxOf(series, i) / max * plotWidth) + 6, groupTop + groupHeight / 2 + 4,
          escape(notes.get(i))));
    }
  }

  private static double maxOf(List<List<Double>> series, int i) {
    double max = 0;
    for (List<Double> values : series) {
      if (!Double.isNaN(values.get(i))) {
        max = Math.max(max, values.get(i));
      }
    }
    return max;
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
