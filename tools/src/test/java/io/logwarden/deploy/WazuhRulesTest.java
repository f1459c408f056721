package io.logwarden.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logwarden.detect.rules.DetectionRule;
import io.logwarden.detect.rules.RuleType;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.Severity;
import io.logwarden.schema.serde.AvroJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * {@code deploy/wazuh/}: the localfile snippet, the rules and the integrations are well-formed, the
 * rules read only fields that the notify workload's file destination writes (one
 * {@code AvroJson.toJson(alert)} per line) and the security events carry, and every alert of every
 * shipped rule, status and severity gets the Wazuh level and groups the README promises.
 */
class WazuhRulesTest {

  private static final Path WAZUH = Path.of("..", "deploy", "wazuh");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<Severity, Integer> LEVELS =
      Map.of(Severity.LOW, 5, Severity.MEDIUM, 8, Severity.HIGH, 10, Severity.CRITICAL, 12);
  /** The level of a CLOSED alert, of an alert of unknown severity or status: logged, never sent on. */
  private static final int INFORMATIONAL = 3;

  private final Policy policy = PolicyLoader.loadDefault();

  @Test
  void theFilesAreWellFormedAndTheRuleIdsAreCustomAndUnique() {
    WazuhRules rules = WazuhRules.parse(read("logwarden_rules.xml"));
    assertThat(WazuhRules.document(read("localfile.xml")).getTagName()).isEqualTo("ossec_config");
    assertThat(WazuhRules.document(read("integrations.xml")).getTagName()).isEqualTo("ossec_config");

    List<Integer> ids = rules.rules().stream().map(WazuhRules.Rule::id).toList();
    assertThat(ids).isNotEmpty().doesNotHaveDuplicates().allSatisfy(id -> assertThat(id).isBetween(100_000, 120_000));
    for (WazuhRules.Rule rule : rules.rules()) {
      assertThat(rule.level()).isBetween(0, 16);
      rule.ifSids().forEach(parent -> assertThat(ids).as("rule %d's if_sid", rule.id()).contains(parent));
    }
  }

  @Test
  void severityRulesHaveTheLevelsOfTheirSeverity() {
    WazuhRules rules = WazuhRules.parse(read("logwarden_rules.xml"));
    LEVELS.forEach((severity, level) -> assertThat(rules.rules())
        .filteredOn(rule -> rule.conditions().stream().anyMatch(condition -> condition.jsonKey().equals("severity")
            && condition.pattern().matcher(severity.name()).find()))
        .as("rules for %s", severity)
        .isNotEmpty()
        .allSatisfy(rule -> assertThat(rule.level()).isEqualTo(level)));
  }

  @Test
  void theLocalfilesReadJsonAndEachIsLabelledForTheRules() {
    List<Element> localfiles = WazuhRules.children(WazuhRules.document(read("localfile.xml")));
    assertThat(localfiles).hasSize(2);
    for (Element localfile : localfiles) {
      assertThat(text(localfile, "log_format")).isEqualTo("json");
      assertThat(text(localfile, "location")).startsWith("/");
    }
    assertThat(labels().keySet()).containsExactly("alerts", "security_events");
  }

  @Test
  void everyFieldTheRulesReadIsOneTheFilesCarry() {
    List<JsonNode> alerts = alertLines();
    List<JsonNode> events = SampleRecords.of(policy.topics().securityEvents().name());
    assertThat(events).as("security events of the sample").isNotEmpty();

    List<WazuhFieldCheck.Stream> streams = streams(alerts, events);
    assertThat(WazuhFieldCheck.problems(WazuhRules.parse(read("logwarden_rules.xml")), streams)).isEmpty();
  }

