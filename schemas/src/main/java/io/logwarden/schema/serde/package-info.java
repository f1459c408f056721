/**
 * Kafka serdes for logwarden's Avro records in single-object encoding, the registry of released
 * schemas they read, and a plain-JSON rendering of the records for humans.
 */
package io.logwarden.schema.serde;
