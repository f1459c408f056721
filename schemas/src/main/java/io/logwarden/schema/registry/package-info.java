/**
 * A client of Confluent-compatible schema registries (Confluent, Karapace, Redpanda, Apicurio's
 * compatibility API) for the {@code avro-registry} encoding.
 */
package io.logwarden.schema.registry;
