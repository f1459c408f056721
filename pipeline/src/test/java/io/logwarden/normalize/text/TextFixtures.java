package io.logwarden.normalize.text;

import io.logwarden.normalize.ParseContext;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.TextFormatParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/** Sample files and parse contexts shared by the text-format tests. */
final class TextFixtures {

  /** When the samples are taken to have been received: shortly after their own times. */
  static final Instant OBSERVED = Instant.parse("2026-07-22T10:00:00Z");

  private TextFixtures() {}

  static ParseContext context() {
    return context(OBSERVED, ZoneOffset.UTC);
  }

  static ParseContext context(Instant observed, ZoneId zone) {
    return new ParseContext("logs.raw.test", observed, zone);
  }

  /** The bytes of a test resource. */
  static byte[] bytes(String resource) {
    try (InputStream in = TextFixtures.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("no test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of a UTF-8 test resource, as a normalizer would see each record. */
  static List<String> lines(String resource) {
    return new String(bytes(resource), StandardCharsets.UTF_8).lines().toList();
  }

  /** The single event of a line; fails when the line yields another number of events. */
  static ParsedEvent one(TextFormatParser parser, String line) {
    List<ParsedEvent> events = parser.parse(line, context());
    if (events.size() != 1) {
      throw new AssertionError("expected one event, got " + events.size());
    }
    return events.get(0);
  }
}
