package io.logwarden.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.logwarden.notify.DeliveryPolicy;
import io.logwarden.notify.Destination;
import io.logwarden.notify.DestinationType;
import io.logwarden.notify.NotifySettings;
import io.logwarden.notify.RateLimit;
import io.logwarden.notify.Route;
import io.logwarden.notify.Secret;
import io.logwarden.notify.Trigger;
import io.logwarden.policy.DurationSyntax;
import io.logwarden.policy.KeySuggestion;
import io.logwarden.policy.PolicyException;
import io.logwarden.policy.StrictYaml;
import io.logwarden.policy.YamlPath;
import io.logwarden.schema.Severity;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code notify:} section of the deployment config file (docs/notifications.md): the
 * destinations and the routes. As strict as the rest of the file: an unknown key or a value of the
 * wrong type is refused by {@link StrictYaml} with its line, and so is a value that makes no sense
 * (an unknown destination type, a setting another type has, a route to a destination that does not
 * exist, a secret that cannot be read). Secrets (URLs of webhooks and Slack, PagerDuty routing keys,
 * secret headers) are written as {@code {env: VARIABLE}} or {@code {file: PATH}}, never as values, and
 * no message names more than where a secret comes from.
 *
 * <pre>
 * notify:
 *   destinations:
 *     secops-slack:
 *       type: slack
 *       url: {env: SLACK_WEBHOOK_URL}
 *     oncall:
 *       type: pagerduty
 *       routing_key: {file: /etc/logwarden/notify/pagerduty-routing-key}
 *       send_on: [open, escalation, closed]     # closed: resolve the incident
 *     siem:
 *       type: file
 *       path: /var/log/logwarden/alerts.json
 *   routes:
 *     - min_severity: HIGH
 *       to: [oncall]
 *     - to: [secops-slack, siem]
 * </pre>
 */
public final class NotifyConfigLoader {

  /** Destination names: a metric label and a dead letter's header, so short and plain. */
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
  /** An HTTP header name (RFC 9110 token). */
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
  /** Headers the HTTP client sets itself, or that logwarden sets on every request. */
  static final Set<String> RESERVED_HEADERS = Set.of("connection", "content-length", "expect", "host", "upgrade",
      "content-type", "idempotency-key");
  static final List<String> DURATION_UNITS = List.of("ms", "s", "m", "h");
  static final int MAX_ATTEMPTS = 20;
  static final int DEFAULT_MAX_SIZE_MB = 100;
  static final int MAX_SIZE_MB = 10 * 1024;
  static final int DEFAULT_KEEP = 5;
  static final int MAX_KEEP = 100;
  static final Set<Trigger> DEFAULT_SEND_ON = EnumSet.of(Trigger.OPEN, Trigger.ESCALATION);

  /** The settings each type takes beyond {@code type} and the delivery settings. */
  private static final Map<DestinationType, Set<String>> OWN_SETTINGS = Map.of(
      DestinationType.WEBHOOK, Set.of("url", "headers", "secret_headers"),
      DestinationType.SLACK, Set.of("url"),
      DestinationType.PAGERDUTY, Set.of("routing_key", "endpoint"),
      DestinationType.FILE, Set.of("path", "max_size_mb", "keep"));
  private static final Set<String> DELIVERY_SETTINGS = Set.of("send_on", "timeout", "attempts", "backoff",
      "max_backoff", "delivery_timeout", "circuit_open_for", "rate_limit");
  /** Delivery settings a file has no use for: it has no request to time out, no server to spare. */
  private static final Set<String> NOT_FOR_FILES = Set.of("timeout", "rate_limit");

  private NotifyConfigLoader() {}

  /** The {@code notify:} section of a config file, its secrets read from the process environment and files. */
  public static NotifySettings load(Path file) {
    return load(file, System.getenv(), true);
  }

  /**
   * The {@code notify:} section without reading any secret: for a program that only looks at the
   * configuration (the evidence report), on a machine that holds none of the secrets.
   */
  public static NotifySettings inspect(Path file) {
    return load(file, Map.of(), false);
  }

