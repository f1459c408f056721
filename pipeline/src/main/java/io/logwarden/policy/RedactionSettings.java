package io.logwarden.policy;

import java.util.Map;
import java.util.Objects;

/**
 * Which fields get which treatment. Secrets are replaced everywhere regardless; e-mail and IP
 * addresses in free text are always pseudonymized; these settings say what happens to the fields
 * that hold identifiers.
 *
 * @param user the event's user ({@code actor.user})
 * @param sourceAddress the event's remote address ({@code source.address})
 * @param attributes attribute key to treatment, for attributes that hold identifiers whole
 */
public record RedactionSettings(FieldTreatment user, FieldTreatment sourceAddress, Map<String, FieldTreatment> attributes) {

  public RedactionSettings {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(sourceAddress, "sourceAddress");
    attributes = Map.copyOf(attributes);
  }

  /** User and address pseudonymized, and the identifier attributes of the common payloads. */
  public static RedactionSettings defaults() {
    return new RedactionSettings(FieldTreatment.PSEUDONYMIZE, FieldTreatment.PSEUDONYMIZE, Map.of(
        "user.id", FieldTreatment.PSEUDONYMIZE,
        "user.username", FieldTreatment.PSEUDONYMIZE,
        "user.email", FieldTreatment.PSEUDONYMIZE,
        "user.ip_address", FieldTreatment.PSEUDONYMIZE,
        "properties.distinct_id", FieldTreatment.PSEUDONYMIZE,
        "properties.$ip", FieldTreatment.PSEUDONYMIZE));
  }
}