  @Test
  void theCheckCatchesARuleReadingAFieldThatIsNotWritten() {
    List<WazuhFieldCheck.Stream> streams = streams(alertLines(), SampleRecords.of(policy.topics().securityEvents().name()));
    String shipped = read("logwarden_rules.xml");

    // Near misses of real fields: a typo, a description naming a field that is not written, and a
    // field of the alerts read by a rule on the security events.
    assertThat(WazuhFieldCheck.problems(WazuhRules.parse(shipped.replace("name=\"severity\"", "name=\"severty\"")), streams))
        .hasSize(4).allSatisfy(problem -> assertThat(problem).contains("reads field severty"));
    assertThat(WazuhFieldCheck.problems(WazuhRules.parse(shipped.replace("$(summary)", "$(sumary)")), streams))
        .isNotEmpty().allSatisfy(problem -> assertThat(problem).contains("reads field sumary"));
    String alertFieldOnEvents = shipped.replace("<field name=\"event_id\" type=\"pcre2\">",
        "<field name=\"alert_id\" type=\"pcre2\">");
    assertThat(WazuhFieldCheck.problems(WazuhRules.parse(alertFieldOnEvents), streams))
        .contains("rule 100780 reads field alert_id, which " + streams.get(1).lines().size() + " of "
            + streams.get(1).lines().size() + " lines of security_events do not carry");
    // A rule whose root reads no label applies to no file, and so cannot be judged.
    assertThat(WazuhFieldCheck.problems(WazuhRules.parse(shipped.replace("name=\"@logwarden\"", "name=\"@source\"")),
        streams)).contains("rule 100700 applies to no localfile: its root rule matches none of their labels");
  }

  @Test
  void theModelRefusesWhatItCannotJudge() {
    assertThatThrownBy(() -> WazuhRules.parse("<group name=\"x,\"><rule id=\"100001\" level=\"3\">"))
        .hasMessageContaining("not well-formed");
    assertThatThrownBy(() -> WazuhRules.parse("<group name=\"x,\"><rule id=\"100001\" level=\"3\">"
        + "<field name=\"severity\">HIGH</field><description>d</description></rule></group>"))
        .hasMessageContaining("type=\"pcre2\"");
    assertThatThrownBy(() -> WazuhRules.parse("<group name=\"x,\"><rule id=\"100001\" level=\"3\">"
        + "<field name=\"status\" type=\"pcre2\">OPEN</field><description>d</description></rule></group>"))
        .hasMessageContaining("static field");
    assertThatThrownBy(() -> WazuhRules.parse("<group name=\"x,\"><rule id=\"100001\" level=\"3\">"
        + "<match>OPEN</match><description>d</description></rule></group>"))
        .hasMessageContaining("<match> is not read here");
  }

  @Test
  void everyAlertOfEveryShippedRuleStatusAndSeverityGetsItsLevelAndTechniqueGroups() {
    WazuhRules rules = WazuhRules.parse(read("logwarden_rules.xml"));
    Map<String, String> labels = labels().get("alerts");
    List<DetectionRule> shipped = RulesLoader.loadDefault(policy).rules();
    int checked = 0;
    for (Alert alert : alertVariants(shipped)) {
      for (WazuhJsonDecoder.ArrayForm arrays : WazuhJsonDecoder.ArrayForm.values()) {
        WazuhRules.Rule fired = rules.evaluate(WazuhJsonDecoder.decode(AvroJson.toJson(alert), labels, arrays));
        String what = alert.getRuleId() + " " + alert.getSeverity() + " " + alert.getStatus() + " " + arrays;
        assertThat(fired).as(what).isNotNull();
        assertThat(fired.groups()).as(what).contains("logwarden", "logwarden_alert");
        boolean live = alert.getStatus() == AlertStatus.OPEN || alert.getStatus() == AlertStatus.UPDATED;
        if (live && LEVELS.containsKey(alert.getSeverity())) {
          assertThat(fired.level()).as(what).isEqualTo(LEVELS.get(alert.getSeverity()));
          assertThat(fired.groups()).as(what).contains("logwarden_" + alert.getSeverity().name().toLowerCase());
          for (String technique : alert.getAttack()) {
            assertThat(fired.groups()).as(what).contains("attack_" + technique);
          }
          assertThat(fired.mitre()).as(what).containsExactlyInAnyOrderElementsOf(alert.getAttack());
        } else {
          assertThat(fired.level()).as(what).isEqualTo(INFORMATIONAL);
        }
        checked++;
      }
    }
    // Every rule, every status (UNKNOWN too), every severity (UNKNOWN too), both array forms.
    assertThat(checked).isEqualTo(shipped.size() * AlertStatus.values().length * Severity.values().length * 2);
  }

