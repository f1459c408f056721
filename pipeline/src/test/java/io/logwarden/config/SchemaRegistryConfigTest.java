package io.logwarden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.schema.Alert;
import io.logwarden.schema.registry.HttpSchemaRegistry;
import io.logwarden.schema.registry.RegistrySettings;
import io.logwarden.schema.registry.SchemaRegistryTestServer;
import io.logwarden.schema.registry.SelfSignedStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code schema_registry:} section of {@code logwarden.yaml} ({@link SchemaRegistryConfig}). */
class SchemaRegistryConfigTest {

  private static final String KEY = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  private static final String PASSWORD = "Registry-Pa55word";
  private static final String HEADER = "kafka:\n  bootstrap.servers: k:9092\npseudonym_key_file: pseudonym.key\n";

  @TempDir
  Path dir;

  private Path write(String section) throws IOException {
    Files.writeString(dir.resolve("pseudonym.key"), KEY + "\n");
    return Files.writeString(dir.resolve("logwarden.yaml"), HEADER + section);
  }

  private LogwardenConfig load(String section, Map<String, String> env) throws IOException {
    return ConfigLoader.load(write(section), env);
  }

  private LogwardenConfig load(String section) throws IOException {
    return load(section, Map.of());
  }

  @Test
  void noSectionNoRegistry() throws IOException {
    assertThat(load("").schemaRegistry()).isEmpty();
    assertThat(LogwardenConfig.local("k:9092", dir).schemaRegistry()).isEmpty();
  }

  @Test
  void readsTheUrlCredentialsFromAFileAndTheSettings() throws IOException {
    Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(dir.resolve("secrets/registry-password"), PASSWORD + "\n");
    LogwardenConfig config = load("""
        schema_registry:
          url: https://registry.example:8081/
          basic_auth:
            username: logwarden
            password_file: secrets/registry-password
          timeout: 2500ms
          auto_register: false
        """);
    RegistrySettings registry = config.schemaRegistry().orElseThrow();
    assertThat(registry.url()).hasToString("https://registry.example:8081");
    assertThat(registry.basicAuthUsername()).hasValue("logwarden");
    assertThat(registry.basicAuthPassword()).hasValue(PASSWORD);
    assertThat(registry.timeout()).isEqualTo(Duration.ofMillis(2500));
    assertThat(registry.autoRegister()).isFalse();
    assertThat(config.toString()).contains("RegistrySettings[url=https://registry.example:8081, auth=basic (user"
        + " logwarden, password hidden)").doesNotContain(PASSWORD);
    // The copies keep it.
    assertThat(config.withHttpPort(0).withBootstrapServers("b:9092").schemaRegistry()).hasValue(registry);
    assertThat(config.withSchemaRegistry(null).schemaRegistry()).isEmpty();
  }

  @Test
  void readsSecretsFromTheEnvironment() throws IOException {
    LogwardenConfig basic = load("""
        schema_registry:
          url: http://registry:8081
          basic_auth: {username: sr-key, password_env: SR_SECRET}
        """, Map.of("SR_SECRET", " " + PASSWORD + " "));
    assertThat(basic.schemaRegistry().orElseThrow().basicAuthPassword()).hasValue(PASSWORD);
    assertThat(basic.schemaRegistry().orElseThrow().timeout()).isEqualTo(RegistrySettings.DEFAULT_TIMEOUT);
    assertThat(basic.schemaRegistry().orElseThrow().autoRegister()).isTrue();

    LogwardenConfig bearer = load("""
        schema_registry:
          url: http://registry:8081
          bearer:
            token_env: SR_TOKEN
        """, Map.of("SR_TOKEN", "eyJ.token.sig"));
    assertThat(bearer.schemaRegistry().orElseThrow().bearerToken()).hasValue("eyJ.token.sig");
    Files.writeString(dir.resolve("token"), "eyJ.file.sig\n");
    assertThat(load("schema_registry:\n  url: http://registry:8081\n  bearer: {token_file: token}\n")
        .schemaRegistry().orElseThrow().bearerToken()).hasValue("eyJ.file.sig");
  }

