package io.logwarden.schema.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logwarden.schema.Alert;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link HttpSchemaRegistry} over TLS, against {@link SchemaRegistryTestServer} with self-signed
 * certificates that {@code keytool} makes ({@link SelfSignedStores}): trusted through a truststore,
 * refused without one, and mutual TLS with a client keystore.
 */
class HttpSchemaRegistryTlsTest {

  @TempDir
  static Path dir;

  private static SelfSignedStores.Identity serverIdentity;
  private static SelfSignedStores.Identity clientIdentity;
  private static Path clientTruststore;
  private static Path serverTruststore;

  @BeforeAll
  static void certificates() {
    serverIdentity = SelfSignedStores.identity(dir, "registry", "server-store-pass");
    clientIdentity = SelfSignedStores.identity(dir, "logwarden", "client-store-pass");
    clientTruststore = SelfSignedStores.truststore(dir.resolve("client-trust.p12"), "trust-store-pass", serverIdentity);
    serverTruststore = SelfSignedStores.truststore(dir.resolve("server-trust.p12"), "server-trust-pass", clientIdentity);
  }

  private static RegistrySettings.Builder settings(SchemaRegistryTestServer server) {
    return RegistrySettings.builder(server.url()).retries(1, Duration.ofMillis(10));
  }

  @Test
  void trustsASelfSignedRegistryThroughTheTruststore() {
    try (SchemaRegistryTestServer server = SchemaRegistryTestServer.startTls(
        SelfSignedStores.context(serverIdentity, null, null), false)) {
      assertThat(server.url()).startsWith("https://127.0.0.1:");
      HttpSchemaRegistry registry = new HttpSchemaRegistry(settings(server)
          .tls(RegistrySettings.Tls.truststore(clientTruststore, "PKCS12", "trust-store-pass")).build());
      registry.check();
      int id = registry.idFor("security.alerts-value", Alert.getClassSchema());
      assertThat(server.schema(id)).hasValue(Alert.getClassSchema());

      // Without the truststore the JVM's CAs do not know the certificate: a clear error, not retried.
      HttpSchemaRegistry untrusting = new HttpSchemaRegistry(settings(server).build());
      assertThatThrownBy(untrusting::check).isInstanceOfSatisfying(RegistryException.class, e -> {
        assertThat(e.httpStatus()).isEmpty();
        assertThat(e.getMessage()).startsWith("schema registry " + server.url() + ": cannot list its subjects: the TLS"
            + " handshake failed: ").contains("give a truststore").doesNotContain("attempts");
      });
    }
  }

  @Test
  void presentsAClientCertificateForMutualTls() {
    try (SchemaRegistryTestServer server = SchemaRegistryTestServer.startTls(
        SelfSignedStores.context(serverIdentity, serverTruststore, "server-trust-pass"), true)) {
      RegistrySettings.Tls trustOnly = RegistrySettings.Tls.truststore(clientTruststore, "PKCS12", "trust-store-pass");
      HttpSchemaRegistry withoutCertificate = new HttpSchemaRegistry(settings(server).tls(trustOnly).build());
      assertThatThrownBy(withoutCertificate::check).isInstanceOf(RegistryException.class)
          .hasMessageStartingWith("schema registry " + server.url() + ": cannot list its subjects: ");

      HttpSchemaRegistry registry = new HttpSchemaRegistry(settings(server)
          .tls(trustOnly.withKeystore(clientIdentity.keystore(), "PKCS12", "client-store-pass")).build());
      registry.check();
      assertThat(registry.idFor("security.alerts-value", Alert.getClassSchema())).isPositive();
    }
  }

  @Test
  void aStoreThatCannotBeReadIsRefusedAtOnceWithoutItsPassword() {
    String url = "https://127.0.0.1:1";
    assertThatThrownBy(() -> new HttpSchemaRegistry(RegistrySettings.builder(url)
        .tls(RegistrySettings.Tls.truststore(clientTruststore, "PKCS12", "wrong-trust-pass")).build()))
        .isInstanceOf(RegistryException.class)
        .hasMessageStartingWith("schema registry " + url + ": cannot read the truststore " + clientTruststore
            + " as PKCS12: wrong password, or not a PKCS12 file")
        .hasMessageNotContaining("wrong-trust-pass");
    assertThatThrownBy(() -> new HttpSchemaRegistry(RegistrySettings.builder(url)
        .tls(RegistrySettings.Tls.truststore(dir.resolve("missing.p12"), "PKCS12", null)).build()))
        .hasMessageEndingWith("cannot read the truststore " + dir.resolve("missing.p12") + ": no such file");
    assertThatThrownBy(() -> new HttpSchemaRegistry(RegistrySettings.builder(url)
        .tls(RegistrySettings.Tls.truststore(clientTruststore, "NOSUCHTYPE", null)).build()))
        .hasMessageContaining("the truststore type NOSUCHTYPE is unknown");
    assertThatThrownBy(() -> new HttpSchemaRegistry(RegistrySettings.builder(url)
        .tls(RegistrySettings.Tls.truststore(clientTruststore, "PKCS12", "trust-store-pass")
            .withKeystore(clientIdentity.keystore(), "PKCS12", "client-wrong")).build()))
        .hasMessageContaining("cannot read the keystore").hasMessageNotContaining("client-wrong");
  }
}
