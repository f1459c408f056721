package io.logwarden.policy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which fields get which treatment, and the user's secret rules. Secrets are replaced everywhere
 * regardless; e-mail and IP addresses in free text are always pseudonymized; these settings say what
 * happens to the fields that hold identifiers, and which rules and allowlist the secret scan adds to
 * its shipped ones.
 *
 * @param user the event's user ({@code actor.user})
 * @param sourceAddress the event's remote address ({@code source.address})
 * @param attributes attribute key to treatment, for attributes that hold identifiers whole
 * @param secretRulesFile the {@code secret_rules_file} (gitleaks TOML format), resolved against the
 *     policy's directory, or null; the secret rule loader reads and checks it
 * @param secretAllowlist the {@code secret_allowlist}: RE2 expressions, already checked to compile; a
 *     secret a community or user rule finds is not redacted when one of them occurs in it
 */
public record RedactionSettings(
    FieldTreatment user,
    FieldTreatment sourceAddress,
    Map<String, FieldTreatment> attributes,
    Path secretRulesFile,
    List<String> secretAllowlist) {

  public RedactionSettings {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(sourceAddress, "sourceAddress");
    attributes = Map.copyOf(attributes);
    secretAllowlist = List.copyOf(secretAllowlist);
  }

  /** Field treatments alone: the shipped secret rules, no allowlist. */
  public RedactionSettings(FieldTreatment user, FieldTreatment sourceAddress, Map<String, FieldTreatment> attributes) {
    this(user, sourceAddress, attributes, null, List.of());
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

  /** These settings with the secret rules file at {@code file}. */
  public RedactionSettings withSecretRulesFile(Path file) {
    return new RedactionSettings(user, sourceAddress, attributes, file, secretAllowlist);
  }
}
