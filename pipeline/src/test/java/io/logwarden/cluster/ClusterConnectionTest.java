package io.logwarden.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/**
 * The one line for each way a first request fails, from the exception chains the JDK and Kafka's
 * client make (the integration test ConnectionFailuresIT makes the real ones on a TLS cluster).
 */
class ClusterConnectionTest {

  private static SslAuthenticationException handshake(Throwable cause) {
    SSLHandshakeException ssl = new SSLHandshakeException("PKIX path validation failed");
    ssl.initCause(cause);
    return new SslAuthenticationException("SSL handshake failed", ssl);
  }

  @Test
  void anExpiredCertificate() {
    assertThat(ClusterConnection.describe(handshake(new CertificateExpiredException("NotAfter: Sun Dec 06 2026"))))
        .isEqualTo("the broker's certificate has expired (NotAfter: Sun Dec 06 2026)");
    assertThat(ClusterConnection.describe(handshake(new CertificateNotYetValidException("NotBefore: 2030"))))
        .startsWith("the broker's certificate is not valid yet");
  }

  @Test
  void anUntrustedCertificate() {
    assertThat(ClusterConnection.describe(handshake(new CertPathBuilderException("unable to find valid certification path"))))
        .startsWith("the broker's certificate is not trusted");
  }

  @Test
  void aCertificateForAnotherHost() {
    assertThat(ClusterConnection.describe(handshake(
        new CertificateException("No subject alternative DNS name matching kafka-0.example found."))))
        .startsWith("the broker's certificate does not match its host name (No subject alternative DNS name matching "
            + "kafka-0.example found.)");
    assertThat(ClusterConnection.describe(handshake(new CertificateException("No name matching kafka found"))))
        .startsWith("the broker's certificate does not match its host name");
    // Near miss: another certificate problem is not a host name one.
    assertThat(ClusterConnection.describe(handshake(new CertificateException("Unsupported signature algorithm"))))
        .isEqualTo("the TLS handshake failed: Unsupported signature algorithm");
  }

  @Test
  void theBrokerRefusesTheClientCertificate() {
    SSLHandshakeException refused = new SSLHandshakeException("Received fatal alert: certificate_required");
    assertThat(ClusterConnection.describe(new SslAuthenticationException("SSL handshake failed", refused)))
        .startsWith("the broker refused the client's certificate (mutual TLS)");
  }

  @Test
  void aWrongPasswordAndADeniedAcl() {
    assertThat(ClusterConnection.describe(new SaslAuthenticationException(
        "Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512")))
        .startsWith("authentication failed: Authentication failed during authentication due to invalid credentials");
    assertThat(ClusterConnection.describe(new TopicAuthorizationException(java.util.Set.of("store.app"))))
        .startsWith("not authorized: ").contains("store.app");
  }

  @Test
  void noAnswer() {
    assertThat(ClusterConnection.describe(new TimeoutException())).startsWith("no broker answered within 30 s");
    assertThat(ClusterConnection.describe(new org.apache.kafka.common.errors.TimeoutException("Timed out")))
        .startsWith("no broker answered");
  }

  @Test
  void aClusterThatDoesNotAnswerIsOneLineAfterTheTimeout() throws Exception {
    // A port nobody listens on: a real admin client, which would otherwise retry for its default minute.
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String bootstrap = "127.0.0.1:" + port;
    long start = System.nanoTime();
    assertThatThrownBy(() -> ClusterConnection.check(Map.of("bootstrap.servers", bootstrap), Duration.ofSeconds(2)))
        .isInstanceOf(ConnectionException.class)
        .hasMessage("cannot connect to " + bootstrap + ": no broker answered within 2 s (is the address right, and does "
            + "security.protocol match the broker's listener?)");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void aRefusalWrappedByTheClientThatMetItIsDescribedByTheRefusal() {
    RuntimeException streams = new RuntimeException("Error encountered trying to initialize transactions",
        new org.apache.kafka.common.errors.TransactionalIdAuthorizationException("Transactional Id authorization failed."));
    assertThat(ClusterConnection.describe(streams)).isEqualTo("not authorized: Transactional Id authorization failed.");
    // Near miss: a wrapped error that is no refusal keeps the wrapper's words.
    assertThat(ClusterConnection.describe(new RuntimeException("boom", new IllegalStateException("inner"))))
        .isEqualTo("RuntimeException: boom");
  }

  @Test
  void onlyLoginsAndAclsAreFatal() {
    assertThat(ClusterConnection.isFatal(new RuntimeException(new GroupAuthorizationException("group")))).isTrue();
    assertThat(ClusterConnection.isFatal(new RuntimeException(new SaslAuthenticationException("bad")))).isTrue();
    assertThat(ClusterConnection.isFatal(new RuntimeException(new IllegalStateException("a bug")))).isFalse();
    assertThat(ClusterConnection.isFatal(new org.apache.kafka.common.errors.TimeoutException("slow"))).isFalse();
  }
}
