package io.logwarden.evidence;

import io.logwarden.policy.PolicyInfo;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The policy document the pipeline runs, and whether its annual review is current at the as-of. */
final class PolicyReviewControl {

  static final String ID = "policy-identity";
  static final String POLICY_TEXT = "The CISO owns this policy and reviews it at least annually and whenever a material "
      + "change to our logging tools, monitoring setup, or retention practices occurs.";

  private PolicyReviewControl() {}

  static Control of(PolicyInfo info, EvidencePeriod period) {
    LocalDate asOf = period.asOfDate();
    LocalDate due = info.lastReview().plusYears(1);
    long daysSince = ChronoUnit.DAYS.between(info.lastReview(), asOf);
    EvidenceTable table = EvidenceTable.of("field", "value")
        .row("title", info.title())
        .row("organization", info.organization())
        .row("version", info.version())
        .row("effective", info.effective())
        .row("owner", info.owner())
        .row("last review", info.lastReview())
        .row("next review due", due)
        .row("source", info.source())
        .build();
    Verdict verdict;
    List<String> findings = List.of();
    String basis;
    if (daysSince < 0) {
      verdict = Verdict.INFO;
      basis = "The as-of (" + asOf + ") is before the policy file's last review (" + info.lastReview()
          + "): the file describes a later state of the policy than the one in force then.";
    } else if (asOf.isAfter(due)) {
      verdict = Verdict.FINDING;
      basis = "From the policy file the pipeline runs. Its last review is " + daysSince + " days before the as-of.";
      findings = List.of("The policy was last reviewed on " + info.lastReview() + ", more than a year before "
          + asOf + " (the next review was due by " + due + "); the policy says the " + info.owner()
          + " reviews it at least annually.");
    } else {
      verdict = Verdict.MET;
      basis = "From the policy file the pipeline runs. Its last review is " + daysSince
          + " days before the as-of; the next is due by " + due + ".";
    }
    BarChart chart = new BarChart("Days since the last review, against the yearly review interval", List.of(
        BarChart.Bar.of("since last review", Math.max(0, daysSince)),
        BarChart.Bar.of("review interval", ChronoUnit.DAYS.between(info.lastReview(), due))));
    return new Control(ID, "Policy identity and review", List.of("A 5.1"), POLICY_TEXT, verdict, basis, table, chart,
        findings);
  }
}
