package io.logwarden.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Records that could not become events in the period, by reason and origin topic. */
final class DeadLetterControl {

  static final String ID = "dead-letters";
  static final String POLICY_TEXT = "Each event records the date and time, the type of event, the responsible user or "
      + "process where applicable, and enough detail to understand what happened.";

  private DeadLetterControl() {}

  /** @param topic the dead-letter topic; @param present whether it exists on the cluster */
  static Control of(DeadLetterTally tally, String topic, boolean present, EvidencePeriod period) {
    EvidenceTable.Builder table = EvidenceTable.of("reason", "origin topic", "dead letters");
    List<BarChart.Bar> bars = new ArrayList<>();
    for (Map.Entry<String, Map<String, Long>> reason : tally.byReason().entrySet()) {
      long sum = 0;
      for (Map.Entry<String, Long> origin : reason.getValue().entrySet()) {
        table.row(reason.getKey(), origin.getKey(), origin.getValue());
        sum += origin.getValue();
      }
      bars.add(BarChart.Bar.of(reason.getKey(), sum));
    }
    String basis = present
        ? "The dead letters in " + topic + " with a record time in " + period.interval() + ": " + tally.total()
            + ". A raw record that cannot become an event is kept there once, with its provenance and the reason, "
            + "never dropped silently; the reasons are a closed set." + Undecodable.sentence(tally.undecodable())
        : "The dead-letter topic " + topic + " is missing from the cluster, so there is nothing to count "
            + "(see the topic drift control).";
    return new Control(ID, "Records that could not become events", List.of("A 8.15"), POLICY_TEXT, Verdict.INFO,
        basis, table.build(), new BarChart("Dead letters per reason", bars), List.of());
  }
}