  @Test
  void theSamplesOwnAlertsGetTheirLevels() {
    WazuhRules rules = WazuhRules.parse(read("logwarden_rules.xml"));
    Map<String, String> labels = labels().get("alerts");
    assertThat(SampleRecords.alerts()).extracting(Alert::getStatus).contains(AlertStatus.OPEN, AlertStatus.CLOSED);
    for (Alert alert : SampleRecords.alerts()) {
      WazuhRules.Rule fired = rules.evaluate(
          WazuhJsonDecoder.decode(AvroJson.toJson(alert), labels, WazuhJsonDecoder.ArrayForm.CSV));
      int expected = alert.getStatus() == AlertStatus.CLOSED ? INFORMATIONAL : LEVELS.get(alert.getSeverity());
      assertThat(fired.level()).as(alert.getRuleId() + " " + alert.getStatus()).isEqualTo(expected);
    }
  }

  @Test
  void theReadmesExampleLineMakesTheWazuhAlertItShows() {
    String line = read("README.md").lines().filter(text -> text.startsWith("{\"alert_id\"")).findFirst().orElseThrow();
    WazuhRules.Rule fired = WazuhRules.parse(read("logwarden_rules.xml")).evaluate(
        WazuhJsonDecoder.decode(line, labels().get("alerts"), WazuhJsonDecoder.ArrayForm.JSON));
    assertThat(fired.id()).isEqualTo(100731);
    assertThat(read("README.md")).contains("\"rule\": {\"id\": \"" + fired.id() + "\", \"level\": " + fired.level() + ",");
    assertThat(SampleRecords.of(policy.topics().alerts().name())).extracting(JsonNode::toString).contains(line);
  }

  @Test
  void aTechniqueTheRulesDoNotListStillGetsItsSeveritysLevel() {
    WazuhRules rules = WazuhRules.parse(read("logwarden_rules.xml"));
    Alert custom = Alert.newBuilder(SampleRecords.alerts().get(0))
        .setAttack(List.of("T1059")).setSeverity(Severity.HIGH).setStatus(AlertStatus.OPEN).build();
    WazuhRules.Rule fired = rules.evaluate(
        WazuhJsonDecoder.decode(AvroJson.toJson(custom), labels().get("alerts"), WazuhJsonDecoder.ArrayForm.JSON));
    assertThat(fired.level()).isEqualTo(10);
    assertThat(fired.groups()).noneMatch(group -> group.startsWith("attack_"));
  }

  @Test
  void theSecurityEventsGetWazuhsAuthenticationGroups() {
    WazuhRules rules = WazuhRules.parse(read("logwarden_rules.xml"));
    Map<String, String> labels = labels().get("security_events");
    Set<String> groups = new HashSet<>();
    for (JsonNode event : SampleRecords.of(policy.topics().securityEvents().name())) {
      WazuhRules.Rule fired = rules.evaluate(WazuhJsonDecoder.decode(event.toString(), labels,
          WazuhJsonDecoder.ArrayForm.CSV));
      assertThat(fired).as(event.toString()).isNotNull();
      assertThat(fired.groups()).contains("logwarden_event");
      groups.addAll(fired.groups());
    }
    assertThat(groups).contains("authentication_failed", "authentication_success", "config_changed");
  }

