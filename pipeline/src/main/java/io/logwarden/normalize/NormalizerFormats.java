package io.logwarden.normalize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.logwarden.normalize.json.CloudTrailParser;
import io.logwarden.normalize.json.EcsJsonParser;
import io.logwarden.normalize.json.FluentBitJsonParser;
import io.logwarden.normalize.json.GenericJsonParser;
import io.logwarden.normalize.json.JsonMetricParser;
import io.logwarden.normalize.json.LangfuseIngestionParser;
import io.logwarden.normalize.json.LogbackJsonParser;
import io.logwarden.normalize.json.LogstashJsonParser;
import io.logwarden.normalize.json.OtlpJsonLogsParser;
import io.logwarden.normalize.json.OtlpJsonMetricsParser;
import io.logwarden.normalize.json.PostHogParser;
import io.logwarden.normalize.json.SentryEventParser;
import io.logwarden.normalize.json.VectorJsonParser;
import io.logwarden.normalize.text.CefParser;
import io.logwarden.normalize.text.CommonLogFormatParser;
import io.logwarden.normalize.text.KlogParser;
import io.logwarden.normalize.text.LogfmtParser;
import io.logwarden.normalize.text.PlainTextParser;
import io.logwarden.normalize.text.SyslogRfc3164Parser;
import io.logwarden.normalize.text.SyslogRfc5424Parser;
import io.logwarden.normalize.catalogue.CatalogueClassifier;
import io.logwarden.normalize.catalogue.SourceCatalogue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The formats the normalizer knows, in detection order: the first parser whose {@code matches}
 * accepts a record reads it, and the generic JSON and plain-text parsers accept everything.
 */
public final class NormalizerFormats {

  /** Any JSON object; the shape decides the parser. */
  public static final String JSON = "json";
  /** A line of plain text. */
  public static final String PLAIN = PlainTextParser.FORMAT;

  private final SourceCatalogue catalogue;
  private final CatalogueClassifier messages;
  private final List<JsonFormatParser> jsonParsers = new ArrayList<>();
  private final List<TextFormatParser> textParsers = new ArrayList<>();
  private final Map<String, JsonFormatParser> jsonById = new LinkedHashMap<>();
  private final Map<String, TextFormatParser> textById = new LinkedHashMap<>();

  public NormalizerFormats(SourceCatalogue catalogue) {
    CatalogueClassifier messages = new CatalogueClassifier(catalogue);
    this.catalogue = catalogue;
    this.messages = messages;
    MessageClassifier jsonMessages = new EmbeddedSyslogClassifier(new SyslogRfc3164Parser(messages), messages);
    // Most specific shapes first; the generic parser last. ECS is the last shipper: Logstash and
    // Vector pass ECS fields from Filebeat on, and a record is named after what wrote it to Kafka.
    addJson(new OtlpJsonLogsParser());
    addJson(new OtlpJsonMetricsParser());
    addJson(new CloudTrailParser());
    addJson(new SentryEventParser());
    addJson(new PostHogParser());
    addJson(new LangfuseIngestionParser());
    addJson(new JsonMetricParser());
    addJson(new LogbackJsonParser(catalogue, jsonMessages));
    addJson(new FluentBitJsonParser(catalogue, jsonMessages));
    addJson(new VectorJsonParser(catalogue, jsonMessages));
    addJson(new LogstashJsonParser(catalogue, jsonMessages));
    addJson(new EcsJsonParser(catalogue, jsonMessages));
    addJson(new GenericJsonParser(catalogue, jsonMessages));
    // Fixed headers first: 5424's "<PRI>1 " before 3164's "<PRI>" with a time; logfmt, the loosest
    // shape (any two key=value pairs), last before plain text.
    addText(new SyslogRfc5424Parser(messages));
    addText(new SyslogRfc3164Parser(messages));
    addText(new CefParser());
    addText(new KlogParser());
    addText(new CommonLogFormatParser());
    addText(new LogfmtParser());
    addText(new PlainTextParser());
  }

  private static final Set<String> IDS = collectIds();

  /** Every format id, for validating settings and headers. */
  public static Set<String> ids() {
    return IDS;
  }

  static boolean isKnown(String format) {
    return IDS.contains(format);
  }

