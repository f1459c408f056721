package io.logwarden.notify;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A named destination of notifications, as configured under {@code notify.destinations}.
 *
 * @param name its key in the config file; the metrics' {@code destination} label and the dead letters' header
 * @param on which alert states it is sent
 * @param delivery timeouts, retries, circuit breaker and rate limit
 * @param target where and in what shape notifications go
 */
public record Destination(String name, Set<Trigger> on, DeliveryPolicy delivery, Target target) {

  public Destination {
    Objects.requireNonNull(name, "name");
    on = Collections.unmodifiableSet(EnumSet.copyOf(on));
    Objects.requireNonNull(delivery, "delivery");
    Objects.requireNonNull(target, "target");
  }

  public DestinationType type() {
    return target.type();
  }

  /** Whether this alert state is sent here. */
  public boolean sends(Trigger trigger) {
    return on.contains(trigger);
  }

  /** Where notifications go; each kind holds its own settings, secrets as {@link Secret}s. */
  public sealed interface Target permits Webhook, Slack, PagerDuty, JsonLinesFile {
    DestinationType type();
  }

  /**
   * An HTTP endpoint: POST of the alert as plain JSON.
   *
   * @param headers headers sent as written (not secret)
   * @param secretHeaders headers whose values are secrets (e.g. {@code Authorization})
   */
  public record Webhook(Secret url, Map<String, String> headers, Map<String, Secret> secretHeaders) implements Target {
    public Webhook {
      Objects.requireNonNull(url, "url");
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
      secretHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(secretHeaders));
    }

    @Override
    public DestinationType type() {
      return DestinationType.WEBHOOK;
    }
  }

  /** A Slack incoming webhook (its URL is the secret). */
  public record Slack(Secret url) implements Target {
    public Slack {
      Objects.requireNonNull(url, "url");
    }

    @Override
    public DestinationType type() {
      return DestinationType.SLACK;
    }
  }

  /**
   * PagerDuty's Events API v2.
   *
   * @param routingKey the integration key of an Events API v2 integration
   * @param endpoint the enqueue URL ({@link #DEFAULT_ENDPOINT}; the EU service has its own)
   */
  public record PagerDuty(Secret routingKey, URI endpoint) implements Target {
    /** PagerDuty's documented Events API v2 endpoint. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://events.pagerduty.com/v2/enqueue");

    public PagerDuty {
      Objects.requireNonNull(routingKey, "routingKey");
      Objects.requireNonNull(endpoint, "endpoint");
    }

    @Override
    public DestinationType type() {
      return DestinationType.PAGERDUTY;
    }
  }

  /**
   * A file of JSON lines, rotated by size.
   *
   * @param maxBytes the size at which the file is rotated
   * @param keep how many rotated files are kept ({@code path.1} newest, up to {@code path.<keep>})
   */
  public record JsonLinesFile(Path path, long maxBytes, int keep) implements Target {
    public JsonLinesFile {
      Objects.requireNonNull(path, "path");
      if (maxBytes < 1) {
        throw new IllegalArgumentException("maxBytes must be positive");
      }
      if (keep < 0) {
        throw new IllegalArgumentException("keep must not be negative");
      }
    }

    @Override
    public DestinationType type() {
      return DestinationType.FILE;
    }
  }
}
