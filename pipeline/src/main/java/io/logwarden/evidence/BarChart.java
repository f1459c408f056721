package io.logwarden.evidence;

import java.util.List;
import java.util.Objects;

/**
 * The data of a small horizontal bar chart: one bar per label. The renderers draw it (SVG in HTML,
 * text bars in Markdown); a bar that stands for "no limit" is drawn distinctly, not to scale.
 */
public record BarChart(String caption, List<Bar> bars) {

  public BarChart {
    Objects.requireNonNull(caption, "caption");
    bars = List.copyOf(bars);
  }

  /** The largest value among the bars drawn to scale; 0 when there is none. */
  public long maxValue() {
    return bars.stream().filter(bar -> !bar.unlimited()).mapToLong(Bar::value).max().orElse(0L);
  }

  /**
   * One bar.
   *
   * @param value the bar's length in the chart's unit (ignored when unlimited)
   * @param display the value as written beside the bar
   * @param unlimited whether the bar stands for an unbounded value
   */
  public record Bar(String label, long value, String display, boolean unlimited) {

    public Bar {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(display, "display");
      if (value < 0) {
        throw new IllegalArgumentException("a bar's value is not negative: " + value);
      }
    }

    /** A bar whose value is written as the number. */
    public static Bar of(String label, long value) {
      return new Bar(label, value, Long.toString(value), false);
    }

    /** A bar for an unbounded value, written as {@code display}. */
    public static Bar unlimited(String label, String display) {
      return new Bar(label, 0L, display, true);
    }
  }
}
