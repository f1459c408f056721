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
}
