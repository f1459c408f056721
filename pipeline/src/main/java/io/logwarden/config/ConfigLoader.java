package io.logwarden.config;

import io.logwarden.schema.registry.RegistrySettings;
import io.logwarden.policy.PolicyException;
import io.logwarden.policy.StrictYaml;
import io.logwarden.policy.YamlFormat;
import io.logwarden.policy.YamlPath;
import io.logwarden.redact.PseudonymKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the deployment config file (YAML) and applies environment overrides:
 * {@code LOGWARDEN_BOOTSTRAP_SERVERS}, {@code LOGWARDEN_STATE_DIR}, {@code LOGWARDEN_POLICY},
 * {@code LOGWARDEN_HTTP_PORT}, {@code LOGWARDEN_ROCKSDB_MEMORY_MB}, {@code LOGWARDEN_SCHEMA_REGISTRY_URL}, the
 * pseudonymization key {@code LOGWARDEN_PSEUDONYM_KEY} (with
 * {@code LOGWARDEN_PSEUDONYM_KEY_ID}), and {@code LOGWARDEN_GROUP_INSTANCE_ID}, which sets the Kafka
 * property {@code group.instance.id} (static group membership: a StatefulSet passes its pod name, so
 * a restarted pod gets its partitions back without a rebalance; Kafka Streams suffixes it per thread).
 *
 * <pre>
 * kafka:                        # any Kafka client property, given to every client
 *   bootstrap.servers: kafka-0.kafka:9092
 *   security.protocol: SASL_SSL
 * application_id: logwarden
 * state_dir: /var/lib/logwarden
 * policy: /etc/logwarden/policy.yaml   # optional: the shipped policy otherwise
 * processing_guarantee: exactly_once_v2
 * pseudonym_key_file: /etc/logwarden/key/pseudonym.key  # or LOGWARDEN_PSEUDONYM_KEY
 * pseudonym_key_id: k2026a                             # optional
 * http_port: 8080                                      # metrics and health; default 8080
 * rocksdb_memory_mb: 128                               # all state stores' off-heap memory; 0: unbounded
 * schema_registry:                                     # optional: for topics encoded avro-registry
 *   url: https://registry:8081                         # or LOGWARDEN_SCHEMA_REGISTRY_URL
 *   basic_auth: {username: logwarden, password_file: /etc/logwarden/schema-registry/password}
 * notify: ...                                          # destinations and routes: NotifyConfigLoader
 * </pre>
 *
 * <p>{@code schema_registry:} in full (bearer tokens, TLS stores, timeout, auto-register):
 * {@link SchemaRegistryConfig}.
 *
 * <p>Read as strictly as the policy ({@link StrictYaml}): a syntax error, an unknown key (with the
 * nearest known one suggested), a duplicate key or a value of the wrong type is refused, citing the
 * file's line.
 */
public final class ConfigLoader {

  /** The config file, as the shared YAML reader words its messages. */
  static final YamlFormat FORMAT = new YamlFormat("config file", "configuration",
      "kafka, application_id, state_dir, policy, processing_guarantee, pseudonym_key_file, pseudonym_key_id,"
          + " http_port, rocksdb_memory_mb, schema_registry, notify and allow_insecure_hostname",
      // The schema registry's timeout and the notify section's durations (NotifyConfigLoader).
      Set.of("timeout", "backoff", "max_backoff", "delivery_timeout", "circuit_open_for", "per"),
      "a duration is a whole number followed by a unit (ms, s, m, h), e.g. 10s", Map.of());

  /** Environment variable that overrides {@code http_port}. */
  public static final String HTTP_PORT_VARIABLE = "LOGWARDEN_HTTP_PORT";
  /** Environment variable that overrides {@code rocksdb_memory_mb}. */
  public static final String ROCKSDB_MEMORY_VARIABLE = "LOGWARDEN_ROCKSDB_MEMORY_MB";
  /** Environment variable that sets the Kafka property {@code group.instance.id}. */
  public static final String GROUP_INSTANCE_ID_VARIABLE = "LOGWARDEN_GROUP_INSTANCE_ID";

  /** 1 TiB: a larger number is a typo (bytes for MiB), not a budget. */
  private static final int MAX_ROCKSDB_MEMORY_MB = 1024 * 1024;

  private ConfigLoader() {}