  @Test
  void theUrlMayComeFromTheEnvironment() throws IOException {
    Map<String, String> env = Map.of("LOGWARDEN_SCHEMA_REGISTRY_URL", "http://from-env:8081");
    assertThat(load("", env).schemaRegistry().orElseThrow().url()).hasToString("http://from-env:8081");
    assertThat(load("schema_registry:\n  url: http://from-file:8081\n  timeout: 3s\n", env).schemaRegistry()
        .orElseThrow()).satisfies(registry -> {
          assertThat(registry.url()).hasToString("http://from-env:8081");
          assertThat(registry.timeout()).isEqualTo(Duration.ofSeconds(3));
        });
    assertThatThrownBy(() -> load("", Map.of("LOGWARDEN_SCHEMA_REGISTRY_URL", "http://u:" + PASSWORD + "@r:8081")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("LOGWARDEN_SCHEMA_REGISTRY_URL: the schema registry url http://***@r:8081 carries credentials")
        .hasMessageNotContaining(PASSWORD);
  }

  @Test
  void readsTlsStoresRelativeToTheConfigFile() throws IOException {
    Files.writeString(dir.resolve("trust.jks"), "not read at load");
    Files.writeString(dir.resolve("client.p12"), "not read at load");
    Files.writeString(dir.resolve("trust-password"), "trust-pass\n");
    RegistrySettings registry = load("""
        schema_registry:
          url: https://registry:8081
          tls:
            truststore: trust.jks
            truststore_type: JKS
            truststore_password_file: trust-password
            keystore: client.p12
            keystore_password_env: KEYSTORE_PASSWORD
        """, Map.of("KEYSTORE_PASSWORD", "key-pass")).schemaRegistry().orElseThrow();
    RegistrySettings.Tls tls = registry.tls().orElseThrow();
    assertThat(tls.truststore()).isEqualTo(dir.toAbsolutePath().resolve("trust.jks"));
    assertThat(tls.truststoreType()).isEqualTo("JKS");
    assertThat(tls.truststorePassword()).isEqualTo("trust-pass");
    assertThat(tls.keystore()).isEqualTo(dir.toAbsolutePath().resolve("client.p12"));
    assertThat(tls.keystoreType()).isEqualTo("PKCS12");
    assertThat(tls.keystorePassword()).isEqualTo("key-pass");
    assertThat(registry.toString()).doesNotContain("trust-pass").doesNotContain("key-pass");

    RegistrySettings keystoreOnly = load("schema_registry:\n  url: https://registry:8081\n  tls: {keystore: client.p12}\n")
        .schemaRegistry().orElseThrow();
    assertThat(keystoreOnly.tls().orElseThrow().truststore()).isNull();
    assertThat(keystoreOnly.tls().orElseThrow().keystorePassword()).isNull();
  }

  @Test
  void refusalsNameTheLineAndTheKeyAndNoSecret() throws IOException {
    refused("schema_registry:\n  timeout: 5s\n", "logwarden.yaml line 4: schema_registry: url is required");
    refused("schema_registry:\n  url: https://sr:" + PASSWORD + "@registry:8081\n",
        "logwarden.yaml line 5: schema_registry.url: the schema registry url https://***@registry:8081 carries credentials");
    refused("schema_registry:\n  url: registry:8081\n",
        "logwarden.yaml line 5: schema_registry.url: the schema registry url registry:8081 must start with http://");
    refused("""
        schema_registry:
          url: http://registry:8081
          basic_auth: {username: u, password_env: P}
          bearer: {token_env: T}
        """, "logwarden.yaml line 7: schema_registry.bearer: give basic_auth or bearer, not both");
    refused("schema_registry:\n  url: http://r:8081\n  basic_auth:\n    username: u\n",
        "logwarden.yaml line 6: schema_registry.basic_auth: give password_file (a mounted Secret) or password_env (an"
            + " environment variable); the password itself is never written in the config file");
    refused("schema_registry:\n  url: http://r:8081\n  basic_auth:\n    password_env: P\n",
        "logwarden.yaml line 6: schema_registry.basic_auth: username is required");
    refused("schema_registry:\n  url: http://r:8081\n  basic_auth: {username: u, password_file: p, password_env: P}\n",
        "logwarden.yaml line 6: schema_registry.basic_auth: give password_file or password_env, not both");
    refused("schema_registry:\n  url: http://r:8081\n  basic_auth:\n    username: u\n    password_file: missing\n",
        "logwarden.yaml line 8: schema_registry.basic_auth.password_file: the schema registry password file "
            + dir.toAbsolutePath().resolve("missing") + " does not exist");
    refused("schema_registry:\n  url: http://r:8081\n  basic_auth:\n    username: u\n    password_env: NOT_SET\n",
        "logwarden.yaml line 8: schema_registry.basic_auth.password_env: the environment variable NOT_SET that holds the"
            + " schema registry password is not set");
    Files.writeString(dir.resolve("empty"), "\n");
    refused("schema_registry:\n  url: http://r:8081\n  bearer:\n    token_file: empty\n",
        "logwarden.yaml line 7: schema_registry.bearer.token_file: the schema registry bearer token file "
            + dir.toAbsolutePath().resolve("empty") + " is empty");
    Files.write(dir.resolve("binary"), new byte[] {(byte) 0xC3, (byte) 0x28, 0x01});
    refused("schema_registry:\n  url: http://r:8081\n  bearer:\n    token_file: binary\n", "is not UTF-8 text");
    refused("schema_registry:\n  url: http://r:8081\n  basic_auth: {username: 'a:b', password_env: P}\n",
        Map.of("P", PASSWORD), "logwarden.yaml line 6: schema_registry.basic_auth.username: the schema registry's basic"
            + " auth username must not contain ':'");
  }

  @Test
  void refusesUnknownKeysWrongTypesAndBadDurations() throws IOException {
    refused("schema_registry:\n  url: http://r:8081\n  basic_auth:\n    username: u\n    pasword_file: p\n",
        "logwarden.yaml line 8: schema_registry.basic_auth.pasword_file: unknown key 'pasword_file'; did you mean"
            + " 'password_file'?");
    refused("schema_registry:\n  urll: http://r:8081\n", "line 5: schema_registry.urll: unknown key 'urll'; did you mean 'url'?");
    refused("schema_registry:\n  url: http://r:8081\n  timeout: 10\n",
        "logwarden.yaml line 6: schema_registry.timeout: expected text, found the number 10; a duration is a whole"
            + " number followed by a unit (ms, s, m, h), e.g. 10s");
    refused("schema_registry:\n  url: http://r:8081\n  timeout: 10h\n",
        "logwarden.yaml line 6: schema_registry.timeout: '10h' has an unknown unit 'h' (units: ms, s, m)");
    refused("schema_registry:\n  url: http://r:8081\n  timeout: 0s\n", "schema_registry.timeout: '0s' is zero");
    refused("schema_registry:\n  url: http://r:8081\n  auto_register: sometimes\n",
        "logwarden.yaml line 6: schema_registry.auto_register: expected true or false");
    refused("schema_registry: http://r:8081\n", "logwarden.yaml line 4: schema_registry: expected a mapping of keys");
  }

  @Test
  void refusesTlsThatCannotWork() throws IOException {
    Files.writeString(dir.resolve("trust.p12"), "x");
    refused("schema_registry:\n  url: http://r:8081\n  tls: {truststore: trust.p12}\n",
        "logwarden.yaml line 6: schema_registry.tls: TLS settings are given but the schema registry url http://r:8081 is"
            + " not https");
    refused("schema_registry:\n  url: https://r:8081\n  tls: {}\n",
        "logwarden.yaml line 6: schema_registry.tls: give a truststore (the registry's CA), a keystore (a client"
            + " certificate) or both");
    refused("schema_registry:\n  url: https://r:8081\n  tls:\n    truststore: nowhere.p12\n",
        "logwarden.yaml line 7: schema_registry.tls.truststore: " + dir.toAbsolutePath().resolve("nowhere.p12")
            + " does not exist or is not a readable file");
    refused("schema_registry:\n  url: https://r:8081\n  tls:\n    truststore: trust.p12\n    truststore_type: PEMX\n",
        "logwarden.yaml line 8: schema_registry.tls.truststore_type: 'PEMX' is not a store type of this Java runtime");
    refused("schema_registry:\n  url: https://r:8081\n  tls:\n    truststore: trust.p12\n    keystore_type: JKS\n",
        "logwarden.yaml line 6: schema_registry.tls: keystore_type and keystore_password_* need a keystore");
  }

  @Test
  void theSettingsReachARegistryThatWantsTheirCredentialsOverTls() throws IOException {
    SelfSignedStores.Identity identity = SelfSignedStores.identity(dir, "registry", "server-pass");
    SelfSignedStores.truststore(dir.resolve("trust.p12"), "trust-pass", identity);
    Files.writeString(dir.resolve("trust-password"), "trust-pass\n");
    Files.writeString(dir.resolve("password"), PASSWORD + "\n");
    try (SchemaRegistryTestServer server = SchemaRegistryTestServer.startTls(
        SelfSignedStores.context(identity, null, null), false).requireBasicAuth("logwarden", PASSWORD)) {
      RegistrySettings settings = load("""
          schema_registry:
            url: %s
            basic_auth: {username: logwarden, password_file: password}
            tls: {truststore: trust.p12, truststore_password_file: trust-password}
          """.formatted(server.url())).schemaRegistry().orElseThrow();
      HttpSchemaRegistry registry = new HttpSchemaRegistry(settings);
      registry.check();
      assertThat(registry.idFor("security.alerts-value", Alert.getClassSchema())).isPositive();
    }
  }

  private void refused(String section, String message) throws IOException {
    refused(section, Map.of(), message);
  }

  private void refused(String section, Map<String, String> env, String message) throws IOException {
    Path file = write(section);
    assertThatThrownBy(() -> ConfigLoader.load(file, env)).as(section)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PASSWORD));
  }
}
