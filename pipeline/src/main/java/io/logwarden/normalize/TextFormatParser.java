package io.logwarden.normalize;

import java.util.List;

/** A parser of one line-oriented text format (syslog, logfmt, klog, ...). */
public interface TextFormatParser {

  /** The format's id, written to {@code origin.format}, e.g. {@code syslog-rfc3164}. */
  String format();

  /** A cheap check whether the line looks like this format; no full parse. */
  boolean matches(String line);

  /**
   * The events of one line: usually one, N for {@code message repeated N times: [ ... ]}.
   *
   * @throws io.logwarden.event.RejectedRecordException when the line claims the format but is
   *     broken beyond repair
   */
  List<ParsedEvent> parse(String line, ParseContext context);

  /**
   * The events of the line, or null when the line is not in this format: detection's one call, so
   * that a parser whose check and parse read the same header reads it once.
   */
  default List<ParsedEvent> tryParse(String line, ParseContext context) {
    return matches(line) ? parse(line, context) : null;
  }
}
