package io.logwarden.cluster;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.config.provider.DirectoryConfigProvider;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.common.config.provider.FileConfigProvider;

/**
 * The Kafka client properties every client of logwarden gets, from the deployment's {@code kafka:}
 * section or a {@code --command-config} file.
 *
 * <p>Secrets need not sit in either: a value may reference one of Kafka's own config providers
 * (KIP-297, KIP-887), {@code ${env:NAME}} (an environment variable), {@code ${file:/path:key}} (a key
 * of a properties file, e.g. a mounted Secret) or {@code ${dir:/path:file}} (a whole file). Kafka's
 * clients resolve the references themselves when {@code config.providers} declares the provider;
 * {@link #withConfigProviders} declares the three for a config that references them and declares no
 * providers of its own. A config that declares {@code config.providers} is left as it is.
 */
public final class KafkaClientProperties {

  /** The providers logwarden declares for a config that uses them without declaring any. */
  static final Map<String, Class<?>> PROVIDERS = Map.of(
      "env", EnvVarConfigProvider.class,
      "file", FileConfigProvider.class,
      "dir", DirectoryConfigProvider.class);

  // ${provider:path:key} or ${provider:key}, as Kafka's ConfigTransformer reads a reference.
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+):[^}]*}");

  private KafkaClientProperties() {}

  /**
   * {@code props} with {@code config.providers} (and each provider's class) added for the providers
   * its values reference, when it declares none itself; otherwise {@code props} unchanged (a copy).
   */
  public static Map<String, Object> withConfigProviders(Map<String, ?> props) {
    Map<String, Object> copy = new HashMap<>(props);
    if (props.containsKey(AbstractConfig.CONFIG_PROVIDERS_CONFIG)) {
      return copy;
    }
    Set<String> used = new LinkedHashSet<>();
    for (Object value : props.values()) {
      if (value == null) {
        continue;
      }
      Matcher reference = REFERENCE.matcher(value.toString());
      while (reference.find()) {
        if (PROVIDERS.containsKey(reference.group(1))) {
          used.add(reference.group(1));
        }
      }
    }
    if (!used.isEmpty()) {
      copy.put(AbstractConfig.CONFIG_PROVIDERS_CONFIG, String.join(",", used));
      for (String provider : used) {
        copy.put(AbstractConfig.CONFIG_PROVIDERS_CONFIG + "." + provider + ".class", PROVIDERS.get(provider).getName());
      }
    }
    return copy;
  }

  /**
   * Whether the properties turn the broker's hostname verification off: {@code
   * ssl.endpoint.identification.algorithm} set to the empty string, for every client or, with a
   * prefix such as {@code consumer.}, for one kind. The client then accepts any
   * certificate its truststore trusts, for any host, which lets a man in the middle with such a
   * certificate read the stream.
   */
  public static boolean hostnameVerificationOff(Map<String, ?> props) {
    // Kafka Streams also passes prefixed copies to one kind of client (consumer.ssl..., producer.ssl...).
    for (Map.Entry<String, ?> entry : props.entrySet()) {
      String key = entry.getKey();
      if ((key.equals(SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG)
          || key.endsWith("." + SslConfigs.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM_CONFIG))
          && entry.getValue() != null && entry.getValue().toString().isBlank()) {
        return true;
      }
    }
    return false;
  }

  /** The bootstrap address of the properties, for messages ({@code ?} when there is none). */
  public static String bootstrap(Map<String, ?> props) {
    Object servers = props.get("bootstrap.servers");
    return servers == null ? "?" : servers.toString();
  }
}
