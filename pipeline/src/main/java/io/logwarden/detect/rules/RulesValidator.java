package io.logwarden.detect.rules;

import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyException;
import io.logwarden.policy.SecurityRouting;
import io.logwarden.policy.YamlLineLocator;
import io.logwarden.policy.YamlPath;
import io.logwarden.policy.YamlValidator;
import io.logwarden.schema.Category;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a bound {@link RulesFile.Document} makes sense as detection rules for a policy and
 * builds the {@link RuleSet}; the first problem found is thrown as a {@link PolicyException} with
 * the line of the offending key and a path that names the rule by its id, e.g.
 * {@code rules[auth.brute_force.user].threshold}.
 *
 * <p>What a rule needs depends on its type: a count or distinct count has {@code match} and
 * {@code threshold} (a distinct count also {@code distinct}); a sequence has {@code first} (events or
 * other rules' alerts, {@code at_least} times) and {@code then}. A key that belongs to another type
 * is refused rather than ignored, since it shows the rule is not what its author thinks it is.
 *
 * <p>A rule on the security-events topic whose actions the policy's {@code security_routing} does
 * not send there is only warned about, as the policy warns about a store no route feeds: the
 * policy may be changed to match, and until then the rule sees no events.
 */
final class RulesValidator extends YamlValidator {

  private static final Logger LOG = LoggerFactory.getLogger(RulesValidator.class);

  /** The units of the rules file's durations. */
  static final List<String> UNITS = List.of("ms", "s", "m", "h", "d");

  /** What a rule that does not say, in a file whose {@code defaults} do not say either, uses. */
  static final Duration DEFAULT_SUPPRESSION = Duration.ofSeconds(600);
  static final Duration DEFAULT_GRACE = Duration.ofSeconds(30);
  static final Duration DEFAULT_UPDATE_INTERVAL = Duration.ofSeconds(30);

  /** The placeholders a summary may use. */
  static final List<String> PLACEHOLDERS = List.of("count", "distinct", "key", "threshold", "window");

  /** The input that is the security-events topic, and the prefix of a store's topic. */
  static final String SECURITY_EVENTS = "security_events";
  static final String STORE_INPUT = "store:";

  private static final Pattern RULE_ID = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*");
  private static final Pattern ATTACK_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)\\}");

  private static final List<Severity> SEVERITIES =
      List.of(Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL);

  private static final String WINDOW_RULE =
      "a window is a positive duration, a whole number and a unit (ms, s, m, h, d), e.g. 120s";
  private static final String SUPPRESSION_RULE =
      "a suppression is a duration of zero or more, a whole number and a unit (ms, s, m, h, d), e.g. 600s";
  private static final String UPDATE_INTERVAL_RULE =
      "an update_interval is a duration of zero or more, a whole number and a unit (ms, s, m, h, d), e.g. 30s;"
          + " 0s sends an UPDATED record for every matching event";
  private static final String GRACE_RULE =
      "a grace is a duration of zero or more, a whole number and a unit (ms, s, m, h, d), e.g. 30s";
  private static final String ACTION_RULE = "an action name; actions are lower snake case words, e.g. sign_in";
  private static final String FLAG_RULE = "a flag name; flags are lower snake case words, e.g. future_time";

  private final Policy policy;

  RulesValidator(String sourceName, YamlLineLocator locator, Policy policy) {
    super(sourceName, locator);
    this.policy = policy;
  }

  /** The settings a rule falls back on. */
  private record Defaults(Duration suppression, Duration grace, Duration updateInterval, int signalCap) {}

  RuleSet validate(RulesFile.Document document) {
    YamlPath root = YamlPath.root();
    Defaults defaults = defaults(document.defaults(), root.key("defaults"));
    YamlPath rulesPath = root.key("rules");
    List<RulesFile.RuleEntry> entries = required(document.rules(), rulesPath);
    if (entries.isEmpty()) {
      throw problem(rulesPath, "declares no rule; a rules file needs at least one");
    }
    List<DetectionRule> rules = new ArrayList<>(entries.size());
    List<YamlPath> paths = new ArrayList<>(entries.size());
    Map<String, YamlPath> ids = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      RulesFile.RuleEntry entry = required(entries.get(i), rulesPath.index(i));
      YamlPath path = entry.id() == null || entry.id().isBlank() ? rulesPath.index(i) : rulesPath.entry(i, entry.id());
      String id = ruleId(entry.id(), path.key("id"), ids);
      rules.add(rule(id, entry, path, defaults));
      paths.add(path);
    }
    for (int i = 0; i < rules.size(); i++) {
      checkFollowedAlerts(rules.get(i), rules, paths.get(i).key("first").key("alerts"));
    }
    return new RuleSet(sourceName, rules);
  }

  private Defaults defaults(RulesFile.Defaults entry, YamlPath path) {
    RulesFile.Defaults given = optional(entry, path, null);
    if (given == null) {
      return new Defaults(DEFAULT_SUPPRESSION, DEFAULT_GRACE, DEFAULT_UPDATE_INTERVAL, DetectionRule.DEFAULT_SIGNAL_CAP);
    }
    return new Defaults(
        setting(given.suppression(), path.key("suppression"), DEFAULT_SUPPRESSION, SUPPRESSION_RULE),
        setting(given.grace(), path.key("grace"), DEFAULT_GRACE, GRACE_RULE),
        setting(given.updateInterval(), path.key("update_interval"), DEFAULT_UPDATE_INTERVAL, UPDATE_INTERVAL_RULE),
        signalCap(given.signalCap(), path.key("signal_cap"), DetectionRule.DEFAULT_SIGNAL_CAP, 0));
  }

  private Duration setting(String value, YamlPath path, Duration absent, String rule) {
    String text = optionalText(value, path);
    return text == null ? absent : duration(text, path, UNITS, true, rule);
  }

  private String ruleId(String value, YamlPath path, Map<String, YamlPath> ids) {
    String id = requiredText(value, path);
    if (!RULE_ID.matcher(id).matches()) {
      throw problem(path, "rule id " + PolicyException.quote(id) + " is not allowed; rule ids are lower-case "
          + "words of letters, digits and '_' joined by dots, e.g. auth.brute_force.source");
    }
    YamlPath earlier = ids.putIfAbsent(id, path);
    if (earlier != null) {
      throw problem(path, "rule id " + PolicyException.quote(id) + " is already used by the rule at line "
          + locator.lineOf(earlier) + "; every rule needs its own id");
    }
    return id;
  }

  // ---- one rule

  private DetectionRule rule(String id, RulesFile.RuleEntry entry, YamlPath path, Defaults defaults) {
    String title = requiredText(entry.title(), path.key("title"));
    YamlPath severityPath = path.key("severity");
    Severity severity = oneOf(requiredText(entry.severity(), severityPath), SEVERITIES, Severity::name,
        severityPath, "severity", "severities");
    List<String> attack = attack(entry.attack(), path.key("attack"));
    YamlPath typePath = path.key("type");
    RuleType type = oneOf(requiredText(entry.type(), typePath), Arrays.asList(RuleType.values()),
        RuleType::yamlName, typePath, "type", "types");
    String inputStore = input(optionalText(entry.input(), path.key("input")), path.key("input"));
    List<KeyField> key = key(entry.key(), path.key("key"));
    KeyField distinct = distinct(entry, type, key, path.key("distinct"));

    EventCondition match;
    int threshold;
    EventCondition then;
    List<String> afterAlerts;
    if (type == RuleType.SEQUENCE) {
      refuseKey(entry.match(), path.key("match"),
          "a sequence matches its events in first.match and then.match; move this match under first or then");
      refuseKey(entry.threshold(), path.key("threshold"),
          "a sequence counts its first step with first.at_least; move the threshold there");
      YamlPath firstPath = path.key("first");
      RulesFile.FirstEntry first = required(entry.first(), firstPath);
      afterAlerts = firstStepAlerts(first, firstPath);
      match = afterAlerts.isEmpty() ? condition(first.match(), firstPath.key("match"), false) : null;
      threshold = threshold(first.atLeast(), firstPath.key("at_least"));
      YamlPath thenPath = path.key("then");
      then = condition(required(entry.then(), thenPath).match(), thenPath.key("match"), false);
    } else {
      String another = "; remove it, or write type: sequence";
      refuseKey(entry.first(), path.key("first"), "only a sequence has a first step" + another);
      refuseKey(entry.then(), path.key("then"), "only a sequence has a then step" + another);
      match = condition(entry.match(), path.key("match"), true);
      threshold = threshold(entry.threshold(), path.key("threshold"));
      then = null;
      afterAlerts = List.of();
    }

    YamlPath windowPath = path.key("window");
    Duration window = duration(requiredText(entry.window(), windowPath), windowPath, UNITS, false, WINDOW_RULE);
    Duration suppression = setting(entry.suppression(), path.key("suppression"), defaults.suppression(),
        SUPPRESSION_RULE);
    Duration grace = setting(entry.grace(), path.key("grace"), defaults.grace(), GRACE_RULE);
    Duration updateInterval = setting(entry.updateInterval(), path.key("update_interval"), defaults.updateInterval(),
        UPDATE_INTERVAL_RULE);
    int signalCap = signalCap(entry.signalCap(), path.key("signal_cap"), defaults.signalCap(), threshold);
    if (inputStore == null) {
      warnIfUnrouted(match, type == RuleType.SEQUENCE ? path.key("first").key("match") : path.key("match"));
      warnIfUnrouted(then, path.key("then").key("match"));
    }
    String summary = summary(optionalText(entry.summary(), path.key("summary")), type, distinct,
        path.key("summary"));
    return new DetectionRule(id, title, severity, attack, type, inputStore, match, key, distinct, threshold,
        window, then, afterAlerts, suppression, grace, updateInterval, signalCap, summary);
  }

  private List<String> attack(List<String> values, YamlPath path) {
    List<String> ids = optionalList(values, path);
    Map<String, YamlPath> seen = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      YamlPath idPath = path.index(i);
      String id = ids.get(i);
      if (!ATTACK_ID.matcher(id).matches()) {
        throw problem(idPath, PolicyException.quote(id)
            + " is not an ATT&CK technique id; write T and four digits, with a sub-technique after a dot: T1110, T1110.001");
      }
      YamlPath earlier = seen.putIfAbsent(id, idPath);
      if (earlier != null) {
        throw problem(idPath, PolicyException.quote(id) + " is already listed at " + earlier);
      }
    }
    return List.copyOf(seen.keySet());
  }

  /** The store whose topic the rule reads, or null for the security-events topic. */
  private String input(String text, YamlPath path) {
    if (text == null || text.equals(SECURITY_EVENTS)) {
      return null;
    }
    if (!text.startsWith(STORE_INPUT)) {
      throw problem(path, PolicyException.quote(text) + " is not an input; write " + SECURITY_EVENTS
          + " (the default) or " + STORE_INPUT + "<store id>, e.g. " + STORE_INPUT + "sentry");
    }
    String store = text.substring(STORE_INPUT.length());
    if (!policy.stores().containsKey(store)) {
      throw problem(path, "unknown store " + PolicyException.quote(store)
          + " (declared stores: " + String.join(", ", policy.stores().keySet()) + ")");
    }
    return store;
  }

  private List<KeyField> key(List<String> names, YamlPath path) {
    return List.copyOf(named(textList(names, path), path, KeyField.values(), KeyField::fieldName, "key field",
        "key fields"));
  }

  private KeyField keyField(String name, YamlPath path) {
    return oneOf(name, Arrays.asList(KeyField.values()), KeyField::fieldName, path, "key field", "key fields");
  }

  private KeyField distinct(RulesFile.RuleEntry entry, RuleType type, List<KeyField> key, YamlPath path) {
    if (type != RuleType.DISTINCT_COUNT) {
      refuseKey(entry.distinct(), path,
          "only a distinct_count rule counts distinct values; remove it, or write type: distinct_count");
      return null;
    }
    KeyField distinct = keyField(requiredText(entry.distinct(), path), path);
    if (key.contains(distinct)) {
      throw problem(path, PolicyException.quote(distinct.fieldName())
          + " is a key field of the rule; a key has one value of it, so count the distinct values of another field");
    }
    return distinct;
  }

  /** Refuses a key the rule's type has no use for, whether or not it has a value. */
  private void refuseKey(Object value, YamlPath path, String problem) {
    if (present(value, path)) {
      throw problem(path, problem);
    }
  }

  /** A {@code signal_cap}: at least the rule's threshold (0 under defaults) and {@link DetectionRule#MIN_SIGNAL_CAP}; when absent, the default raised to the threshold. */
  private int signalCap(Integer value, YamlPath path, int absent, int threshold) {
    if (value == null) {
      return Math.max(absent, threshold); // a threshold above the default cap raises the rule's cap to it
    }
    int least = Math.max(threshold, DetectionRule.MIN_SIGNAL_CAP);
    if (value < least) {
      throw problem(path, "must be a whole number of at least " + least
          + " (the threshold, and the 10 signals an alert's samples come from)");
    }
    return value;
  }

  private int threshold(Integer value, YamlPath path) {
    int threshold = required(value, path);
    if (threshold < 1) {
      throw problem(path, "must be a whole number of at least 1");
    }
    return threshold;
  }

  // ---- sequences

  /** The rules whose alerts are the first step, or none when the first step is events. */
  private List<String> firstStepAlerts(RulesFile.FirstEntry first, YamlPath path) {
    YamlPath alertsPath = path.key("alerts");
    boolean events = present(first.match(), path.key("match"));
    if (!present(first.alerts(), alertsPath)) {
      if (!events) {
        throw problem(path, "needs match (the events of the first step) or alerts "
            + "(the rules whose alerts are the first step)");
      }
      return List.of();
    }
    if (events) {
      throw problem(alertsPath, "a first step is either events (match) or other rules' alerts (alerts), not both");
    }
    List<String> ids = textList(first.alerts(), alertsPath);
    Map<String, YamlPath> seen = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      YamlPath idPath = element(alertsPath, i);
      YamlPath earlier = seen.putIfAbsent(ids.get(i), idPath);
      if (earlier != null) {
        throw problem(idPath, PolicyException.quote(ids.get(i)) + " is already listed at " + earlier);
      }
    }
    return List.copyOf(seen.keySet());
  }

  /**
   * Checks the rules a sequence follows the alerts of: other rules of the file (before or after it)
   * that themselves match events, so that no chain of rules can follow itself, and that key their
   * alerts by a field the sequence is keyed by too, or their alerts could never meet its events.
   */
  private void checkFollowedAlerts(DetectionRule rule, List<DetectionRule> rules, YamlPath path) {
    List<DetectionRule> others = rules.stream().filter(other -> !other.id().equals(rule.id())).toList();
    for (int i = 0; i < rule.afterAlerts().size(); i++) {
      String id = rule.afterAlerts().get(i);
      YamlPath idPath = element(path, i);
      if (id.equals(rule.id())) {
        throw problem(idPath, "a rule cannot follow its own alerts");
      }
      DetectionRule followed = oneOf(id, others, DetectionRule::id, idPath, "rule", "other rules");
      if (followed.followsAlerts()) {
        throw problem(idPath, "rule " + PolicyException.quote(id) + " itself follows alerts; a sequence may "
            + "follow only the alerts of rules that match events, so that rules never follow each other in a cycle");
      }
      if (followed.key().stream().noneMatch(rule.key()::contains)) {
        throw problem(idPath, "rule " + PolicyException.quote(id) + " keys its alerts by " + fieldNames(followed.key())
            + ", none of this rule's key fields (" + fieldNames(rule.key()) + "); its alerts could never match");
      }
    }
  }

  /**
   * Warns about a condition on the security-events topic that names only actions the policy does
   * not route there (and no flag it routes there): no event it matches ever reaches the rule.
   */
  private void warnIfUnrouted(EventCondition condition, YamlPath path) {
    SecurityRouting routing = policy.securityRouting();
    if (condition == null || condition.actions().isEmpty()
        || condition.actions().stream().anyMatch(routing.actions()::contains)
        || condition.flags().stream().anyMatch(routing.flags()::contains)) {
      return;
    }
    YamlPath actionPath = path.key("action");
    LOG.warn(PolicyException.format(sourceName, locator.lineOf(actionPath), actionPath.toString(),
        "the policy's security_routing sends none of these actions to " + policy.topics().securityEvents().name()
            + " (it sends " + String.join(", ", routing.actions().stream().sorted().toList())
            + "); add them to security_routing.actions, or the rule never sees its events"));
  }

  // ---- event conditions

  /**
   * The conditions of a {@code match}; with {@code refuseEmpty}, one that places none (and so would
   * count every event) is refused.
   */
  private EventCondition condition(RulesFile.MatchEntry entry, YamlPath path, boolean refuseEmpty) {
    RulesFile.MatchEntry match = required(entry, path);
    EventCondition condition = new EventCondition(
        named(match.category(), path.key("category"), Category.values(), Category::name, "category", "categories"),
        words(optionalList(match.action(), path.key("action")), path.key("action"), ACTION_RULE),
        named(match.outcome(), path.key("outcome"), Outcome.values(), Outcome::name, "outcome", "outcomes"),
        words(optionalList(match.flags(), path.key("flags")), path.key("flags"), FLAG_RULE),
        optional(match.errorsOnly(), path.key("errors_only"), false));
    if (refuseEmpty && condition.categories().isEmpty() && condition.actions().isEmpty()
        && condition.outcomes().isEmpty() && condition.flags().isEmpty() && !condition.errorsOnly()) {
      throw problem(path, "matches every event; give at least one of category, action, outcome, flags, "
          + "or errors_only: true");
    }
    return condition;
  }

  /** The values a list that may be left out names, each refused at its own entry if unknown or repeated. */
  private <E> Set<E> named(List<String> names, YamlPath path, E[] known, Function<E, String> nameOf,
      String what, String plural) {
    List<String> texts = optionalList(names, path);
    Map<E, YamlPath> values = new LinkedHashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      YamlPath namePath = element(path, i);
      YamlPath earlier = values.putIfAbsent(oneOf(texts.get(i), Arrays.asList(known), nameOf, namePath, what,
          plural), namePath);
      if (earlier != null) {
        throw problem(namePath, PolicyException.quote(texts.get(i)) + " is already listed at " + earlier);
      }
    }
    return values.keySet();
  }

  /** A list that may be left out (then empty); written, it needs one or more entries. */
  private List<String> optionalList(List<String> values, YamlPath path) {
    return present(values, path) ? textList(values, path) : List.of();
  }

  // ---- summaries

  private String summary(String text, RuleType type, KeyField distinct, YamlPath path) {
    if (text == null) {
      return switch (type) {
        case COUNT -> "{count} matching events for {key} within {window}";
        case DISTINCT_COUNT -> "{distinct} distinct " + distinct.fieldName() + " values for {key} within {window}";
        case SEQUENCE -> "{key} completed the sequence after {count} first steps within {window}";
      };
    }
    Matcher placeholder = PLACEHOLDER.matcher(text);
    while (placeholder.find()) {
      String name = placeholder.group(1);
      if (!PLACEHOLDERS.contains(name)) {
        throw problem(path, "unknown placeholder " + PolicyException.quote("{" + name + "}") + " (placeholders: "
            + PLACEHOLDERS.stream().map(p -> "{" + p + "}").collect(Collectors.joining(", ")) + ")");
      }
      if (name.equals("distinct") && type != RuleType.DISTINCT_COUNT) {
        throw problem(path, "{distinct} is the number of distinct values of a distinct_count rule; a "
            + type.yamlName() + " rule has none");
      }
    }
    String rest = PLACEHOLDER.matcher(text).replaceAll("");
    if (rest.contains("{") || rest.contains("}")) {
      throw problem(path, "has a brace that is not part of a placeholder; a placeholder is a name in braces, "
          + "e.g. {count}");
    }
    return text;
  }

  private static String fieldNames(List<KeyField> fields) {
    return fields.stream().map(KeyField::fieldName).collect(Collectors.joining(", "));
  }
}
