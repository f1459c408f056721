package io.logwarden.normalize.json;

import io.logwarden.normalize.ParsedEvent;
import io.logwarden.schema.Category;

/**
 * The one shape of a metric point event, whatever format carried it: category SYSTEM, action
 * {@code metric}, a message {@code name=value unit}, and {@code metric.*} attributes.
 */
final class MetricEvents {

  /** The action of metric point events. */
  static final String ACTION = "metric";
  /** Flag: a metric point without a readable value. */
  static final String BAD_VALUE = "bad_value";

  private MetricEvents() {}

  /** Names the point: category, action, and the metric's name, type and unit as attributes. */
  static void describe(ParsedEvent event, String name, String type, String unit) {
    event.category = Category.SYSTEM;
    event.action = ACTION;
    event.message = name;
    event.attribute("metric.name", name);
    event.attribute("metric.type", type);
    event.attribute("metric.unit", unit == null || unit.isEmpty() ? null : unit);
  }

  /** A point with one value (gauge, sum); a null value flags the event. */
  static void value(ParsedEvent event, String name, String value, String unit) {
    if (value == null) {
      event.flag(BAD_VALUE);
      return;
    }
    event.attribute("metric.value", value);
    event.message = name + "=" + value + suffix(unit);
  }

  /** A point that summarizes a distribution (histogram, summary) by count and sum. */
  static void distribution(ParsedEvent event, String name, String count, String sum, String unit) {
    event.attribute("metric.count", count);
    event.attribute("metric.sum", sum);
    if (count == null && sum == null) {
      event.flag(BAD_VALUE);
      return;
    }
    StringBuilder message = new StringBuilder(name);
    if (count != null) {
      message.append(" count=").append(count);
    }
    if (sum != null) {
      message.append(" sum=").append(sum);
    }
    event.message = message.append(suffix(unit)).toString();
  }

  private static String suffix(String unit) {
    return unit == null || unit.isEmpty() ? "" : " " + unit;
  }
}
