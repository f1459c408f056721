package io.logwarden.normalize.catalogue;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.logwarden.normalize.ParsedEvent;
import io.logwarden.normalize.json.JsonFields.Path;
import io.logwarden.schema.Outcome;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One compiled catalogue entry: how to recognise one kind of record of one source, which canonical
 * fields it fills and what it is. A text entry matches a message with a {@link TextTemplate} or an
 * RE2 expression; a field entry tests conditions on a JSON object's fields or a text format's
 * attributes. Immutable and thread-safe.
 */
public final class CatalogueEntry {

  /** Attribute that names the entry (or generic rule) that classified an event. */
  public static final String ENTRY_ATTRIBUTE = ParsedEvent.CLASSIFIED_BY;

  /** Which kind of record an entry reads. */
  public enum Kind {
    /** A message: syslog MSG, a plain line, a mapped JSON message. */
    TEXT,
    /** Fields: a JSON object, or the attributes of a parsed text format. */
    FIELDS
  }

  /** Where an entry was written: the shipped catalogue or the user's policy. */
  public enum Origin {
    SHIPPED, USER
  }

  private final String id;
  private final String file;
  private final String source;
  private final String description;
  private final String reference;
  private final List<String> layouts;
  private final Origin origin;
  private final Kind kind;
  // Text entries.
  private final Set<String> programs;
  private final TextTemplate template;
  private final Pattern regex;
  private final List<String> regexNames;
  private final String regexLiteral;
  // The captures named after a canonical field that fill it themselves (not time or outcome, which need
  // reading, nor those the entry's fields map), found once.
  private final int[] implicitCaptures;
  private final String contains;
  private final Map<String, Condition> values;
  private final boolean keyValues;
  private final Map<String, String> textFields;
  // Field entries.
  private final Path[][] conditionPaths;
  private final Condition[] conditions;
  private final Map<String, Path[]> fieldPaths;
  // Both.
  private final TimeSpec time;
  private final Path[] timePaths;
  private final Map<String, Outcome> outcomeWords;
  private final Classification classification;

  CatalogueEntry(Builder b) {
    this.id = b.id;
    this.file = b.file;
    this.source = b.source;
    this.description = b.description;
    this.reference = b.reference;
    this.layouts = List.copyOf(b.layouts);
    this.origin = b.origin;
    this.kind = b.kind;
    this.programs = Set.copyOf(b.programs);
    this.template = b.template;
    this.regex = b.regex;
    this.regexNames = List.copyOf(b.regexNames);
    this.regexLiteral = b.regex == null ? null : RequiredLiteral.of(b.regex.pattern());
    List<String> names = b.template != null ? b.template.names() : b.regexNames;
    this.implicitCaptures = java.util.stream.IntStream.range(0, names.size())
        .filter(i -> CanonicalFields.isCanonical(names.get(i)) && !b.textFields.containsKey(names.get(i))
            && !names.get(i).equals("time") && !names.get(i).equals("outcome"))
        .toArray();
    this.contains = b.contains;
    this.values = Map.copyOf(b.values);
    this.keyValues = b.keyValues;
    this.textFields = Map.copyOf(b.textFields);
    this.conditionPaths = b.conditionPaths.toArray(Path[][]::new);
    this.conditions = b.conditions.toArray(Condition[]::new);
    this.fieldPaths = Map.copyOf(b.fieldPaths);
    this.time = b.time;
    this.timePaths = b.timePaths;
    this.outcomeWords = b.outcomeWords == null ? null : Map.copyOf(b.outcomeWords);
    this.classification = b.classification;
  }

  /** Collects an entry's parts while the loader checks them. */
  static final class Builder {
    String id;
    String file;
    String source;
    String description = "";
    String reference = "";
    List<String> layouts = List.of();
    Origin origin = Origin.SHIPPED;
    Kind kind;
    Set<String> programs = Set.of();
    TextTemplate template;
    Pattern regex;
    List<String> regexNames = List.of();
    String contains;
    Map<String, Condition> values = Map.of();
    boolean keyValues;
    Map<String, String> textFields = Map.of();
    List<Path[]> conditionPaths = List.of();
    List<Condition> conditions = List.of();
    Map<String, Path[]> fieldPaths = Map.of();
    TimeSpec time;
    Path[] timePaths;
    Map<String, Outcome> outcomeWords;
    Classification classification;
  }

