package io.logwarden.policy;

import io.logwarden.schema.serde.Encoding;
import java.util.Objects;

/** A topic the policy defines: its name, cleanup policy, retention and the encoding of its values. */
public record TopicSpec(String name, CleanupPolicy cleanupPolicy, Retention retention, Encoding encoding) {
  public TopicSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(encoding, "encoding");
  }

  /** A topic whose values are Avro single-object encoded (as internal topics are). */
  public TopicSpec(String name, CleanupPolicy cleanupPolicy, Retention retention) {
    this(name, cleanupPolicy, retention, Encoding.AVRO);
  }
}
