package io.logwarden.normalize.text;

import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.TextFormatParser;
import java.util.List;

/**
 * A line that is no other format: a valid event whose message is the line, at the observed time
 * (flagged {@code missing_time}). The fallback of text detection: it accepts every line.
 */
public final class PlainTextParser implements TextFormatParser {

  public static final String FORMAT = "plain";
  /**
   * Flag: the line was given to a format's parser (by the source's setting or a header) but is not
   * in that format; it was kept as plain text rather than rejected.
   */
  public static final String FORMAT_MISMATCH = "format_mismatch";

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public boolean matches(String line) {
    return true;
  }

  @Override
  public List<ParsedEvent> parse(String line, ParseContext context) {
    ParsedEvent event = new ParsedEvent();
    event.message = line;
    return List.of(event);
  }

  /** The plain-text event of a line another format's parser cannot read, flagged {@link #FORMAT_MISMATCH}. */
  static List<ParsedEvent> mismatch(String line) {
    ParsedEvent event = new ParsedEvent();
    event.message = line;
    event.flag(FORMAT_MISMATCH);
    return List.of(event);
  }
}
