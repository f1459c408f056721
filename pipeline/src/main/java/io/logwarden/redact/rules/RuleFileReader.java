package io.logwarden.redact.rules;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.logwarden.policy.KeySuggestion;
import io.logwarden.policy.PolicyException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and checks a rule file in gitleaks' TOML format (the vendored rule set, logwarden's own
 * rules, or a user's {@code secret_rules_file}), compiling every regex with RE2J. The first problem is
 * thrown as a {@link PolicyException} that reads {@code <file> line N: rules[i].field: problem}, so a
 * bad user file stops the start like a bad policy.
 *
 * <p>Accepted as gitleaks writes them: top-level {@code title}, {@code description},
 * {@code minVersion}; {@code [[rules]]} with {@code id}, {@code description}, {@code regex},
 * {@code secretGroup}, {@code entropy}, {@code keywords}, {@code tags} (ignored), {@code path} (in a
 * shipped file only: such a rule is for files of that path and never fires on a log line),
 * {@code [[rules.allowlists]]} (and the older
 * {@code [rules.allowlist]}); global {@code [allowlist]} or {@code [[allowlists]]} (with
 * {@code targetRules}); {@code [extend]} with {@code useDefault = true} and {@code disabledRules}.
 * Refused: what logwarden cannot honour ({@code [[rules.required]]}, {@code skipReport}, an extend by
 * path or URL) and rules that would cost every line a regex run (no keywords, or a keyword shorter
 * than {@value #SHORTEST_KEYWORD} characters).
 */
final class RuleFileReader {

  /** The shortest keyword a rule may have: a shorter one would send most lines to the rule's regex. */
  static final int SHORTEST_KEYWORD = 3;
  /** Above any text's Shannon entropy per character that a threshold could sensibly ask for. */
  static final double HIGHEST_ENTROPY = 8;

  private static final TomlMapper MAPPER = new TomlMapper();
  private static final java.util.regex.Pattern ID = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private static final Set<String> TOP_KEYS = Set.of("title", "description", "minVersion", "rules", "allowlist",
      "allowlists", "extend");
  private static final Set<String> RULE_KEYS = Set.of("id", "description", "regex", "secretGroup", "entropy",
      "keywords", "allowlists", "allowlist", "path", "tags");
  private static final Set<String> ALLOWLIST_KEYS = Set.of("description", "condition", "commits", "paths",
      "regexTarget", "regexes", "stopwords");
  private static final Set<String> GLOBAL_ALLOWLIST_KEYS = union(ALLOWLIST_KEYS, Set.of("targetRules"));
  private static final Set<String> EXTEND_KEYS = Set.of("useDefault", "disabledRules", "path", "url");
  private static final Map<String, String> UNSUPPORTED = Map.of(
      "required", "multi-part rules ([[rules.required]]) are not supported; write one rule whose regex finds the secret",
      "skipReport", "is not supported: a rule that finds a secret redacts it");

  private final String sourceName;
  private final TomlLines lines;
  private final boolean userFile;

  private RuleFileReader(String sourceName, TomlLines lines, boolean userFile) {
    this.sourceName = sourceName;
    this.lines = lines;
    this.userFile = userFile;
  }

  /**
   * Reads one rule file.
   *
   * @param sourceName the file's name in messages
   * @param userFile whether it is a user's file, where a rule with a {@code path} is refused (it would
   *     never fire); in a shipped file such a rule is read and left out of the rule set
   * @throws PolicyException at the line of the first problem
   */
  static RuleFile read(String text, String sourceName, boolean userFile) {
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JacksonException e) {
      JsonLocation at = e.getLocation();
      throw new PolicyException(sourceName, at == null ? -1 : at.getLineNr(), "",
          "is not valid TOML: " + e.getOriginalMessage(), e);
    }
    if (root == null || root.isEmpty()) {
      throw new PolicyException(sourceName, -1, "", "the file holds no rules; it is empty or only comments");
    }
    return new RuleFileReader(sourceName, TomlLines.of(text), userFile).file(root);
  }

  private RuleFile file(JsonNode root) {
    TomlPath top = TomlPath.ROOT;
    checkKeys(root, top, TOP_KEYS);
    for (String key : List.of("title", "description", "minVersion")) {
      optionalText(root.get(key), top.key(key));
    }
    List<RuleFile.Targeted> allowlists = new ArrayList<>();
    if (root.has("allowlist") && root.has("allowlists")) {
      throw problem(top.key("allowlist"), "[allowlist] is the older spelling of [[allowlists]]; use one of them");
    }
    if (root.has("allowlist")) {
      allowlists.add(globalAllowlist(root.get("allowlist"), top.key("allowlist")));
    }
    if (root.has("allowlists")) {
      JsonNode list = root.get("allowlists");
      TomlPath path = top.key("allowlists");
      if (!list.isArray()) {
        throw problem(path, "must be a list of tables ([[allowlists]])");
      }
      for (int i = 0; i < list.size(); i++) {
        allowlists.add(globalAllowlist(list.get(i), path.index(i)));
      }
    }
    List<RuleFile.Reference> disabled = root.has("extend") ? extend(root.get("extend"), top.key("extend")) : List.of();
    JsonNode rules = root.get("rules");
    TomlPath rulesPath = top.key("rules");
    List<SecretRule> read = new ArrayList<>();
    if (rules != null) {
      if (!rules.isArray()) {
        throw problem(rulesPath, "must be a list of tables ([[rules]])");
      }
      Map<String, TomlPath> ids = new HashMap<>();
      for (int i = 0; i < rules.size(); i++) {
        SecretRule rule = rule(rules.get(i), rulesPath.index(i));
        TomlPath earlier = ids.putIfAbsent(rule.id(), rulesPath.index(i));
        if (earlier != null) {
          throw problem(rulesPath.index(i).key("id"), "'" + rule.id() + "' is already the id of " + earlier
              + " (line " + lines.lineOf(earlier.key("id")) + ")");
        }
        read.add(rule);
      }
    }
    if (read.isEmpty() && allowlists.isEmpty() && disabled.isEmpty()) {
      throw problem(rulesPath, "the file has no [[rules]], no allowlist and no disabledRules; it would change nothing");
    }
    return new RuleFile(sourceName, read, allowlists, disabled);
  }

  private List<RuleFile.Reference> extend(JsonNode extend, TomlPath path) {
    if (!extend.isObject()) {
      throw problem(path, "must be a table ([extend])");
    }
    checkKeys(extend, path, EXTEND_KEYS);
    for (String key : List.of("path", "url")) {
      if (extend.has(key)) {
        throw problem(path.key(key), "is not supported: put your rules in this one file; logwarden adds them to its"
            + " shipped rules");
      }
    }
    JsonNode useDefault = extend.get("useDefault");
    if (useDefault != null) {
      if (!useDefault.isBoolean()) {
        throw problem(path.key("useDefault"), "must be true or false");
      }
      if (!useDefault.booleanValue()) {
        throw problem(path.key("useDefault"), "logwarden always runs its shipped rules besides yours; turn single"
            + " ones off with disabledRules");
      }
    }
    List<RuleFile.Reference> disabled = new ArrayList<>();
    JsonNode list = extend.get("disabledRules");
    if (list != null) {
      TomlPath listPath = path.key("disabledRules");
      List<String> ids = texts(list, listPath);
      for (int i = 0; i < ids.size(); i++) {
        disabled.add(new RuleFile.Reference(ids.get(i), lines.lineOf(listPath.index(i)), listPath.index(i).toString()));
      }
    }
    return disabled;
  }

  private SecretRule rule(JsonNode rule, TomlPath path) {
    if (!rule.isObject()) {
      throw problem(path, "must be a table ([[rules]])");
    }
    checkKeys(rule, path, RULE_KEYS);
    String id = requiredText(rule.get("id"), path.key("id"));
    if (!ID.matcher(id).matches()) {
      throw problem(path.key("id"), "'" + id + "' is not an id: lower-case letters, digits, '_', '.' and '-', starting"
          + " with a letter or digit (it becomes the kind in [REDACTED:<id>])");
    }
    String description = optionalText(rule.get("description"), path.key("description"));
    String filePath = optionalText(rule.get("path"), path.key("path"));
    if (filePath != null && userFile) {
      throw problem(path.key("path"), "a log line has no file path, so a rule with a path would never fire; remove"
          + " the path");
    }
    if (rule.has("tags")) {
      texts(rule.get("tags"), path.key("tags"));
    }
    Pattern regex = regex(rule.get("regex"), path.key("regex"));
    int secretGroup = 0;
    if (rule.has("secretGroup")) {
      JsonNode group = rule.get("secretGroup");
      TomlPath groupPath = path.key("secretGroup");
      if (!group.isIntegralNumber() || !group.canConvertToInt() || group.intValue() < 0) {
        throw problem(groupPath, "must be a whole number of 0 or more (the capture group that is the secret)");
      }
      secretGroup = group.intValue();
      int groups = regex.groupCount();
      if (secretGroup > groups) {
        throw problem(groupPath, secretGroup + " names no capture group: the regex has " + groups);
      }
    }
    double entropy = 0;
    if (rule.has("entropy")) {
      JsonNode value = rule.get("entropy");
      if (!value.isNumber() || value.doubleValue() < 0 || value.doubleValue() > HIGHEST_ENTROPY
          || Double.isNaN(value.doubleValue())) {
        throw problem(path.key("entropy"), "must be a number from 0 to " + (int) HIGHEST_ENTROPY
            + " (the Shannon entropy in bits per character a secret must exceed; 0: no check)");
      }
      entropy = value.doubleValue();
    }
    TomlPath keywordsPath = path.key("keywords");
    if (!rule.has("keywords")) {
      throw problem(keywordsPath, "required key is missing: list texts one of which must occur in a line (case is"
          + " ignored) for the regex to run on it; without them every line would run the regex");
    }
    List<String> keywords = texts(rule.get("keywords"), keywordsPath);
    if (keywords.isEmpty()) {
      throw problem(keywordsPath, "is an empty list; name at least one keyword, or every line would run the regex");
    }
    for (int i = 0; i < keywords.size(); i++) {
      String keyword = keywords.get(i);
      if (keyword.strip().length() < SHORTEST_KEYWORD) {
        throw problem(keywordsPath.index(i), "'" + keyword + "' is too short: a keyword needs " + SHORTEST_KEYWORD
            + " characters or more, or most lines would run the regex");
      }
    }
    List<RuleAllowlist> allowlists = new ArrayList<>();
    if (rule.has("allowlist") && rule.has("allowlists")) {
      throw problem(path.key("allowlist"), "[rules.allowlist] is the older spelling of [[rules.allowlists]]; use one of them");
    }
    if (rule.has("allowlist")) {
      allowlists.add(allowlist(rule.get("allowlist"), path.key("allowlist"), ALLOWLIST_KEYS));
    }
    if (rule.has("allowlists")) {
      JsonNode list = rule.get("allowlists");
      TomlPath listPath = path.key("allowlists");
      if (!list.isArray()) {
        throw problem(listPath, "must be a list of tables ([[rules.allowlists]])");
      }
      for (int i = 0; i < list.size(); i++) {
        allowlists.add(allowlist(list.get(i), listPath.index(i), ALLOWLIST_KEYS));
      }
    }
    return new SecretRule(id, description == null ? "" : description, regex, secretGroup, entropy, keywords, allowlists,
        filePath);
  }

  private RuleFile.Targeted globalAllowlist(JsonNode node, TomlPath path) {
    RuleAllowlist allowlist = allowlist(node, path, GLOBAL_ALLOWLIST_KEYS);
    List<RuleFile.Reference> targets = new ArrayList<>();
    if (node.has("targetRules")) {
      TomlPath targetsPath = path.key("targetRules");
      List<String> ids = texts(node.get("targetRules"), targetsPath);
      for (int i = 0; i < ids.size(); i++) {
        targets.add(new RuleFile.Reference(ids.get(i), lines.lineOf(targetsPath.index(i)),
            targetsPath.index(i).toString()));
      }
    }
    return new RuleFile.Targeted(allowlist, targets);
  }

  private RuleAllowlist allowlist(JsonNode node, TomlPath path, Set<String> keys) {
    if (!node.isObject()) {
      throw problem(path, "must be a table");
    }
    checkKeys(node, path, keys);
    optionalText(node.get("description"), path.key("description"));
    boolean all = false;
    String condition = optionalText(node.get("condition"), path.key("condition"));
    if (condition != null) {
      switch (condition.toUpperCase(Locale.ROOT)) {
        case "AND", "&&" -> all = true;
        case "OR", "||" -> all = false;
        default -> throw problem(path.key("condition"), "'" + condition + "' is not a condition (AND, OR)");
      }
    }
    RuleAllowlist.Target target = RuleAllowlist.Target.SECRET;
    String regexTarget = optionalText(node.get("regexTarget"), path.key("regexTarget"));
    if (regexTarget != null) {
      target = switch (regexTarget) {
        case "secret" -> RuleAllowlist.Target.SECRET;
        case "match" -> RuleAllowlist.Target.MATCH;
        case "line" -> RuleAllowlist.Target.LINE;
        default -> throw problem(path.key("regexTarget"), "'" + regexTarget + "' is not a target (secret, match, line)");
      };
    }
    List<Pattern> regexes = new ArrayList<>();
    if (node.has("regexes")) {
      TomlPath regexesPath = path.key("regexes");
      JsonNode list = node.get("regexes");
      List<String> texts = texts(list, regexesPath);
      for (int i = 0; i < texts.size(); i++) {
        regexes.add(compile(texts.get(i), regexesPath.index(i)));
      }
    }
    List<String> stopwords = new ArrayList<>();
    if (node.has("stopwords")) {
      TomlPath stopwordsPath = path.key("stopwords");
      List<String> texts = texts(node.get("stopwords"), stopwordsPath);
      for (int i = 0; i < texts.size(); i++) {
        if (texts.get(i).isEmpty()) {
          throw problem(stopwordsPath.index(i), "is empty; an empty stopword would allow every secret");
        }
        stopwords.add(texts.get(i));
      }
    }
    boolean located = false;
    for (String key : List.of("paths", "commits")) {
      if (node.has(key)) {
        located |= !texts(node.get(key), path.key(key)).isEmpty();
      }
    }
    if (regexes.isEmpty() && stopwords.isEmpty() && !located) {
      throw problem(path, "must hold at least one check: regexes, stopwords, paths or commits");
    }
    return new RuleAllowlist(all, target, regexes, stopwords, located);
  }

  // ---- values

  private Pattern regex(JsonNode node, TomlPath path) {
    return compile(requiredText(node, path), path);
  }

  private Pattern compile(String expression, TomlPath path) {
    try {
      return Pattern.compile(expression);
    } catch (PatternSyntaxException e) {
      throw problem(path, "is not a valid RE2 expression: " + e.getDescription());
    } catch (RuntimeException e) {
      // RE2J refuses some valid-looking input with other exceptions (e.g. a repeat count over 1000).
      throw problem(path, "is not a valid RE2 expression: " + e.getMessage());
    }
  }

  private String requiredText(JsonNode node, TomlPath path) {
    if (node == null) {
      throw problem(path, "required key is missing");
    }
    String text = optionalText(node, path);
    if (text.isBlank()) {
      throw problem(path, "is empty");
    }
    return text;
  }

  private String optionalText(JsonNode node, TomlPath path) {
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw problem(path, "must be text in quotes");
    }
    return node.textValue();
  }

  private List<String> texts(JsonNode node, TomlPath path) {
    if (!node.isArray()) {
      throw problem(path, "must be a list of texts, e.g. [\"a\", \"b\"]");
    }
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      JsonNode element = node.get(i);
      if (!element.isTextual()) {
        throw problem(path.index(i), "must be text in quotes");
      }
      texts.add(element.textValue());
    }
    return texts;
  }

  private void checkKeys(JsonNode node, TomlPath path, Set<String> known) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String key = names.next();
      if (known.contains(key)) {
        continue;
      }
      String unsupported = UNSUPPORTED.get(key);
      if (unsupported != null && known == RULE_KEYS) {
        throw problem(path.key(key), unsupported);
      }
      String hint = KeySuggestion.closest(key, known).map(s -> "; did you mean '" + s + "'?").orElse("");
      throw problem(path.key(key), "unknown key (keys: " + String.join(", ", new TreeSet<>(known)) + ")" + hint);
    }
  }

  private PolicyException problem(TomlPath path, String problem) {
    return new PolicyException(sourceName, lines.lineOf(path), path.toString(), problem);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
