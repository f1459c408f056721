package io.logwarden.evidence;

import io.logwarden.policy.Store;
import io.logwarden.topics.TopicDrift;
import io.logwarden.topics.TopicSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Each store of the policy: its retention in the policy against its topic's settings on the cluster. */
final class RetentionControl {

  static final String ID = "retention";
  static final String POLICY_TEXT = "botBrains retains each log and telemetry store for a fixed period that balances "
      + "investigation and audit needs against data minimization.";
  static final String MATCHES = "matches";
  static final String DRIFT = "drift";
  static final String MISSING = "missing topic";

  private RetentionControl() {}

  /**
   * @param stores the policy's stores, in policy order
   * @param settings the cluster's settings of the topics that exist, by topic name
   */
  static Control of(Collection<Store> stores, Map<String, TopicSettings> settings) {
    EvidenceTable.Builder table = EvidenceTable.of(
        "store", "topic", "data", "policy retention", "retention.ms", "cleanup.policy", "verdict");
    List<BarChart.Bar> bars = new ArrayList<>();
    List<String> findings = new ArrayList<>();
    int drifting = 0;
    for (Store store : stores) {
      String policyRetention = DurationText.retention(store.retention())
          + (store.underReview() ? " (under review)" : "");
      TopicSettings actual = settings.get(store.topic());
      String data = String.join(", ", store.data());
      if (actual == null) {
        table.row(store.displayName(), store.topic(), data, policyRetention, "-", "-", MISSING);
        bars.add(new BarChart.Bar(store.displayName(), 0, "missing topic", false));
        findings.add(store.displayName() + ": its topic " + store.topic() + " is missing from the cluster.");
        drifting++;
        continue;
      }
      List<TopicDrift> drifts = actual.driftFrom(store.topicSpec());
      String verdict = drifts.isEmpty() ? MATCHES
          : DRIFT + " (" + String.join(", ", drifts.stream().map(TopicDrift::setting).toList()) + ")";
      table.row(store.displayName(), store.topic(), data, policyRetention, DurationText.retentionMs(actual.retentionMs()),
          String.valueOf(actual.cleanupPolicy()), verdict);
      for (TopicDrift drift : drifts) {
        findings.add(store.displayName() + ": " + drift.topic() + " has " + drift.setting() + " " + drift.actual()
            + ", the policy says " + drift.expected() + ".");
      }
      if (!drifts.isEmpty()) {
        drifting++;
      }
      bars.add(bar(store.displayName(), actual.retentionMs()));
    }
    for (Store store : stores) {
      if (store.retention().isUnlimited() || store.underReview()) {
        String what = store.retention().isUnlimited() ? "no retention cap" : "retention " + DurationText.retention(store.retention());
        findings.add(store.displayName() + ": " + what
            + (store.underReview() ? "; the policy marks it under review." : ".")
            + (store.note() == null || store.note().isBlank() ? "" : " Policy note: " + store.note().strip()));
      }
    }
    String basis = "Each store topic's retention.ms and cleanup.policy as the cluster reports them (describeConfigs), "
        + "against the policy's retention; store topics are compacted by event id and deleted after the retention. "
        + (drifting == 0 ? "Every store topic matches the policy." : drifting + " store topic(s) differ from the policy or are missing.");
    return new Control(ID, "Retention per store", List.of("A 8.15"), POLICY_TEXT,
        findings.isEmpty() ? Verdict.MET : Verdict.FINDING, basis, table.build(),
        new BarChart("Retention of each store topic on the cluster, in days", bars), findings);
  }

  private static BarChart.Bar bar(String label, String retentionMs) {
    long millis;
    try {
      millis = Long.parseLong(retentionMs);
    } catch (NumberFormatException e) {
      return new BarChart.Bar(label, 0, "unreadable", false);
    }
    if (millis < 0) {
      return BarChart.Bar.unlimited(label, "unlimited");
    }
    long days = Duration.ofMillis(millis).toDays();
    return new BarChart.Bar(label, days, days + " d", false);
  }
}