  /** The config of a file, with the process environment's overrides. */
  public static LogwardenConfig load(Path file) {
    return load(file, System.getenv());
  }

  /**
   * Only the {@code schema_registry:} section of a deployment config, for the commands that read or
   * write topics and need nothing else of it (no cluster or pseudonym key settings are required).
   */
  public static Optional<RegistrySettings> schemaRegistry(Path file) {
    StrictYaml.Bound<ConfigFile> bound = bind(file);
    return SchemaRegistryConfig.settings(bound.document().schemaRegistry(), file, StrictYaml.sourceName(file),
        bound.locator(), System.getenv());
  }

  // The file read and bound strictly (line numbers, unknown keys refused), as a config error.
  private static StrictYaml.Bound<ConfigFile> bind(Path file) {
    return bind(file, ConfigFile.class);
  }

  /** The file read and bound strictly to {@code type} (line numbers, unknown keys refused), as a config error. */
  static <T> StrictYaml.Bound<T> bind(Path file, Class<T> type) {
    if (!Files.isReadable(file)) {
      throw new ConfigException("config file " + file + " does not exist or is not readable");
    }
    String name = StrictYaml.sourceName(file);
    try {
      return StrictYaml.bind(StrictYaml.read(file, name), name, type, FORMAT);
    } catch (PolicyException e) {
      throw new ConfigException(e.getMessage(), e);
    }
  }

  /** The {@code kafka:} section as client properties: every value as text, an empty one as "". */
  static Map<String, String> kafkaProperties(Map<String, Object> section) {
    Map<String, String> kafka = new LinkedHashMap<>();
    if (section != null) {
      section.forEach((key, value) -> kafka.put(key, value == null ? "" : value.toString()));
    }
    return kafka;
  }

