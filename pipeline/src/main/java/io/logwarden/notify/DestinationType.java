package io.logwarden.notify;

import java.util.Locale;

/** The kinds of destination, by their {@code type:} in the config file. */
public enum DestinationType {
  /** An HTTP endpoint of your own: the alert as plain JSON, with configurable headers. */
  WEBHOOK,
  /** A Slack incoming webhook: a Block Kit message. */
  SLACK,
  /** PagerDuty's Events API v2: trigger, and resolve on CLOSED where configured. */
  PAGERDUTY,
  /** A file of JSON lines, one alert per line, for a SIEM agent to tail; rotated by size. */
  FILE;

  /** As the config file writes it, e.g. {@code pagerduty}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