  public String id() {
    return id;
  }

  /** The file the entry was written in: a shipped file's name, or the user's policy or catalogue file. */
  public String file() {
    return file;
  }

  /** The product the entry describes. */
  public String source() {
    return source;
  }

  public String description() {
    return description;
  }

  public String reference() {
    return reference;
  }

  public List<String> layouts() {
    return layouts;
  }

  public Origin origin() {
    return origin;
  }

  public Kind kind() {
    return kind;
  }

  /** The programs a text entry is limited to; empty when any. */
  public Set<String> programs() {
    return programs;
  }

  /** The classification, or null for an entry that only maps fields. */
  public Classification classification() {
    return classification;
  }

  /** The template or expression of a text entry, or the conditions' paths of a field entry, for listings. */
  public String matchSummary() {
    if (kind == Kind.TEXT) {
      return template != null ? template.toString() : regex.pattern();
    }
    StringBuilder summary = new StringBuilder();
    for (Path[] alternatives : conditionPaths) {
      if (summary.length() > 0) {
        summary.append(", ");
      }
      summary.append(join(alternatives));
    }
    return summary.toString();
  }

  // ---- the parts the catalogue's indexes read

  TextTemplate template() {
    return template;
  }

  String containsLiteral() {
    return contains;
  }

  Path[] indexPaths() {
    return conditionPaths.length == 0 ? new Path[0] : conditionPaths[0];
  }

  Condition indexCondition() {
    return conditions.length == 0 ? null : conditions[0];
  }

  // ---- text entries

  /**
   * Matches a message and, when it matches, fills the event's fields and classification from it.
   *
   * @return whether it matched
   */
  boolean applyText(ParsedEvent event, String text, ZoneId zone) {
    String[] captured;
    if (template != null) {
      captured = template.match(text);
    } else {
      // RE2J costs microseconds even on a line it then refuses: a literal the expression requires rules
      // most lines out first.
      if ((contains != null && !text.contains(contains)) || (regexLiteral != null && !text.contains(regexLiteral))) {
        return false;
      }
      Matcher matcher = regex.matcher(text);
      if (!matcher.find()) {
        return false;
      }
      captured = new String[regexNames.size()];
      for (int i = 0; i < captured.length; i++) {
        String value = matcher.group(regexNames.get(i));
        captured[i] = value == null || value.isEmpty() ? null : value;
      }
    }
    if (captured == null) {
      return false;
    }
    List<String> captureNames = template != null ? template.names() : regexNames;
    Map<String, String> pairs = keyValues ? KeyValues.parse(text) : Map.of();
    for (Map.Entry<String, Condition> value : values.entrySet()) {
      if (!value.getValue().test(lookup(value.getKey(), captureNames, captured, pairs))) {
        return false;
      }
    }
    for (int i : implicitCaptures) {
      CanonicalFields.set(event, captureNames.get(i), captured[i]);
    }
    String outcomeText = null;
    for (Map.Entry<String, String> field : textFields.entrySet()) {
      String value = lookup(field.getValue(), captureNames, captured, pairs);
      if (field.getKey().equals("outcome")) {
        outcomeText = value;
      } else if (!field.getKey().equals("time")) {
        CanonicalFields.set(event, field.getKey(), value);
      }
    }
    if (outcomeText == null && captureNames.contains("outcome")) {
      outcomeText = captured[captureNames.indexOf("outcome")];
    }
    if (time != null) {
      Instant instant = time.read(lookup(time.field(), captureNames, captured, pairs), zone);
      if (instant != null) {
        event.time = instant;
      }
    }
    classify(event, outcomeText);
    return true;
  }