  @Test
  void theIntegrationsPageOnHighAndCriticalAndSendNoClosedAlert() {
    WazuhRules rules = WazuhRules.parse(read("logwarden_rules.xml"));
    Set<String> ruleGroups = new HashSet<>();
    rules.rules().forEach(rule -> ruleGroups.addAll(rule.groups()));
    Map<String, Integer> levels = new LinkedHashMap<>();
    for (Element integration : WazuhRules.children(WazuhRules.document(read("integrations.xml")))) {
      String name = text(integration, "name");
      levels.put(name, Integer.parseInt(text(integration, "level")));
      assertThat(text(integration, "alert_format")).isEqualTo("json");
      for (String group : text(integration, "group").split(",")) {
        assertThat(ruleGroups).as(name + "'s group").contains(group.trim());
      }
      // Placeholders, never a credential.
      String secret = name.equals("slack") ? text(integration, "hook_url") : text(integration, "api_key");
      assertThat(secret).startsWith("REPLACE_WITH_");
    }
    assertThat(levels).containsOnlyKeys("slack", "pagerduty");
    assertThat(levels.get("pagerduty")).isLessThanOrEqualTo(LEVELS.get(Severity.HIGH)).isGreaterThan(LEVELS.get(Severity.MEDIUM));
    assertThat(levels.values()).allSatisfy(level -> assertThat(level).isGreaterThan(INFORMATIONAL));
  }

  /** The shipped rules' alerts in every status and severity, built on the sample's real alerts. */
  private static List<Alert> alertVariants(List<DetectionRule> shipped) {
    List<Alert> real = SampleRecords.alerts();
    assertThat(real).as("alerts of the sample").isNotEmpty();
    List<Alert> variants = new ArrayList<>();
    for (DetectionRule rule : shipped) {
      Alert template = real.stream().filter(alert -> alert.getRuleId().equals(rule.id())).findFirst().orElse(real.get(0));
      for (AlertStatus status : AlertStatus.values()) {
        for (Severity severity : Severity.values()) {
          variants.add(Alert.newBuilder(template)
              .setRuleId(rule.id())
              .setTitle(rule.title())
              .setAttack(rule.attack())
              .setSeverity(severity)
              .setStatus(status)
              .setEscalationStep(status == AlertStatus.UPDATED ? 1 : null)
              .setDistinctCount(rule.type() == RuleType.DISTINCT_COUNT ? 12L : null)
              .setDistinctCountCapped(rule.type() == RuleType.DISTINCT_COUNT ? false : null)
              .build());
        }
      }
    }
    return variants;
  }

  /** What the file destination writes: each alert of the sample and every variant, as one AvroJson line. */
  private List<JsonNode> alertLines() {
    List<JsonNode> lines = new ArrayList<>(SampleRecords.of(policy.topics().alerts().name()));
    assertThat(lines).as("alerts of the sample").isNotEmpty();
    for (Alert alert : alertVariants(RulesLoader.loadDefault(policy).rules())) {
      try {
        lines.add(JSON.readTree(AvroJson.toJson(alert)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return lines;
  }

  private static List<WazuhFieldCheck.Stream> streams(List<JsonNode> alerts, List<JsonNode> events) {
    Map<String, Map<String, String>> labels = labels();
    return List.of(new WazuhFieldCheck.Stream("alerts", labels.get("alerts"), alerts),
        new WazuhFieldCheck.Stream("security_events", labels.get("security_events"), events));
  }

  /** The label value of each localfile's {@code @logwarden} label to all of that localfile's labels. */
  private static Map<String, Map<String, String>> labels() {
    Map<String, Map<String, String>> byFile = new LinkedHashMap<>();
    for (Element localfile : WazuhRules.children(WazuhRules.document(read("localfile.xml")))) {
      Map<String, String> labels = new LinkedHashMap<>();
      for (Element label : WazuhRules.children(localfile)) {
        if (label.getTagName().equals("label")) {
          labels.put(label.getAttribute("key"), label.getTextContent().trim());
        }
      }
      byFile.put(labels.get("@logwarden"), labels);
    }
    return byFile;
  }

  private static String text(Element parent, String child) {
    return WazuhRules.children(parent).stream().filter(element -> element.getTagName().equals(child))
        .map(element -> element.getTextContent().trim()).findFirst()
        .orElseThrow(() -> new AssertionError("<" + parent.getTagName() + "> has no <" + child + ">"));
  }

  private static String read(String file) {
    try {
      return Files.readString(WAZUH.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
