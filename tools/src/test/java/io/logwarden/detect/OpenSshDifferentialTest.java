package io.logwarden.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.logwarden.detect.ReferenceDetector.State;
import io.logwarden.detect.ReferenceSshLog.Outcome;
import io.logwarden.detect.ReferenceSshLog.Reading;
import io.logwarden.detect.ReferenceSshLog.SignIn;
import io.logwarden.detect.rules.RulesLoader;
import io.logwarden.offline.OfflinePipeline;
import io.logwarden.policy.Policy;
import io.logwarden.policy.PolicyLoader;
import io.logwarden.redact.PseudonymKey;
import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.serde.LogwardenSerdes;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Differential test of detection on a real sshd log (Loghub OpenSSH_2k; see the dataset's README for
 * the citation): the whole offline pipeline (normalize, redact, detect, as {@code logwarden process}
 * runs it with the shipped policy) against {@link ReferenceDetector}, an independent reading of the
 * rules' written semantics over {@link ReferenceSshLog}, an independent reading of the log. Per rule,
 * the alerts are compared by key and opening time, with the count and first_seen at opening and the
 * final state (count, last_seen, number of records), with an update_interval of 0 (a record per update,
 * as the reference computes them; coalescing has its own tests). Nothing here is copied from the pipeline's
 * output.
 */
class OpenSshDifferentialTest {

    private static final String ALERTS_TOPIC = "security.alerts";
  private static final String RAW_TOPIC_SOURCE = "openssh";
  // The log is of December 10 and has no year; received just after, on December 11, 2026, the
  // normalizer gives it the observed time's year. Fixed, so that the run is deterministic.
  private static final Instant OBSERVED = Instant.parse("2026-12-11T00:00:00Z");
  // The shipped policy reads sources without a time_zone setting in UTC.
  private static final ZoneId ZONE = ZoneOffset.UTC;
  private static final String KEY_ID = "difftest";
  private static final byte[] SECRET = ReferenceExpectations.testSecret();

  private static final Set<String> KNOWN_RULES = Set.of(
      ReferenceDetector.BRUTE_FORCE_SOURCE, ReferenceDetector.BRUTE_FORCE_USER, ReferenceDetector.PASSWORD_SPRAYING,
      ReferenceDetector.SUCCESS_AFTER_FAILURES, "config.change_after_suspicious_auth", "system.clock_skew",
      "availability.error_burst");

  private static final Map<String, String> KEY_FIELDS = Map.of(
      ReferenceDetector.BRUTE_FORCE_SOURCE, "source.address", ReferenceDetector.BRUTE_FORCE_USER, "actor.user",
      ReferenceDetector.PASSWORD_SPRAYING, "source.address", ReferenceDetector.SUCCESS_AFTER_FAILURES, "actor.user");

  private static Reading reading;
  /** The log's lines as the test reads them. */
  private static List<String> LINES;
  /** The reference's sign-ins with source and user replaced by the keys the pipeline writes. */
  private static List<SignIn> keyed;
  /** Reference key (pseudonym) to the value it stands for, to show alerts readably. */
  private static final Map<String, String> PLAIN = new HashMap<>();
  /** Reference alerts by rule id. */
  private static final Map<String, List<ReferenceDetector.Alert>> EXPECTED = new HashMap<>();
  /** The pipeline's alert records, grouped by alert id in order of appearance. */
  private static final Map<String, Observed> ACTUAL = new LinkedHashMap<>();

  /** The records of one alert id on the alerts topic. */
  private record Observed(String alertId, List<String> recordKeys, List<Alert> records) {
    Alert first() {
      return records.get(0);
    }

    Alert last() {
      return records.get(records.size() - 1);
    }
  }

  @BeforeAll
  static void runBoth(@TempDir Path stateDir) throws Exception {
    ReferenceExpectations reference =
        ReferenceExpectations.of(ReferenceExpectations.OPENSSH_DATASET, ZONE, OBSERVED, KEY_ID, SECRET);
    List<String> lines = reference.lines();
    reading = reference.reading();
    keyed = reference.keyed();
    EXPECTED.putAll(reference.alerts());
    PLAIN.putAll(reference.plain());

    LINES = lines;
    ACTUAL.putAll(runPipeline(lines, stateDir));
  }

  /** The pipeline's alert records for the lines, grouped by alert id in order of appearance. */
  private static Map<String, Observed> runPipeline(List<String> lines, Path stateDir) throws Exception {
    Map<String, Observed> actual = new LinkedHashMap<>();
    Policy policy = PolicyLoader.loadDefault();
    Deserializer<Alert> alerts = LogwardenSerdes.alert().deserializer();
    try (OfflinePipeline pipeline = new OfflinePipeline(policy, RulesLoader.loadDefault(policy).withUpdateInterval(Duration.ZERO), policy.topics().rawTopic(RAW_TOPIC_SOURCE), stateDir,
        new PseudonymKey(KEY_ID, SECRET), new SimpleMeterRegistry())) {
      for (String line : lines) {
        pipeline.process(line.getBytes(StandardCharsets.UTF_8), OBSERVED, out -> {
          if (out.topic().equals(ALERTS_TOPIC)) {
            Alert alert = alerts.deserialize(ALERTS_TOPIC, out.value());
            String recordKey = out.key() == null ? null : new String(out.key(), StandardCharsets.UTF_8);
            Observed observed = actual.computeIfAbsent(alert.getAlertId(),
                id -> new Observed(id, new ArrayList<>(), new ArrayList<>()));
            observed.recordKeys().add(recordKey);
            observed.records().add(alert);
          }
        });
      }
    }
    return actual;
  }

