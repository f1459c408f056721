package io.logwarden.cli;

import io.logwarden.cluster.ClusterConnection;
import io.logwarden.cluster.KafkaClientProperties;
import io.logwarden.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Kafka's usual options for commands that talk to a cluster: {@code --bootstrap-server} and {@code --command-config}. */
final class ClusterOptions {

  @Option(names = "--bootstrap-server", required = true, paramLabel = "HOST:PORT",
      description = "The cluster to connect to.")
  String bootstrapServer;

  @Option(names = "--command-config", paramLabel = "FILE",
      description = "Kafka client properties (TLS, SASL) for the connection, as for Kafka's own tools.")
  Path commandConfig;

  @Option(names = "--allow-insecure-hostname",
      description = "Accept an empty ssl.endpoint.identification.algorithm in --command-config, which turns off the "
          + "check that the broker's certificate names its host (a test cluster only).")
  boolean allowInsecureHostname;

  /**
   * The client properties: the command config file's, then the bootstrap address, with the config
   * providers its values reference declared.
   *
   * @throws ConfigException when the file turns hostname verification off without {@code --allow-insecure-hostname}
   */
  Map<String, Object> clientProperties() {
    Map<String, Object> props = new HashMap<>();
    if (commandConfig != null) {
      props.putAll(read(commandConfig));
    }
    props.put("bootstrap.servers", bootstrapServer);
    if (KafkaClientProperties.hostnameVerificationOff(props) && !allowInsecureHostname) {
      throw new ConfigException("--command-config " + commandConfig + ": ssl.endpoint.identification.algorithm is "
          + "empty, which turns off the check that the broker's certificate names its host; remove it, or add "
          + "--allow-insecure-hostname for a test cluster");
    }
    return KafkaClientProperties.withConfigProviders(props);
  }

  /**
   * {@link #clientProperties()} after one request has passed the TLS handshake and the login.
   *
   * @throws io.logwarden.cluster.ConnectionException with one line that says what failed
   */
  Map<String, Object> connectedClientProperties() {
    Map<String, Object> props = clientProperties();
    ClusterConnection.check(props);
    return props;
  }

  /** A {@code --command-config} file: Java properties, as Kafka's own tools read them. */
  static Map<String, String> read(Path commandConfig) {
    Properties file = new Properties();
    try (Reader reader = Files.newBufferedReader(commandConfig, StandardCharsets.UTF_8)) {
      file.load(reader);
    } catch (IOException e) {
      throw new ConfigException("cannot read --command-config " + commandConfig + ": " + e.getMessage(), e);
    }
    Map<String, String> props = new HashMap<>();
    file.forEach((key, value) -> props.put(key.toString(), value.toString()));
    return props;
  }
}
