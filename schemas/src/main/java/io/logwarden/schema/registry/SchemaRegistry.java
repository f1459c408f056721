package io.logwarden.schema.registry;

import org.apache.avro.Schema;

/**
 * A Confluent-compatible schema registry, as the {@code avro-registry} encoding needs it: the id of
 * a writer schema under a subject ({@code <topic>-value}), and the schema of an id a record names.
 * Implementations cache both answers: ids never change once assigned.
 */
public interface SchemaRegistry {

  /**
   * The id of {@code schema} under {@code subject}, registering it there if the subject does not
   * hold it yet.
   *
   * @throws RegistryException when the registry cannot be reached or refuses the schema
   */
  int idFor(String subject, Schema schema);

  /**
   * The schema registered with {@code id}.
   *
   * @throws RegistryException when the registry cannot be reached or knows no such id
   */
  Schema schemaById(int id);
}