  // The older Linux-PAM layout names the module in the tag and leaves it out of the message:
  // "sshd(pam_unix)[24200]: authentication failure; ..." for "sshd[24200]: pam_unix(sshd:auth): authentication
  // failure; ...", and so for sessions and inside rsyslog's "message repeated N times: [ ... ]".
  private static final java.util.regex.Pattern MODERN_PAM =
      java.util.regex.Pattern.compile("sshd\\[(\\d+)\\]: (message repeated \\d+ times: \\[ ?)?(pam_unix)\\([^)]*\\): ");

  private static String olderPamLayout(String line) {
    return MODERN_PAM.matcher(line).replaceFirst("sshd($3)[$1]: $2");
  }

  @Test
  void theOlderPamLayoutOfTheSameLogYieldsTheSameAlerts(@TempDir Path stateDir) throws Exception {
    List<String> older = LINES.stream().map(OpenSshDifferentialTest::olderPamLayout).toList();
    long rewritten = older.stream().filter(line -> line.contains("sshd(pam_unix)[")).count();
    assertThat(rewritten).as("lines rewritten to the older layout").isGreaterThan(450);
    // The reference reads the older layout as the same sign-ins.
    assertThat(ReferenceSshLog.read(older, ZONE, OBSERVED).signIns()).isEqualTo(reading.signIns());
    // And so does the pipeline: alert for alert, record for record.
    Map<String, Observed> olderAlerts = runPipeline(older, stateDir);
    assertThat(summaries(olderAlerts)).isEqualTo(summaries(ACTUAL)).isNotEmpty();
  }

  private static List<String> summaries(Map<String, Observed> alerts) {
    List<String> summaries = new ArrayList<>();
    for (Observed observed : alerts.values()) {
      for (Alert alert : observed.records()) {
        summaries.add(alert.getRuleId() + " " + alert.getKey() + " " + alert.getStatus() + " count=" + alert.getCount()
            + " first=" + alert.getFirstSeen() + " last=" + alert.getLastSeen());
      }
    }
    return summaries;
  }

