package io.logwarden.cli;

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

  /** The client properties: the command config file's, then the bootstrap address. */
  Map<String, Object> clientProperties() {
    Map<String, Object> props = new HashMap<>();
    if (commandConfig != null) {
      props.putAll(read(commandConfig));
    }
    props.put("bootstrap.servers", bootstrapServer);
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