  static LogwardenConfig load(Path file, Map<String, String> env) {
    String name = StrictYaml.sourceName(file);
    StrictYaml.Bound<ConfigFile> bound = bind(file);
    ConfigFile parsed = bound.document();
    Where where = new Where(name, bound);
    Map<String, String> kafka = kafkaProperties(parsed.kafka());
    String bootstrap = env.getOrDefault("LOGWARDEN_BOOTSTRAP_SERVERS", kafka.get("bootstrap.servers"));
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new ConfigException(file.getFileName()
          + ": kafka.bootstrap.servers is required (or set LOGWARDEN_BOOTSTRAP_SERVERS)");
    }
    kafka.put("bootstrap.servers", bootstrap);
    String instanceId = env.get(GROUP_INSTANCE_ID_VARIABLE);
    if (instanceId != null && !instanceId.isBlank()) {
      kafka.put("group.instance.id", instanceId);
    }
    String guarantee = parsed.processingGuarantee() == null ? LogwardenConfig.EXACTLY_ONCE_V2 : parsed.processingGuarantee();
    if (!guarantee.equals(LogwardenConfig.EXACTLY_ONCE_V2) && !guarantee.equals(LogwardenConfig.AT_LEAST_ONCE)) {
      throw new ConfigException(where.at("processing_guarantee") + ": processing_guarantee must be "
          + LogwardenConfig.EXACTLY_ONCE_V2 + " or " + LogwardenConfig.AT_LEAST_ONCE);
    }
    String stateDir = env.getOrDefault("LOGWARDEN_STATE_DIR",
        parsed.stateDir() == null ? System.getProperty("java.io.tmpdir") + "/logwarden-state" : parsed.stateDir());
    String policy = env.getOrDefault("LOGWARDEN_POLICY", parsed.policy());
    Path policyFile = policy == null ? null : resolve(file, policy);
    return new LogwardenConfig(kafka,
        parsed.applicationId() == null ? LogwardenConfig.DEFAULT_APPLICATION_ID : parsed.applicationId(),
        Path.of(stateDir), policyFile, guarantee, pseudonymKey(file, parsed, env, where), httpPort(parsed, env, where),
        rocksDbMemoryMb(parsed, env, where),
        SchemaRegistryConfig.settings(parsed.schemaRegistry(), file, name, bound.locator(), env),
        Boolean.TRUE.equals(parsed.allowInsecureHostname()));
  }

  private static int rocksDbMemoryMb(ConfigFile parsed, Map<String, String> env, Where where) {
    String fromEnv = env.get(ROCKSDB_MEMORY_VARIABLE);
    int mb;
    try {
      mb = fromEnv != null ? Integer.parseInt(fromEnv.trim())
          : parsed.rocksdbMemoryMb() == null ? LogwardenConfig.DEFAULT_ROCKSDB_MEMORY_MB : parsed.rocksdbMemoryMb();
    } catch (NumberFormatException e) {
      throw new ConfigException(ROCKSDB_MEMORY_VARIABLE + " is not a whole number of MiB");
    }
    if (mb != 0 && (mb < LogwardenConfig.MIN_ROCKSDB_MEMORY_MB || mb > MAX_ROCKSDB_MEMORY_MB)) {
      throw new ConfigException((fromEnv != null ? ROCKSDB_MEMORY_VARIABLE : where.at("rocksdb_memory_mb")) + ": rocksdb_memory_mb " + mb + " must be 0 (Kafka Streams'"
          + " unbounded per-store defaults) or from " + LogwardenConfig.MIN_ROCKSDB_MEMORY_MB + " to "
          + MAX_ROCKSDB_MEMORY_MB);
    }
    return mb;
  }

  private static int httpPort(ConfigFile parsed, Map<String, String> env, Where where) {
    String fromEnv = env.get(HTTP_PORT_VARIABLE);
    int port;
    try {
      port = fromEnv != null ? Integer.parseInt(fromEnv.trim())
          : parsed.httpPort() == null ? LogwardenConfig.DEFAULT_HTTP_PORT : parsed.httpPort();
    } catch (NumberFormatException e) {
      throw new ConfigException(HTTP_PORT_VARIABLE + " is not a port number");
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException((fromEnv != null ? HTTP_PORT_VARIABLE : where.at("http_port")) + ": http_port " + port
          + " is not a port (0 to 65535; 0: any free port)");
    }
    return port;
  }

  /**
   * The pseudonymization key: the environment's, else the config's key file. Without one the
   * pipeline refuses to start: an unkeyed hash of an e-mail address is reversible by anyone.
   */
  private static PseudonymKey pseudonymKey(Path file, ConfigFile parsed, Map<String, String> env, Where where) {
    try {
      String fromEnv = env.get(PseudonymKey.KEY_VARIABLE);
      if (fromEnv != null && !fromEnv.isBlank()) {
        return PseudonymKey.fromEnvironment(env);
      }
      if (parsed.pseudonymKeyFile() != null) {
        Path keyFile = resolve(file, parsed.pseudonymKeyFile());
        return parsed.pseudonymKeyId() == null ? PseudonymKey.fromFile(keyFile)
            : PseudonymKey.fromFile(keyFile, parsed.pseudonymKeyId());
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(where.at("pseudonym_key_file") + ": pseudonymization key refused: " + e.getMessage());
    }
    throw new ConfigException(file.getFileName() + ": no pseudonymization key: set pseudonym_key_file (a mounted"
        + " Secret) or " + PseudonymKey.KEY_VARIABLE + "; logwarden does not start without one");
  }

  // A relative policy path is relative to the config file, so a config directory can be moved whole.
  private static Path resolve(Path configFile, String path) {
    Path candidate = Path.of(path);
    if (candidate.isAbsolute()) {
      return candidate;
    }
    Path parent = configFile.toAbsolutePath().getParent();
    return parent == null ? candidate : parent.resolve(candidate);
  }

  /** The file and the line of a top-level key, for refusals of a value that parsed but makes no sense. */
  private record Where(String name, StrictYaml.Bound<ConfigFile> bound) {
    String at(String key) {
      int line = bound.locator().lineOf(YamlPath.root().key(key));
      return line > 0 ? name + " line " + line : name;
    }
  }

  /** The file as written; the order of the keys is the order messages list them in. */
  private record ConfigFile(
      Map<String, Object> kafka,
      String applicationId,
      String stateDir,
      String policy,
      String processingGuarantee,
      String pseudonymKeyFile,
      String pseudonymKeyId,
      Integer httpPort,
      Integer rocksdbMemoryMb,
      SchemaRegistryConfig.Section schemaRegistry,
      // Checked here for its shape like every key; read by NotifyConfigLoader, where its secrets are read.
      @com.fasterxml.jackson.annotation.JsonProperty("notify") NotifyConfigLoader.NotifyFile notifications,
      Boolean allowInsecureHostname) {}
}
