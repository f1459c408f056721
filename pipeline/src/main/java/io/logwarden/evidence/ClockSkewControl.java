package io.logwarden.evidence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Events dated further from their arrival than the policy's clock-skew tolerance, per source host. */
final class ClockSkewControl {

  static final String ID = "clock-skew";
  static final String POLICY_TEXT = "botBrains synchronizes system clocks to reputable network time sources so events "
      + "correlate across systems.";

  private ClockSkewControl() {}

  static Control of(StoreEventTally tally, Duration tolerance, EvidencePeriod period) {
    String limit = DurationText.compact(tolerance.toMillis());
    EvidenceTable.Builder table = EvidenceTable.of("host", "events ahead", "events behind", "largest skew");
    List<BarChart.Bar> bars = new ArrayList<>();
    long ahead = 0;
    long hostsAhead = 0;
    String worstHost = null;
    long worst = 0;
    for (Map.Entry<String, StoreEventTally.HostSkew> host : tally.skew().entrySet()) {
      StoreEventTally.HostSkew skew = host.getValue();
      table.row(host.getKey(), skew.ahead(), skew.behind(), DurationText.skew(skew.largestSkewMs()));
      bars.add(BarChart.Bar.of(host.getKey(), skew.ahead()));
      if (skew.ahead() > 0) {
        ahead += skew.ahead();
        hostsAhead++;
        if (worstHost == null || skew.largestSkewMs() > worst) {
          worstHost = host.getKey();
          worst = skew.largestSkewMs();
        }
      }
    }
    String basis = "For each distinct event of the store topics with a record time in " + period.interval() + " ("
        + tally.events() + "), its own time against the time Kafka received it (clock_skew_ms; the broker's clock "
        + "when the raw topic uses LogAppendTime). Ahead: flagged future_time, or more than " + limit + " (the policy's "
        + "clock-skew tolerance) after its arrival: the host's clock runs fast. Behind: more than " + limit + " before "
        + "its arrival: a slow clock, or a late delivery or replay, so it is shown and not a finding. A host whose events "
        + "run ahead is a finding." + Undecodable.sentence(tally.undecodable());
    // The largest skew of a host is its largest in either direction; when it is behind, the host is
    // still ahead on some events, so the finding names the host without a misleading figure.
    String largest = worst > 0 ? "; the largest, " + DurationText.skew(worst) + ", is from host " + worstHost
        : "; host " + worstHost + " among them";
    List<String> findings = ahead == 0 ? List.of()
        : List.of(ahead + " event(s) from " + hostsAhead + " host(s) were dated more than " + limit
            + " ahead of their arrival (a clock running fast)" + largest + ".");
    return new Control(ID, "Clock synchronization", List.of("A 8.17"), POLICY_TEXT,
        ahead == 0 ? Verdict.MET : Verdict.FINDING, basis, table.build(),
        new BarChart("Events ahead of their arrival beyond the clock-skew tolerance, per host", bars), findings);
  }
}
