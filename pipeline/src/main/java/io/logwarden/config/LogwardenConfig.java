package io.logwarden.config;

import io.logwarden.redact.PseudonymKey;
import io.logwarden.schema.registry.RegistrySettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The deployment's settings: how to reach the cluster, where state lives, which policy to run.
 *
 * @param kafka Kafka client properties (bootstrap.servers, security.protocol, ssl.*, sasl.*),
 *     passed unchanged to every client the application creates
 * @param applicationId prefix of the Kafka Streams application ids ({@code <id>-normalize},
 *     {@code <id>-detect}); also names consumer groups and internal topics
 * @param stateDir directory of the local state stores
 * @param policyFile the policy file, or null for the shipped default policy
 * @param processingGuarantee {@code exactly_once_v2} (default) or {@code at_least_once}
 * @param pseudonymKey the key of the personal-data pseudonyms
 * @param httpPort the port of {@code /metrics}, {@code /health/live} and {@code /health/ready}
 *     (0: any free port)
 * @param rocksDbMemoryMb the off-heap memory all RocksDB stores of the process share (block cache,
 *     index and filter blocks, memtables), in MiB; 0: Kafka Streams' defaults, a cache and memtables
 *     per store, unbounded in total
 * @param schemaRegistry the Confluent-compatible schema registry of the topics encoded
 *     {@code avro-registry} ({@code schema_registry:} in the file); empty when none is configured
 * @param allowInsecureHostname whether {@code kafka:} may turn the broker's hostname verification off
 *     ({@code ssl.endpoint.identification.algorithm} empty); {@code allow_insecure_hostname:} in the
 *     file, false by default, so that a copied test setting does not reach production unnoticed
 */