  // A capture, else a key=value pair; "a|b" takes the first of them that has a value.
  private static String lookup(String name, List<String> captureNames, String[] captured, Map<String, String> pairs) {
    int bar = name.indexOf('|');
    if (bar >= 0) {
      String first = lookup(name.substring(0, bar), captureNames, captured, pairs);
      return !CanonicalFields.isAbsent(first) ? first : lookup(name.substring(bar + 1), captureNames, captured, pairs);
    }
    int index = captureNames.indexOf(name);
    if (index >= 0) {
      return captured[index];
    }
    return pairs.get(name);
  }

  // ---- field entries

  /** Whether every condition holds for the record's fields. */
  boolean matchesFields(FieldLookup fields) {
    for (int i = 0; i < conditions.length; i++) {
      if (!fields.holds(conditionPaths[i], conditions[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * Fills the event from a field entry's mapped fields (a text format's attributes) and classifies it;
   * for records that a format already parsed, where only the entry's fields are news.
   */
  void applyFields(ParsedEvent event, FieldLookup fields, ZoneId zone) {
    String outcomeText = null;
    for (Map.Entry<String, Path[]> field : fieldPaths.entrySet()) {
      String value = fields.text(field.getValue());
      switch (field.getKey()) {
        case "outcome" -> outcomeText = value;
        case "time" -> {
          Instant instant = value == null ? null : io.logwarden.normalize.EventTimes.parseIso(value, zone);
          if (instant != null) {
            event.time = instant;
          }
        }
        default -> CanonicalFields.set(event, field.getKey(), value);
      }
    }
    if (timePaths != null) {
      Instant instant = time.read(fields.text(timePaths), zone);
      if (instant != null) {
        event.time = instant;
      }
    }
    classify(event, outcomeText);
  }

  /** Sets a canonical field or attribute of the event from a mapped value's text. */
  public void setField(ParsedEvent event, String name, String value) {
    CanonicalFields.set(event, name, value);
  }

  /** The paths a field entry maps a canonical field or attribute from, or null. */
  public Path[] pathsOf(String field) {
    return fieldPaths.get(field);
  }

  /** The mapped fields of a field entry, for the parser to read (and to keep out of the attributes). */
  public Map<String, Path[]> fieldPaths() {
    return fieldPaths;
  }

  /** The paths of the entry's time, or null when it names none. */
  public Path[] timePaths() {
    return timePaths;
  }

  /** The event time of a field entry's time value in its format, or null. */
  public Instant readTime(String text, ZoneId zone) {
    return time == null ? null : time.read(text, zone);
  }

  /**
   * Applies the classification, reading a mapped outcome's text through the entry's words, and names
   * the entry on the event.
   */
  public void classify(ParsedEvent event, String outcomeText) {
    Outcome mapped = outcomeText == null ? null : outcome(outcomeText);
    if (mapped != null) {
      event.outcome = mapped;
    }
    Classification c = classification;
    if (c != null) {
      if (c.category() != null) {
        event.category = c.category();
      }
      if (c.action() != null) {
        event.action = c.action();
      }
      if (c.outcome() != null) {
        event.outcome = c.outcome();
      }
      if (c.changeKind() != null) {
        event.attribute(CanonicalFields.CHANGE_KIND, c.changeKind());
      }
      if (c.severity() != null) {
        event.severityText = c.severity();
        event.severityNumber = null;
      }
      if (c.targetKind() != null && event.targetKind == null) {
        event.targetKind = c.targetKind();
      }
      if (c.targetName() != null && event.targetName == null) {
        event.targetName = c.targetName();
      }
    }
    event.classifiedBy(id);
  }

  private Outcome outcome(String text) {
    if (outcomeWords != null) {
      return outcomeWords.getOrDefault(text, outcomeWords.get(text.toLowerCase(Locale.ROOT)));
    }
    return GenericRules.outcomeWord(text);
  }

  static String join(Path[] alternatives) {
    StringBuilder joined = new StringBuilder();
    for (Path path : alternatives) {
      if (joined.length() > 0) {
        joined.append('|');
      }
      joined.append(path);
    }
    return joined.toString();
  }

  @Override
  public String toString() {
    return id;
  }
}
