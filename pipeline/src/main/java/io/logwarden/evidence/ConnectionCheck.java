package io.logwarden.evidence;

import java.util.List;
import java.util.Objects;

/**
 * One connection of the transit control, as a row: what it is, where it goes, how it is encrypted
 * and authenticated, and what that means for the verdict. No field ever holds a secret's value.
 *
 * @param connection what connects, e.g. {@code Kafka (every client)} or {@code notify destination oncall (pagerduty)}
 * @param endpoint where to, shown without credentials, paths or config-provider references
 * @param findings the gaps, one sentence each naming the connection and the setting; only for {@link Outcome#FINDING}
 * @param undecided why the connection cannot be judged here; only for {@link Outcome#NOT_EVIDENCED}
 */
public record ConnectionCheck(String connection, String endpoint, String encryption, String authentication, Outcome outcome,
    List<String> findings, List<String> undecided) {

  /** What a row says about the control. */
  public enum Outcome {
    /** Encrypted and authenticated as the policy asks. */
    MET("met"),
    /** Plaintext, unauthenticated, or TLS without checking the server. */
    FINDING("finding"),
    /** A deciding setting is not visible to the report. */
    NOT_EVIDENCED("not evidenced"),
    /** A destination that is no network connection (a local file). */
    NO_CONNECTION("no connection"),
    /** Seen on the cluster (a broker listener); it does not decide the verdict. */
    OBSERVED("observed");

    private final String word;

    Outcome(String word) {
      this.word = word;
    }

    /** As the report's table writes it. */
    public String word() {
      return word;
    }
  }

  public ConnectionCheck {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(encryption, "encryption");
    Objects.requireNonNull(authentication, "authentication");
    Objects.requireNonNull(outcome, "outcome");
    findings = List.copyOf(findings);
    undecided = List.copyOf(undecided);
  }

  /** The outcome from what was found: a finding outweighs what could not be judged. */
  static ConnectionCheck judged(String connection, String endpoint, String encryption, String authentication,
      List<String> findings, List<String> undecided) {
    Outcome outcome = !findings.isEmpty() ? Outcome.FINDING : !undecided.isEmpty() ? Outcome.NOT_EVIDENCED : Outcome.MET;
    return new ConnectionCheck(connection, endpoint, encryption, authentication, outcome, findings,
        outcome == Outcome.NOT_EVIDENCED ? undecided : List.of());
  }

  /** A row that does not decide the verdict. */
  static ConnectionCheck unjudged(String connection, String endpoint, String encryption, String authentication,
      Outcome outcome) {
    if (outcome != Outcome.NO_CONNECTION && outcome != Outcome.OBSERVED) {
      throw new IllegalArgumentException(outcome + " is a judgement");
    }
    return new ConnectionCheck(connection, endpoint, encryption, authentication, outcome, List.of(), List.of());
  }
}
