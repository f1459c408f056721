package io.logwarden.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.policy.Store;
import io.logwarden.schema.Actor;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.Category;
import io.logwarden.schema.LogEvent;
import io.logwarden.schema.Origin;
import io.logwarden.schema.Outcome;
import io.logwarden.schema.Redaction;
import io.logwarden.schema.Severity;
import io.logwarden.schema.Source;
import io.logwarden.topics.TopicPlan;
import io.logwarden.topics.TopicSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The controls built from plain inputs: verdicts, evidence rows and findings. */
class EvidenceControlsTest {

  private static final Policy POLICY = PolicyLoader.loadDefault();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

  private static EvidencePeriod asOf(String date) {
    return EvidencePeriod.parse(date, "30d", CLOCK);
  }

  @Test
  void theShippedPolicyReviewedOn2026_07_01IsCurrentOn2026_11_28AndOverdueOn2027_08_01() {
    assertThat(POLICY.info().lastReview()).hasToString("2026-07-01");

    Control current = PolicyReviewControl.of(POLICY.info(), asOf("2026-11-28"));
    assertThat(current.verdict()).isEqualTo(Verdict.MET);
    assertThat(current.findings()).isEmpty();
    assertThat(current.table().rows()).contains(List.of("last review", "2026-07-01"),
        List.of("next review due", "2027-07-01"), List.of("owner", "CISO"), List.of("version", "1.0"));

    Control overdue = PolicyReviewControl.of(POLICY.info(), asOf("2027-08-01"));
    assertThat(overdue.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(overdue.findings()).singleElement().asString()
        .contains("last reviewed on 2026-07-01", "more than a year before 2027-08-01", "due by 2027-07-01",
            "at least annually");
  }

  @Test
  void theReviewIsOverdueFromTheDayAfterItsAnniversary() {
    assertThat(PolicyReviewControl.of(POLICY.info(), asOf("2027-07-01")).verdict()).isEqualTo(Verdict.MET);
    assertThat(PolicyReviewControl.of(POLICY.info(), asOf("2027-07-02")).verdict()).isEqualTo(Verdict.FINDING);
    assertThat(PolicyReviewControl.of(POLICY.info(), asOf("2026-06-30")).verdict())
        .as("an as-of before the last review cannot judge it").isEqualTo(Verdict.INFO);
  }

  private static Map<String, TopicSettings> matching() {
    Map<String, TopicSettings> settings = new LinkedHashMap<>();
    for (Store store : POLICY.stores().values()) {
      settings.put(store.topic(), new TopicSettings(store.topic(), "compact,delete",
          Long.toString(store.retention().toMillis())));
    }
    return settings;
  }

  @Test
  void everyStoreMatchesButLangfuseHasNoCapUnderReview() {
    Control control = RetentionControl.of(POLICY.stores().values(), matching());

    assertThat(control.table().rows()).extracting(row -> row.get(0), row -> row.get(3), row -> row.get(6))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Better Stack", "30 days", "matches"),
            org.assertj.core.groups.Tuple.tuple("Sentry", "90 days", "matches"),
            org.assertj.core.groups.Tuple.tuple("PostHog", "7 years (2555 days)", "matches"),
            org.assertj.core.groups.Tuple.tuple("Langfuse", "unlimited (under review)", "matches"));
    assertThat(control.table().rows().get(3).get(4)).isEqualTo("-1 (unlimited)");
    assertThat(control.table().rows().get(0).get(4)).isEqualTo("2592000000 (30 days)");
    // The finding is the policy's own open point, not drift: it stays open on a clean cluster.
    assertThat(control.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(control.findings()).singleElement().asString()
        .startsWith("Langfuse: no retention cap; the policy marks it under review.")
        .contains("Policy note: Langfuse's default configuration.", "reviewing this store for data minimization");
    assertThat(control.chart().bars()).extracting(BarChart.Bar::label, BarChart.Bar::display, BarChart.Bar::unlimited)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Better Stack", "30 d", false),
            org.assertj.core.groups.Tuple.tuple("Sentry", "90 d", false),
            org.assertj.core.groups.Tuple.tuple("PostHog", "2555 d", false),
            org.assertj.core.groups.Tuple.tuple("Langfuse", "unlimited", true));
  }

