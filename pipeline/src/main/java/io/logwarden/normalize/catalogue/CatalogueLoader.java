package io.logwarden.normalize.catalogue;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.logwarden.normalize.json.JsonFields;
import io.logwarden.normalize.json.JsonFields.Path;
import io.logwarden.policy.JsonMapping;
import io.logwarden.policy.KeySuggestion;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyException;
import io.logwarden.policy.StrictYaml;
import io.logwarden.policy.UserCatalogue;
import io.logwarden.policy.YamlFormat;
import io.logwarden.policy.YamlLineLocator;
import io.logwarden.policy.YamlPath;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the source catalogue: the shipped files listed in {@code /catalogue/files.txt}, then the
 * user's entries from the policy ({@code catalogue:}, {@code catalogue_file:}, and each {@code
 * json_mappings} entry). Every problem is a {@link PolicyException} naming the file, the line and the
 * path, so a bad entry stops the pipeline at start like a bad policy. A user's entry with a shipped id
 * replaces that entry; {@code enabled: false} turns it off.
 */
public final class CatalogueLoader {

  /** Classpath folder of the shipped catalogue files. */
  public static final String SHIPPED_DIRECTORY = "/catalogue/";
  /** Classpath list of the shipped catalogue files, one file name per line, in the order they are tried. */
  public static final String SHIPPED_INDEX = SHIPPED_DIRECTORY + "files.txt";

