package io.logwarden.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The alerts detection raised in the period, per rule and severity. */
final class AlertControl {

  static final String ID = "alerts";
  static final String POLICY_TEXT = "Alerts for conditions that threaten the confidentiality, integrity, or availability "
      + "of production systems or customer data notify the team for prompt response.";

  private AlertControl() {}

  static Control of(AlertTally tally, String topic, boolean present, EvidencePeriod period) {
    EvidenceTable.Builder table = EvidenceTable.of("rule", "severity", "alerts", "matching events");
    List<BarChart.Bar> bars = new ArrayList<>();
    for (Map.Entry<String, Map<String, AlertTally.RuleCount>> rule : tally.byRule().entrySet()) {
      long alerts = 0;
      for (Map.Entry<String, AlertTally.RuleCount> severity : rule.getValue().entrySet()) {
        table.row(rule.getKey(), severity.getKey(), severity.getValue().alerts(), severity.getValue().events());
        alerts += severity.getValue().alerts();
      }
      bars.add(BarChart.Bar.of(rule.getKey(), alerts));
    }
    String basis = present
        ? "The alerts in " + topic + " with a state published in " + period.interval() + ": " + tally.alerts()
            + " distinct alert(s), each counted once by alert id at its latest state in the period; matching events are "
            + "the count of that state. This shows that detection raised them; whether the team was notified is the "
            + "notification control's, and that it reviewed them is not visible here." + Undecodable.sentence(tally.undecodable())
        : "The alerts topic " + topic + " is missing from the cluster, so there is nothing to count "
            + "(see the topic drift control).";
    return new Control(ID, "Alerts raised", List.of("A 8.16"), POLICY_TEXT, Verdict.INFO, basis, table.build(),
        new BarChart("Alerts per rule", bars), List.of());
  }
}