public record LogwardenConfig(
    Map<String, String> kafka,
    String applicationId,
    Path stateDir,
    Path policyFile,
    String processingGuarantee,
    PseudonymKey pseudonymKey,
    int httpPort,
    int rocksDbMemoryMb,
    Optional<RegistrySettings> schemaRegistry,
    boolean allowInsecureHostname) {

  public static final String DEFAULT_APPLICATION_ID = "logwarden";
  public static final int DEFAULT_HTTP_PORT = 8080;
  public static final String EXACTLY_ONCE_V2 = "exactly_once_v2";
  public static final String AT_LEAST_ONCE = "at_least_once";
  /** Default RocksDB budget: detect's pods keep a quarter of their memory outside the heap. */
  public static final int DEFAULT_ROCKSDB_MEMORY_MB = 128;
  /** The smallest budget: below it memtables flush so often that writes stall. */
  public static final int MIN_ROCKSDB_MEMORY_MB = 16;

  public LogwardenConfig {
    kafka = java.util.Collections.unmodifiableMap(new TreeMap<>(kafka));
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(processingGuarantee, "processingGuarantee");
    Objects.requireNonNull(pseudonymKey, "pseudonymKey");
    if (httpPort < 0 || httpPort > 65535) {
      throw new IllegalArgumentException("httpPort " + httpPort + " is not a port");
    }
    if (rocksDbMemoryMb != 0 && rocksDbMemoryMb < MIN_ROCKSDB_MEMORY_MB) {
      throw new IllegalArgumentException("rocksDbMemoryMb " + rocksDbMemoryMb + " is below " + MIN_ROCKSDB_MEMORY_MB);
    }
    schemaRegistry = schemaRegistry == null ? Optional.empty() : schemaRegistry;
  }

  /** Settings without a schema registry (the canonical constructor less {@code schemaRegistry}). */
  public LogwardenConfig(Map<String, String> kafka, String applicationId, Path stateDir, Path policyFile,
      String processingGuarantee, PseudonymKey pseudonymKey, int httpPort, int rocksDbMemoryMb) {
    this(kafka, applicationId, stateDir, policyFile, processingGuarantee, pseudonymKey, httpPort, rocksDbMemoryMb,
        Optional.empty(), false);
  }

  /** Settings that keep hostname verification as Kafka's default has it (the canonical constructor less the flag). */
  public LogwardenConfig(Map<String, String> kafka, String applicationId, Path stateDir, Path policyFile,
      String processingGuarantee, PseudonymKey pseudonymKey, int httpPort, int rocksDbMemoryMb,
      Optional<RegistrySettings> schemaRegistry) {
    this(kafka, applicationId, stateDir, policyFile, processingGuarantee, pseudonymKey, httpPort, rocksDbMemoryMb,
        schemaRegistry, false);
  }

  /**
   * Refuses Kafka client settings that turn the broker's hostname verification off, unless the
   * config allows it.
   *
   * @return true when verification is off and allowed (the caller warns once)
   * @throws ConfigException when verification is off and not allowed
   */
  public boolean checkHostnameVerification() {
    if (!io.logwarden.cluster.KafkaClientProperties.hostnameVerificationOff(kafka)) {
      return false;
    }
    if (!allowInsecureHostname) {
      throw new ConfigException("kafka: ssl.endpoint.identification.algorithm is empty, which turns off the check "
          + "that the broker's certificate names its host; remove it (Kafka's default is https) or, for a test "
          + "cluster only, set allow_insecure_hostname: true");
    }
    return true;
  }

  public String bootstrapServers() {
    return kafka.get("bootstrap.servers");
  }

  /** A copy with another bootstrap address (the demo's broker, or {@code --bootstrap-server}). */
  public LogwardenConfig withBootstrapServers(String bootstrapServers) {
    Map<String, String> copy = new TreeMap<>(kafka);
    copy.put("bootstrap.servers", bootstrapServers);
    return new LogwardenConfig(copy, applicationId, stateDir, policyFile, processingGuarantee, pseudonymKey, httpPort,
        rocksDbMemoryMb, schemaRegistry, allowInsecureHostname);
  }

  /**
   * A copy with these Kafka client properties over the file's (a {@code --command-config} file: TLS,
   * SASL), keeping the bootstrap address unless they name one.
   */
  public LogwardenConfig withKafkaProperties(Map<String, String> properties) {
    Map<String, String> copy = new TreeMap<>(kafka);
    copy.putAll(properties);
    return new LogwardenConfig(copy, applicationId, stateDir, policyFile, processingGuarantee, pseudonymKey, httpPort,
        rocksDbMemoryMb, schemaRegistry, allowInsecureHostname);
  }

  /** A copy serving metrics and health on another port (0: any free port). */
  public LogwardenConfig withHttpPort(int port) {
    return new LogwardenConfig(kafka, applicationId, stateDir, policyFile, processingGuarantee, pseudonymKey, port,
        rocksDbMemoryMb, schemaRegistry, allowInsecureHostname);
  }

  /** A copy with another RocksDB budget in MiB (0: Kafka Streams' per-store defaults). */
  public LogwardenConfig withRocksDbMemoryMb(int mb) {
    return new LogwardenConfig(kafka, applicationId, stateDir, policyFile, processingGuarantee, pseudonymKey, httpPort, mb,
        schemaRegistry, allowInsecureHostname);
  }

  /** A copy with this schema registry (null: none), e.g. a test's registry. */
  public LogwardenConfig withSchemaRegistry(RegistrySettings registry) {
    return new LogwardenConfig(kafka, applicationId, stateDir, policyFile, processingGuarantee, pseudonymKey, httpPort,
        rocksDbMemoryMb, Optional.ofNullable(registry), allowInsecureHostname);
  }

  /** A copy that may (or may not) turn the broker's hostname verification off ({@code allow_insecure_hostname}). */
  public LogwardenConfig withAllowInsecureHostname(boolean allow) {
    return new LogwardenConfig(kafka, applicationId, stateDir, policyFile, processingGuarantee, pseudonymKey, httpPort,
        rocksDbMemoryMb, schemaRegistry, allow);
  }

  /** Settings for a broker on this machine (demo and tests), with the demonstration pseudonym key. */
  public static LogwardenConfig local(String bootstrapServers, Path stateDir) {
    return local(bootstrapServers, stateDir, PseudonymKey.demo());
  }

  /** Settings for a broker on this machine with the given pseudonym key. */
  public static LogwardenConfig local(String bootstrapServers, Path stateDir, PseudonymKey key) {
    return new LogwardenConfig(Map.of("bootstrap.servers", bootstrapServers), DEFAULT_APPLICATION_ID, stateDir,
        null, EXACTLY_ONCE_V2, key, 0, DEFAULT_ROCKSDB_MEMORY_MB);
  }
}
