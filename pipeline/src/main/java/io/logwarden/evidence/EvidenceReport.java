package io.logwarden.evidence;

import io.logwarden.policy.PolicyInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An audit evidence report: what it is about (title and facts such as the policy, the cluster and
 * the period) and its controls, in order. The summary is derived from the controls, so a control
 * built elsewhere and added to the list counts like the others.
 *
 * @param facts what the report is about, in order: name to value
 */
public record EvidenceReport(String title, Map<String, String> facts, List<Control> controls) {

  public EvidenceReport {
    Objects.requireNonNull(title, "title");
    facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    controls = List.copyOf(controls);
    Set<String> ids = new HashSet<>();
    for (Control control : controls) {
      if (!ids.add(control.id())) {
        throw new IllegalArgumentException("two controls have the id " + control.id());
      }
    }
  }

  /**
   * A report on a policy's controls on a cluster.
   *
   * @param policyFile where the policy was read from, as the user named it, or null for the shipped one
   * @param cluster the cluster's bootstrap address
   */
  public static EvidenceReport of(PolicyInfo info, String policyFile, String cluster, EvidencePeriod period,
      List<Control> controls) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("policy", info.title() + " of " + info.organization() + ", version " + info.version() + ", effective "
        + info.effective());
    facts.put("policy file", policyFile == null ? "the shipped policy.yaml" : policyFile);
    facts.put("cluster", cluster);
    facts.put("as of", period.asOfText().equals(period.asOf().toString()) ? period.asOfText()
        : period.asOfText() + " (up to " + period.asOf() + ")");
    facts.put("period", period.lengthText() + ": records with a time in " + period.interval());
    facts.put("ISO 27001", "Annex A 8.15 logging, 8.16 monitoring activities, 8.17 clock synchronization, "
        + "as the policy maps them");
    return new EvidenceReport("ISO 27001 audit evidence: " + info.title() + " (" + info.organization() + ")", facts,
        controls);
  }

  /** One open finding, with the control it belongs to. */
  public record OpenFinding(Control control, String text) {}

  /** How many controls have each verdict; every verdict is present, in the enum's order. */
  public Map<Verdict, Integer> verdictCounts() {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    for (Verdict verdict : Verdict.values()) {
      counts.put(verdict, 0);
    }
    controls.forEach(control -> counts.merge(control.verdict(), 1, Integer::sum));
    return counts;
  }

  /** Every open finding, in the order of the controls. */
  public List<OpenFinding> openFindings() {
    List<OpenFinding> findings = new ArrayList<>();
    for (Control control : controls) {
      control.findings().forEach(text -> findings.add(new OpenFinding(control, text)));
    }
    return findings;
  }
}
