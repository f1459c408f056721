package io.logwarden.policy;

import io.logwarden.event.FormatIds;
import io.logwarden.schema.Category;
import io.logwarden.schema.serde.Encoding;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that a bound {@link PolicyFile.Document} makes sense as a policy and builds the immutable
 * {@link Policy}; the first problem found is thrown as a {@link PolicyException} with the line of
 * the offending key.
 *
 * <p>A store that no route sends events to is only warned about, not refused: the shipped default
 * lists Sentry, which the policy names as a store, while the default routing sends nothing to it.
 *
 * <p>The optional sections fall back to what the pipeline did before they existed: an absent
 * {@code security_routing} (or an absent list in it) means {@link SecurityRouting#defaults()}, absent
 * {@code sources} and {@code json_mappings} mean none. An explicitly empty list or mapping is taken
 * as written, so a policy can turn security routing off; a key written without a value is refused,
 * as everywhere else in the file.
 */
final class PolicyValidator extends YamlValidator {

  private static final Logger LOG = LoggerFactory.getLogger(PolicyValidator.class);

  private static final Pattern STORE_ID = Pattern.compile("[a-z0-9_-]+");
  private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern ROLE_ID = Pattern.compile("[a-z][a-z0-9_]*");
  // Kafka principals are TYPE:NAME (User:alice, or a certificate's distinguished name after User:).
  private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*:\\S.*");
  private static final Pattern GROUP_PREFIX = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  private static final String RETENTION_RULE = "a retention is a positive duration (30d, 90d, 7y) or 'unlimited'";
  private static final String SKEW_RULE = "a clock skew tolerance is a positive duration (5s, 2m)";

  PolicyValidator(String sourceName, YamlLineLocator locator) {
    super(sourceName, locator);
  }

  Policy validate(PolicyFile.Document document) {
    YamlPath root = YamlPath.root();
    PolicyInfo info = info(required(document.policy(), root.key("policy")), root.key("policy"));
    Duration skew = skewTolerance(required(document.clock(), root.key("clock")), root.key("clock"));
    Map<String, Store> stores = stores(document.stores(), root.key("stores"));
    Topics topics = topics(required(document.topics(), root.key("topics")), root.key("topics"));
    checkTopicNamesAreDistinct(stores, topics);
    List<Route> routing = routing(document.routing(), root.key("routing"), stores);
    warnAboutUnroutedStores(stores, routing);
    SecurityRouting securityRouting = securityRouting(document.securityRouting(), root.key("security_routing"));
    Map<String, SourceSettings> sources = sources(document.sources(), root.key("sources"), topics);
    List<JsonMapping> jsonMappings = jsonMappings(document.jsonMappings(), root.key("json_mappings"));
    RedactionSettings redaction = redaction(document.redaction(), root.key("redaction"));
    Access access = access(document.access(), root.key("access"), stores);
    return new Policy(info, stores, topics, routing, skew, securityRouting, sources, jsonMappings, redaction, access,
        catalogueFile(document, root));
  }

  // ---- the user's catalogue entries: located here, checked by the catalogue loader

  private UserCatalogue catalogueFile(PolicyFile.Document document, YamlPath root) {
    boolean inline = document.catalogue() != null && !document.catalogue().isNull();
    if (inline && !document.catalogue().isArray()) {
      throw problem(root.key("catalogue"), "must be a list of catalogue entries (see docs/catalogue.md)");
    }
    String file = document.catalogueFile();
    if (file != null && file.isBlank()) {
      throw problem(root.key("catalogue_file"), "is empty; name a catalogue file relative to the policy, or remove the key");
    }
    return new UserCatalogue(sourceName, "", inline, file == null ? null : java.nio.file.Path.of(file));
  }

  // ---- policy and clock

  private PolicyInfo info(PolicyFile.Info info, YamlPath path) {
    return new PolicyInfo(
        requiredText(info.title(), path.key("title")),
        requiredText(info.organization(), path.key("organization")),
        requiredText(info.version(), path.key("version")),
        date(requiredText(info.effective(), path.key("effective")), path.key("effective")),
        requiredText(info.owner(), path.key("owner")),
        lastReview(optional(info.lastReview(), path.key("last_review"), null), path.key("last_review")),
        blankToNull(info.source()));
  }

  private LocalDate lastReview(String text, YamlPath path) {
    return text == null ? null : date(text, path);
  }

  private LocalDate date(String text, YamlPath path) {
    if (ISO_DATE.matcher(text).matches()) {
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw problem(path, PolicyException.quote(text) + " is not a calendar date");
      }
    }
    throw problem(path, PolicyException.quote(text) + " is not a date; write dates as YYYY-MM-DD");
  }

  private Duration skewTolerance(PolicyFile.Clock clock, YamlPath path) {
    YamlPath tolerancePath = path.key("skew_tolerance");
    String text = requiredText(clock.skewTolerance(), tolerancePath);
    if (text.equals(DurationSyntax.UNLIMITED)) {
      throw problem(tolerancePath, "cannot be unlimited; " + SKEW_RULE);
    }
    return duration(text, tolerancePath, DurationSyntax.POLICY_UNITS, false, SKEW_RULE);
  }

  // ---- stores

  private Map<String, Store> stores(Map<String, PolicyFile.StoreEntry> entries, YamlPath path) {
    required(entries, path);
    if (entries.isEmpty()) {
      throw problem(path, "declares no store; a policy needs at least one");
    }
    Map<String, Store> stores = new LinkedHashMap<>();
    for (Map.Entry<String, PolicyFile.StoreEntry> entry : entries.entrySet()) {
      String id = entry.getKey();
      YamlPath storePath = path.key(id);
      if (!STORE_ID.matcher(id).matches()) {
        throw problem(storePath, "store id " + PolicyException.quote(id)
            + " is not allowed; store ids use lowercase letters, digits, '_' and '-'");
      }
      stores.put(id, store(id, required(entry.getValue(), storePath), storePath));
    }
    return stores;
  }

  private Store store(String id, PolicyFile.StoreEntry entry, YamlPath path) {
    String name = requiredText(entry.name(), path.key("name"));
    List<String> data = textList(entry.data(), path.key("data"));
    Retention retention = retention(entry.retention(), path.key("retention"));
    String topic = topicName(entry.topic(), path.key("topic"));
    boolean underReview = optional(entry.underReview(), path.key("under_review"), false);
    Encoding encoding = encoding(entry.encoding(), path.key("encoding"), Encoding.JSON);
    return new Store(id, name, data, retention, topic, underReview, blankToNull(entry.note()), encoding);
  }

  private Retention retention(String value, YamlPath path) {
    String text = requiredText(value, path);
    if (text.equals(DurationSyntax.UNLIMITED)) {
      return Retention.unlimited();
    }
    return Retention.of(duration(text, path, DurationSyntax.POLICY_UNITS, false, RETENTION_RULE), text);
  }

  // ---- topics

  private Topics topics(PolicyFile.TopicsEntry entry, YamlPath path) {
    YamlPath prefixPath = path.key("raw_prefix");
    String rawPrefix = requiredText(entry.rawPrefix(), prefixPath);
    if (!TopicNames.isLegalPrefix(rawPrefix)) {
      throw problem(prefixPath, PolicyException.quote(rawPrefix)
          + " cannot begin topic names; use only letters, digits, '.', '_' and '-'");
    }
    YamlPath partitionsPath = path.key("partitions");
    int partitions = required(entry.partitions(), partitionsPath);
    if (partitions < 1) {
      throw problem(partitionsPath, partitions + " partitions; a topic needs at least 1");
    }
    YamlPath replicationPath = path.key("replication_factor");
    int replication = required(entry.replicationFactor(), replicationPath);
    if (replication != -1 && (replication < 1 || replication > Short.MAX_VALUE)) {
      throw problem(replicationPath, replication
          + " is not a replication factor; use 1 or more, or -1 for the broker's default");
    }
    return new Topics(
        rawPrefix,
        partitions,
        (short) replication,
        topicSpec(entry.securityEvents(), path.key("security_events"), Encoding.AVRO),
        topicSpec(entry.alerts(), path.key("alerts"), Encoding.JSON),
        topicSpec(entry.deadLetter(), path.key("dead_letter"), Encoding.AVRO));
  }

  // The shipped defaults: JSON where other tools read (stores, alerts), Avro where logwarden does.
  private TopicSpec topicSpec(PolicyFile.TopicEntry entry, YamlPath path, Encoding defaultEncoding) {
    required(entry, path);
    String name = topicName(entry.name(), path.key("name"));
    YamlPath cleanupPath = path.key("cleanup_policy");
    String cleanupText = requiredText(entry.cleanupPolicy(), cleanupPath);
    CleanupPolicy cleanup;
    try {
      cleanup = CleanupPolicy.fromKafka(cleanupText);
    } catch (IllegalArgumentException e) {
      throw problem(cleanupPath, PolicyException.quote(cleanupText)
          + " is not a cleanup policy; use delete, compact or compact,delete");
    }
    return new TopicSpec(name, cleanup, retention(entry.retention(), path.key("retention")),
        encoding(entry.encoding(), path.key("encoding"), defaultEncoding));
  }

  private Encoding encoding(String value, YamlPath path, Encoding absent) {
    if (value == null) {
      return absent;
    }
    return Encoding.fromId(value).orElseThrow(() -> problem(path, PolicyException.quote(value)
        + " is not an encoding; use " + Encoding.names()));
  }

  private String topicName(String value, YamlPath path) {
    String name = requiredText(value, path);
    TopicNames.problem(name).ifPresent(reason -> {
      throw problem(path, reason);
    });
    return name;
  }

  /**
   * Refuses two output topics with one name (their data would mix, with the retention of whichever
   * was created first) and output topics under the raw prefix (the pipeline subscribes to that
   * prefix and would read its own output back as raw input).
   */
  private void checkTopicNamesAreDistinct(Map<String, Store> stores, Topics topics) {
    Map<YamlPath, String> named = new LinkedHashMap<>();
    for (Store store : stores.values()) {
      named.put(YamlPath.root().key("stores").key(store.id()).key("topic"), store.topic());
    }
    YamlPath topicsPath = YamlPath.root().key("topics");
    named.put(topicsPath.key("security_events").key("name"), topics.securityEvents().name());
    named.put(topicsPath.key("alerts").key("name"), topics.alerts().name());
    named.put(topicsPath.key("dead_letter").key("name"), topics.deadLetter().name());

    Map<String, YamlPath> seen = new HashMap<>();
    for (Map.Entry<YamlPath, String> entry : named.entrySet()) {
      YamlPath path = entry.getKey();
      String name = entry.getValue();
      if (name.startsWith(topics.rawPrefix())) {
        throw problem(path, "topic '" + name + "' starts with the raw prefix '" + topics.rawPrefix()
            + "' (topics.raw_prefix); the pipeline would read its own output as raw input");
      }
      YamlPath earlier = seen.putIfAbsent(TopicNames.collisionKey(name), path);
      if (earlier != null) {
        String earlierName = named.get(earlier);
        if (earlierName.equals(name)) {
          throw problem(path, "topic '" + name + "' is already used by " + earlier
              + "; every store and pipeline topic needs its own topic");
        }
        throw problem(path, "topic '" + name + "' collides with '" + earlierName + "' (" + earlier
            + "); Kafka treats '.' and '_' alike in topic names and refuses to create both");
      }
    }
  }

  // ---- routing

  private List<Route> routing(List<PolicyFile.RouteEntry> entries, YamlPath path, Map<String, Store> stores) {
    required(entries, path);
    if (entries.isEmpty()) {
      throw problem(path, "declares no route; a policy needs at least one");
    }
    List<Route> routes = new ArrayList<>(entries.size());
    Map<String, YamlPath> names = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      YamlPath routePath = path.index(i);
      PolicyFile.RouteEntry entry = required(entries.get(i), routePath);
      YamlPath namePath = routePath.key("name");
      String name = requiredText(entry.name(), namePath);
      YamlPath earlier = names.putIfAbsent(name, namePath);
      if (earlier != null) {
        throw problem(namePath, "route name '" + name + "' is already used by " + earlier);
      }
      routes.add(new Route(
          name,
          categories(entry.categories(), routePath.key("categories")),
          Boolean.TRUE.equals(entry.errorsOnly()),
          routedStores(entry.stores(), routePath.key("stores"), stores)));
    }
    return routes;
  }

  private Set<Category> categories(List<String> names, YamlPath path) {
    Set<Category> categories = EnumSet.noneOf(Category.class);
    List<String> texts = textList(names, path);
    for (int i = 0; i < texts.size(); i++) {
      categories.add(category(texts.get(i), path.index(i)));
    }
    return categories;
  }

  private Category category(String name, YamlPath path) {
    return oneOf(name, Arrays.asList(Category.values()), Category::name, path, "category", "categories");
  }

  private List<String> routedStores(List<String> ids, YamlPath path, Map<String, Store> stores) {
    List<String> texts = textList(ids, path);
    for (int i = 0; i < texts.size(); i++) {
      if (!stores.containsKey(texts.get(i))) {
        throw problem(path.index(i), "unknown store " + PolicyException.quote(texts.get(i))
            + " (declared stores: " + String.join(", ", stores.keySet()) + ")");
      }
    }
    return texts;
  }

  private void warnAboutUnroutedStores(Map<String, Store> stores, List<Route> routing) {
    Set<String> routed = new HashSet<>();
    routing.forEach(route -> routed.addAll(route.stores()));
    for (String id : stores.keySet()) {
      if (!routed.contains(id)) {
        YamlPath path = YamlPath.root().key("stores").key(id);
        LOG.warn(PolicyException.format(sourceName, locator.lineOf(path), path.toString(),
            "no route sends events to this store; its topic is created but stays empty"));
      }
    }
  }

  // ---- redaction

  private RedactionSettings redaction(PolicyFile.RedactionEntry entry, YamlPath path) {
    RedactionSettings defaults = RedactionSettings.defaults();
    PolicyFile.RedactionEntry given = optional(entry, path, null);
    if (given == null) {
      return defaults;
    }
    Map<String, FieldTreatment> attributes = new LinkedHashMap<>();
    YamlPath attributesPath = path.key("attributes");
    Map<String, String> givenAttributes = optional(given.attributes(), attributesPath, null);
    if (givenAttributes == null) {
      attributes.putAll(defaults.attributes());
    } else {
      givenAttributes.forEach((key, value) -> attributes.put(key,
          treatment(value, attributesPath.key(key))));
    }
    return new RedactionSettings(
        given.user() == null ? defaults.user() : treatment(given.user(), path.key("user")),
        given.sourceAddress() == null ? defaults.sourceAddress()
            : treatment(given.sourceAddress(), path.key("source_address")),
        attributes,
        secretRulesFile(given.secretRulesFile(), path.key("secret_rules_file")),
        secretAllowlist(given.secretAllowlist(), path.key("secret_allowlist")));
  }

  // The file is only located here; the secret rule loader reads it and refuses a bad rule at its own line.
  private java.nio.file.Path secretRulesFile(String file, YamlPath path) {
    String text = optionalText(file, path);
    if (text == null) {
      return null;
    }
    try {
      return java.nio.file.Path.of(text);
    } catch (java.nio.file.InvalidPathException e) {
      throw problem(path, PolicyException.quote(text) + " is not a file path");
    }
  }

  private List<String> secretAllowlist(List<String> given, YamlPath path) {
    List<String> expressions = optional(given, path, List.of());
    for (int i = 0; i < expressions.size(); i++) {
      YamlPath at = element(path, i);
      String expression = requiredText(expressions.get(i), at);
      try {
        com.google.re2j.Pattern.compile(expression);
      } catch (RuntimeException e) {
        String reason = e instanceof com.google.re2j.PatternSyntaxException syntax ? syntax.getDescription() : e.getMessage();
        throw problem(at, "is not a valid RE2 expression: " + reason);
      }
    }
    return expressions;
  }

  private FieldTreatment treatment(String word, YamlPath path) {
    String text = requiredText(word, path);
    for (FieldTreatment treatment : FieldTreatment.values()) {
      if (treatment.word().equals(text)) {
        return treatment;
      }
    }
    throw problem(path, "unknown treatment " + PolicyException.quote(text) + " (treatments: pseudonymize, truncate, keep)");
  }

  // ---- security routing

  private SecurityRouting securityRouting(PolicyFile.SecurityRoutingEntry entry, YamlPath path) {
    SecurityRouting defaults = SecurityRouting.defaults();
    PolicyFile.SecurityRoutingEntry given = optional(entry, path, null);
    if (given == null) {
      return defaults;
    }
    YamlPath actionsPath = path.key("actions");
    List<String> actions = optional(given.actions(), actionsPath, null);
    YamlPath flagsPath = path.key("flags");
    List<String> flags = optional(given.flags(), flagsPath, null);
    return new SecurityRouting(
        actions == null ? defaults.actions()
            : words(actions, actionsPath, "an action name; actions are lower snake case words, e.g. sign_in"),
        flags == null ? defaults.flags()
            : words(flags, flagsPath, "a flag name; flags are lower snake case words, e.g. future_time"));
  }

  // ---- sources

  private Map<String, SourceSettings> sources(
      Map<String, PolicyFile.SourceEntry> entries, YamlPath path, Topics topics) {
    Map<String, PolicyFile.SourceEntry> given = optional(entries, path, Map.of());
    Map<String, SourceSettings> sources = new LinkedHashMap<>();
    for (Map.Entry<String, PolicyFile.SourceEntry> entry : given.entrySet()) {
      String name = entry.getKey();
      YamlPath sourcePath = path.key(name);
      if (!SOURCE_NAME.matcher(name).matches()) {
        throw problem(sourcePath, "source name " + PolicyException.quote(name) + " is not allowed; source names "
            + "use lowercase letters, digits, '.', '_' and '-', and begin with a letter or digit");
      }
      String rawTopic = topics.rawPrefix() + name;
      TopicNames.problem(rawTopic).ifPresent(reason -> {
        throw problem(sourcePath, "the source's raw topic cannot exist: " + reason);
      });
      PolicyFile.SourceEntry settings = required(entry.getValue(), sourcePath);
      YamlPath formatPath = sourcePath.key("format");
      String format = format(optionalText(settings.format(), formatPath), formatPath);
      YamlPath zonePath = sourcePath.key("time_zone");
      ZoneId zone = zone(optionalText(settings.timeZone(), zonePath), zonePath);
      if (format == null && zone == null) {
        // Almost certainly a half-written entry: it would change nothing about how the topic is read.
        throw problem(sourcePath, "sets neither format nor time_zone; give at least one, or remove the source");
      }
      sources.put(name, new SourceSettings(name, format, zone));
    }
    return sources;
  }

  private String format(String id, YamlPath path) {
    if (id == null || FormatIds.ALL.contains(id)) {
      return id;
    }
    throw problem(path, "unknown format " + PolicyException.quote(id) + " (formats: "
        + String.join(", ", new TreeSet<>(FormatIds.ALL)) + ")");
  }

  private ZoneId zone(String id, YamlPath path) {
    if (id == null) {
      return null;
    }
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw problem(path, PolicyException.quote(id)
          + " is not a time zone; use a region such as Europe/Berlin, an offset such as +02:00, or UTC");
    }
  }

  // ---- JSON mappings

  private List<JsonMapping> jsonMappings(List<PolicyFile.JsonMappingEntry> entries, YamlPath path) {
    List<PolicyFile.JsonMappingEntry> given = optional(entries, path, List.of());
    List<JsonMapping> mappings = new ArrayList<>(given.size());
    Map<String, YamlPath> names = new HashMap<>();
    for (int i = 0; i < given.size(); i++) {
      YamlPath mappingPath = path.index(i);
      PolicyFile.JsonMappingEntry entry = required(given.get(i), mappingPath);
      YamlPath namePath = mappingPath.key("name");
      String name = requiredText(entry.name(), namePath);
      YamlPath earlier = names.putIfAbsent(name, namePath);
      if (earlier != null) {
        throw problem(namePath, "mapping name '" + name + "' is already used by " + earlier);
      }
      YamlPath categoryPath = mappingPath.key("category");
      String categoryName = optionalText(entry.category(), categoryPath);
      mappings.add(new JsonMapping(
          name,
          jsonPaths(entry.whenFields(), mappingPath.key("when_fields")),
          mappedFields(entry.fields(), mappingPath.key("fields")),
          categoryName == null ? null : category(categoryName, categoryPath)));
    }
    return mappings;
  }

  private List<String> jsonPaths(List<String> values, YamlPath path) {
    List<String> paths = textList(values, path);
    for (int i = 0; i < paths.size(); i++) {
      jsonPath(paths.get(i), path.index(i));
    }
    return paths;
  }

  private Map<String, String> mappedFields(Map<String, String> values, YamlPath path) {
    Map<String, String> fields = required(values, path);
    if (fields.isEmpty()) {
      throw problem(path, "is an empty mapping; it needs at least one canonical field");
    }
    for (Map.Entry<String, String> field : fields.entrySet()) {
      YamlPath fieldPath = path.key(field.getKey());
      if (!JsonMapping.CANONICAL_FIELDS.contains(field.getKey())) {
        throw problem(fieldPath, unknownCanonicalField(field.getKey()));
      }
      jsonPath(requiredText(field.getValue(), fieldPath), fieldPath);
    }
    return fields;
  }

  private static String unknownCanonicalField(String name) {
    StringBuilder problem = new StringBuilder("unknown canonical field ").append(PolicyException.quote(name));
    String known = String.join(", ", JsonMapping.CANONICAL_FIELDS);
    KeySuggestion.closest(name, JsonMapping.CANONICAL_FIELDS).ifPresentOrElse(
        closest -> problem.append("; did you mean '").append(closest).append("'? Canonical fields: ").append(known),
        () -> problem.append("; canonical fields: ").append(known));
    return problem.toString();
  }

  /** Refuses empty segments: such a path never matches a nested field, so it can only be a typo. */
  private void jsonPath(String text, YamlPath path) {
    if (text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
      throw problem(path, PolicyException.quote(text)
          + " is not a dotted path; join field names with single dots, e.g. usr.login");
    }
  }

  // ---- text

  // ---- access

  private Access access(PolicyFile.AccessEntry entry, YamlPath path, Map<String, Store> stores) {
    if (!present(entry, path)) {
      return Access.none();
    }
    required(entry, path);
    YamlPath rolesPath = path.key("roles");
    Map<String, PolicyFile.RoleEntry> entries = required(entry.roles(), rolesPath);
    List<AccessRole> roles = new ArrayList<>();
    for (Map.Entry<String, PolicyFile.RoleEntry> role : entries.entrySet()) {
      YamlPath rolePath = rolesPath.key(role.getKey());
      if (!ROLE_ID.matcher(role.getKey()).matches()) {
        throw problem(rolePath, "role id " + PolicyException.quote(role.getKey())
            + " is not allowed; role ids use lowercase letters, digits and '_'");
      }
      roles.add(role(role.getKey(), required(role.getValue(), rolePath), rolePath, stores));
    }
    // access.notify is optional: a policy written before the notify workload existed names none.
    List<String> notify = entry.notifications() == null ? List.of()
        : principals(entry.notifications(), path.key("notify"));
    Access access = new Access(roles,
        principals(required(entry.pipeline(), path.key("pipeline")), path.key("pipeline")),
        principals(required(entry.provisioner(), path.key("provisioner")), path.key("provisioner")),
        notify, List.of());
    List<String> external = externalPrincipals(entry.externalPrincipals(), path.key("external_principals"), access);
    return new Access(access.roles(), access.pipelinePrincipals(), access.provisionerPrincipals(),
        access.notifyPrincipals(), external);
  }

  // Optional, and may be empty (the shipped policy lists none). A principal the policy grants to
  // cannot also be external: its ACLs beyond its grants are revoked, so it would be two things at once.
  private List<String> externalPrincipals(List<String> values, YamlPath path, Access access) {
    List<String> written = optional(values, path, List.of());
    if (written.isEmpty()) {
      return List.of();
    }
    List<String> external = principalList(written, path);
    for (int i = 0; i < external.size(); i++) {
      String holder = access.holderOf(external.get(i));
      if (holder != null) {
        throw problem(element(path, i), PolicyException.quote(external.get(i)) + " is a principal of the policy ("
            + holder + "); external principals are those outside logwarden's roles, the pipeline, the provisioner "
            + "and notify");
      }
    }
    return external;
  }

  private AccessRole role(String id, PolicyFile.RoleEntry entry, YamlPath path, Map<String, Store> stores) {
    String name = requiredText(entry.name(), path.key("name"));
    List<String> principals = principalList(entry.principals(), path.key("principals"));
    List<TopicGroup> read = topicGroups(entry.read(), path.key("read"), stores);
    List<TopicGroup> write = topicGroups(entry.write(), path.key("write"), stores);
    if (read.isEmpty() && write.isEmpty()) {
      throw problem(path, "grants nothing; a role reads or writes at least one topic group ("
          + String.join(", ", TopicGroup.words()) + ")");
    }
    List<String> groups = optional(entry.groups(), path.key("groups"), List.of());
    for (int i = 0; i < groups.size(); i++) {
      YamlPath groupPath = element(path.key("groups"), i);
      String prefix = requiredText(groups.get(i), groupPath);
      if (!GROUP_PREFIX.matcher(prefix).matches()) {
        throw problem(groupPath, PolicyException.quote(prefix)
            + " is not a consumer group prefix; use letters, digits, '.', '_' and '-'");
      }
    }
    if (!groups.isEmpty() && read.isEmpty()) {
      throw problem(path.key("groups"), "is given to a role that reads nothing; consumer groups are for reading");
    }
    return new AccessRole(id, name, principals, read, write, groups);
  }

  private List<String> principals(PolicyFile.PrincipalsEntry entry, YamlPath path) {
    return principalList(entry.principals(), path.key("principals"));
  }

  private List<String> principalList(List<String> values, YamlPath path) {
    List<String> principals = textList(values, path);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < principals.size(); i++) {
      String principal = principals.get(i);
      YamlPath principalPath = element(path, i);
      if (!PRINCIPAL.matcher(principal).matches()) {
        throw problem(principalPath, PolicyException.quote(principal)
            + " is not a Kafka principal; write TYPE:NAME, e.g. User:alice");
      }
      if (principal.startsWith("User:*")) {
        throw problem(principalPath, "a wildcard principal would grant everyone; name the principals");
      }
      if (!seen.add(principal)) {
        throw problem(principalPath, PolicyException.quote(principal) + " is listed twice");
      }
    }
    return principals;
  }

  private List<TopicGroup> topicGroups(List<String> values, YamlPath path, Map<String, Store> stores) {
    List<String> words = optional(values, path, List.of());
    List<TopicGroup> groups = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      YamlPath wordPath = element(path, i);
      TopicGroup group = topicGroup(requiredText(words.get(i), wordPath), wordPath, stores);
      if (groups.contains(group)) {
        throw problem(wordPath, PolicyException.quote(group.toString()) + " is listed twice");
      }
      groups.add(group);
    }
    return groups;
  }

  private TopicGroup topicGroup(String word, YamlPath path, Map<String, Store> stores) {
    if (word.startsWith(TopicGroup.STORE_PREFIX)) {
      String store = word.substring(TopicGroup.STORE_PREFIX.length());
      if (!stores.containsKey(store)) {
        throw problem(path, "unknown store " + PolicyException.quote(store) + " (stores: "
            + String.join(", ", stores.keySet()) + ")");
      }
      return new TopicGroup(TopicGroup.Kind.STORE, store);
    }
    for (TopicGroup.Kind kind : TopicGroup.Kind.values()) {
      if (kind != TopicGroup.Kind.STORE && kind.word().equals(word)) {
        return new TopicGroup(kind, null);
      }
    }
    throw problem(path, PolicyException.quote(word) + " is not a topic group (topic groups: "
        + String.join(", ", TopicGroup.words()) + ")");
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
