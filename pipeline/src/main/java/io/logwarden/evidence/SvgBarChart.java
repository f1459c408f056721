package io.logwarden.evidence;

import java.util.List;

/**
 * Draws a {@link BarChart} as inline SVG: horizontal bars to one linear scale, the value beside
 * each, a bar without limit drawn as a dashed outline the full width. Styles are attributes, so the
 * drawing stands alone when copied out of the page.
 */
final class SvgBarChart {

  static final int WIDTH = 640;
  private static final int LABEL_RIGHT = 196;
  private static final int BAR_LEFT = 204;
  private static final int BAR_MAX = 330;
  private static final int ROW = 22;
  private static final int TOP = 6;
  private static final int MAX_LABEL_CHARS = 30;
  private static final String COLOR = "#1f4e79";

  private SvgBarChart() {}

  static String render(BarChart chart) {
    List<BarChart.Bar> bars = chart.bars();
    int height = TOP * 2 + ROW * Math.max(1, bars.size());
    StringBuilder svg = new StringBuilder(256 + bars.size() * 256);
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" role=\"img\" aria-label=\"").append(HtmlRenderer.escape(chart.caption()))
        .append("\" font-family=\"sans-serif\" font-size=\"12\">\n<title>")
        .append(HtmlRenderer.escape(chart.caption())).append("</title>\n");
    if (bars.isEmpty()) {
      svg.append("<text x=\"").append(BAR_LEFT).append("\" y=\"").append(TOP + 15).append("\" fill=\"#555\">")
          .append("No data for the period</text>\n");
    }
    long max = chart.maxValue();
    for (int i = 0; i < bars.size(); i++) {
      BarChart.Bar bar = bars.get(i);
      int y = TOP + i * ROW;
      svg.append("<text x=\"").append(LABEL_RIGHT).append("\" y=\"").append(y + 15)
          .append("\" text-anchor=\"end\" fill=\"#1a1a1a\">").append(HtmlRenderer.escape(shorten(bar.label())))
          .append("</text>\n");
      int width;
      if (bar.unlimited()) {
        width = BAR_MAX;
        svg.append("<rect x=\"").append(BAR_LEFT).append("\" y=\"").append(y + 4).append("\" width=\"").append(width)
            .append("\" height=\"14\" fill=\"none\" stroke=\"").append(COLOR)
            .append("\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>\n");
      } else {
        width = max == 0 ? 0 : (int) Math.round(bar.value() * (double) BAR_MAX / max);
        if (bar.value() > 0 && width < 2) {
          width = 2; // Visible, though to scale it would vanish.
        }
        svg.append("<rect x=\"").append(BAR_LEFT).append("\" y=\"").append(y + 4).append("\" width=\"").append(width)
            .append("\" height=\"14\" fill=\"").append(COLOR).append("\"/>\n");
      }
      svg.append("<text x=\"").append(BAR_LEFT + width + 6).append("\" y=\"").append(y + 15)
          .append("\" fill=\"#1a1a1a\">").append(HtmlRenderer.escape(bar.display())).append("</text>\n");
    }
    return svg.append("</svg>\n").toString();
  }

  private static String shorten(String label) {
    return label.codePointCount(0, label.length()) <= MAX_LABEL_CHARS ? label
        : label.substring(0, label.offsetByCodePoints(0, MAX_LABEL_CHARS - 1)) + "\u2026";
  }
}
