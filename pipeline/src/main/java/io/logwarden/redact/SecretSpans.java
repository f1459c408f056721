package io.logwarden.redact;

/**
 * A second detector over the text {@link SecretScanner} scans: it reports the secrets it finds as
 * spans, and the scanner merges them with its own (on an overlap the more specific kind wins, and a
 * span found by both is replaced and counted once).
 */
public interface SecretSpans {

  /** Receives one found secret: {@code text.substring(start, end)} is replaced by {@code [REDACTED:kind]}. */
  interface Sink {
    void add(int start, int end, String kind);
  }

  /**
   * Reports every secret in {@code text} to {@code sink}. Must not throw on any input.
   *
   * @return whether it could have reported anything in {@code text} or in any part of it: false only
   *     when it surely could not (for a rule set, no keyword occurs), so that the parts need no search
   */
  boolean find(String text, Sink sink);
}