  @Test
  void aStoreTopicWithAnotherRetentionDriftsAndAMissingOneIsSaid() {
    Map<String, TopicSettings> settings = matching();
    settings.put("store.sentry", new TopicSettings("store.sentry", "compact,delete", "86400000"));
    settings.put("store.posthog", new TopicSettings("store.posthog", "delete", "220752000000"));
    settings.remove("store.betterstack");

    Control control = RetentionControl.of(POLICY.stores().values(), settings);

    assertThat(control.table().rows()).extracting(row -> row.get(6))
        .containsExactly("missing topic", "drift (retention.ms)", "drift (cleanup.policy)", "matches");
    assertThat(control.table().rows().get(1).get(4)).isEqualTo("86400000 (1 day)");
    assertThat(control.findings()).contains(
        "Better Stack: its topic store.betterstack is missing from the cluster.",
        "Sentry: store.sentry has retention.ms 86400000, the policy says 7776000000 (90d).",
        "PostHog: store.posthog has cleanup.policy delete, the policy says compact,delete.");
    assertThat(control.findings()).hasSize(4);
  }

  @Test
  void topicDriftIsMetWhenThePlanIsCleanAndAFindingPerChangeOtherwise() {
    assertThat(TopicDriftControl.of(new TopicPlan(List.of())).verdict()).isEqualTo(Verdict.MET);

    Control drift = TopicDriftControl.of(new TopicPlan(List.of(
        new TopicPlan.Change(TopicPlan.Kind.ALTER, "logs.raw.auth", "message.timestamp.type", "CreateTime", "LogAppendTime"),
        new TopicPlan.Change(TopicPlan.Kind.CREATE, "logs.dlq", null, null, "partitions=3"))));
    assertThat(drift.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(drift.findings()).containsExactly(
        "~ alter logs.raw.auth message.timestamp.type: CreateTime -> LogAppendTime", "+ create logs.dlq (partitions=3)");
    assertThat(drift.chart().bars()).extracting(BarChart.Bar::label, BarChart.Bar::value).containsExactly(
        org.assertj.core.groups.Tuple.tuple("create", 1L), org.assertj.core.groups.Tuple.tuple("alter", 1L),
        org.assertj.core.groups.Tuple.tuple("manual", 0L));
  }

  private static LogEvent event(String id, long skewMs, String host, Map<String, Integer> rules, String... flags) {
    Instant observed = Instant.parse("2026-11-27T08:00:00Z");
    return LogEvent.newBuilder()
        .setEventId(id)
        .setEventTime(observed.plusMillis(skewMs))
        .setObservedTime(observed)
        .setClockSkewMs(skewMs)
        .setCategory(Category.APPLICATION)
        .setAction("log")
        .setOutcome(Outcome.UNKNOWN)
        .setSeverityNumber(9)
        .setSeverityText(null)
        .setActor(new Actor(null, null, null))
        .setSource(new Source(host, null, null))
        .setMessage("a message that must never reach the report")
        .setAttributes(new HashMap<>())
        .setOrigin(new Origin("logs.raw.test", 0, 0L, 0, "json"))
        .setRedaction(new Redaction(new HashMap<>(rules), null))
        .setFlags(new ArrayList<>(List.of(flags)))
        .build();
  }

  @Test
  void redactionsCountEachEventOnceByEventIdAcrossStores() {
    StoreEventTally tally = new StoreEventTally(5_000);
    LogEvent error = event("e1", 0, "web-1", Map.of("email", 2, "ipv4", 1));
    tally.accept(error);
    tally.accept(error); // the same event in the Sentry store
    tally.accept(event("e2", 0, "web-1", Map.of("email", 1)));
    tally.accept(event("e3", 0, "web-1", Map.of()));

    Control control = RedactionControl.of(tally, List.of("store.betterstack", "store.sentry"), asOf("2026-11-28"));

    assertThat(control.verdict()).isEqualTo(Verdict.INFO);
    assertThat(control.table().rows()).containsExactly(List.of("email", "3", "2"), List.of("ipv4", "1", "1"));
    assertThat(control.basis()).contains("3 distinct event(s)", "2 of them with");
  }

  @Test
  void clockSkewShowsEventsBeyondTheToleranceEitherWayAndFindsHostsAhead() {
    StoreEventTally tally = new StoreEventTally(5_000);
    tally.accept(event("a", 5_000, "db-1", Map.of()));        // at the tolerance: fine
    tally.accept(event("b", -5_000, "db-1", Map.of()));       // at the tolerance behind: fine
    tally.accept(event("c", 5_001, "db-1", Map.of()));        // ahead
    tally.accept(event("d", 3_600_000, "db-1", Map.of(), "future_time"));
    tally.accept(event("e", -86_400_000, null, Map.of()));    // behind, no host
    tally.accept(event("f", 100, "web-2", Map.of(), "future_time")); // flagged by the normalizer: counts

    Control control = ClockSkewControl.of(tally, Duration.ofSeconds(5), asOf("2026-11-28"));

    assertThat(control.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(control.table().rows()).containsExactly(
        List.of("(unknown)", "0", "1", "-1 d 0 h"),
        List.of("db-1", "2", "0", "+1 h 0 min"),
        List.of("web-2", "1", "0", "+100 ms"));
    assertThat(control.findings()).singleElement().asString()
        .isEqualTo("3 event(s) from 2 host(s) were dated more than 5 s ahead of their arrival (a clock running fast); "
            + "the largest, +1 h 0 min, is from host db-1.");

    // Only behind (late deliveries, replays): shown, not a finding.
    StoreEventTally late = new StoreEventTally(5_000);
    late.accept(event("g", -86_400_000, "batch-1", Map.of()));
    Control behind = ClockSkewControl.of(late, Duration.ofSeconds(5), asOf("2026-11-28"));
    assertThat(behind.verdict()).isEqualTo(Verdict.MET);
    assertThat(behind.table().rows()).containsExactly(List.of("batch-1", "0", "1", "-1 d 0 h"));

    StoreEventTally clean = new StoreEventTally(5_000);
    clean.accept(event("a", 4_999, "db-1", Map.of()));
    Control met = ClockSkewControl.of(clean, Duration.ofSeconds(5), asOf("2026-11-28"));
    assertThat(met.verdict()).isEqualTo(Verdict.MET);
    assertThat(met.table().rows()).isEmpty();
  }

  private static Alert alert(String id, String rule, Severity severity, long count, AlertStatus status, String detected) {
    Instant at = Instant.parse(detected);
    return Alert.newBuilder().setAlertId(id).setRuleId(rule).setTitle("t").setSeverity(severity).setKey("pii:k")
        .setCount(count).setFirstSeen(at).setLastSeen(at).setWindowStart(at).setWindowEnd(at).setStatus(status)
        .setSummary("a summary that must never reach the report").setDetectedAt(at).build();
  }

  @Test
  void alertsCountOncePerIdAtTheirLatestState() {
    AlertTally tally = new AlertTally();
    tally.accept(alert("a1", "auth.brute_force.source", Severity.HIGH, 8, AlertStatus.OPEN, "2026-11-27T08:00:00Z"), 0, 1);
    tally.accept(alert("a1", "auth.brute_force.source", Severity.HIGH, 12, AlertStatus.UPDATED, "2026-11-27T08:01:00Z"), 0, 2);
    tally.accept(alert("a2", "auth.brute_force.source", Severity.HIGH, 16, AlertStatus.OPEN, "2026-11-27T09:00:00Z"), 1, 1);
    tally.accept(alert("a3", "auth.success_after_failures", Severity.CRITICAL, 6, AlertStatus.OPEN, "2026-11-27T09:00:00Z"), 2, 1);

    Control control = AlertControl.of(tally, "security.alerts", true, asOf("2026-11-28"));

    assertThat(control.table().rows()).containsExactly(
        List.of("auth.brute_force.source", "HIGH", "2", "28"),
        List.of("auth.success_after_failures", "CRITICAL", "1", "6"));
    assertThat(control.chart().bars()).extracting(BarChart.Bar::label, BarChart.Bar::value).containsExactly(
        org.assertj.core.groups.Tuple.tuple("auth.brute_force.source", 2L),
        org.assertj.core.groups.Tuple.tuple("auth.success_after_failures", 1L));
    assertThat(control.basis()).contains("3 distinct alert(s)");
  }

  @Test
  void theControlsThisToolCannotSeeAreNotEvidencedWithWhy() {
    List<Control> controls = UnevidencedControls.all();
    assertThat(controls).extracting(Control::id).containsExactly("not-evidenced.encryption-at-rest",
        "not-evidenced.tamper-protection", "not-evidenced.alert-review",
        "not-evidenced.siem-ids", "not-evidenced.status-page");
    assertThat(controls).allSatisfy(control -> {
      assertThat(control.verdict()).isEqualTo(Verdict.NOT_EVIDENCED);
      assertThat(control.chart()).isNull();
      assertThat(control.table().rows()).singleElement().satisfies(row -> assertThat(row).allMatch(c -> !c.isBlank()));
    });
    assertThat(controls.get(0).policyText()).contains("encrypts log data in transit and at rest");
    assertThat(controls.get(3).policyText()).contains("Wazuh");
    // Notifying the team has a control of its own (NotificationControl), evidenced from the config.
    assertThat(controls).extracting(Control::title).doesNotContain(NotificationControl.TITLE);
  }

  @Test
  void aFindingNeedsFindingsAndOnlyAFindingHasThem() {
    EvidenceTable table = EvidenceTable.of("a").build();
    assertThatThrownBy(() -> new Control("x", "X", List.of(), "p", Verdict.FINDING, "b", table, null, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Control("x", "X", List.of(), "p", Verdict.MET, "b", table, null, List.of("f")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EvidenceTable.of("a", "b").row("only one").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aControlBuiltElsewhereCountsInTheSummaryLikeTheOthers() {
    List<Control> controls = new ArrayList<>();
    controls.add(PolicyReviewControl.of(POLICY.info(), asOf("2027-08-01")));
    controls.add(RetentionControl.of(POLICY.stores().values(), matching()));
    controls.add(new Control("access-control", "Access to log data", List.of("A 8.15", "A 5.15"),
        "botBrains restricts access to log data to the LogAdmin role under least privilege.", Verdict.FINDING,
        "ACLs against the policy's matrix.", EvidenceTable.of("principal", "topic").row("User:x", "store.sentry").build(),
        new BarChart("ACLs", List.of()), List.of("User:x may read store.sentry")));
    controls.addAll(UnevidencedControls.all());

    EvidenceReport report = EvidenceReport.of(POLICY.info(), null, "kafka:9092", asOf("2027-08-01"), controls);

    assertThat(report.verdictCounts()).containsExactly(Map.entry(Verdict.MET, 0), Map.entry(Verdict.FINDING, 3),
        Map.entry(Verdict.NOT_EVIDENCED, 5), Map.entry(Verdict.INFO, 0));
    assertThat(report.openFindings()).extracting(f -> f.control().id())
        .containsExactly("policy-identity", "retention", "access-control");
    assertThat(report.facts()).containsEntry("as of", "2027-08-01 (up to 2027-08-01T23:59:59.999Z)")
        .containsEntry("period", "30d: records with a time in (2027-07-02T23:59:59.999Z, 2027-08-01T23:59:59.999Z]");
    assertThatThrownBy(() -> new EvidenceReport("t", Map.of(), List.of(controls.get(0), controls.get(0))))
        .hasMessageContaining("two controls have the id policy-identity");
  }
}
