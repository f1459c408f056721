package io.logwarden.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How often each redaction rule fired in the events the stores received in the period. */
final class RedactionControl {

  static final String ID = "redaction";
  static final String POLICY_TEXT = "botBrains minimizes personal data in logs and doesn't log secrets or credentials.";

  private RedactionControl() {}

  /** @param storeTopics the store topics read, for the basis */
  static Control of(StoreEventTally tally, List<String> storeTopics, EvidencePeriod period) {
    EvidenceTable.Builder table = EvidenceTable.of("rule", "values redacted", "events");
    List<BarChart.Bar> bars = new ArrayList<>();
    for (Map.Entry<String, StoreEventTally.RuleCount> rule : tally.rules().entrySet()) {
      table.row(rule.getKey(), rule.getValue().redactions(), rule.getValue().events());
      bars.add(BarChart.Bar.of(rule.getKey(), rule.getValue().redactions()));
    }
    String basis = "The redaction record of each event in " + String.join(", ", storeTopics)
        + " with a record time in " + period.interval() + ": " + tally.events() + " distinct event(s) (an event in "
        + "several stores counts once, by event id), " + tally.redactedEvents() + " of them with a secret replaced "
        + "or personal data pseudonymized. Secrets are replaced by [REDACTED:<kind>] and personal data by keyed "
        + "pseudonyms before any event is written; the record names the rules that fired, never the values."
        + Undecodable.sentence(tally.undecodable());
    return new Control(ID, "Redaction of secrets and personal data", List.of("A 8.15", "A 8.11"), POLICY_TEXT,
        Verdict.INFO, basis, table.build(), new BarChart("Values redacted per rule", bars), List.of());
  }
}
