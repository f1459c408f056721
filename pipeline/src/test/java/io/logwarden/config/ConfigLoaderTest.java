package io.logwarden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir
  Path dir;

  private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

  private Path write(String yaml) throws IOException {
    Files.writeString(dir.resolve("pseudonym.key"), KEY + "\n");
    return Files.writeString(dir.resolve("logwarden.yaml"), yaml.contains("pseudonym_key") || yaml.contains("application_id: x\n")
        ? yaml : yaml + "pseudonym_key_file: pseudonym.key\n");
  }

  @Test
  void refusesToStartWithoutAPseudonymizationKey() throws IOException {
    Path file = Files.writeString(dir.resolve("nokey.yaml"), "kafka:\n  bootstrap.servers: k:9092\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no pseudonymization key")
        .hasMessageContaining("LOGWARDEN_PSEUDONYM_KEY");
  }

  @Test
  void keyComesFromTheFileOrTheEnvironmentAndIsNeverPrinted() throws IOException {
    LogwardenConfig fromFile = ConfigLoader.load(write("kafka:\n  bootstrap.servers: k:9092\npseudonym_key_id: k1\n"
        + "pseudonym_key_file: pseudonym.key\n"), Map.of());
    assertThat(fromFile.pseudonymKey().id()).isEqualTo("k1");
    LogwardenConfig fromEnv = ConfigLoader.load(write("kafka:\n  bootstrap.servers: k:9092\n"),
        Map.of("LOGWARDEN_PSEUDONYM_KEY", KEY, "LOGWARDEN_PSEUDONYM_KEY_ID", "env1"));
    assertThat(fromEnv.pseudonymKey().id()).isEqualTo("env1");
    assertThat(fromEnv.toString()).doesNotContain(KEY).doesNotContain("0011223344");
    Path shortKey = Files.writeString(dir.resolve("short.yaml"), "kafka:\n  bootstrap.servers: k:9092\n");
    assertThatThrownBy(() -> ConfigLoader.load(shortKey, Map.of("LOGWARDEN_PSEUDONYM_KEY", "abcd")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("pseudonymization key refused")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("abcd"));
  }

  @Test
  void anEmptyHostnameAlgorithmIsRefusedUnlessTheConfigAllowsIt() throws IOException {
    String kafka = "kafka:\n  bootstrap.servers: kafka-0:9093\n  security.protocol: SSL\n"
        + "  ssl.endpoint.identification.algorithm: \"\"\n";
    LogwardenConfig refused = ConfigLoader.load(write(kafka), Map.of());
    assertThat(refused.allowInsecureHostname()).isFalse();
    assertThatThrownBy(refused::checkHostnameVerification).isInstanceOf(ConfigException.class)
        .hasMessageContaining("ssl.endpoint.identification.algorithm is empty")
        .hasMessageContaining("allow_insecure_hostname: true");

    LogwardenConfig allowed = ConfigLoader.load(write(kafka + "allow_insecure_hostname: true\n"), Map.of());
    assertThat(allowed.checkHostnameVerification()).as("off, allowed: the caller warns").isTrue();
    // A --command-config over the file keeps the file's permission, and may turn verification back on.
    assertThat(allowed.withKafkaProperties(Map.of("ssl.endpoint.identification.algorithm", "https"))
        .checkHostnameVerification()).isFalse();

    // Near misses: the default (no key), https, and the permission without the setting.
    assertThat(ConfigLoader.load(write("kafka:\n  bootstrap.servers: k:9093\n  security.protocol: SSL\n"), Map.of())
        .checkHostnameVerification()).isFalse();
    assertThat(ConfigLoader.load(write("kafka:\n  bootstrap.servers: k:9093\n  ssl.endpoint.identification.algorithm: "
        + "https\n"), Map.of()).checkHostnameVerification()).isFalse();
    assertThat(ConfigLoader.load(write("kafka:\n  bootstrap.servers: k:9093\nallow_insecure_hostname: true\n"), Map.of())
        .checkHostnameVerification()).isFalse();
    assertThatThrownBy(() -> ConfigLoader.load(write("kafka:\n  bootstrap.servers: k:9093\nallow_insecure_hostname: "
        + "maybe\n"), Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("allow_insecure_hostname");
  }

  @Test
  void readsClientPropertiesAndSettings() throws IOException {
    Path file = write("""
        kafka:
          bootstrap.servers: kafka-0:9093
          security.protocol: SASL_SSL
          sasl.mechanism: SCRAM-SHA-512
        application_id: lw-prod
        state_dir: /var/lib/logwarden
        policy: policy/policy.yaml
        processing_guarantee: at_least_once
        """);
    LogwardenConfig config = ConfigLoader.load(file, Map.of());
    assertThat(config.kafka()).containsEntry("bootstrap.servers", "kafka-0:9093")
        .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertThat(config.applicationId()).isEqualTo("lw-prod");
    assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/logwarden"));
    assertThat(config.policyFile()).isEqualTo(dir.toAbsolutePath().resolve("policy/policy.yaml"));
    assertThat(config.processingGuarantee()).isEqualTo("at_least_once");
  }

  @Test
  void defaultsToExactlyOnceAndTheShippedPolicy() throws IOException {
    LogwardenConfig config = ConfigLoader.load(write("kafka:\n  bootstrap.servers: k:9092\n"), Map.of());
    assertThat(config.processingGuarantee()).isEqualTo("exactly_once_v2");
    assertThat(config.policyFile()).isNull();
    assertThat(config.applicationId()).isEqualTo("logwarden");
  }

  @Test
  void environmentOverridesTheFile() throws IOException {
    LogwardenConfig config = ConfigLoader.load(write("kafka:\n  bootstrap.servers: k:9092\n"),
        Map.of("LOGWARDEN_BOOTSTRAP_SERVERS", "other:9092", "LOGWARDEN_STATE_DIR", "/data"));
    assertThat(config.bootstrapServers()).isEqualTo("other:9092");
    assertThat(config.stateDir()).isEqualTo(Path.of("/data"));
  }

  @Test
  void unknownKeyIsRefusedWithItsLine() throws IOException {
    Path file = write("kafka:\n  bootstrap.servers: k:9092\nstate_dri: /tmp\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("logwarden.yaml line 3: state_dri: unknown key 'state_dri'; did you mean 'state_dir'?")
        .hasMessageContaining("Known keys here: kafka, application_id, state_dir, policy");
  }

  @Test
  void aDuplicateKeyIsRefusedWithItsLine() throws IOException {
    Path top = write("kafka:\n  bootstrap.servers: k:9092\nhttp_port: 8080\nhttp_port: 9090\n");
    assertThatThrownBy(() -> ConfigLoader.load(top, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("logwarden.yaml line 4: ")
        .hasMessageContaining("duplicate key 'http_port'");
    // Inside kafka: too, where any key is allowed: the second bootstrap.servers would silently win.
    Path nested = write("kafka:\n  bootstrap.servers: a:9092\n  bootstrap.servers: b:9092\n");
    assertThatThrownBy(() -> ConfigLoader.load(nested, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("logwarden.yaml line 3: ")
        .hasMessageContaining("duplicate key 'bootstrap.servers'");
  }

  @Test
  void brokenYamlAndAnEmptyFileAreRefusedWithTheirLine() throws IOException {
    Path broken = write("kafka:\n  bootstrap.servers: k:9092\nhttp_port: [1\n");
    assertThatThrownBy(() -> ConfigLoader.load(broken, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("logwarden.yaml line ");
    Path empty = Files.writeString(dir.resolve("empty.yaml"), "# nothing yet\n");
    assertThatThrownBy(() -> ConfigLoader.load(empty, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("empty.yaml: ").hasMessageContaining("holds no configuration");
  }

  @Test
  void aNumberWhereTextBelongsIsRefusedNotTurnedIntoText() throws IOException {
    Path file = write("kafka:\n  bootstrap.servers: k:9092\napplication_id: 1.10\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("logwarden.yaml line 3: application_id: ");
  }

  @Test
  void missingBootstrapServersIsRefused() throws IOException {
    Path file = write("application_id: x\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.bootstrap.servers is required");
  }

  @Test
  void unknownProcessingGuaranteeIsRefused() throws IOException {
    Path file = write("kafka:\n  bootstrap.servers: k:9092\nprocessing_guarantee: exactly_twice\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .hasMessageStartingWith("logwarden.yaml line 3: processing_guarantee must be exactly_once_v2 or at_least_once");
  }

  @Test
  void aValueOfTheWrongTypeOrOutOfRangeIsRefusedWithItsLine() throws IOException {
    Path wrongType = write("kafka:\n  bootstrap.servers: k:9092\nhttp_port: [1]\n");
    assertThatThrownBy(() -> ConfigLoader.load(wrongType, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("logwarden.yaml line 3: http_port: ");
    Path outOfRange = write("kafka:\n  bootstrap.servers: k:9092\nhttp_port: 70000\n");
    assertThatThrownBy(() -> ConfigLoader.load(outOfRange, Map.of()))
        .hasMessageStartingWith("logwarden.yaml line 3: http_port 70000 is not a port");
  }

  @Test
  void missingFileIsRefused() {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yaml"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
  }

  @Test
  void httpPortComesFromTheFileOrTheEnvironment() throws IOException {
    assertThat(ConfigLoader.load(write("kafka:\n  bootstrap.servers: k:9092\n"), Map.of()).httpPort()).isEqualTo(8080);
    Path file = write("kafka:\n  bootstrap.servers: k:9092\nhttp_port: 9404\n");
    assertThat(ConfigLoader.load(file, Map.of()).httpPort()).isEqualTo(9404);
    assertThat(ConfigLoader.load(file, Map.of("LOGWARDEN_HTTP_PORT", "0")).httpPort()).isZero();
    assertThatThrownBy(() -> ConfigLoader.load(write("kafka:\n  bootstrap.servers: k:9092\nhttp_port: 70000\n"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("http_port 70000 is not a port");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("LOGWARDEN_HTTP_PORT", "eighty")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("LOGWARDEN_HTTP_PORT is not a port number");
  }

  @Test
  void rocksDbMemoryComesFromTheFileOrTheEnvironmentAndZeroMeansUnbounded() throws IOException {
    assertThat(ConfigLoader.load(write("kafka:\n  bootstrap.servers: k:9092\n"), Map.of()).rocksDbMemoryMb())
        .isEqualTo(128);
    Path file = write("kafka:\n  bootstrap.servers: k:9092\nrocksdb_memory_mb: 256\n");
    assertThat(ConfigLoader.load(file, Map.of()).rocksDbMemoryMb()).isEqualTo(256);
    assertThat(ConfigLoader.load(file, Map.of("LOGWARDEN_ROCKSDB_MEMORY_MB", "0")).rocksDbMemoryMb()).isZero();
    assertThat(ConfigLoader.load(file, Map.of("LOGWARDEN_ROCKSDB_MEMORY_MB", " 64 ")).rocksDbMemoryMb()).isEqualTo(64);
    assertThatThrownBy(() -> ConfigLoader.load(write("kafka:\n  bootstrap.servers: k:9092\nrocksdb_memory_mb: 8\n"),
        Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("rocksdb_memory_mb 8 must be 0");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("LOGWARDEN_ROCKSDB_MEMORY_MB", "128MB")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("LOGWARDEN_ROCKSDB_MEMORY_MB is not a whole number");
  }

  @Test
  void theGroupInstanceIdComesFromTheEnvironment() throws IOException {
    Path file = write("kafka:\n  bootstrap.servers: k:9092\n");
    assertThat(ConfigLoader.load(file, Map.of()).kafka()).doesNotContainKey("group.instance.id");
    assertThat(ConfigLoader.load(file, Map.of("LOGWARDEN_GROUP_INSTANCE_ID", "logwarden-detect-1")).kafka())
        .containsEntry("group.instance.id", "logwarden-detect-1");
  }
}
