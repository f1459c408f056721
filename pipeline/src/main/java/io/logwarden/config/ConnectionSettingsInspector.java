package io.logwarden.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.logwarden.evidence.PipelineConnections;
import io.logwarden.evidence.PipelineConnections.RegistryConnection;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The connections a deployment config gives the pipeline, for the evidence report: the {@code kafka:}
 * client properties as written (as {@link ConfigLoader} passes them to every client; a config-provider
 * reference stays unresolved), which credentials the {@code schema_registry:} section names, and the
 * {@code notify:} destinations ({@link NotifyConfigLoader#inspect}). No secret is read, no file the
 * config names is opened, and nothing only the running pipeline needs (its pseudonymization key) is
 * required: the auditor's machine holds none of them.
 */
public final class ConnectionSettingsInspector {

  private ConnectionSettingsInspector() {}

  /**
   * @throws ConfigException when the file cannot be read or its sections do not have their shape
   */
  public static PipelineConnections inspect(Path file) {
    Document document = ConfigLoader.bind(file, Document.class).document();
    Map<String, String> kafka = ConfigLoader.kafkaProperties(document.kafka());
    return new PipelineConnections(kafka, Optional.ofNullable(document.schemaRegistry()).map(
        ConnectionSettingsInspector::registry), NotifyConfigLoader.inspect(file));
  }

  private static RegistryConnection registry(SchemaRegistryConfig.Section section) {
    boolean clientCertificate = section.tls() != null && section.tls().keystore() != null
        && !section.tls().keystore().isBlank();
    return new RegistryConnection(section.url() == null || section.url().isBlank() ? null : section.url(),
        section.basicAuth() != null, section.bearer() != null, clientCertificate);
  }

  /** The file with only the sections that say how the pipeline connects; ConfigLoader checks the rest. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Document(Map<String, Object> kafka, SchemaRegistryConfig.Section schemaRegistry) {}
}
