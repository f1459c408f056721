package io.logwarden.normalize.catalogue;

import io.logwarden.normalize.ParsedEvent;
import io.logwarden.policy.JsonMapping;
import io.logwarden.schema.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The canonical fields an entry may fill, and how a text value lands in each. */
public final class CanonicalFields {

  /** Attribute that records a configuration change's kind. */
  public static final String CHANGE_KIND = "change.kind";

  /** Every name an entry's {@code fields} may use besides attributes (keys with a dot). */
  static final List<String> NAMES = names();

  private CanonicalFields() {}

  private static List<String> names() {
    List<String> names = new ArrayList<>(JsonMapping.CANONICAL_FIELDS);
    names.add("category");
    names.add("severity");
    names.add("change_kind");
    return List.copyOf(names);
  }

  static boolean isCanonical(String name) {
    return NAMES.contains(name);
  }

  /**
   * Whether a text value stands for "none": empty, {@code -}, {@code ?} or {@code (unknown)}, as logs write
   * an absent field (util-linux login writes "(unknown)" for a name it does not log).
   */
  public static boolean isAbsent(String value) {
    return value == null || value.isEmpty() || value.equals("-") || value.equals("?") || value.equals("(unknown)");
  }

  /**
   * Sets a field from text; time and outcome are the entry's to read (they need a format), so they
   * are not handled here. Absent values change nothing.
   */
  static void set(ParsedEvent event, String name, String value) {
    if (isAbsent(value)) {
      return;
    }
    if (name.indexOf('.') >= 0) {
      event.attribute(name, value);
      return;
    }
    switch (name) {
      case "message" -> event.message = value;
      case "level", "severity" -> {
        event.severityText = value;
        event.severityNumber = null;
      }
      case "user" -> event.user = value;
      case "process" -> event.process = value;
      case "service" -> event.service = value;
      case "host" -> event.host = value;
      case "source_address" -> event.sourceAddress = unmapped(value);
      case "source_port" -> event.sourcePort = port(value);
      case "action" -> event.action = value;
      case "target_kind" -> event.targetKind = value;
      case "target_name" -> event.targetName = value;
      case "event_id" -> event.eventId = value;
      case "trace_id" -> event.traceId = value;
      case "span_id" -> event.spanId = value;
      case "error_type" -> event.errorType = value;
      case "error_message" -> event.errorMessage = value;
      case "error_stack" -> event.errorStack = value;
      case "change_kind" -> event.attribute(CHANGE_KIND, value);
      case "category" -> {
        Category category = category(value);
        if (category != null) {
          event.category = category;
        }
      }
      default -> {
        // time and outcome: read by the entry
      }
    }
  }

  // An IPv4-mapped IPv6 address (::ffff:192.0.2.5, as Windows writes a v4 client) is the v4 address, so
  // that it correlates with the other sources' records of the same client.
  public static String unmapped(String address) {
    if (address.length() > 7 && address.regionMatches(true, 0, "::ffff:", 0, 7) && address.indexOf('.') > 7) {
      return address.substring(7);
    }
    return address;
  }

  static Category category(String value) {
    try {
      return Category.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  /** A port number of text, or null when it is none (not digits, above 65535, or null). */
  public static Integer port(String text) {
    if (text == null) {
      return null;
    }
    String trimmed = text.trim();
    if (trimmed.isEmpty() || trimmed.length() > 5) {
      return null;
    }
    int port = 0;
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      port = port * 10 + (c - '0');
    }
    return port <= 65535 ? port : null;
  }
}
