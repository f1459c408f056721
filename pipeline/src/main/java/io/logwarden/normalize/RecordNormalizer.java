package io.logwarden.normalize;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.event.DeadLetterReason;
import io.logwarden.event.RejectedRecordException;
import io.logwarden.normalize.catalogue.CatalogueEntry;
import io.logwarden.normalize.catalogue.CatalogueLoader;
import io.logwarden.normalize.text.LogfmtParser;
import io.logwarden.normalize.text.SyslogRfc3164Parser;
import io.logwarden.normalize.text.SyslogRfc5424Parser;
import io.logwarden.policy.Policy;
import io.logwarden.policy.SourceSettings;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.serde.TrustedRecordClasses;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns one raw record into its canonical events: decides the format (the source's setting, else a
 * {@code content-type} header, else the content), runs that format's parser, and maps the parsed
 * events. A record that cannot become any event is rejected with a reason for the dead-letter topic.
 * One instance per stream thread: it reuses its decoder.
 */
public final class RecordNormalizer {

  /** Largest raw record accepted, in bytes. */
  public static final int MAX_RECORD_BYTES = 1024 * 1024;
  /** Deepest JSON nesting accepted. */
  public static final int MAX_JSON_DEPTH = 64;
  /** Flag: the JSON object repeated a key; the last value was kept. */
  public static final String DUPLICATE_KEYS = "duplicate_keys";

  static {
    // Avro refuses to instantiate classes that are not on its allow-list; ours must be.
    TrustedRecordClasses.trustLogwardenRecords();
  }

