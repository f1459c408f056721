package io.logwarden.event;

import java.util.List;

/**
 * The product's own metrics, each once: its Micrometer name, the name Prometheus shows, its labels
 * and what it counts. The classes that record them take their names from here, and
 * {@code docs/reference/metrics.md} is generated from {@link #ALL}; {@code MetricsCatalogueTest} fails
 * on a {@code logwarden.*} meter a topology registers that is not listed here.
 */
public final class Metrics {

  /**
   * @param name the Micrometer name the code registers
   * @param prometheus the name {@code /metrics} shows (counters get {@code _total}, a timer its unit)
   * @param labels the tags, every one of a bounded set of values
   */
  public record Metric(String name, String prometheus, List<String> labels, String what) {
    public Metric {
      labels = List.copyOf(labels);
    }
  }

  public static final Metric RECORDS_IN = new Metric("logwarden.records.in", "logwarden_records_in_total",
      List.of("topic", "format"), "raw records read, rejected ones included; `format` is the detected one");
  public static final Metric RECORDS_CLASSIFIED = new Metric("logwarden.records.classified",
      "logwarden_records_classified_total", List.of("entry"),
      "events by the catalogue entry or generic rule that classified them (`none`: nothing did)");
  public static final Metric EVENTS_OUT = new Metric("logwarden.events.out", "logwarden_events_out_total",
      List.of("destination"), "events written per store, security events, alerts");
  public static final Metric DEAD_LETTERS = new Metric("logwarden.dlq.records", "logwarden_dlq_records_total",
      List.of("reason"), "dead letters");
  public static final Metric REDACTIONS = new Metric("logwarden.redactions", "logwarden_redactions_total",
      List.of("rule"), "values replaced, per secret kind or personal-data rule");
  public static final Metric ALERTS = new Metric("logwarden.alerts", "logwarden_alerts_total",
      List.of("rule", "severity", "status"), "alert records sent (OPEN, UPDATED, CLOSED)");
  public static final Metric ALERT_UPDATES_COALESCED = new Metric("logwarden.alert.updates.coalesced",
      "logwarden_alert_updates_coalesced_total", List.of("rule"),
      "alert updates folded into a later UPDATED or CLOSED record by the rule's `update_interval`");
  public static final Metric SIGNALS_TALLIED = new Metric("logwarden.detect.signals.tallied",
      "logwarden_detect_signals_tallied_total", List.of("rule"),
      "signals kept as a count only (no event id, no value) because their key's window held the rule's `signal_cap`");
  public static final Metric DISTINCT_CAPPED = new Metric("logwarden.detect.distinct.capped",
      "logwarden_detect_distinct_capped_total", List.of("rule"),
      "signals of distinct-count rules whose value was not tracked (the rule's `signal_cap` reached): their alert's distinct count is a lower bound");
  public static final Metric ALERT_UPDATES_PENDING = new Metric("logwarden.alert.updates.pending",
      "logwarden_alert_updates_pending", List.of("rule"),
      "open alerts with an UPDATED record owed, as of the last pass over the rule's keys (gauge)");
  public static final Metric LATE_EVENTS = new Metric("logwarden.detect.late.events",
      "logwarden_detect_late_events_total", List.of("rule"), "events beyond a rule's grace, not counted");
  public static final Metric CLOCK_SKEW = new Metric("logwarden.clock.skew", "logwarden_clock_skew_seconds",
      List.of("host", "direction"), "event time against the time Kafka received it (histogram: `_bucket`, `_count`,"
          + " `_sum`, `_max`; buckets 0.1 s to 1 day); the first 100 hosts get their own series, later ones"
          + " `host=\"other\"`");
  public static final Metric THREADS_REPLACED = new Metric("logwarden.stream.thread.replaced",
      "logwarden_stream_thread_replaced_total", List.of("topology"), "stream threads that failed and were replaced");
  public static final Metric TOPIC_DRIFT = new Metric("logwarden.topic.config.drift", "logwarden_topic_config_drift",
      List.of("topic", "setting"), "1 while a topic's setting differs from the policy (gauge)");

  public static final Metric NOTIFICATIONS_SENT = new Metric("logwarden.notify.sent", "logwarden_notify_sent_total",
      List.of("destination"), "notifications a destination accepted (HTTP 2xx, or the line written to the file)");
  public static final Metric NOTIFICATIONS_FAILED = new Metric("logwarden.notify.failed",
      "logwarden_notify_failed_total", List.of("destination"),
      "delivery attempts that failed (an HTTP status other than 2xx, a timeout, a connection or write error)");
  public static final Metric NOTIFICATIONS_RETRIED = new Metric("logwarden.notify.retried",
      "logwarden_notify_retried_total", List.of("destination"),
      "attempts after the first, after a backoff (or the destination's `Retry-After`)");
  public static final Metric NOTIFICATIONS_PARKED = new Metric("logwarden.notify.parked",
      "logwarden_notify_parked_total", List.of("destination"),
      "notifications given up on and parked in the dead-letter topic (reason `notification_failed`)");

  /** Every metric, in the order the reference lists them. */
  public static final List<Metric> ALL = List.of(RECORDS_IN, RECORDS_CLASSIFIED, EVENTS_OUT, DEAD_LETTERS, REDACTIONS,
      ALERTS, ALERT_UPDATES_COALESCED, ALERT_UPDATES_PENDING, SIGNALS_TALLIED, DISTINCT_CAPPED, LATE_EVENTS, CLOCK_SKEW, THREADS_REPLACED, TOPIC_DRIFT,
      NOTIFICATIONS_SENT, NOTIFICATIONS_FAILED, NOTIFICATIONS_RETRIED, NOTIFICATIONS_PARKED);

  private Metrics() {}
}
