package io.logwarden.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.evidence.BrokerListeners;
import io.logwarden.evidence.Control;
import io.logwarden.evidence.EvidencePeriod;
import io.logwarden.evidence.EvidenceReport;
import io.logwarden.evidence.HtmlRenderer;
import io.logwarden.evidence.MarkdownRenderer;
import io.logwarden.evidence.PipelineConnections;
import io.logwarden.evidence.PipelineConnections.RegistryConnection;
import io.logwarden.evidence.TransitControl;
import io.logwarden.evidence.Verdict;
import io.logwarden.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connections of a deployment config as the evidence report reads them: as written, nothing
 * resolved, no secret read, no pseudonymization key needed; and no secret of the file reaches a
 * rendered report.
 */
class ConnectionSettingsInspectorTest {

  // Distinctive fake secrets: each one in a place a secret goes in a deployment config.
  private static final String JAAS_PASSWORD = "JaasPw7f3Kq9ZxQ2vR";
  private static final String KEYSTORE_PASSWORD = "KsPwVb82nLq0RtYy";
  private static final String KEY_PASSWORD = "KeyPwHq55Xz1MwPp";
  private static final String TRUSTSTORE_PASSWORD = "TsPwAb12Cd34EfGh";
  private static final String PEM_BODY = "MIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkqhkiG9w0BBQwwHAQIFakeKeyBodyQ7wX2";
  private static final String REGISTRY_PASSWORD = "RegistryPwZq81LmNn";
  private static final String HOOK_TOKEN = "HookTokenUu93Kd0sAa";
  private static final List<String> SECRETS = List.of(JAAS_PASSWORD, KEYSTORE_PASSWORD, KEY_PASSWORD,
      TRUSTSTORE_PASSWORD, PEM_BODY, REGISTRY_PASSWORD, HOOK_TOKEN, "TRUSTSTORE_PASSWORD_VARIABLE", "${");

