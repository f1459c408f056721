package io.logwarden.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.test.TestSslUtils;
import org.apache.kafka.test.TestSslUtils.CertificateBuilder;

/**
 * A test certificate authority and the PKCS#12 stores it signs, made with Kafka's own {@link
 * TestSslUtils} (BouncyCastle underneath) in a directory of the test's.
 *
 * <p>Every store has its own random password, so that a test can look for it in logs, metrics and
 * reports: none of them may ever show one.
 */
public final class TestCertificates {

  /** The organisational unit of every client certificate: the broker's principal mapping rule keys on it. */
  public static final String CLIENT_OU = "logwarden-test-clients";

  private static final String SIGNATURE = "SHA256withRSA";
  private static final String TYPE = "PKCS12";

  private final Path dir;
  private final String name;
  private final KeyPair caKeys;
  private final String caDn;
  private final X509Certificate caCertificate;

  private TestCertificates(Path dir, String name) throws Exception {
    this.dir = dir;
    this.name = name;
    this.caKeys = TestSslUtils.generateKeyPair("RSA");
    this.caDn = "CN=" + name + ",O=logwarden-test";
    this.caCertificate = new CertificateBuilder(365, SIGNATURE)
        .generateSignedCertificate(caDn, caKeys, 1, 365, caDn, caKeys, true, false, false);
  }

  /** A new certificate authority called {@code name}, writing its stores to {@code dir}. */
  public static TestCertificates authority(Path dir, String name) throws Exception {
    Files.createDirectories(dir);
    return new TestCertificates(dir, name);
  }

  /** A PKCS#12 store with its password. */
  public record Store(Path path, String password) {}

  /** A truststore that trusts this authority only. */
  public Store truststore() throws IOException, GeneralSecurityException {
    KeyStore store = empty();
    store.setCertificateEntry(name, caCertificate);
    return save(store, name + "-truststore");
  }

  /**
   * A broker's keystore: a certificate for {@code hosts} (its subject alternative DNS names), valid
   * from {@code daysBefore} days ago to {@code daysAfter} days from now (negative: expired).
   */
  public Store serverKeystore(String file, int daysBefore, int daysAfter, String... hosts) throws Exception {
    KeyPair keys = TestSslUtils.generateKeyPair("RSA");
    X509Certificate certificate = new CertificateBuilder(daysAfter, SIGNATURE).sanDnsNames(hosts)
        .generateSignedCertificate("CN=" + hosts[0] + ",O=logwarden-test", keys, daysBefore, daysAfter, caDn, caKeys,
            false, true, false);
    return keystore(file, keys, certificate);
  }

  /**
   * A client's keystore for mutual TLS: the subject, as the broker reads it (RFC 2253, most specific
   * first), is {@code CN=<user>,OU=}{@value #CLIENT_OU}{@code ,O=logwarden-test}.
   */
  public Store clientKeystore(String user) throws Exception {
    KeyPair keys = TestSslUtils.generateKeyPair("RSA");
    // BouncyCastle encodes the names in the order given, and RFC 2253 prints them in reverse.
    X509Certificate certificate = new CertificateBuilder(365, SIGNATURE)
        .generateSignedCertificate("O=logwarden-test,OU=" + CLIENT_OU + ",CN=" + user, keys, 1, 365, caDn, caKeys,
            false, false, true);
    return keystore(user + "-keystore", keys, certificate);
  }

  private Store keystore(String file, KeyPair keys, X509Certificate certificate) throws IOException, GeneralSecurityException {
    KeyStore store = empty();
    Store saved = new Store(dir.resolve(file + ".p12"), password(file));
    store.setKeyEntry("key", keys.getPrivate(), saved.password().toCharArray(), new Certificate[] {certificate, caCertificate});
    write(store, saved);
    return saved;
  }

  private Store save(KeyStore store, String file) throws IOException, GeneralSecurityException {
    Store saved = new Store(dir.resolve(file + ".p12"), password(file));
    write(store, saved);
    return saved;
  }

  private static void write(KeyStore store, Store saved) throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(saved.path())) {
      store.store(out, saved.password().toCharArray());
    }
  }

  private static KeyStore empty() throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(TYPE);
    store.load(null, null);
    return store;
  }

  // Distinctive, so that a test can search output for it: "pw-" and 16 random hex digits.
  private static String password(String file) {
    byte[] random = new byte[8];
    ThreadLocalRandom.current().nextBytes(random);
    return "pw-" + HexFormat.of().formatHex(random);
  }
}
