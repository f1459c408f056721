package io.logwarden.event;

import java.util.Set;

/**
 * The ids of the input formats the normalizer reads, as the policy names them
 * ({@code sources.<topic>.format}) and events record them ({@code input.format}). The policy is read
 * below the normalizer, so it checks names against this list; {@code NormalizerFormatsTest} holds the
 * list equal to the normalizer's registry of parsers, which is where a new format is added.
 */
public final class FormatIds {

  /** Every format id. */
  public static final Set<String> ALL = Set.of(
      "cef", "clf", "cloudtrail", "json", "json-ecs", "json-fluentbit", "json-logback", "json-logstash",
      "json-metric", "json-vector", "klog", "langfuse", "logfmt", "otlp-json-logs", "otlp-json-metrics", "plain",
      "posthog", "sentry", "syslog-rfc3164", "syslog-rfc5424");

  private FormatIds() {}
}
