package io.logwarden.cli;

import io.logwarden.config.ConfigLoader;
import io.logwarden.policy.Policy;
import io.logwarden.schema.registry.HttpSchemaRegistry;
import io.logwarden.schema.registry.SchemaRegistry;
import io.logwarden.topics.PipelineTopics;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE} for the commands that read or write logwarden's topics: the deployment
 * config's {@code schema_registry:} section, needed where a topic is in the avro-registry encoding.
 */
public final class RegistryOption {

  @Option(names = "--config", paramLabel = "FILE",
      description = "The deployment config (logwarden.yaml): its schema_registry: section, for topics in the "
          + "avro-registry encoding (and, for evidence, its notify: section and how its kafka:, schema_registry: and "
          + "notify: sections connect, for which no secret is read).")
  Path config;

  private SchemaRegistry registry;
  private boolean read;

  /** The schema registry the config names, or null without a config or a schema_registry: section. */
  public SchemaRegistry registry() {
    if (!read) {
      read = true;
      registry = config == null ? null : ConfigLoader.schemaRegistry(config).map(HttpSchemaRegistry::new).orElse(null);
    }
    return registry;
  }

  /** The policy's topics with this registry; a policy needing one that is not configured is a config error. */
  public PipelineTopics topics(Policy policy) {
    return Topics.of(policy, registry());
  }

  /** The policy's topics, turning a missing registry into the command's config error. */
  static final class Topics {
    private Topics() {}

    static PipelineTopics of(Policy policy, SchemaRegistry registry) {
      try {
        return PipelineTopics.from(policy, registry);
      } catch (IllegalArgumentException e) {
        throw new io.logwarden.config.ConfigException(e.getMessage() + "; pass --config with a schema_registry: section", e);
      }
    }
  }
}
