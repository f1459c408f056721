package io.logwarden.evidence;

import io.logwarden.normalize.LogEventMapper;
import io.logwarden.schema.LogEvent;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts over the distinct events of the store topics in the period: redactions per rule and clock
 * skew per source host. An event in several stores (an error is in Better Stack and Sentry) counts
 * once, by event id. Keeps only counts, rule ids and host names, never an event's content.
 */
final class StoreEventTally {

  /** The host of events that name none. */
  static final String UNKNOWN_HOST = "(unknown)";

  /** Redactions of one rule: how many values it replaced, in how many events. */
  record RuleCount(long redactions, long events) {}

  /**
   * Events of one host dated further from their arrival than the tolerance.
   *
   * @param ahead events flagged future_time or dated more than the tolerance after their arrival
   * @param behind events dated more than the tolerance before their arrival
   * @param largestSkewMs the skew of largest magnitude among them, signed
   */
  record HostSkew(long ahead, long behind, long largestSkewMs) {
    HostSkew add(boolean isAhead, long skewMs) {
      return new HostSkew(ahead + (isAhead ? 1 : 0), behind + (isAhead ? 0 : 1),
          Math.abs(skewMs) > Math.abs(largestSkewMs) ? skewMs : largestSkewMs);
    }
  }

  private final long toleranceMillis;
  // The first copy of an event id counts: copies in other stores and replays carry the same redaction
  // record and times (an alert's later states too), so which copy is first does not change a count.
  private final Set<String> seen = new HashSet<>();
  private final Map<String, RuleCount> rules = new TreeMap<>();
  private final Map<String, HostSkew> skew = new TreeMap<>();
  private final Map<String, Long> undecodable = new TreeMap<>();
  private long events;
  private long redactedEvents;

  StoreEventTally(long toleranceMillis) {
    this.toleranceMillis = toleranceMillis;
  }

  void accept(LogEvent event) {
    if (!seen.add(event.getEventId())) {
      return;
    }
    events++;
    Map<String, Integer> fired = event.getRedaction().getRules();
    if (!fired.isEmpty()) {
      redactedEvents++;
    }
    fired.forEach((rule, count) -> rules.merge(rule, new RuleCount(count, 1),
        (a, b) -> new RuleCount(a.redactions() + b.redactions(), a.events() + b.events())));
    long skewMs = event.getClockSkewMs();
    boolean ahead = event.getFlags().contains(LogEventMapper.FUTURE_TIME) || skewMs > toleranceMillis;
    if (ahead || skewMs < -toleranceMillis) {
      String host = event.getSource().getHost() == null ? UNKNOWN_HOST : event.getSource().getHost();
      skew.merge(host, new HostSkew(0, 0, 0).add(ahead, skewMs), (a, b) -> a.add(ahead, skewMs));
    }
  }

  /** A record of this topic could not be decoded as an event. */
  void undecodable(String topic) {
    undecodable.merge(topic, 1L, Long::sum);
  }

  long events() {
    return events;
  }

  long redactedEvents() {
    return redactedEvents;
  }

  /** Rule id to its counts, sorted by rule id. */
  Map<String, RuleCount> rules() {
    return rules;
  }

  /** Host to its skewed events, sorted by host; hosts without any are absent. */
  Map<String, HostSkew> skew() {
    return skew;
  }

  /** Topic to the number of its records in the period that could not be decoded, sorted by topic. */
  Map<String, Long> undecodable() {
    return undecodable;
  }
}
