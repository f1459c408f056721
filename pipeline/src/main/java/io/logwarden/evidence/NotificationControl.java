package io.logwarden.evidence;

import io.logwarden.detect.rules.DetectionRule;
import io.logwarden.detect.rules.RuleSet;
import io.logwarden.notify.Destination;
import io.logwarden.notify.NotifySettings;
import io.logwarden.schema.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether alerts notify the team: from the deployment config's {@code notify:} section (which
 * destinations each HIGH and CRITICAL rule's alerts are sent to when they open) and from the
 * dead-letter topic (notifications parked because a destination did not take them, in the period).
 * MET when every rule of severity HIGH or CRITICAL has a route to a destination that is sent its
 * opening, and nothing was parked; without the config, not evidenced.
 */
public final class NotificationControl {

  static final String ID = "alert-notification";
  static final String TITLE = "Notification of the team when alerts fire";
  static final String POLICY_TEXT = "Alerts for conditions that threaten the confidentiality, integrity, or availability "
      + "of production systems or customer data notify the team for prompt response.";
  /** The severities the policy's "conditions that threaten" are taken to be. */
  static final List<Severity> MUST_NOTIFY = List.of(Severity.HIGH, Severity.CRITICAL);

  private NotificationControl() {}

  /** Without the deployment config, the report cannot see where alerts go. */
  static Control notEvidenced() {
    EvidenceTable table = EvidenceTable.of("why not evidenced here", "evidence to look for")
        .row("Notifications are configured in the deployment config's notify: section, which this report was not "
                + "given (evidence --config logwarden.yaml); or they happen in another alerting platform.",
            "The notify: section of the deployment's logwarden.yaml, the metrics logwarden_notify_sent_total and "
                + "logwarden_notify_parked_total of the notify workload, or the alerting platform's notification "
                + "history.")
        .build();
    // The id the control had when it was always among the controls not evidenced: links to it still work.
    return new Control("not-evidenced." + ID, TITLE, List.of("A 8.16"), POLICY_TEXT, Verdict.NOT_EVIDENCED,
        "Not visible to this report; the table says why, and where its evidence comes from.", table, null, List.of());
  }

  /**
   * @param settings the deployment's {@code notify:} section
   * @param rules the detection rules, whose severities say which must notify
   * @param parked notifications parked in the period, by destination
   * @param deadLetterTopic the dead-letter topic, and whether it exists on the cluster
   */
  static Control of(NotifySettings settings, RuleSet rules, Map<String, Long> parked, String deadLetterTopic,
      boolean deadLetterPresent, EvidencePeriod period) {
    EvidenceTable.Builder table = EvidenceTable.of("rule", "severity", "sent on opening to");
    List<String> uncovered = new ArrayList<>();
    for (DetectionRule rule : rules.rules()) {
      List<String> to = settings.notifiedOnOpen(rule.id(), rule.severity()).stream().map(Destination::name).toList();
      table.row(rule.id(), rule.severity(), to.isEmpty() ? "(none)" : String.join(", ", to));
      if (MUST_NOTIFY.contains(rule.severity()) && to.isEmpty()) {
        uncovered.add(rule.id() + " (" + rule.severity() + ")");
      }
    }
    long parkedTotal = parked.values().stream().mapToLong(Long::longValue).sum();
    List<BarChart.Bar> bars = new ArrayList<>();
    parked.forEach((destination, count) -> bars.add(BarChart.Bar.of(destination, count)));

    List<String> findings = new ArrayList<>();
    if (settings.isEmpty()) {
      findings.add("No notification destination is configured: alerts wait in the alerts topic until someone reads it.");
    } else if (!uncovered.isEmpty()) {
      findings.add("No route sends these rules' alerts to anyone when they open: " + String.join(", ", uncovered)
          + ".");
    }
    if (parkedTotal > 0) {
      List<String> per = new ArrayList<>();
      parked.forEach((destination, count) -> per.add(destination + " " + count));
      findings.add(parkedTotal + " notification(s) were parked undelivered in " + deadLetterTopic + " in the period ("
          + String.join(", ", per) + "): the destination kept failing or refused them.");
    }
    String basis = "The deployment config's notify: section: " + settings.destinations().size() + " destination(s), "
        + settings.routes().size() + " route(s); the table gives, for each detection rule, the destinations its alerts "
        + "are sent to when they open. HIGH and CRITICAL rules must notify someone. "
        + (deadLetterPresent ? "Notifications parked in " + deadLetterTopic + " (reason notification_failed) with a "
            + "record time in " + period.interval() + ": " + parkedTotal + "."
            : "The dead-letter topic " + deadLetterTopic + " is missing from the cluster, so parked notifications "
                + "cannot be counted (see the topic drift control).")
        + " That a person read a notification is not visible here (see the team's review of alerts).";
    Verdict verdict = findings.isEmpty() ? Verdict.MET : Verdict.FINDING;
    return new Control(ID, TITLE, List.of("A 8.16"), POLICY_TEXT, verdict, basis, table.build(),
        new BarChart("Parked notifications per destination", bars), findings);
  }
}
