package io.logwarden.evidence;

import java.util.List;
import java.util.Objects;

/**
 * One control of the report: what the policy asks, the ISO 27001 Annex A control(s) it serves, the
 * verdict, the evidence rows and chart behind it, and its open findings. Controls are built from
 * the cluster, from the policy, or elsewhere (any caller can add one to a report).
 *
 * @param id short stable id, e.g. {@code retention}; unique in a report
 * @param isoControls Annex A controls, e.g. {@code A 8.15}
 * @param policyText the policy's sentence(s) the control serves, quoted
 * @param basis how the evidence was obtained, or why it cannot be
 * @param table the evidence rows; may have no rows
 * @param chart the chart's data, or null for none
 * @param findings the open findings, one sentence each; empty unless the verdict is FINDING
 */
public record Control(
    String id,
    String title,
    List<String> isoControls,
    String policyText,
    Verdict verdict,
    String basis,
    EvidenceTable table,
    BarChart chart,
    List<String> findings) {

  public Control {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    isoControls = List.copyOf(isoControls);
    Objects.requireNonNull(policyText, "policyText");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(basis, "basis");
    Objects.requireNonNull(table, "table");
    findings = List.copyOf(findings);
    if ((verdict == Verdict.FINDING) != !findings.isEmpty()) {
      throw new IllegalArgumentException("control " + id + ": a FINDING needs findings, and only a FINDING has them");
    }
  }
}
