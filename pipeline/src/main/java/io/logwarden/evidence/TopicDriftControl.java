package io.logwarden.evidence;

import io.logwarden.topics.TopicPlan;
import io.logwarden.topics.TopicPlan.Change;
import io.logwarden.topics.TopicPlan.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The differences between the cluster's topics and the policy, as {@code topics plan} finds them. */
final class TopicDriftControl {

  static final String ID = "topic-drift";
  static final String POLICY_TEXT = "botBrains retains each log and telemetry store for a fixed period that balances "
      + "investigation and audit needs against data minimization. botBrains synchronizes system clocks to reputable "
      + "network time sources so events correlate across systems.";

  private TopicDriftControl() {}

  static Control of(TopicPlan plan) {
    EvidenceTable.Builder table = EvidenceTable.of("change", "topic", "setting", "cluster", "policy");
    List<String> findings = new ArrayList<>();
    for (Change change : plan.changes()) {
      table.row(change.kind().name().toLowerCase(Locale.ROOT), change.topic(),
          change.setting() == null ? "-" : change.setting(),
          change.actual() == null ? "-" : change.actual(), change.expected());
      findings.add(change.describe().replaceAll(" +", " "));
    }
    List<BarChart.Bar> bars = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      bars.add(BarChart.Bar.of(kind.name().toLowerCase(Locale.ROOT),
          plan.changes().stream().filter(change -> change.kind() == kind).count()));
    }
    String basis = "What logwarden topics plan reports: a store, security-events, alerts or dead-letter topic "
        + "that is missing (create), a cleanup.policy or retention.ms that differs, or a raw topic not on LogAppendTime "
        + "(then an event's observed time trusts the producer's clock) (alter), a partition count that differs (manual). "
        + (plan.clean() ? "The cluster's topics match the policy." : plan.changes().size() + " difference(s).");
    return new Control(ID, "Topic drift from the policy", List.of("A 8.15", "A 8.17"), POLICY_TEXT,
        plan.clean() ? Verdict.MET : Verdict.FINDING, basis, table.build(),
        new BarChart("Differences from the policy by kind", bars), findings);
  }
}
