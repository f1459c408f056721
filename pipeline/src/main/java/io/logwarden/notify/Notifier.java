package io.logwarden.notify;

import io.logwarden.schema.Alert;
import io.logwarden.schema.AlertStatus;
import io.logwarden.schema.Severity;
import io.logwarden.schema.serde.TrustedRecordClasses;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notify topology's working part: routes an alert state to its destinations and delivers it to
 * all of them at once, each on a thread of its own, and returns when every one has delivered or
 * parked it, within a bound (the longest destination's delivery timeout, and a little grace),
 * so that a stream thread never waits longer than that for one record. A destination that keeps
 * failing parks its notifications and, once its circuit breaker opens, costs the others nothing.
 */
public final class Notifier implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  /** Beyond a delivery's own bound, how long the caller waits before giving it up. */
  static final Duration GRACE = Duration.ofSeconds(2);
  /** The rule id of {@code notify test}'s made-up alert. */
  public static final String TEST_RULE = "logwarden.notify.test";

  static {
    // Copies of alerts (notify test's resolve) go through Avro, which instantiates trusted classes only.
    TrustedRecordClasses.trustLogwardenRecords();
  }

  private final NotifySettings settings;
  private final Map<String, Delivery> deliveries = new LinkedHashMap<>();
  private final Map<String, ExecutorService> workers = new LinkedHashMap<>();
  private final Duration bound;

  private Notifier(NotifySettings settings, MeterRegistry meters, LongSupplier clock) {
    this.settings = settings;
    Duration longest = Duration.ZERO;
    for (Destination destination : settings.destinations().values()) {
      Delivery delivery = new Delivery(destination, channel(destination), meters, clock);
      deliveries.put(destination.name(), delivery);
      workers.put(destination.name(), Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "logwarden-notify-" + destination.name());
        thread.setDaemon(true);
        return thread;
      }));
      if (delivery.bound().compareTo(longest) > 0) {
        longest = delivery.bound();
      }
      if (destination.target() instanceof Destination.Webhook webhook && plainHttp(webhook.url())
          || destination.target() instanceof Destination.Slack slack && plainHttp(slack.url())
          || destination.target() instanceof Destination.PagerDuty pd && "http".equals(pd.endpoint().getScheme())) {
        LOG.warn("Destination {} is reached over plain http: its notifications and secret travel unencrypted",
            destination.name());
      }
    }
    this.bound = longest.plus(GRACE);
  }

  /** A notifier of these destinations, its metrics in {@code meters}. */
  public static Notifier start(NotifySettings settings, MeterRegistry meters) {
    return new Notifier(settings, meters, System::nanoTime);
  }

  public NotifySettings settings() {
    return settings;
  }

  /** The longest {@link #notify} waits for one alert state. */
  public Duration bound() {
    return bound;
  }

  /**
   * Sends an alert state to the destinations its routes choose that take its trigger, all at once,
   * and waits for each to deliver or park it.
   *
   * @return one outcome per destination it was sent to; empty when it is no trigger (a plain UPDATED)
   *     or no route takes it
   */
  public List<Outcome> notify(Alert alert) {
    Optional<Trigger> trigger = Trigger.of(alert);
    if (trigger.isEmpty()) {
      return List.of();
    }
    Notification notification = Notification.of(alert, trigger.get());
    List<Destination> targets = settings.routed(alert.getRuleId(), alert.getSeverity()).stream()
        .filter(destination -> destination.sends(trigger.get())).toList();
    if (targets.isEmpty()) {
      return List.of();
    }
    long start = System.nanoTime();
    List<Future<Outcome>> futures = new ArrayList<>(targets.size());
    for (Destination destination : targets) {
      Delivery delivery = deliveries.get(destination.name());
      futures.add(workers.get(destination.name()).submit(() -> delivery.deliver(notification)));
    }
    long deadline = start + bound.toNanos();
    List<Outcome> outcomes = new ArrayList<>(targets.size());
    for (int i = 0; i < targets.size(); i++) {
      outcomes.add(await(futures.get(i), targets.get(i).name(), notification, start, deadline));
    }
    return outcomes;
  }

  private Outcome await(Future<Outcome> future, String destination, Notification notification, long start,
      long deadline) {
    String problem;
    try {
      return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      problem = "did not end within " + bound.toSeconds() + " s";
    } catch (ExecutionException | CancellationException e) {
      problem = "failed (" + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName() + ")";
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      problem = "the stream thread was interrupted";
    }
    return Outcome.parked(destination, notification, 0, Duration.ofNanos(System.nanoTime() - start), problem);
  }

  /**
   * What {@code notify test} did at one destination.
   *
   * @param ok whether the destination took the test notification
   * @param detail what happened, e.g. {@code delivered in 84 ms} or {@code HTTP 404 (channel_not_found)}
   */
  public record TestResult(String destination, DestinationType type, boolean ok, String detail) {}

  /**
   * Sends one made-up alert (rule {@value #TEST_RULE}, severity LOW) to each named destination (all
   * when none is named), regardless of routes: one attempt each, no retry, nothing parked or counted.
   * PagerDuty is sent the trigger and then its resolve, so that no incident stays open.
   */
  public List<TestResult> test(Collection<String> names) throws InterruptedException {
    List<TestResult> results = new ArrayList<>();
    Alert alert = testAlert(Instant.now());
    for (Delivery delivery : deliveries.values()) {
      Destination destination = delivery.destination();
      if (!names.isEmpty() && !names.contains(destination.name())) {
        continue;
      }
      long start = System.nanoTime();
      Attempt attempt = delivery.once(new Notification(alert, Trigger.OPEN, Notification.idempotencyKey(alert), true));
      String detail;
      if (attempt.delivered() && destination.type() == DestinationType.PAGERDUTY) {
        Alert closed = Alert.newBuilder(alert).setStatus(AlertStatus.CLOSED).build();
        Attempt resolve = delivery.once(new Notification(closed, Trigger.CLOSED, Notification.idempotencyKey(closed), true));
        attempt = resolve.delivered() ? attempt
            : new Attempt(false, resolve.retryable(), resolve.retryAfter(), "trigger delivered, its resolve not: "
                + resolve.problem() + "; resolve incident " + alert.getAlertId() + " by hand");
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      detail = attempt.delivered() ? "delivered in " + millis + " ms" : attempt.problem()
          + (attempt.retryable() ? " (may pass on a retry)" : "");
      results.add(new TestResult(destination.name(), destination.type(), attempt.delivered(), detail));
    }
    return results;
  }

  /** The made-up alert of {@code notify test}. */
  static Alert testAlert(Instant now) {
    return Alert.newBuilder()
        .setAlertId("test-" + UUID.randomUUID().toString().replace("-", ""))
        .setRuleId(TEST_RULE)
        .setTitle("logwarden test notification")
        .setSeverity(Severity.LOW)
        .setKey("logwarden")
        .setKeyField(null)
        .setCount(1)
        .setFirstSeen(now)
        .setLastSeen(now)
        .setWindowStart(now)
        .setWindowEnd(now)
        .setStatus(AlertStatus.OPEN)
        .setSummary("Test notification from logwarden: if you read this, the destination works. No alert was raised.")
        .setDetectedAt(now)
        .build();
  }

  private static Channel channel(Destination destination) {
    DeliveryPolicy delivery = destination.delivery();
    Destination.Target target = destination.target();
    if (target instanceof Destination.Webhook webhook) {
      Map<String, String> headers = new LinkedHashMap<>(webhook.headers());
      List<String> secrets = new ArrayList<>(List.of(webhook.url().value()));
      webhook.secretHeaders().forEach((name, secret) -> {
        headers.put(name, secret.value());
        secrets.add(secret.value());
      });
      return new HttpChannel(client(delivery), URI.create(webhook.url().value()), headers, Payloads::webhook, secrets);
    }
    if (target instanceof Destination.Slack slack) {
      return new HttpChannel(client(delivery), URI.create(slack.url().value()), Map.of(), Payloads::slack,
          List.of(slack.url().value()));
    }
    if (target instanceof Destination.PagerDuty pagerDuty) {
      String routingKey = pagerDuty.routingKey().value();
      return new HttpChannel(client(delivery), pagerDuty.endpoint(), Map.of(),
          notification -> Payloads.pagerDuty(notification, routingKey), List.of(routingKey));
    }
    return new FileDestinationChannel((Destination.JsonLinesFile) target);
  }

  private static HttpClient client(DeliveryPolicy delivery) {
    return HttpChannel.client(delivery.requestTimeout());
  }

  private static boolean plainHttp(Secret url) {
    return url.value().regionMatches(true, 0, "http:", 0, 5);
  }

  @Override
  public void close() {
    for (ExecutorService worker : workers.values()) {
      worker.shutdownNow();
    }
    for (ExecutorService worker : workers.values()) {
      try {
        worker.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    deliveries.values().forEach(Delivery::close);
  }
}
