package io.logwarden.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.logwarden.evidence.PipelineConnections;
import io.logwarden.evidence.PipelineConnections.RegistryConnection;
import io.logwarden.policy.PolicyException;
import io.logwarden.policy.StrictYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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
    if (!Files.isReadable(file)) {
      throw new ConfigException("config file " + file + " does not exist or is not readable");
    }
    String name = StrictYaml.sourceName(file);
    Document document;
    try {
      document = StrictYaml.bind(StrictYaml.read(file, name), name, Document.class, ConfigLoader.FORMAT).document();
    } catch (PolicyException e) {
      throw new ConfigException(e.getMessage(), e);
    }
    Map<String, String> kafka = new LinkedHashMap<>();
    if (document.kafka() != null) {
      // As ConfigLoader reads them: an empty value (ssl.endpoint.identification.algorithm:) is "".
      document.kafka().forEach((key, value) -> kafka.put(key, value == null ? "" : value.toString()));
    }
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
