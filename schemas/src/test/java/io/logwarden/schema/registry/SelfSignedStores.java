package io.logwarden.schema.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates for TLS tests, made with the JDK's {@code keytool} (EC P-256, valid 7
 * days, subject alternative names {@code localhost} and {@code 127.0.0.1}), in PKCS12 stores.
 */
public final class SelfSignedStores {

  /**
   * A key pair and its certificate.
   *
   * @param keystore a PKCS12 keystore holding the key and certificate under the identity's name
   * @param password the keystore's (and the key's) password
   * @param certificate the certificate alone, DER
   */
  public record Identity(String name, Path keystore, String password, Path certificate) {}

  private SelfSignedStores() {}

  /** A new key pair and self-signed certificate named {@code name}, in {@code dir}. */
  public static Identity identity(Path dir, String name, String password) {
    Path keystore = dir.resolve(name + ".p12");
    Path certificate = dir.resolve(name + ".crt");
    keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
        "-dname", "CN=" + name, "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "7",
        "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
    keytool("-exportcert", "-alias", name, "-keystore", keystore.toString(), "-storetype", "PKCS12",
        "-storepass", password, "-file", certificate.toString());
    return new Identity(name, keystore, password, certificate);
  }

  /** A PKCS12 truststore {@code file} trusting the certificates of {@code trusted}. */
  public static Path truststore(Path file, String password, Identity... trusted) {
    for (Identity identity : trusted) {
      keytool("-importcert", "-noprompt", "-alias", identity.name(), "-file", identity.certificate().toString(),
          "-keystore", file.toString(), "-storetype", "PKCS12", "-storepass", password);
    }
    return file;
  }

  /** A server's TLS context: its identity, and (for client certificates) a truststore or null. */
  public static SSLContext context(Identity identity, Path truststore, String truststorePassword) {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(load(identity.keystore(), identity.password()), identity.password().toCharArray());
      TrustManagerFactory trust = null;
      if (truststore != null) {
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(truststore, truststorePassword));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore load(Path file, String password) throws GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password.toCharArray());
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void keytool(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool " + arguments[0] + " failed: "
            + new String(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
