package io.logwarden.normalize.text;

import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.TextFormatParser;
import java.util.List;

/**
 * A text format recognized by its header: the check, the parse, and detection's single call all
 * read the header once with {@link #scan}, and a line forced into the format that does not fit it
 * becomes a flagged plain-text event.
 *
 * @param <H> what the header scan yields
 */
abstract class ScannedTextParser<H> implements TextFormatParser {

  private final String format;

  ScannedTextParser(String format) {
    this.format = format;
  }

  /** The header of the line, or null when the line is not in this format. */
  abstract H scan(String line);

  /** The events of a line whose header {@link #scan} read. */
  abstract List<ParsedEvent> read(H header, String line, ParseContext context);

  @Override
  public final String format() {
    return format;
  }

  @Override
  public final boolean matches(String line) {
    return scan(line) != null;
  }

  @Override
  public final List<ParsedEvent> parse(String line, ParseContext context) {
    List<ParsedEvent> events = tryParse(line, context);
    return events != null ? events : PlainTextParser.mismatch(line);
  }

  @Override
  public final List<ParsedEvent> tryParse(String line, ParseContext context) {
    H header = scan(line);
    return header == null ? null : read(header, line, context);
  }
}
