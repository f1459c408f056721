package io.logwarden.policy;

import static io.logwarden.policy.PolicyRefusals.assertRefusedAt;
import static io.logwarden.policy.PolicyRefusals.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.logwarden.normalize.NormalizerFormats;
import io.logwarden.policy.YamlText.Edit;
import io.logwarden.schema.Category;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The optional sections on how raw sources are read and what goes to detection: security_routing,
 * sources and json_mappings, their defaults, and their refusals at the line of the offending key.
 */
class PolicyLoaderSourcesTest {

  private static final String SOURCE = "policy.yaml";

  private static final String ACTIONS = "  actions: [sign_in, account_lockout, admin_action, access_denied, config_change]";
  private static final String FLAGS = "  flags: [future_time]";
  private static final String NO_SOURCES = "sources: {}";
  private static final String NO_MAPPINGS = "json_mappings: []";

  /** Written out here, not read from JsonMapping, so a change to the list shows in this test. */
  private static final String CANONICAL_FIELDS = "time, message, level, user, process, service, host, "
      + "source_address, source_port, action, outcome, target_kind, target_name, event_id, trace_id, span_id, "
      + "error_type, error_message, error_stack";

  /** A source section to edit: one source with both settings, one with only a zone. */
  private static final String SOURCES = String.join("\n",
      "sources:",
      "  legacy-app:",
      "    format: plain",
      "    time_zone: Europe/Berlin",
      "  edge.gateway_1:",
      "    time_zone: \"+02:00\"");

  /** A mapping section to edit: the shipped default's commented example, and one without category. */
  private static final String MAPPINGS = String.join("\n",
      "json_mappings:",
      "  - name: billing-audit",
      "    when_fields: [usr.login, evt]",
      "    fields:",
      "      user: usr.login",
      "      action: evt",
      "      time: at",
      "      message: text",
      "      outcome: result",
      "    category: SECURITY",
      "  - name: worker-jobs",
      "    when_fields: [job.id]",
      "    fields: {message: job.note, level: job.level}");

  @Nested
  class ShippedDefault {

    private final Policy policy = PolicyLoader.loadDefault();

    @Test
    void routesTheDefaultActionsAndFlagsToDetection() {
      assertThat(policy.securityRouting()).isEqualTo(SecurityRouting.defaults());
      assertThat(policy.securityRouting().actions())
          .containsExactlyInAnyOrder("sign_in", "account_lockout", "admin_action", "access_denied", "config_change");
      assertThat(policy.securityRouting().flags()).containsExactly("future_time");
    }

    @Test
    void hasNoSourceSettingsAndNoJsonMappings() {
      assertThat(policy.sources()).isEmpty();
      assertThat(policy.sourceOf("logs.raw.legacy-app")).isNull();
      assertThat(policy.jsonMappings()).isEmpty();
    }

    @Test
    void spellsOutTheThreeSectionsSoTheyCanBeEdited() {
      assertThat(PolicyText.lineOf(PolicyText.DEFAULT, "security_routing:")).isPositive();
      assertThat(PolicyText.lineOf(PolicyText.DEFAULT, ACTIONS)).isPositive();
      assertThat(PolicyText.lineOf(PolicyText.DEFAULT, FLAGS)).isPositive();
      assertThat(PolicyText.lineOf(PolicyText.DEFAULT, NO_SOURCES)).isPositive();
      assertThat(PolicyText.lineOf(PolicyText.DEFAULT, NO_MAPPINGS)).isPositive();
    }
  }

  // ---- security_routing

  @Nested
  class SecurityRoutingSection {

    @Test
    void absentMeansTheDefaults() {
      Policy policy = parse(PolicyText.removeBlock("security_routing:"));
      assertThat(policy.securityRouting()).isEqualTo(SecurityRouting.defaults());
    }

    @Test
    void anAbsentListKeepsItsDefaultAndAWrittenOneReplacesIt() {
      String yaml = PolicyText.removeLine("security_routing:", FLAGS)
          .replace(ACTIONS, "  actions: [sign_in, password_reset]");
      SecurityRouting routing = parse(yaml).securityRouting();
      assertThat(routing.actions()).containsExactlyInAnyOrder("sign_in", "password_reset");
      assertThat(routing.flags()).isEqualTo(SecurityRouting.defaults().flags());
    }

    @Test
    void anEmptyListMeansNone() {
      String yaml = PolicyText.replace(ACTIONS, "  actions: []").yaml().replace(FLAGS, "  flags: []");
      assertThat(parse(yaml).securityRouting()).isEqualTo(new SecurityRouting(Set.of(), Set.of()));
    }