  private static final YamlFormat FILE_FORMAT = new YamlFormat("catalogue file", "catalogue", "source and entries",
      Set.of(), "", Map.of("entries", "id"));
  private static final YamlFormat POLICY_FORMAT = new YamlFormat("policy file", "policy", "catalogue and catalogue_file",
      Set.of(), "", Map.of("catalogue", "id"));
  private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_.-]*");
  private static final java.util.regex.Pattern GROUP_NAME = java.util.regex.Pattern.compile("\\(\\?P<([A-Za-z_][A-Za-z0-9_]*)>");
  private static final Set<String> CONDITION_KEYS = Set.of("exists", "prefix", "not", "regex", "path_segment", "contains");

  private static final List<CatalogueEntry> SHIPPED = loadShipped();
  private static final Map<CacheKey, SourceCatalogue> CACHE = new ConcurrentHashMap<>();

  private record CacheKey(UserCatalogue user, List<JsonMapping> mappings) {}

  private CatalogueLoader() {}

  /** The shipped catalogue alone. */
  public static SourceCatalogue shipped() {
    return new SourceCatalogue(SHIPPED);
  }

  /**
   * The catalogue a policy runs with: the user's entries (checked here), then the shipped ones. The
   * same policy text gives the same, shared catalogue.
   *
   * @throws PolicyException when an entry of the user's is not valid
   */
  public static SourceCatalogue forPolicy(Policy policy) {
    CacheKey key = new CacheKey(policy.userCatalogue(), policy.jsonMappings());
    SourceCatalogue cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    SourceCatalogue built = build(policy);
    if (CACHE.size() > 64) {
      CACHE.clear();
    }
    CACHE.put(key, built);
    return built;
  }

  private static SourceCatalogue build(Policy policy) {
    List<CatalogueEntry> user = new ArrayList<>();
    Set<String> disabled = new LinkedHashSet<>();
    Set<String> userIds = new LinkedHashSet<>();
    UserCatalogue located = policy.userCatalogue();
    if (located.inline()) {
      StrictYaml.Bound<CatalogueFile.PolicyView> bound = StrictYaml.bind(located.policyText(), located.sourceName(),
          CatalogueFile.PolicyView.class, POLICY_FORMAT);
      Reader reader = new Reader(located.sourceName(), bound.locator(), CatalogueEntry.Origin.USER, POLICY_FORMAT);
      reader.entries(bound.document().catalogue(), YamlPath.root().key("catalogue"), "policy", user, disabled, userIds);
    }
    if (located.file() != null) {
      String name = StrictYaml.sourceName(located.file());
      String text = StrictYaml.read(located.file(), name);
      StrictYaml.Bound<CatalogueFile.Document> bound = StrictYaml.bind(text, name, CatalogueFile.Document.class,
          FILE_FORMAT);
      Reader reader = new Reader(name, bound.locator(), CatalogueEntry.Origin.USER, FILE_FORMAT);
      CatalogueFile.Document document = bound.document();
      String source = document.source() == null ? name : document.source();
      reader.entries(document.entries(), YamlPath.root().key("entries"), source, user, disabled, userIds);
    }
    for (JsonMapping mapping : policy.jsonMappings()) {
      user.add(fromMapping(mapping));
    }
    List<CatalogueEntry> all = new ArrayList<>(user);
    for (CatalogueEntry entry : SHIPPED) {
      if (!userIds.contains(entry.id()) && !disabled.contains(entry.id())) {
        all.add(entry);
      }
    }
    return new SourceCatalogue(all);
  }

  /** The shipped file names, in order. */
  public static List<String> shippedFiles() {
    String index = StrictYaml.resource(SHIPPED_INDEX, "catalogue index");
    List<String> files = new ArrayList<>();
    for (String line : index.split("\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        files.add(name);
      }
    }
    return files;
  }

  private static List<CatalogueEntry> loadShipped() {
    List<CatalogueEntry> entries = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (String file : shippedFiles()) {
      String name = "catalogue/" + file;
      String text = StrictYaml.resource(SHIPPED_DIRECTORY + file, "catalogue file");
      entries.addAll(parseFile(text, name, ids));
    }
    return List.copyOf(entries);
  }

  /**
   * Parses one catalogue file's text, e.g. a shipped file or a test's.
   *
   * @param ids the ids already taken; this file's are added
   * @throws PolicyException when the file is not a valid catalogue
   */
  static List<CatalogueEntry> parseFile(String text, String name, Set<String> ids) {
    StrictYaml.Bound<CatalogueFile.Document> bound = StrictYaml.bind(text, name, CatalogueFile.Document.class,
        FILE_FORMAT);
    CatalogueFile.Document document = bound.document();
    Reader reader = new Reader(name, bound.locator(), CatalogueEntry.Origin.SHIPPED, FILE_FORMAT);
    if (document.source() == null || document.source().isBlank()) {
      throw reader.problem(YamlPath.root().key("source"), "required key is missing: name the product the entries describe");
    }
    List<CatalogueEntry> entries = new ArrayList<>();
    reader.entries(document.entries(), YamlPath.root().key("entries"), document.source(), entries, new LinkedHashSet<>(),
        ids);
    return entries;
  }

  private static CatalogueEntry fromMapping(JsonMapping mapping) {
    CatalogueEntry.Builder b = new CatalogueEntry.Builder();
    b.id = "json_mappings." + mapping.name();
    b.file = "json_mappings";
    b.source = "policy json_mappings";
    b.description = "the policy's JSON mapping " + mapping.name();
    b.reference = "policy.yaml json_mappings";
    b.origin = CatalogueEntry.Origin.USER;
    b.kind = CatalogueEntry.Kind.FIELDS;
    List<Path[]> paths = new ArrayList<>();
    List<Condition> conditions = new ArrayList<>();
    for (String field : mapping.whenFields()) {
      paths.add(new Path[] {JsonFields.path(field)});
      conditions.add(new Condition.Exists(true));
    }
    b.conditionPaths = paths;
    b.conditions = conditions;
    Map<String, Path[]> fields = new HashMap<>();
    mapping.fields().forEach((canonical, dotted) -> fields.put(canonical, new Path[] {JsonFields.path(dotted)}));
    b.fieldPaths = fields;
    b.classification = mapping.category() == null ? null
        : new Classification(mapping.category(), null, null, null, null, null, null);
    return new CatalogueEntry(b);
  }

  /** Checks and compiles the entries of one file, naming problems by line. */
  private static final class Reader {
    private final String sourceName;
    private final YamlLineLocator locator;
    private final CatalogueEntry.Origin origin;
    private final YamlFormat format;

    Reader(String sourceName, YamlLineLocator locator, CatalogueEntry.Origin origin, YamlFormat format) {
      this.sourceName = sourceName;
      this.locator = locator;
      this.origin = origin;
      this.format = format;
    }

    PolicyException problem(YamlPath path, String problem) {
      YamlPath named = locator.named(path, format);
      return new PolicyException(sourceName, locator.lineOf(path), named.toString(), problem);
    }

    void entries(List<CatalogueFile.Entry> given, YamlPath path, String fileSource, List<CatalogueEntry> into,
        Set<String> disabled, Set<String> ids) {
      if (given == null) {
        throw problem(path, "required key is missing: list the entries");
      }
      for (int i = 0; i < given.size(); i++) {
        CatalogueFile.Entry entry = given.get(i);
        YamlPath at = path.index(i);
        if (entry == null) {
          throw problem(at, "has no value");
        }
        String id = entry.id();
        if (id == null || id.isBlank()) {
          throw problem(at.key("id"), "required key is missing");
        }
        if (!ID.matcher(id).matches()) {
          throw problem(at.key("id"), "'" + id + "' is not an id: lower-case letters, digits, '_', '.' and '-', starting with a letter or digit");
        }
        if (!ids.add(id)) {
          throw problem(at.key("id"), "'" + id + "' is already the id of another entry");
        }
        if (Boolean.FALSE.equals(entry.enabled())) {
          disabled.add(id);
          continue;
        }
        into.add(entry(entry, at, entry.source() != null ? entry.source() : fileSource));
      }
    }

    private CatalogueEntry entry(CatalogueFile.Entry e, YamlPath at, String source) {
      CatalogueEntry.Builder b = new CatalogueEntry.Builder();
      b.id = e.id();
      b.file = sourceName;
      b.source = source;
      b.origin = origin;
      if (origin == CatalogueEntry.Origin.SHIPPED) {
        b.description = requiredText(e.description(), at.key("description"));
        b.reference = requiredText(e.reference(), at.key("reference"));
      } else {
        b.description = e.description() == null ? "" : e.description();
        b.reference = e.reference() == null ? "" : e.reference();
      }
      b.layouts = e.layouts() == null ? List.of() : e.layouts();
      CatalogueFile.Match match = e.match();
      YamlPath matchPath = at.key("match");
      if (match == null) {
        throw problem(matchPath, "required key is missing: say when the entry applies (template, regex or fields)");
      }
      boolean text = match.template() != null || match.regex() != null;
      if (text && match.fields() != null) {
        throw problem(matchPath.key("fields"), "a text entry (template or regex) cannot also match fields; write two entries");
      }
      List<String> names;
      if (text) {
        b.kind = CatalogueEntry.Kind.TEXT;
        names = textMatch(match, matchPath, b);
      } else {
        if (match.fields() == null || match.fields().isEmpty()) {
          throw problem(matchPath, "needs a template, a regex or fields");
        }
        for (String key : List.of("programs", "contains", "values", "kv")) {
          if (switch (key) {
            case "programs" -> match.programs() != null;
            case "contains" -> match.contains() != null;
            case "values" -> match.values() != null;
            default -> match.kv() != null;
          }) {
            throw problem(matchPath.key(key), "belongs to a text entry (template or regex); a field entry matches fields only");
          }
        }
        b.kind = CatalogueEntry.Kind.FIELDS;
        names = List.of();
        fieldMatch(match.fields(), matchPath.key("fields"), b);
      }
      boolean kv = b.keyValues;
      if (e.fields() != null) {
        YamlPath fieldsPath = at.key("fields");
        Map<String, String> textFields = new LinkedHashMap<>();
        Map<String, Path[]> fieldPaths = new LinkedHashMap<>();
        for (Map.Entry<String, String> field : e.fields().entrySet()) {
          YamlPath fieldPath = fieldsPath.key(field.getKey());
          checkFieldName(field.getKey(), fieldPath);
          String from = field.getValue();
          if (from == null || from.isBlank()) {
            throw problem(fieldPath, "has no value: name where the field comes from");
          }
          if (text) {
            if (!kv && !java.util.Arrays.stream(from.split("\\|")).allMatch(names::contains)) {
              throw problem(fieldPath, "'" + from + "' is no capture of the entry's " + (b.template != null ? "template" : "regex")
                  + " (captures: " + String.join(", ", names) + "); set kv: true to read key=value pairs");
            }
            textFields.put(field.getKey(), from);
          } else {
            fieldPaths.put(field.getKey(), paths(from, fieldPath));
          }
        }
        b.textFields = textFields;
        b.fieldPaths = fieldPaths;
      }
      if (e.time() != null) {
        YamlPath timePath = at.key("time");
        String field = requiredText(e.time().field(), timePath.key("field"));
        String formatName = e.time().format() == null ? "iso8601" : e.time().format();
        TimeSpec.Format format = TimeSpec.Format.of(formatName);
        if (format == null) {
          throw problem(timePath.key("format"), "'" + formatName + "' is not a time format; the formats are "
              + String.join(", ", TimeSpec.Format.NAMES));
        }
        if (text) {
          if (!names.contains(field) && !kv) {
            throw problem(timePath.key("field"), "'" + field + "' is no capture of the entry's match");
          }
        } else {
          b.timePaths = paths(field, timePath.key("field"));
        }
        b.time = new TimeSpec(field, format);
      }
      if (e.outcomeValues() != null) {
        Map<String, Outcome> words = new HashMap<>();
        for (Map.Entry<String, List<String>> word : e.outcomeValues().entrySet()) {
          YamlPath wordPath = at.key("outcome_values").key(word.getKey());
          Outcome outcome = outcome(word.getKey(), wordPath);
          if (word.getValue() == null || word.getValue().isEmpty()) {
            throw problem(wordPath, "is empty; list the words that mean " + word.getKey());
          }
          for (String value : word.getValue()) {
            words.put(value, outcome);
            words.putIfAbsent(value.toLowerCase(Locale.ROOT), outcome);
          }
        }
        b.outcomeWords = words;
      }
      if (e.classification() != null) {
        b.classification = classification(e.classification(), at.key("classification"));
      }
      return new CatalogueEntry(b);
    }

    private List<String> textMatch(CatalogueFile.Match match, YamlPath at, CatalogueEntry.Builder b) {
      if (match.template() != null && match.regex() != null) {
        throw problem(at.key("regex"), "an entry has a template or a regex, not both");
      }
      List<String> names;
      String lead = null;
      if (match.template() != null) {
        try {
          b.template = TextTemplate.compile(match.template());
        } catch (IllegalArgumentException e) {
          throw problem(at.key("template"), "the template " + e.getMessage());
        }
        names = b.template.names();
        lead = b.template.leadingLiteral();
      } else {
        try {
          b.regex = Pattern.compile(match.regex());
        } catch (PatternSyntaxException e) {
          throw problem(at.key("regex"), "is not a valid RE2 expression: " + e.getDescription());
        }
        List<String> groups = new ArrayList<>();
        java.util.regex.Matcher group = GROUP_NAME.matcher(match.regex());
        while (group.find()) {
          groups.add(group.group(1));
        }
        names = groups;
        b.regexNames = groups;
      }
      if (match.programs() != null) {
        if (match.programs().isEmpty()) {
          throw problem(at.key("programs"), "is an empty list; name the programs, or remove the key to match any");
        }
        b.programs = Set.copyOf(match.programs());
      }
      if (match.contains() != null) {
        if (match.contains().isEmpty()) {
          throw problem(at.key("contains"), "is empty");
        }
        b.contains = match.contains();
      }
      if (b.programs.isEmpty() && (lead == null || lead.length() < 2) && b.contains == null) {
        throw problem(at, "needs programs, a template that opens with a literal of two characters or more, or contains:"
            + " a record must not be tried against every entry");
      }
      b.keyValues = Boolean.TRUE.equals(match.kv());
      if (match.values() != null) {
        Map<String, Condition> values = new LinkedHashMap<>();
        for (Map.Entry<String, Object> value : match.values().entrySet()) {
          YamlPath valuePath = at.key("values").key(value.getKey());
          if (!names.contains(value.getKey()) && !b.keyValues) {
            throw problem(valuePath, "'" + value.getKey() + "' is no capture of the entry's match (captures: "
                + String.join(", ", names) + ")");
          }
          values.put(value.getKey(), condition(value.getValue(), valuePath));
        }
        b.values = values;
      }
      return names;
    }

    private void fieldMatch(Map<String, Object> fields, YamlPath at, CatalogueEntry.Builder b) {
      List<Path[]> paths = new ArrayList<>();
      List<Condition> conditions = new ArrayList<>();
      for (Map.Entry<String, Object> field : fields.entrySet()) {
        YamlPath fieldPath = at.key(field.getKey());
        paths.add(paths(field.getKey(), fieldPath));
        conditions.add(condition(field.getValue(), fieldPath));
      }
      b.conditionPaths = paths;
      b.conditions = conditions;
    }

    private Path[] paths(String alternatives, YamlPath at) {
      String[] parts = alternatives.split("\\|", -1);
      Path[] paths = new Path[parts.length];
      for (int i = 0; i < parts.length; i++) {
        String part = parts[i].strip();
        if (part.isEmpty() || part.startsWith(".") || part.endsWith(".") || part.contains("..")) {
          throw problem(at, "'" + alternatives + "' is not a field path: dotted names, '|' between alternatives");
        }
        paths[i] = JsonFields.path(part);
      }
      return paths;
    }

    @SuppressWarnings("unchecked")
    private Condition condition(Object value, YamlPath at) {
      if (value == null) {
        throw problem(at, "has no value: give the values it must equal, or a condition such as {exists: true}");
      }
      if (value instanceof List<?> list) {
        if (list.isEmpty()) {
          throw problem(at, "is an empty list; it would never match");
        }
        return new Condition.OneOf(texts(list, at));
      }
      if (value instanceof Map<?, ?> map) {
        if (map.size() != 1) {
          throw problem(at, "must hold exactly one condition of " + String.join(", ", new java.util.TreeSet<>(CONDITION_KEYS)));
        }
        Map.Entry<String, Object> only = ((Map<String, Object>) map).entrySet().iterator().next();
        String key = only.getKey();
        Object argument = only.getValue();
        YamlPath keyPath = at.key(key);
        return switch (key) {
          case "exists" -> {
            if (!(argument instanceof Boolean present)) {
              throw problem(keyPath, "must be true or false");
            }
            yield new Condition.Exists(present);
          }
          case "prefix" -> new Condition.Prefix(List.copyOf(texts(asList(argument), keyPath)));
          case "not" -> new Condition.NoneOf(texts(asList(argument), keyPath));
          case "contains" -> new Condition.Contains(List.copyOf(texts(asList(argument), keyPath)));
          case "path_segment" -> new Condition.PathSegment(texts(asList(argument), keyPath));
          case "regex" -> {
            if (!(argument instanceof String expression)) {
              throw problem(keyPath, "must be an RE2 expression in quotes");
            }
            try {
              yield new Condition.Matches(Pattern.compile(expression));
            } catch (PatternSyntaxException e) {
              throw problem(keyPath, "is not a valid RE2 expression: " + e.getDescription());
            }
          }
          default -> {
            String known = String.join(", ", new java.util.TreeSet<>(CONDITION_KEYS));
            String hint = KeySuggestion.closest(key, CONDITION_KEYS).map(s -> "; did you mean '" + s + "'?").orElse("");
            throw problem(keyPath, "'" + key + "' is not a condition (" + known + ")" + hint);
          }
        };
      }
      return new Condition.OneOf(Set.of(String.valueOf(value)));
    }

    private static List<?> asList(Object argument) {
      return argument instanceof List<?> list ? list : argument == null ? List.of() : List.of(argument);
    }

    private Set<String> texts(List<?> values, YamlPath at) {
      Set<String> texts = new LinkedHashSet<>();
      for (Object value : values) {
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
          throw problem(at, "holds a value that is not text or a number");
        }
        texts.add(String.valueOf(value));
      }
      if (texts.isEmpty()) {
        throw problem(at, "is empty; it would never match");
      }
      return texts;
    }

    private void checkFieldName(String name, YamlPath at) {
      if (name.indexOf('.') >= 0 || CanonicalFields.isCanonical(name)) {
        return;
      }
      String hint = KeySuggestion.closest(name, CanonicalFields.NAMES).map(s -> "; did you mean '" + s + "'?")
          .orElse("");
      throw problem(at, "'" + name + "' is not a canonical field (" + String.join(", ", CanonicalFields.NAMES)
          + ") nor an attribute (a key with a dot)" + hint);
    }

    private Classification classification(CatalogueFile.ClassificationEntry c, YamlPath at) {
      Category category = null;
      if (c.category() != null) {
        category = CanonicalFields.category(c.category());
        if (category == null) {
          throw problem(at.key("category"), "'" + c.category() + "' is not a category ("
              + String.join(", ", java.util.Arrays.stream(Category.values()).map(Enum::name).toList()) + ")");
        }
      }
      if (c.action() != null && c.action().isBlank()) {
        throw problem(at.key("action"), "is empty");
      }
      Outcome outcome = c.outcome() == null ? null : outcome(c.outcome(), at.key("outcome"));
      if (c.changeKind() != null && !Classification.CHANGE_KINDS.contains(c.changeKind())) {
        throw problem(at.key("change_kind"), "'" + c.changeKind() + "' is not a change kind ("
            + String.join(", ", Classification.CHANGE_KINDS) + ")");
      }
      if ("config_change".equals(c.action()) && c.changeKind() == null) {
        throw problem(at, "a config_change needs change_kind (" + String.join(", ", Classification.CHANGE_KINDS) + ")");
      }
      return new Classification(category, c.action(), outcome, c.changeKind(), c.severity(), c.targetKind(),
          c.targetName());
    }

    private Outcome outcome(String name, YamlPath at) {
      try {
        return Outcome.valueOf(name);
      } catch (IllegalArgumentException e) {
        throw problem(at, "'" + name + "' is not an outcome (SUCCESS, FAILURE, UNKNOWN)");
      }
    }

    private String requiredText(String value, YamlPath at) {
      if (value == null) {
        throw problem(at, "required key is missing");
      }
      if (value.isBlank()) {
        throw problem(at, "is empty");
      }
      return value;
    }
  }
}