  private final Policy policy;
  private final NormalizerFormats formats;
  private final LogEventMapper mapper;
  private final ObjectMapper strictJson = jsonMapper(true);
  private final ObjectMapper lenientJson = jsonMapper(false);
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);

  public RecordNormalizer(Policy policy) {
    this.policy = policy;
    this.formats = new NormalizerFormats(CatalogueLoader.forPolicy(policy));
    this.mapper = new LogEventMapper(policy.clockSkewTolerance());
  }

  /**
   * The events of a record, the format they were read in, and the record's text as decoded (for the
   * redactor's scan of the raw text).
   */
  public record Result(String format, List<LogEvent> events, String text) {}

  /**
   * @param contentType the record's {@code content-type} header, or null
   * @throws RejectedRecordException when the record cannot become any event
   */
  public Result normalize(RawRecord raw, String contentType) {
    byte[] value = raw.value();
    if (value == null) {
      throw new RejectedRecordException(DeadLetterReason.EMPTY_RECORD, null, "record has no value (a tombstone)");
    }
    if (value.length > MAX_RECORD_BYTES) {
      throw new RejectedRecordException(DeadLetterReason.TOO_LARGE, null,
          "record of " + value.length + " bytes is larger than " + MAX_RECORD_BYTES);
    }
    SourceSettings settings = policy.sourceOf(raw.topic());
    ZoneId zone = settings != null && settings.zone() != null ? settings.zone() : ZoneOffset.UTC;
    ParseContext context = new ParseContext(raw.topic(), Instant.ofEpochMilli(raw.timestamp()), zone);
    String text = decode(value);
    if (text.isBlank()) {
      throw new RejectedRecordException(DeadLetterReason.EMPTY_RECORD, null, "record is empty or only whitespace");
    }
    String forced = settings != null && settings.format() != null ? settings.format() : formatOfContentType(contentType);
    Parsed parsed = forced != null ? parseAs(forced, text, context) : detectAndParse(text, context);
    String format = parsed.format();
    if (parsed.events().isEmpty()) {
      throw new RejectedRecordException(DeadLetterReason.NO_EVENTS, format, "record holds no events");
    }
    List<LogEvent> events = new ArrayList<>(parsed.events().size());
    for (int i = 0; i < parsed.events().size(); i++) {
      events.add(mapper.toEvent(parsed.events().get(i), raw, format, i));
    }
    return new Result(format, events, text);
  }

  private record Parsed(String format, List<ParsedEvent> events) {}



  private record ParsedJson(ObjectNode root, boolean duplicateKeys) {}

  private Parsed detectAndParse(String text, ParseContext context) {
    String line = stripBom(text);
    if (line.startsWith("{")) {
      return parseJson(line, context, null);
    }
    if (line.startsWith("[")) {
      // A JSON array is refused, but many text formats open with "[timestamp]": those are text.
      try {
        return parseJson(line, context, null);
      } catch (RejectedRecordException e) {
        if (e.reason() != DeadLetterReason.NOT_JSON) {
          throw e;
        }
      }
    }
    NormalizerFormats.Parsed read = formats.parseText(line, context);
    classifyText(read.format(), read.events(), line, context);
    return new Parsed(read.format(), read.events());
  }

  /**
   * Classifies the events of a text format that does not classify its own messages: by the catalogue's
   * field entries on the attributes it parsed (an access log's status and path), then, for a line with
   * no header (plain, logfmt: an auditd record, a database's log), by the text entries on the whole line.
   */
  private void classifyText(String format, List<ParsedEvent> events, String line, ParseContext context) {
    if (format.equals(SyslogRfc3164Parser.FORMAT) || format.equals(SyslogRfc5424Parser.FORMAT)) {
      return;
    }
    boolean wholeLine = format.equals(NormalizerFormats.PLAIN) || format.equals(LogfmtParser.FORMAT);
    for (ParsedEvent event : events) {
      if (event.attributes().containsKey(CatalogueEntry.ENTRY_ATTRIBUTE)) {
        continue;
      }
      if (formats.catalogue().classifyAttributes(event, context.zone()) == null && wholeLine && event.category == null) {
        formats.messages().classify(event, line, context);
      }
    }
  }

  private Parsed parseAs(String format, String text, ParseContext context) {
    if (format.equals(NormalizerFormats.JSON)) {
      return parseJson(text, context, null);
    }
    TextFormatParser textParser = formats.text(format);
    if (textParser != null) {
      String line = stripBom(text);
      List<ParsedEvent> events = textParser.parse(line, context);
      classifyText(format, events, line, context);
      return new Parsed(format, events);
    }
    JsonFormatParser jsonParser = formats.json(format);
    if (jsonParser == null) {
      // Source settings are validated at start; a header may still name something unknown.
      return detectAndParse(text, context);
    }
    return parseJson(text, context, jsonParser);
  }

  private Parsed parseJson(String text, ParseContext context, JsonFormatParser forced) {
    ParsedJson json = parseObject(text, forced == null ? null : forced.format());
    JsonFormatParser parser = forced != null ? forced : formats.jsonFor(json.root());
    List<ParsedEvent> events = parser.parse(json.root(), context);
    if (json.duplicateKeys()) {
      events.forEach(event -> event.flag(DUPLICATE_KEYS));
    }
    return new Parsed(parser.format(), events);
  }
  private String decode(byte[] value) {
    try {
      CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(value));
      String text = chars.toString();
      if (hasBinaryControls(text)) {
        throw new RejectedRecordException(DeadLetterReason.NOT_TEXT, null,
            "record holds control characters of binary data (NUL or similar)");
      }
      return text;
    } catch (CharacterCodingException e) {
      throw new RejectedRecordException(DeadLetterReason.NOT_TEXT, null, "record is not valid UTF-8 text");
    }
  }

  // Tab, line feed and carriage return are text; NUL and the other C0 controls are binary, but ESC,
  // which colored console logs carry, and GS, which auditd's enriched format puts before its
  // interpreted fields (ausearch's log_format ENRICHED, the default on RHEL).
  private static boolean hasBinaryControls(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != 0x1b && c != 0x1d) {
        return true;
      }
    }
    return false;
  }

  private static String stripBom(String text) {
    String trimmed = text.strip();
    return trimmed.startsWith("\uFEFF") ? trimmed.substring(1).strip() : trimmed;
  }

  private ParsedJson parseObject(String text, String format) {
    String json = stripBom(text);
    JsonNode node;
    boolean duplicates = false;
    try {
      node = strictJson.readTree(json);
    } catch (JsonProcessingException strictFailure) {
      if (!isDuplicateKey(strictFailure)) {
        throw notJson(strictFailure, format);
      }
      duplicates = true;
      try {
        node = lenientJson.readTree(json);
      } catch (JsonProcessingException e) {
        throw notJson(e, format);
      }
    }
    if (node == null || node.isMissingNode()) {
      throw new RejectedRecordException(DeadLetterReason.EMPTY_RECORD, null, "record is empty");
    }
    if (!node.isObject()) {
      throw new RejectedRecordException(DeadLetterReason.NOT_AN_OBJECT, NormalizerFormats.JSON,
          "JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT) + ", not an object");
    }
    return new ParsedJson((ObjectNode) node, duplicates);
  }

  private static boolean isDuplicateKey(JsonProcessingException e) {
    return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
  }

  private static RejectedRecordException notJson(JsonProcessingException e, String format) {
    if (e instanceof StreamConstraintsException) {
      return new RejectedRecordException(DeadLetterReason.TOO_DEEP, NormalizerFormats.JSON,
          "JSON nested deeper than " + MAX_JSON_DEPTH + " levels");
    }
    JsonLocation at = e.getLocation();
    // Jackson's own message quotes the input, which may hold secrets: say only where it broke.
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new RejectedRecordException(DeadLetterReason.NOT_JSON, format == null ? NormalizerFormats.JSON : format,
        "not valid JSON" + where);
  }

  private static String formatOfContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return null;
    }
    String mime = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (mime) {
      case "application/json", "application/x-ndjson", "application/ld+json" -> NormalizerFormats.JSON;
      case "text/plain" -> NormalizerFormats.PLAIN;
      default -> NormalizerFormats.isKnown(mime) ? mime : null;
    };
  }

  private static ObjectMapper jsonMapper(boolean strictDuplicates) {
    JsonMapper mapper = JsonMapper.builder()
        .configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, strictDuplicates)
        .build();
    // A deeply nested record must be rejected quickly, not exhaust the stack.
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
        .maxNestingDepth(MAX_JSON_DEPTH)
        .maxStringLength(MAX_RECORD_BYTES)
        .build());
    return mapper;
  }
}
