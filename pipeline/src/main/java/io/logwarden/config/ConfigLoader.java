package io.logwarden.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.logwarden.redact.PseudonymKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the deployment config file (YAML) and applies environment overrides:
 * {@code LOGWARDEN_BOOTSTRAP_SERVERS}, {@code LOGWARDEN_STATE_DIR}, {@code LOGWARDEN_POLICY},
 * {@code LOGWARDEN_HTTP_PORT}, {@code LOGWARDEN_ROCKSDB_MEMORY_MB}, the pseudonymization key {@code LOGWARDEN_PSEUDONYM_KEY} (with
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
 * </pre>
 */
public final class ConfigLoader {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

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

  static LogwardenConfig load(Path file, Map<String, String> env) {
    if (!Files.isReadable(file)) {
      throw new ConfigException("config file " + file + " does not exist or is not readable");
    }
    ConfigFile parsed;
    try {
      parsed = YAML.readValue(file.toFile(), ConfigFile.class);
    } catch (UnrecognizedPropertyException e) {
      throw new ConfigException(file.getFileName() + " line " + e.getLocation().getLineNr() + ": unknown key '"
          + e.getPropertyName() + "' (known keys: " + e.getKnownPropertyIds().stream().map(Object::toString)
              .sorted().collect(Collectors.joining(", ")) + ")");
    } catch (JsonMappingException e) {
      String key = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
          .collect(Collectors.joining("."));
      throw new ConfigException(file.getFileName() + " line " + line(e) + ": " + key + " has the wrong type or value");
    } catch (JsonProcessingException e) {
      throw new ConfigException(file.getFileName() + " line " + line(e) + ": not valid YAML");
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    if (parsed == null) {
      throw new ConfigException(file.getFileName() + " is empty");
    }
    Map<String, String> kafka = new LinkedHashMap<>();
    if (parsed.kafka != null) {
      parsed.kafka.forEach((key, value) -> kafka.put(key, value == null ? "" : value.toString()));
    }
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
    String guarantee = parsed.processingGuarantee == null ? LogwardenConfig.EXACTLY_ONCE_V2 : parsed.processingGuarantee;
    if (!guarantee.equals(LogwardenConfig.EXACTLY_ONCE_V2) && !guarantee.equals(LogwardenConfig.AT_LEAST_ONCE)) {
      throw new ConfigException(at(file, "processing_guarantee") + ": processing_guarantee must be "
          + LogwardenConfig.EXACTLY_ONCE_V2 + " or " + LogwardenConfig.AT_LEAST_ONCE);
    }
    String stateDir = env.getOrDefault("LOGWARDEN_STATE_DIR",
        parsed.stateDir == null ? System.getProperty("java.io.tmpdir") + "/logwarden-state" : parsed.stateDir);
    String policy = env.getOrDefault("LOGWARDEN_POLICY", parsed.policy);
    Path policyFile = policy == null ? null : resolve(file, policy);
    return new LogwardenConfig(kafka,
        parsed.applicationId == null ? LogwardenConfig.DEFAULT_APPLICATION_ID : parsed.applicationId,
        Path.of(stateDir), policyFile, guarantee, pseudonymKey(file, parsed, env), httpPort(file, parsed, env),
        rocksDbMemoryMb(file, parsed, env));
  }

  private static int rocksDbMemoryMb(Path file, ConfigFile parsed, Map<String, String> env) {
    String fromEnv = env.get(ROCKSDB_MEMORY_VARIABLE);
    int mb;
    try {
      mb = fromEnv != null ? Integer.parseInt(fromEnv.trim())
          : parsed.rocksDbMemoryMb == null ? LogwardenConfig.DEFAULT_ROCKSDB_MEMORY_MB : parsed.rocksDbMemoryMb;
    } catch (NumberFormatException e) {
      throw new ConfigException(ROCKSDB_MEMORY_VARIABLE + " is not a whole number of MiB");
    }
    if (mb != 0 && (mb < LogwardenConfig.MIN_ROCKSDB_MEMORY_MB || mb > MAX_ROCKSDB_MEMORY_MB)) {
      throw new ConfigException(file.getFileName() + ": rocksdb_memory_mb " + mb + " must be 0 (Kafka Streams'"
          + " unbounded per-store defaults) or from " + LogwardenConfig.MIN_ROCKSDB_MEMORY_MB + " to "
          + MAX_ROCKSDB_MEMORY_MB);
    }
    return mb;
  }

  private static int httpPort(Path file, ConfigFile parsed, Map<String, String> env) {
    String fromEnv = env.get(HTTP_PORT_VARIABLE);
    int port;
    try {
      port = fromEnv != null ? Integer.parseInt(fromEnv.trim())
          : parsed.httpPort == null ? LogwardenConfig.DEFAULT_HTTP_PORT : parsed.httpPort;
    } catch (NumberFormatException e) {
      throw new ConfigException(HTTP_PORT_VARIABLE + " is not a port number");
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException((fromEnv != null ? HTTP_PORT_VARIABLE : at(file, "http_port")) + ": http_port " + port
          + " is not a port (0 to 65535; 0: any free port)");
    }
    return port;
  }

  /**
   * The pseudonymization key: the environment's, else the config's key file. Without one the
   * pipeline refuses to start: an unkeyed hash of an e-mail address is reversible by anyone.
   */
  private static PseudonymKey pseudonymKey(Path file, ConfigFile parsed, Map<String, String> env) {
    try {
      String fromEnv = env.get(PseudonymKey.KEY_VARIABLE);
      if (fromEnv != null && !fromEnv.isBlank()) {
        return PseudonymKey.fromEnvironment(env);
      }
      if (parsed.pseudonymKeyFile != null) {
        Path keyFile = resolve(file, parsed.pseudonymKeyFile);
        return parsed.pseudonymKeyId == null ? PseudonymKey.fromFile(keyFile)
            : PseudonymKey.fromFile(keyFile, parsed.pseudonymKeyId);
      }
    } catch (IllegalArgumentException e) {
      throw new ConfigException(at(file, "pseudonym_key_file") + ": pseudonymization key refused: " + e.getMessage());
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

  // The file and the line of a top-level key, for refusals of a value that parsed but makes no sense.
  private static String at(Path file, String key) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).matches(java.util.regex.Pattern.quote(key) + "\\s*:.*")) {
          return file.getFileName() + " line " + (i + 1);
        }
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      // Read once already; if it cannot be read again, the message names the file only.
    }
    return file.getFileName().toString();
  }

  private static int line(JsonProcessingException e) {
    return e.getLocation() == null ? -1 : e.getLocation().getLineNr();
  }

  private static final class ConfigFile {
    @JsonProperty("kafka")
    Map<String, Object> kafka;

    @JsonProperty("application_id")
    String applicationId;

    @JsonProperty("state_dir")
    String stateDir;

    @JsonProperty("http_port")
    Integer httpPort;

    @JsonProperty("policy")
    String policy;

    @JsonProperty("rocksdb_memory_mb")
    Integer rocksDbMemoryMb;

    @JsonProperty("processing_guarantee")
    String processingGuarantee;

    @JsonProperty("pseudonym_key_file")
    String pseudonymKeyFile;

    @JsonProperty("pseudonym_key_id")
    String pseudonymKeyId;
  }
}