    @Test
    void anEmptySectionMeansTheDefaults() {
      String yaml = PolicyText.removeBlock("security_routing:") + "security_routing: {}\n";
      assertThat(parse(yaml).securityRouting()).isEqualTo(SecurityRouting.defaults());
    }

    @Test
    void refusesAnActionThatIsNotALowerSnakeCaseWord() {
      Edit edit = PolicyText.replace(ACTIONS, "  actions: [sign_in, Admin-Action]");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.line(), "security_routing.actions[1]");
      assertThat(e.problem())
          .isEqualTo("'Admin-Action' is not an action name; actions are lower snake case words, e.g. sign_in");
    }

    @ParameterizedTest
    @ValueSource(strings = {"future time", "_future", "1st_flag", "futureTime"})
    void refusesAFlagThatIsNotALowerSnakeCaseWord(String flag) {
      Edit edit = PolicyText.replace(FLAGS, "  flags:\n    - future_time\n    - \"" + flag + "\"");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("    - \"" + flag + "\""), "security_routing.flags[1]");
      assertThat(e.problem())
          .isEqualTo("'" + flag + "' is not a flag name; flags are lower snake case words, e.g. future_time");
    }

    @Test
    void refusesAnActionListedTwice() {
      Edit edit = PolicyText.replace(ACTIONS, "  actions: [sign_in, admin_action, sign_in]");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.line(), "security_routing.actions[2]");
      assertThat(e.problem()).isEqualTo("'sign_in' is already listed at security_routing.actions[0]");
    }

    @Test
    void refusesAListWrittenWithoutValue() {
      Edit edit = PolicyText.replace(ACTIONS, "  actions:");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.line(), "security_routing.actions");
      assertThat(e.problem()).isEqualTo("has no value");
    }

    @Test
    void refusesAnUnknownKeySuggestingTheRightOne() {
      Edit edit = PolicyText.replace(FLAGS, "  flag: [future_time]");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.line(), "security_routing.flag");
      assertThat(e.problem()).isEqualTo("unknown key 'flag'; did you mean 'flags'? Known keys here: actions, flags");
    }
  }

  // ---- sources

  @Nested
  class Sources {

    @Test
    void readsEachSourcesFormatAndTimeZone() {
      Policy policy = parse(PolicyText.replace(NO_SOURCES, SOURCES).yaml());
      assertThat(policy.sources()).containsOnlyKeys("legacy-app", "edge.gateway_1");
      assertThat(policy.sources().get("legacy-app"))
          .isEqualTo(new SourceSettings("legacy-app", "plain", ZoneId.of("Europe/Berlin")));
      assertThat(policy.sources().get("edge.gateway_1"))
          .isEqualTo(new SourceSettings("edge.gateway_1", null, ZoneOffset.ofHours(2)));
    }

    @Test
    void findsASourcesSettingsByItsRawTopic() {
      Policy policy = parse(PolicyText.replace(NO_SOURCES, SOURCES).yaml());
      assertThat(policy.sourceOf("logs.raw.legacy-app")).isSameAs(policy.sources().get("legacy-app"));
      assertThat(policy.sourceOf("logs.raw.edge.gateway_1").zone()).isEqualTo(ZoneOffset.ofHours(2));
      assertThat(policy.sourceOf("logs.raw.other-app")).isNull();
      assertThat(policy.sourceOf("legacy-app")).as("a topic outside the raw prefix").isNull();
    }

    @Test
    void acceptsEveryFormatTheNormalizerKnows() {
      for (String format : NormalizerFormats.ids()) {
        Policy policy = parse(sources("    format: plain", "    format: " + format).yaml());
        assertThat(policy.sources().get("legacy-app").format()).isEqualTo(format);
      }
    }

    @Test
    void absentMeansNoSources() {
      assertThat(parse(PolicyText.removeLine(NO_SOURCES, NO_SOURCES)).sources()).isEmpty();
    }

    @Test
    void refusesAnUnknownFormatListingTheKnownOnes() {
      Edit edit = sources("    format: plain", "    format: yaml");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("    format: yaml"), "sources.legacy-app.format");
      assertThat(e.problem()).isEqualTo("unknown format 'yaml' (formats: "
          + String.join(", ", new TreeSet<>(NormalizerFormats.ids())) + ")");
      assertThat(e.problem()).contains("json", "plain");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berln", "CEST", "+25:00", "UTC+2h", "local"})
    void refusesATimeZoneJavaDoesNotKnow(String zone) {
      Edit edit = sources("    time_zone: Europe/Berlin", "    time_zone: \"" + zone + "\"");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("    time_zone: \"" + zone + "\""), "sources.legacy-app.time_zone");
      assertThat(e.problem()).isEqualTo("'" + zone + "' is not a time zone; "
          + "use a region such as Europe/Berlin, an offset such as +02:00, or UTC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+10:00", "-05:30", "+02:00", "Z"})
    void acceptsAnOffsetWithoutQuotes(String offset) {
      // YAML 1.1 would read +10:00 as a base-60 number; the loader's parser keeps it as text.
      Edit edit = sources("    time_zone: Europe/Berlin", "    time_zone: " + offset);
      assertThat(parse(edit.yaml()).sources().get("legacy-app").zone()).isEqualTo(ZoneOffset.of(offset));
    }

    @Test
    void refusesAnEmptyTimeZone() {
      Edit edit = sources("    time_zone: Europe/Berlin", "    time_zone: \"\"");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("    time_zone: \"\""), "sources.legacy-app.time_zone");
      assertThat(e.problem()).isEqualTo("is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Legacy-App", "-legacy", "legacy app", "legacy/app"})
    void refusesASourceNameThatCannotEndATopicName(String name) {
      Edit edit = sources("  legacy-app:", "  \"" + name + "\":");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("  \"" + name + "\":"), "sources." + name);
      assertThat(e.problem()).isEqualTo("source name '" + name + "' is not allowed; source names use "
          + "lowercase letters, digits, '.', '_' and '-', and begin with a letter or digit");
    }

    @Test
    void refusesASourceWhoseRawTopicIsTooLong() {
      String name = "a".repeat(TopicNames.MAX_LENGTH);
      Edit edit = sources("  legacy-app:", "  " + name + ":");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("  " + name + ":"), "sources." + name);
      assertThat(e.problem()).isEqualTo("the source's raw topic cannot exist: topic name is "
          + ("logs.raw.".length() + name.length()) + " characters long; Kafka allows at most 249");
    }

    @Test
    void refusesASourceThatSetsNothing() {
      Edit edit = PolicyText.replace(NO_SOURCES, "sources:\n  legacy-app: {}");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("  legacy-app: {}"), "sources.legacy-app");
      assertThat(e.problem())
          .isEqualTo("sets neither format nor time_zone; give at least one, or remove the source");
    }

    @Test
    void refusesASourceWrittenWithoutSettings() {
      Edit edit = PolicyText.replace(NO_SOURCES, "sources:\n  legacy-app:");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("  legacy-app:"), "sources.legacy-app");
      assertThat(e.problem()).isEqualTo("has no value");
    }

    @Test
    void refusesAMisspeltSettingSuggestingTheRightOne() {
      Edit edit = sources("    time_zone: Europe/Berlin", "    timezone: Europe/Berlin");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("    timezone: Europe/Berlin"), "sources.legacy-app.timezone");
      assertThat(e.problem())
          .isEqualTo("unknown key 'timezone'; did you mean 'time_zone'? Known keys here: format, time_zone");
    }

    /** The default with {@link #SOURCES} in place of its empty sources, one line of them replaced. */
    private Edit sources(String oldLine, String newLine) {
      assertThat(SOURCES.lines()).contains(oldLine);
      return PolicyText.replace(NO_SOURCES, SOURCES.replace(oldLine, newLine));
    }
  }

  // ---- json_mappings

  @Nested
  class JsonMappings {

    @Test
    void readsEachMappingInOrder() {
      List<JsonMapping> mappings = parse(PolicyText.replace(NO_MAPPINGS, MAPPINGS).yaml()).jsonMappings();
      assertThat(mappings).containsExactly(
          new JsonMapping("billing-audit", List.of("usr.login", "evt"),
              Map.of("user", "usr.login", "action", "evt", "time", "at", "message", "text", "outcome", "result"),
              Category.SECURITY),
          new JsonMapping("worker-jobs", List.of("job.id"),
              Map.of("message", "job.note", "level", "job.level"), null));
    }

    @Test
    void absentMeansNoMappings() {
      assertThat(parse(PolicyText.removeLine(NO_MAPPINGS, NO_MAPPINGS)).jsonMappings()).isEmpty();
    }

    @Test
    void refusesAnUnknownCanonicalFieldSuggestingTheNearestOne() {
      Edit edit = mappings("      user: usr.login", "      usr: usr.login");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("      usr: usr.login"), "json_mappings[0].fields.usr");
      assertThat(e.problem()).isEqualTo("unknown canonical field 'usr'; did you mean 'user'? Canonical fields: "
          + CANONICAL_FIELDS);
    }

    @Test
    void refusesAnUnknownCanonicalFieldListingTheValidOnes() {
      Edit edit = mappings("    fields: {message: job.note, level: job.level}",
          "    fields: {message: job.note, customer: job.customer}");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("    fields: {message: job.note, customer: job.customer}"),
          "json_mappings[1].fields.customer");
      assertThat(e.problem()).isEqualTo("unknown canonical field 'customer'; canonical fields: " + CANONICAL_FIELDS);
    }

    @Test
    void refusesAMappingWithoutWhenFieldsAtItsFirstLine() {
      Edit edit = mappings("    when_fields: [usr.login, evt]", "    # when_fields: [usr.login, evt]");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("  - name: billing-audit"), "json_mappings[0].when_fields");
      assertThat(e.problem()).isEqualTo("required key is missing");
    }

    @Test
    void refusesEmptyWhenFields() {
      Edit edit = mappings("    when_fields: [job.id]", "    when_fields: []");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("    when_fields: []"), "json_mappings[1].when_fields");
      assertThat(e.problem()).isEqualTo("is an empty list; it needs at least one entry");
    }

    @Test
    void refusesWhenFieldsWrittenAsOneText() {
      Edit edit = mappings("    when_fields: [job.id]", "    when_fields: job.id");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("    when_fields: job.id"), "json_mappings[1].when_fields");
      assertThat(e.problem()).isEqualTo("expected a list, found the text 'job.id'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"usr..login", ".usr", "usr.", " "})
    void refusesAWhenFieldThatIsNotADottedPath(String path) {
      Edit edit = mappings("    when_fields: [usr.login, evt]", "    when_fields: [evt, \"" + path + "\"]");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("    when_fields: [evt, \"" + path + "\"]"), "json_mappings[0].when_fields[1]");
      assertThat(e.problem()).isEqualTo(path.isBlank() ? "is empty"
          : "'" + path + "' is not a dotted path; join field names with single dots, e.g. usr.login");
    }

    @Test
    void refusesAFieldWithoutPath() {
      Edit edit = mappings("      time: at", "      time:");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("      time:"), "json_mappings[0].fields.time");
      assertThat(e.problem()).isEqualTo("has no value");
    }

    @Test
    void refusesAMappingWithoutFields() {
      Edit edit = mappings("    fields: {message: job.note, level: job.level}", "    fields: {}");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("    fields: {}"), "json_mappings[1].fields");
      assertThat(e.problem()).isEqualTo("is an empty mapping; it needs at least one canonical field");
    }

    @Test
    void refusesADuplicateMappingName() {
      Edit edit = mappings("  - name: worker-jobs\n    when_fields: [job.id]",
          "  - when_fields: [job.id]\n    name: billing-audit");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("    name: billing-audit"), "json_mappings[1].name");
      assertThat(e.problem()).isEqualTo("mapping name 'billing-audit' is already used by json_mappings[0].name");
    }

    @Test
    void refusesAMappingWithoutName() {
      Edit edit = mappings("  - name: worker-jobs\n    when_fields: [job.id]", "  - when_fields: [job.id]");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("  - when_fields: [job.id]"), "json_mappings[1].name");
      assertThat(e.problem()).isEqualTo("required key is missing");
    }

    @Test
    void refusesAnUnknownCategoryListingTheValidOnes() {
      Edit edit = mappings("    category: SECURITY", "    category: SECURE");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("    category: SECURE"), "json_mappings[0].category");
      assertThat(e.problem()).isEqualTo("unknown category 'SECURE' (categories: AUTHENTICATION, "
          + "APPLICATION, SYSTEM, SECURITY, ANALYTICS, AI_TRACE, UNKNOWN)");
    }

    @Test
    void refusesACategoryInLowerCase() {
      Edit edit = mappings("    category: SECURITY", "    category: security");
      PolicyException e = refused(edit.yaml());
      assertRefusedAt(e, edit.lineOf("    category: security"), "json_mappings[0].category");
      assertThat(e.problem()).startsWith("unknown category 'security'");
    }

    /** The default with {@link #MAPPINGS} in place of its empty list, one piece of them replaced. */
    private Edit mappings(String oldText, String newText) {
      assertThat(MAPPINGS).contains(oldText);
      return PolicyText.replace(NO_MAPPINGS, MAPPINGS.replace(oldText, newText));
    }
  }

  // ---- helpers

  private static Policy parse(String yaml) {
    return PolicyLoader.parse(yaml, SOURCE);
  }
}
