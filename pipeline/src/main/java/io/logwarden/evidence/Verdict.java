package io.logwarden.evidence;

/** What the evidence says about a control. */
public enum Verdict {
  /** The evidence shows the control operating as the policy says. */
  MET("the evidence shows the control operating as the policy says"),
  /** The evidence shows a gap that the policy's owner has to address. */
  FINDING("the evidence shows a gap to address"),
  /** This tool cannot see the control; its evidence has to come from elsewhere. */
  NOT_EVIDENCED("this tool cannot see the control; its evidence comes from elsewhere"),
  /** Figures for the period that the policy sets no threshold for. */
  INFO("figures for the period; the policy sets no threshold to judge them by");

  private final String meaning;

  Verdict(String meaning) {
    this.meaning = meaning;
  }

  /** One line saying what the verdict means, for the report's legend. */
  public String meaning() {
    return meaning;
  }
}