  /**
   * @param readSecrets whether to read the secrets (and refuse what cannot be read), or only note where
   *     they come from
   * @throws ConfigException naming the file, line and key of what is refused
   */
  static NotifySettings load(Path file, Map<String, String> env, boolean readSecrets) {
    if (!Files.isReadable(file)) {
      throw new ConfigException("config file " + file + " does not exist or is not readable");
    }
    String name = StrictYaml.sourceName(file);
    StrictYaml.Bound<Document> bound;
    try {
      bound = StrictYaml.bind(StrictYaml.read(file, name), name, Document.class, ConfigLoader.FORMAT);
    } catch (PolicyException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    NotifyFile notify = bound.document().notifications();
    if (notify == null) {
      return NotifySettings.none();
    }
    return new Reader(file, name, bound, env, readSecrets).settings(notify);
  }

  /** The file with only its {@code notify:} section bound; {@link ConfigLoader} checks the rest. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Document(@JsonProperty("notify") NotifyFile notifications) {}

  /** The {@code notify:} section as written. */
  public record NotifyFile(Map<String, DestinationEntry> destinations, List<RouteEntry> routes) {}

  /** One destination as written; which settings apply depends on its type. */
  public record DestinationEntry(
      String type,
      SecretEntry url,
      SecretEntry routingKey,
      String endpoint,
      Map<String, String> headers,
      Map<String, SecretEntry> secretHeaders,
      String path,
      Integer maxSizeMb,
      Integer keep,
      List<String> sendOn,
      String timeout,
      Integer attempts,
      String backoff,
      String maxBackoff,
      String deliveryTimeout,
      String circuitOpenFor,
      RateLimitEntry rateLimit) {}

  /** Where a secret comes from: {@code {env: VARIABLE}} or {@code {file: PATH}}. */
  public record SecretEntry(String env, String file) {}

  /** {@code rate_limit: {requests: 10, per: 10s}}. */
  public record RateLimitEntry(Integer requests, String per) {}

  /** One route as written. */
  public record RouteEntry(List<String> rules, String minSeverity, List<String> to) {}

  /** Turns the bound section into settings, refusing what makes no sense with the line it is on. */
  private static final class Reader {

    private final Path file;
    private final String name;
    private final StrictYaml.Bound<Document> bound;
    private final Map<String, String> env;
    private final boolean readSecrets;

    Reader(Path file, String name, StrictYaml.Bound<Document> bound, Map<String, String> env, boolean readSecrets) {
      this.file = file;
      this.name = name;
      this.bound = bound;
      this.env = env;
      this.readSecrets = readSecrets;
    }

    NotifySettings settings(NotifyFile notify) {
      YamlPath root = YamlPath.root().key("notify");
      Map<String, Destination> destinations = new LinkedHashMap<>();
      if (notify.destinations() != null) {
        for (Map.Entry<String, DestinationEntry> entry : notify.destinations().entrySet()) {
          YamlPath path = root.key("destinations").key(entry.getKey());
          if (entry.getValue() == null) {
            throw refused(path, "is empty; a destination has at least a type");
          }
          destinations.put(entry.getKey(), destination(entry.getKey(), entry.getValue(), path));
        }
      }
      List<Route> routes = new ArrayList<>();
      if (notify.routes() != null) {
        for (int i = 0; i < notify.routes().size(); i++) {
          YamlPath path = root.key("routes").index(i);
          RouteEntry entry = notify.routes().get(i);
          if (entry == null) {
            throw refused(path, "is empty; a route names at least its destinations: to: [NAME, ...]");
          }
          routes.add(route(entry, path, destinations.keySet()));
        }
      }
      return new NotifySettings(destinations, routes);
    }

    private Destination destination(String destinationName, DestinationEntry entry, YamlPath path) {
      if (!NAME.matcher(destinationName).matches()) {
        throw refused(path, "destination name " + PolicyException.quote(destinationName) + " is not allowed; names "
            + "use lowercase letters, digits, '_', '.' and '-' (at most 63), as they label metrics");
      }
      if (entry.type() == null) {
        throw refused(path, "has no type; the types are " + types());
      }
      DestinationType type = Arrays.stream(DestinationType.values())
          .filter(candidate -> candidate.word().equals(entry.type())).findFirst()
          .orElseThrow(() -> refused(path.key("type"), PolicyException.quote(entry.type())
              + " is not a destination type; the types are " + types()));
      Map<String, Object> written = written(entry);
      Set<String> allowed = new LinkedHashSet<>(OWN_SETTINGS.get(type));
      allowed.addAll(DELIVERY_SETTINGS);
      if (type == DestinationType.FILE) {
        allowed.removeAll(NOT_FOR_FILES);
      }
      for (Map.Entry<String, Object> setting : written.entrySet()) {
        if (setting.getValue() != null && !allowed.contains(setting.getKey())) {
          throw refused(path.key(setting.getKey()), "is not a setting of a " + type.word() + " destination (its "
              + "settings: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
        }
      }
      Destination.Target target = switch (type) {
        case WEBHOOK -> new Destination.Webhook(url(entry.url(), path.key("url")),
            headers(entry.headers(), path.key("headers")), secretHeaders(entry.secretHeaders(), path.key("secret_headers")));
        case SLACK -> new Destination.Slack(url(entry.url(), path.key("url")));
        case PAGERDUTY -> new Destination.PagerDuty(
            secret(required(entry.routingKey(), path.key("routing_key"), "the integration key of an Events API v2 "
                + "integration: routing_key: {env: VARIABLE} or {file: PATH}"), path.key("routing_key")),
            entry.endpoint() == null ? Destination.PagerDuty.DEFAULT_ENDPOINT
                : endpoint(entry.endpoint(), path.key("endpoint")));
        case FILE -> jsonLines(entry, path);
      };
      return new Destination(destinationName, sendOn(entry.sendOn(), path.key("send_on")),
          delivery(entry, type, path), target);
    }

    private Destination.JsonLinesFile jsonLines(DestinationEntry entry, YamlPath path) {
      String text = required(entry.path(), path.key("path"), "the file to write, e.g. /var/log/logwarden/alerts.json");
      if (text.isBlank()) {
        throw refused(path.key("path"), "is empty");
      }
      int maxSizeMb = entry.maxSizeMb() == null ? DEFAULT_MAX_SIZE_MB : entry.maxSizeMb();
      if (maxSizeMb < 1 || maxSizeMb > MAX_SIZE_MB) {
        throw refused(path.key("max_size_mb"), maxSizeMb + " is not from 1 to " + MAX_SIZE_MB + " (MiB)");
      }
      int keep = entry.keep() == null ? DEFAULT_KEEP : entry.keep();
      if (keep < 0 || keep > MAX_KEEP) {
        throw refused(path.key("keep"), keep + " is not from 0 to " + MAX_KEEP + " (rotated files kept)");
      }
      return new Destination.JsonLinesFile(resolve(text), maxSizeMb * 1024L * 1024L, keep);
    }

    private DeliveryPolicy delivery(DestinationEntry entry, DestinationType type, YamlPath path) {
      Duration timeout = duration(entry.timeout(), path.key("timeout"), DeliveryPolicy.DEFAULT_REQUEST_TIMEOUT);
      Duration deliveryTimeout = duration(entry.deliveryTimeout(), path.key("delivery_timeout"),
          DeliveryPolicy.DEFAULT_DELIVERY_TIMEOUT);
      if (deliveryTimeout.compareTo(DeliveryPolicy.MAX_DELIVERY_TIMEOUT) > 0) {
        throw refused(path.key("delivery_timeout"), "is longer than " + DeliveryPolicy.MAX_DELIVERY_TIMEOUT.toSeconds()
            + " s: a stream thread waits for it, and one that does not poll for over half of max.poll.interval.ms "
            + "(5 min) would be dropped from its group");
      }
      if (timeout.compareTo(deliveryTimeout) > 0) {
        throw refused(path.key(entry.timeout() != null ? "timeout" : "delivery_timeout"), "the request timeout ("
            + timeout.toMillis() + " ms) is longer than the delivery timeout (" + deliveryTimeout.toMillis()
            + " ms), which bounds all attempts together");
      }
      int attempts = entry.attempts() == null ? DeliveryPolicy.DEFAULT_MAX_ATTEMPTS : entry.attempts();
      if (attempts < 1 || attempts > MAX_ATTEMPTS) {
        throw refused(path.key("attempts"), attempts + " is not from 1 to " + MAX_ATTEMPTS);
      }
      Duration backoff = duration(entry.backoff(), path.key("backoff"), DeliveryPolicy.DEFAULT_INITIAL_BACKOFF);
      Duration maxBackoff = duration(entry.maxBackoff(), path.key("max_backoff"),
          entry.backoff() != null && backoff.compareTo(DeliveryPolicy.DEFAULT_MAX_BACKOFF) > 0 ? backoff
              : DeliveryPolicy.DEFAULT_MAX_BACKOFF);
      if (backoff.compareTo(maxBackoff) > 0) {
        throw refused(path.key("backoff"), "is longer than max_backoff (" + maxBackoff.toMillis() + " ms)");
      }
      // 0s: no pause; after a failure each notification is still tried, once (a probe).
      Duration circuit = entry.circuitOpenFor() != null && entry.circuitOpenFor().strip().matches("0+[a-z]+")
          ? Duration.ZERO : duration(entry.circuitOpenFor(), path.key("circuit_open_for"),
              DeliveryPolicy.DEFAULT_CIRCUIT_OPEN_FOR);
      RateLimit rateLimit = entry.rateLimit() == null ? (type == DestinationType.SLACK ? RateLimit.SLACK : null)
          : rateLimit(entry.rateLimit(), path.key("rate_limit"));
      return new DeliveryPolicy(timeout, attempts, backoff, maxBackoff, deliveryTimeout, circuit, rateLimit);
    }

    private RateLimit rateLimit(RateLimitEntry entry, YamlPath path) {
      int requests = required(entry.requests(), path.key("requests"), "how many requests per period, e.g. "
          + "rate_limit: {requests: 10, per: 10s}");
      if (requests < 1) {
        throw refused(path.key("requests"), requests + " is not a positive number of requests");
      }
      Duration per = duration(required(entry.per(), path.key("per"), "the period, e.g. per: 10s"), path.key("per"),
          null);
      return new RateLimit(requests, per);
    }

    private Set<Trigger> sendOn(List<String> words, YamlPath path) {
      if (words == null) {
        return DEFAULT_SEND_ON;
      }
      if (words.isEmpty()) {
        throw refused(path, "is empty; a destination is sent at least one of open, escalation, closed");
      }
      Set<Trigger> triggers = EnumSet.noneOf(Trigger.class);
      for (int i = 0; i < words.size(); i++) {
        String word = words.get(i);
        Trigger trigger = Arrays.stream(Trigger.values()).filter(t -> t.word().equals(word)).findFirst()
            .orElseThrow(() -> refused(path, PolicyException.quote(String.valueOf(word))
                + " is not an alert state to send; the states are open, escalation and closed (a plain update is "
                + "never sent)"));
        if (!triggers.add(trigger)) {
          throw refused(path, PolicyException.quote(word) + " is listed twice");
        }
      }
      return triggers;
    }

    private Route route(RouteEntry entry, YamlPath path, Set<String> destinations) {
      List<String> to = required(entry.to(), path.key("to"), "the destinations of the route, e.g. to: [secops-slack]");
      if (to.isEmpty()) {
        throw refused(path.key("to"), "is empty; a route sends to at least one destination");
      }
      for (String name : to) {
        if (!destinations.contains(name)) {
          StringBuilder problem = new StringBuilder("no destination ").append(PolicyException.quote(String.valueOf(name)));
          KeySuggestion.closest(String.valueOf(name), destinations)
              .ifPresent(closest -> problem.append("; did you mean '").append(closest).append("'?"));
          problem.append(destinations.isEmpty() ? " (no destination is defined under notify.destinations)"
              : " (destinations: " + String.join(", ", destinations) + ")");
          throw refused(path.key("to"), problem.toString());
        }
      }
      Severity min = Severity.LOW;
      if (entry.minSeverity() != null) {
        min = Arrays.stream(Severity.values())
            .filter(s -> s != Severity.UNKNOWN && s.name().equals(entry.minSeverity().toUpperCase(Locale.ROOT)))
            .findFirst()
            .orElseThrow(() -> refused(path.key("min_severity"), PolicyException.quote(entry.minSeverity())
                + " is not a severity; the severities are LOW, MEDIUM, HIGH and CRITICAL"));
      }
      Set<String> rules = new LinkedHashSet<>();
      if (entry.rules() != null) {
        if (entry.rules().isEmpty()) {
          throw refused(path.key("rules"), "is empty; leave it out for every rule");
        }
        for (String rule : entry.rules()) {
          if (rule == null || rule.isBlank()) {
            throw refused(path.key("rules"), "holds an empty rule id");
          }
          rules.add(rule);
        }
      }
      return new Route(where(path.key("rules")), rules, min, to);
    }

    private Secret url(SecretEntry entry, YamlPath path) {
      Secret url = secret(required(entry, path, "the URL, as url: {env: VARIABLE} or {file: PATH} (it holds the "
          + "destination's token, so it is never written here)"), path);
      if (url.isRead()) {
        checkUrl(url.value(), path, "the URL from " + url.source());
      }
      return url;
    }

    private URI endpoint(String text, YamlPath path) {
      return checkUrl(text, path, PolicyException.quote(text));
    }

    // `what` names the URL in a message: its source when it is a secret, else the URL itself.
    private URI checkUrl(String text, YamlPath path, String what) {
      URI uri;
      try {
        uri = new URI(text);
      } catch (java.net.URISyntaxException e) {
        throw refused(path, what + " is not a URL");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
        throw refused(path, what + " is not an http(s) URL with a host");
      }
      return uri;
    }

    private Secret secret(SecretEntry entry, YamlPath path) {
      if ((entry.env() == null) == (entry.file() == null)) {
        throw refused(path, "names where the secret comes from: {env: VARIABLE} or {file: PATH}, one of them");
      }
      if (entry.env() != null) {
        if (entry.env().isBlank()) {
          throw refused(path.key("env"), "is empty");
        }
        if (!readSecrets) {
          return Secret.unread("environment variable " + entry.env());
        }
        try {
          return Secret.fromEnvironment(entry.env(), env);
        } catch (IllegalArgumentException e) {
          throw refused(path.key("env"), e.getMessage());
        }
      }
      if (entry.file().isBlank()) {
        throw refused(path.key("file"), "is empty");
      }
      Path secretFile = resolve(entry.file());
      if (!readSecrets) {
        return Secret.unread("file " + secretFile);
      }
      try {
        return Secret.fromFile(secretFile);
      } catch (IllegalArgumentException e) {
        throw refused(path.key("file"), e.getMessage());
      }
    }

    private Map<String, String> headers(Map<String, String> headers, YamlPath path) {
      if (headers == null) {
        return Map.of();
      }
      for (Map.Entry<String, String> header : headers.entrySet()) {
        headerName(header.getKey(), path.key(header.getKey()));
        if (header.getValue() == null || header.getValue().contains("\r") || header.getValue().contains("\n")) {
          throw refused(path.key(header.getKey()), "is not a header value (empty, or with a line break)");
        }
      }
      return headers;
    }

    private Map<String, Secret> secretHeaders(Map<String, SecretEntry> headers, YamlPath path) {
      if (headers == null) {
        return Map.of();
      }
      Map<String, Secret> secrets = new LinkedHashMap<>();
      for (Map.Entry<String, SecretEntry> header : headers.entrySet()) {
        YamlPath headerPath = path.key(header.getKey());
        headerName(header.getKey(), headerPath);
        Secret secret = secret(required(header.getValue(), headerPath, "{env: VARIABLE} or {file: PATH}"), headerPath);
        if (secret.isRead() && (secret.value().contains("\r") || secret.value().contains("\n"))) {
          throw refused(headerPath, "the value from " + secret.source() + " holds a line break; a header value cannot");
        }
        secrets.put(header.getKey(), secret);
      }
      return secrets;
    }

    private void headerName(String header, YamlPath path) {
      if (!HEADER_NAME.matcher(header).matches()) {
        throw refused(path, PolicyException.quote(header) + " is not an HTTP header name");
      }
      if (RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
        throw refused(path, "is set by logwarden or the HTTP client itself; it cannot be configured");
      }
    }

    private Duration duration(String text, YamlPath path, Duration fallback) {
      if (text == null) {
        return fallback;
      }
      try {
        return DurationSyntax.parse(text, DURATION_UNITS, false);
      } catch (IllegalArgumentException e) {
        throw refused(path, e.getMessage() + "; a duration is a whole number and a unit (ms, s, m, h), e.g. 10s");
      }
    }

    private <T> T required(T value, YamlPath path, String what) {
      if (value == null) {
        throw refused(path, "is missing: " + what);
      }
      return value;
    }

    // A relative path is relative to the config file, like the policy's.
    private Path resolve(String text) {
      Path candidate = Path.of(text);
      if (candidate.isAbsolute()) {
        return candidate;
      }
      Path parent = file.toAbsolutePath().getParent();
      return parent == null ? candidate : parent.resolve(candidate);
    }

    private String where(YamlPath path) {
      int line = lineOf(path);
      return PolicyException.format(name, line, path.toString(), "").replaceAll(": $", "");
    }

    // The line of the key, or of its deepest ancestor the file has (where a missing key belongs).
    private int lineOf(YamlPath path) {
      return bound.locator().lineOf(path);
    }

    private ConfigException refused(YamlPath path, String problem) {
      return new ConfigException(PolicyException.format(name, lineOf(path), path.toString(), problem));
    }

    private static String types() {
      return String.join(", ", Arrays.stream(DestinationType.values()).map(DestinationType::word).toList());
    }

    // The settings written, by their name in the file.
    private static Map<String, Object> written(DestinationEntry entry) {
      Map<String, Object> written = new LinkedHashMap<>();
      for (java.lang.reflect.RecordComponent component : DestinationEntry.class.getRecordComponents()) {
        String key = component.getName().replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
        if (key.equals("type")) {
          continue;
        }
        try {
          written.put(key, component.getAccessor().invoke(entry));
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return written;
    }
  }
}
