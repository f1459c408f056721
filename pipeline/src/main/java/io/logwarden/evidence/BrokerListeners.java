package io.logwarden.evidence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * The brokers' listeners as their configs show them to the report's principal: each listener's
 * security protocol and whether it requires clients to authenticate. An observation of the transit
 * control, never its verdict. Reading broker configs needs DESCRIBE_CONFIGS on the cluster; without
 * it, or when the brokers do not answer, {@link #note()} says why in one line and nothing fails.
 *
 * @param listeners one row per broker and listener, by broker id and listener name
 * @param note why the listeners are not shown, or null when they are
 */
public record BrokerListeners(List<ConnectionCheck> listeners, String note) {

  /** The one line of a report whose principal may not read broker configs. */
  public static final String DENIED = "Broker listeners not shown: reading them needs DESCRIBE_CONFIGS on the CLUSTER "
      + "resource, which no shipped role of the access matrix holds (grant it to the report's principal to see them).";

  public BrokerListeners {
    listeners = List.copyOf(listeners);
  }

  /** Listeners not shown, with the reason. */
  public static BrokerListeners notShown(String note) {
    return new BrokerListeners(List.of(), Objects.requireNonNull(note, "note"));
  }

  /** Every broker's listeners, or why they are not shown. */
  public static BrokerListeners read(Admin admin, Duration timeout) {
    int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    try {
      List<Node> nodes = new ArrayList<>(admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes()
          .get(millis, TimeUnit.MILLISECONDS));
      nodes.sort(Comparator.comparingInt(Node::id));
      List<ConfigResource> brokers = nodes.stream()
          .map(node -> new ConfigResource(ConfigResource.Type.BROKER, Integer.toString(node.id()))).toList();
      Map<ConfigResource, Config> configs = admin.describeConfigs(brokers, new DescribeConfigsOptions().timeoutMs(millis))
          .all().get(millis, TimeUnit.MILLISECONDS);
      List<ConnectionCheck> rows = new ArrayList<>();
      for (ConfigResource broker : brokers) {
        rows.addAll(of(broker.name(), configs.get(broker)));
      }
      return new BrokerListeners(rows, null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof AuthorizationException) {
        return notShown(DENIED);
      }
      return notShown(unanswered(e.getCause()));
    } catch (TimeoutException e) {
      return notShown(unanswered(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return notShown(unanswered(e));
    }
  }

  /** One broker's listeners from its config; the keys read hold no secret. */
  public static List<ConnectionCheck> of(String brokerId, Config config) {
    Map<String, String> protocols = new LinkedHashMap<>();
    for (String pair : list(value(config, "listener.security.protocol.map"))) {
      int colon = pair.indexOf(':');
      if (colon > 0) {
        protocols.put(pair.substring(0, colon).strip().toUpperCase(Locale.ROOT),
            pair.substring(colon + 1).strip().toUpperCase(Locale.ROOT));
      }
    }
    Set<String> controllers = list(value(config, "controller.listener.names")).stream()
        .map(name -> name.toUpperCase(Locale.ROOT)).collect(Collectors.toSet());
    List<ConnectionCheck> rows = new ArrayList<>();
    for (String listener : list(value(config, "listeners"))) {
      int separator = listener.indexOf("://");
      if (separator <= 0) {
        continue;
      }
      String name = listener.substring(0, separator).strip().toUpperCase(Locale.ROOT);
      String address = listener.substring(separator + 3).strip();
      // Without a map entry a listener is named after its protocol (Kafka's default map).
      String protocol = protocols.getOrDefault(name, name);
      String connection = "broker " + brokerId + " listener " + name + (controllers.contains(name) ? " (controller)" : "");
      rows.add(ConnectionCheck.unjudged(connection, address.isEmpty() ? "all interfaces" : address,
          protocol.endsWith("SSL") ? "TLS (" + protocol + ")" : protocol.endsWith("PLAINTEXT") ? "none (" + protocol + ")"
              : protocol, clientAuthentication(config, name, protocol), ConnectionCheck.Outcome.OBSERVED));
    }
    return rows;
  }

  private static String clientAuthentication(Config config, String listener, String protocol) {
    String prefix = "listener.name." + listener.toLowerCase(Locale.ROOT) + ".";
    return switch (protocol) {
      case "PLAINTEXT" -> "none: any client connects, as User:ANONYMOUS";
      case "SSL" -> {
        String auth = Objects.requireNonNullElse(perListener(config, prefix, "ssl.client.auth"), "none")
            .strip().toLowerCase(Locale.ROOT);
        yield switch (auth) {
          case "required" -> "client certificate required (ssl.client.auth=required)";
          case "requested" -> "client certificate requested, not required (ssl.client.auth=requested)";
          default -> "none: any client connects, as User:ANONYMOUS (ssl.client.auth=" + auth + ")";
        };
      }
      case "SASL_PLAINTEXT", "SASL_SSL" -> {
        String mechanisms = perListener(config, prefix, "sasl.enabled.mechanisms");
        yield "SASL required" + (mechanisms == null || mechanisms.isBlank() ? ""
            : " (" + String.join(", ", list(mechanisms)) + ")");
      }
      default -> "not a Kafka protocol";
    };
  }

  // The listener's own setting (listener.name.<name>.<key>), else the broker's.
  private static String perListener(Config config, String prefix, String key) {
    String own = value(config, prefix + key);
    return own != null ? own : value(config, key);
  }

  private static String value(Config config, String key) {
    ConfigEntry entry = config == null ? null : config.get(key);
    return entry == null || entry.isSensitive() ? null : entry.value();
  }

  private static List<String> list(String value) {
    return value == null ? List.of()
        : Arrays.stream(value.split(",")).map(String::strip).filter(part -> !part.isEmpty()).toList();
  }

  private static String unanswered(Throwable cause) {
    return "Broker listeners not shown: the brokers did not describe their configs ("
        + cause.getClass().getSimpleName() + ").";
  }
}