  private static Set<String> collectIds() {
    Set<String> ids = new LinkedHashSet<>();
    ids.add(JSON);
    registry().forEach(format -> ids.add(format.id()));
    return Set.copyOf(ids);
  }

  /**
   * One format of the registry: its id, what it reads ({@code JSON} or {@code text}) and its parser's
   * class, for the generated reference.
   */
  public record Format(String id, String reads, String parser) {}

  /** Every format in detection order, JSON shapes first: the registry a new format is added to. */
  public static List<Format> registry() {
    NormalizerFormats formats = new NormalizerFormats(SourceCatalogue.empty());
    List<Format> registry = new ArrayList<>();
    formats.jsonById.forEach((id, parser) -> registry.add(new Format(id, "JSON", parser.getClass().getSimpleName())));
    formats.textById.forEach((id, parser) -> registry.add(new Format(id, "text", parser.getClass().getSimpleName())));
    return List.copyOf(registry);
  }

  /** The catalogue the formats classify with. */
  SourceCatalogue catalogue() {
    return catalogue;
  }

  /** The classifier of text messages. */
  CatalogueClassifier messages() {
    return messages;
  }

  JsonFormatParser jsonFor(ObjectNode root) {
    for (JsonFormatParser parser : jsonParsers) {
      if (parser.matches(root)) {
        return parser;
      }
    }
    throw new IllegalStateException("the generic JSON parser accepts every object");
  }

  /** The first text format that reads the line, and its events. */
  Parsed parseText(String line, ParseContext context) {
    for (TextFormatParser parser : textParsers) {
      List<ParsedEvent> events = parser.tryParse(line, context);
      if (events != null) {
        return new Parsed(parser.format(), events);
      }
    }
    throw new IllegalStateException("the plain-text parser accepts every line");
  }

  /** Events read in a format. */
  record Parsed(String format, List<ParsedEvent> events) {}

  JsonFormatParser json(String id) {
    return jsonById.get(id);
  }

  TextFormatParser text(String id) {
    return textById.get(id);
  }

  /**
   * Classifies a JSON record's message; a message that is itself a whole BSD syslog line (a shipper
   * that forwarded {@code /var/log/auth.log} unparsed, as Filebeat's {@code system.auth} does) is read
   * as one, so that its program picks the catalogue's entries, and what that finds is copied over.
   */
  private record EmbeddedSyslogClassifier(SyslogRfc3164Parser syslog, MessageClassifier messages)
      implements MessageClassifier {

    @Override
    public boolean classify(ParsedEvent event, String text, ParseContext context) {
      if (event.process == null && !text.isEmpty() && (Character.isUpperCase(text.charAt(0)) || text.charAt(0) == '<')) {
        List<ParsedEvent> inner = syslog.tryParse(text, context);
        if (inner != null && !inner.isEmpty()
            && inner.get(0).attributes().containsKey(io.logwarden.normalize.catalogue.CatalogueEntry.ENTRY_ATTRIBUTE)) {
          copyClassification(inner.get(0), event);
          return true;
        }
      }
      return messages.classify(event, text, context);
    }

    private static void copyClassification(ParsedEvent from, ParsedEvent to) {
      to.category = from.category;
      to.action = from.action;
      to.outcome = from.outcome;
      to.user = to.user != null ? to.user : from.user;
      to.sourceAddress = from.sourceAddress != null ? from.sourceAddress : to.sourceAddress;
      to.sourcePort = from.sourcePort != null ? from.sourcePort : to.sourcePort;
      to.targetKind = to.targetKind != null ? to.targetKind : from.targetKind;
      to.targetName = to.targetName != null ? to.targetName : from.targetName;
      to.process = from.process;
      from.attributes().forEach((key, value) -> {
        if (key.equals(ParsedEvent.CLASSIFIED_BY)) {
          to.classifiedBy(value);
        } else if (!to.attributes().containsKey(key)) {
          to.attribute(key, value);
        }
      });
    }
  }

  private void addJson(JsonFormatParser parser) {
    jsonParsers.add(parser);
    jsonById.put(parser.format(), parser);
  }

  private void addText(TextFormatParser parser) {
    textParsers.add(parser);
    textById.put(parser.format(), parser);
  }
}