  @Test
  void theReferenceSeesTheAttacksInTheLog() {
    assertThat(reading.lines()).isEqualTo(2000);
    // The README: about 500 PAM failure lines and about 520 "Failed password" lines (plus repeats).
    assertThat(reading.pamFailures()).as("PAM authentication failures").isBetween(450, 550);
    assertThat(reading.sshdFailures()).as("sshd Failed <method> lines, repeats counted").isBetween(480, 600);
    assertThat(reading.successes()).as("one Accepted password and the session it opened").isEqualTo(2);
    long failures = keyed.stream().filter(s -> s.outcome() == Outcome.FAILURE).count();
    assertThat(failures).isEqualTo(reading.pamFailures() + reading.sshdFailures() + reading.otherFailures());
    assertThat(EXPECTED.get(ReferenceDetector.BRUTE_FORCE_SOURCE)).as("rule 1 in the reference").isNotEmpty();
    assertThat(keyed).allSatisfy(s -> assertThat(s.time())
        .isBetween(Instant.parse("2026-12-10T00:00:00Z"), Instant.parse("2026-12-11T00:00:00Z")));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      ReferenceDetector.BRUTE_FORCE_SOURCE, ReferenceDetector.BRUTE_FORCE_USER,
      ReferenceDetector.PASSWORD_SPRAYING, ReferenceDetector.SUCCESS_AFTER_FAILURES})
  void signInRulesAlertAsTheReferenceDoes(String ruleId) {
    assertThat(EXPECTED.get(ruleId))
        .allSatisfy(alert -> assertThat(alert.keyField()).isEqualTo(KEY_FIELDS.get(ruleId)));
    // On this log the one successful sign-in (fztu) follows no failures for its user, so rule 4
    // expects no alert here; the comparison still holds the pipeline to none.
    compare(ruleId, EXPECTED.get(ruleId));
  }

  @Test
  void noConfigurationChangeAlerts() {
    // An sshd log holds no configuration changes.
    compare("config.change_after_suspicious_auth", List.of());
  }

  @Test
  void noClockSkewAlerts() {
    // Every event is a day or less before the observed time: none is dated in the future.
    assertThat(keyed).allSatisfy(s -> assertThat(s.time()).isBefore(OBSERVED));
    compare("system.clock_skew", List.of());
  }

  @Test
  void noErrorBurstAlerts() {
    // Without a <PRI> a BSD syslog line carries no severity, and no line carries an exception, so
    // no event of this log is an error (severity ERROR or above, or an exception).
    assertThat(reading.errorLines()).as("lines the reference takes for errors").isZero();
    compare("availability.error_burst", List.of());
  }

  @Test
  void everyAlertRecordIsKeyedByItsIdAndNamesAKnownRule() {
    assertThat(ACTUAL.values()).allSatisfy(alert -> {
      assertThat(alert.recordKeys()).as("record keys of " + alert.alertId()).containsOnly(alert.alertId());
      assertThat(alert.first().getRuleId()).isIn(KNOWN_RULES);
    });
  }

  // ---------------------------------------------------------------------------------------------

  /** Fails with a readable list of the differences between the reference's alerts and the pipeline's. */
  private static void compare(String ruleId, List<ReferenceDetector.Alert> expected) {
    String keyField = KEY_FIELDS.get(ruleId);
    Map<String, String> want = new TreeMap<>();
    for (ReferenceDetector.Alert alert : expected) {
      want.put(identity(alert.key(), alert.openedAt()), describe(alert));
    }
    Map<String, String> got = new TreeMap<>();
    for (Observed alert : ACTUAL.values()) {
      if (alert.first().getRuleId().equals(ruleId)) {
        String id = identity(alert.first().getKey(), alert.first().getDetectedAt());
        String text = describe(alert, keyField);
        got.merge(id, text, (a, b) -> a + "\n        and again: " + b);
      }
    }
    StringBuilder onlyWant = new StringBuilder();
    StringBuilder onlyGot = new StringBuilder();
    StringBuilder differ = new StringBuilder();
    int same = 0;
    for (Map.Entry<String, String> e : want.entrySet()) {
      String actual = got.get(e.getKey());
      if (actual == null) {
        onlyWant.append("\n    ").append(e.getKey()).append(": ").append(e.getValue());
      } else if (actual.equals(e.getValue())) {
        same++;
      } else {
        differ.append("\n    ").append(e.getKey())
            .append("\n      reference: ").append(e.getValue())
            .append("\n      pipeline:  ").append(actual);
      }
    }
    for (Map.Entry<String, String> e : got.entrySet()) {
      if (!want.containsKey(e.getKey())) {
        onlyGot.append("\n    ").append(e.getKey()).append(": ").append(e.getValue());
      }
    }
    String report = ruleId + ": the reference expects " + want.size() + " alert(s) on "
        + distinctKeys(want) + " key(s), the pipeline produced " + got.size() + " on " + distinctKeys(got)
        + " key(s); " + same + " agree"
        + section("only in the reference", onlyWant)
        + section("only in the pipeline", onlyGot)
        + section("in both, differing", differ);
    System.out.println(report);
    if (onlyWant.length() + onlyGot.length() + differ.length() > 0) {
      fail(report);
    }
  }

  private static String section(String title, StringBuilder body) {
    return body.length() == 0 ? "" : "\n  " + title + ":" + body;
  }

  private static long distinctKeys(Map<String, String> alerts) {
    return alerts.keySet().stream().map(id -> id.substring(0, id.lastIndexOf(" opened "))).distinct().count();
  }

  private static String identity(String key, Instant openedAt) {
    return PLAIN.getOrDefault(key, key + " (unknown to the reference)") + " opened " + openedAt;
  }

  private static String describe(ReferenceDetector.Alert alert) {
    State open = alert.opening();
    State last = alert.last();
    return "open: count=" + open.count() + distinct(open.distinctCount()) + " first_seen=" + open.firstSeen()
        + " | last: count=" + last.count() + distinct(last.distinctCount()) + " last_seen=" + last.lastSeen()
        + " | records=" + alert.states().size();
  }

  private static String describe(Observed alert, String keyField) {
    Alert open = alert.first();
    Alert last = alert.last();
    StringBuilder text = new StringBuilder()
        .append("open: count=").append(open.getCount()).append(distinct(open.getDistinctCount()))
        .append(" first_seen=").append(open.getFirstSeen())
        .append(" | last: count=").append(last.getCount()).append(distinct(last.getDistinctCount()))
        .append(" last_seen=").append(last.getLastSeen())
        .append(" | records=").append(alert.records().size());
    // What the reference always gets right, said only when the pipeline does not.
    List<AlertStatus> statuses = alert.records().stream().map(Alert::getStatus).toList();
    boolean statusesOk = statuses.get(0) == AlertStatus.OPEN
        && statuses.subList(1, statuses.size()).stream().allMatch(s -> s == AlertStatus.UPDATED);
    if (!statusesOk) {
      text.append(" !statuses=").append(statuses);
    }
    if (keyField != null && !keyField.equals(open.getKeyField())) {
      text.append(" !key_field=").append(open.getKeyField());
    }
    if (alert.records().stream().anyMatch(r -> !r.getKey().equals(open.getKey())
        || !r.getRuleId().equals(open.getRuleId()))) {
      text.append(" !rule or key changes under one alert id");
    }
    if (alert.records().stream().anyMatch(r -> !r.getFirstSeen().equals(open.getFirstSeen()))) {
      text.append(" !first_seen changes to ").append(last.getFirstSeen());
    }
    return text.toString();
  }

  private static String distinct(Long distinctCount) {
    return distinctCount == null ? "" : " distinct=" + distinctCount;
  }
}
