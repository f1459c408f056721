package io.logwarden.evidence;

import io.logwarden.notify.NotifySettings;
import io.logwarden.schema.registry.RegistrySettings;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The connections the pipeline makes, as its deployment config describes them: the Kafka client
 * properties every client is given, the schema registry, and the notify destinations. The values
 * are as written (a config-provider reference such as {@code ${env:NAME}} stays unresolved); the
 * transit control judges them by which keys are set and by the keys that hold no secret. The
 * evidence command reads them from {@code --config} without reading a secret; a test with a loaded
 * config passes {@code new PipelineConnections(config.kafka(),
 * config.schemaRegistry().map(RegistryConnection::of), notifySettings)}.
 *
 * @param kafka the {@code kafka:} client properties, as written
 * @param registry the {@code schema_registry:} section, when the file has one
 * @param notifications the {@code notify:} section ({@link NotifySettings#none()} without one)
 */
public record PipelineConnections(Map<String, String> kafka, Optional<RegistryConnection> registry,
    NotifySettings notifications) {

  public PipelineConnections {
    kafka = Collections.unmodifiableMap(new TreeMap<>(kafka));
    registry = registry == null ? Optional.empty() : registry;
    Objects.requireNonNull(notifications, "notifications");
  }

  /**
   * How the pipeline reaches its schema registry: the URL and which credentials it presents, never
   * the credentials themselves.
   *
   * @param url the URL as written, or null when the file leaves it to {@code LOGWARDEN_SCHEMA_REGISTRY_URL}
   * @param basicAuth whether a username and password are configured
   * @param bearerToken whether a bearer token is configured
   * @param clientCertificate whether a keystore with a client certificate is configured (mutual TLS)
   */
  public record RegistryConnection(String url, boolean basicAuth, boolean bearerToken, boolean clientCertificate) {

    /** The connection of settings already read (a test's, or a running pipeline's). */
    public static RegistryConnection of(RegistrySettings settings) {
      return new RegistryConnection(settings.url().toString(), settings.basicAuthUsername().isPresent(),
          settings.bearerToken().isPresent(), settings.tls().map(tls -> tls.keystore() != null).orElse(false));
    }
  }
}