  @TempDir
  Path dir;

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("logwarden.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private Path fullOfSecrets() throws Exception {
    Files.writeString(dir.resolve("registry-password"), REGISTRY_PASSWORD + "\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("hook-token"), "Bearer " + HOOK_TOKEN + "\n", StandardCharsets.UTF_8);
    return write("""
        kafka:
          bootstrap.servers: kafka-0.kafka:9094
          security.protocol: SASL_SSL
          sasl.mechanism: SCRAM-SHA-512
          sasl.jaas.config: 'org.apache.kafka.common.security.scram.ScramLoginModule required username="lw" password="%s";'
          ssl.keystore.type: PEM
          ssl.keystore.key: |
            -----BEGIN ENCRYPTED PRIVATE KEY-----
            %s
            -----END ENCRYPTED PRIVATE KEY-----
          ssl.keystore.certificate.chain: |
            -----BEGIN CERTIFICATE-----
            MIIDCertificateChainIsNotSecret
            -----END CERTIFICATE-----
          ssl.key.password: %s
          ssl.keystore.password: %s
          ssl.truststore.location: /etc/kafka/ca.p12
          ssl.truststore.password: ${env:TRUSTSTORE_PASSWORD_VARIABLE}
          producer.ssl.truststore.password: %s
        application_id: logwarden
        schema_registry:
          url: https://registry.example:8081/apis/ccompat/v7
          basic_auth: {username: logwarden, password_file: registry-password}
        notify:
          destinations:
            soar:
              type: webhook
              url: {env: SOAR_URL}
              secret_headers:
                Authorization: {file: hook-token}
            oncall:
              type: pagerduty
              routing_key: {env: PAGERDUTY_KEY}
          routes:
            - to: [soar, oncall]
        """.formatted(JAAS_PASSWORD, PEM_BODY, KEY_PASSWORD, KEYSTORE_PASSWORD, TRUSTSTORE_PASSWORD));
  }

  @Test
  void readsTheConnectionsAsWrittenWithoutAKeyOrAnySecret() throws Exception {
    PipelineConnections connections = ConnectionSettingsInspector.inspect(fullOfSecrets());
    // As ConfigLoader gives them to the clients: unresolved, values as text.
    assertThat(connections.kafka()).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("ssl.truststore.password", "${env:TRUSTSTORE_PASSWORD_VARIABLE}");
    assertThat(connections.registry()).contains(new RegistryConnection("https://registry.example:8081/apis/ccompat/v7",
        true, false, false));
    assertThat(connections.notifications().destinations()).containsOnlyKeys("soar", "oncall");
    assertThat(connections.notifications().destinations().get("soar").toString()).doesNotContain(HOOK_TOKEN);
    // The full loader would refuse this file: it has no pseudonymization key.
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("logwarden.yaml"), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("pseudonymization key");
  }

  @Test
  void noSecretOfTheConfigReachesTheRenderedReport() throws Exception {
    Control control = TransitControl.of(ConnectionSettingsInspector.inspect(fullOfSecrets()),
        BrokerListeners.notShown(BrokerListeners.DENIED),
        Map.of("security.protocol", "SASL_SSL", "sasl.jaas.config", "password=\"" + JAAS_PASSWORD + "\""));
    // The webhook's URL is a secret not read: that connection is not evidenced; the rest is met.
    assertThat(control.verdict()).isEqualTo(Verdict.NOT_EVIDENCED);
    assertThat(control.table().rows()).extracting(r -> r.get(0) + " | " + r.get(4)).containsExactly(
        "Kafka (every client) | met", "schema registry | met", "notify destination soar (webhook) | not evidenced",
        "notify destination oncall (pagerduty) | met");
    EvidenceReport report = EvidenceReport.of(PolicyLoader.loadDefault().info(), null, "kafka-0.kafka:9094",
        EvidencePeriod.parse("2026-11-28", "30d", Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC)),
        List.of(control));
    String markdown = MarkdownRenderer.render(report);
    String html = HtmlRenderer.render(report);
    assertThat(markdown).contains("Encryption in transit and authentication: NOT_EVIDENCED", "SASL SCRAM-SHA-512",
        "client certificate (mutual TLS: PEM key and certificate chain)", "https://registry.example:8081");
    for (String text : List.of(markdown, html)) {
      for (String secret : SECRETS) {
        assertThat(text).as("a secret of the config").doesNotContain(secret);
      }
      assertThat(text).doesNotContain("BEGIN ENCRYPTED PRIVATE KEY", "ccompat");
      for (int i = 0; i + 12 <= PEM_BODY.length(); i++) {
        assertThat(text).as("a piece of the key").doesNotContain(PEM_BODY.substring(i, i + 12));
      }
    }
  }

  @Test
  void anEmptyValueIsEmptyAsForTheClientsAndOtherSectionsAreNotNeeded() throws Exception {
    Path file = write("""
        kafka:
          bootstrap.servers: kafka:9093
          security.protocol: SSL
          ssl.keystore.location: /etc/kafka/client.p12
          ssl.endpoint.identification.algorithm:
        state_dir: /var/lib/logwarden
        """);
    PipelineConnections connections = ConnectionSettingsInspector.inspect(file);
    assertThat(connections.kafka()).containsEntry("ssl.endpoint.identification.algorithm", "");
    assertThat(connections.registry()).isEmpty();
    assertThat(connections.notifications().isEmpty()).isTrue();
    Control control = TransitControl.of(connections, BrokerListeners.notShown(BrokerListeners.DENIED),
        Map.of());
    assertThat(control.verdict()).isEqualTo(Verdict.FINDING);
    assertThat(control.findings()).singleElement().asString().contains("ssl.endpoint.identification.algorithm is empty");
  }

  @Test
  void aRegistryUrlLeftToTheEnvironmentAndAClientCertificateAreSeen() throws Exception {
    Files.writeString(dir.resolve("client.p12"), "not read");
    Path file = write("""
        kafka: {bootstrap.servers: kafka:9093}
        schema_registry:
          tls: {keystore: client.p12}
        """);
    assertThat(ConnectionSettingsInspector.inspect(file).registry())
        .contains(new RegistryConnection(null, false, false, true));
  }

  @Test
  void aMissingFileIsAConfigError() {
    assertThatThrownBy(() -> ConnectionSettingsInspector.inspect(dir.resolve("none.yaml")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
  }
}
