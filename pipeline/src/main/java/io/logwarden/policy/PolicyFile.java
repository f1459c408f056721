package io.logwarden.policy;

import java.util.List;
import java.util.Map;

/**
 * The policy file as written, bound by Jackson before any meaning is checked.
 *
 * <p>Component names are the YAML keys in camel case (the loader's mapper uses snake case). Every
 * value is boxed: Jackson refuses an absent primitive record component outright under
 * {@code FAIL_ON_NULL_FOR_PRIMITIVES}, and a boxed value lets {@link PolicyValidator} tell a missing
 * key from a zero and say so at the right line. Dates and durations stay text for the same reason.
 *
 * <p>{@code catalogue} stays a tree: the catalogue loader binds and checks it, with its own lines.
 *
 * <p>{@code security_routing}, {@code sources}, {@code json_mappings} and {@code access} are optional sections; they
 * bind to null when absent, and the validator supplies their defaults. Their lists and maps stay
 * lists and maps here (not sets) so that a repeated entry can still be reported at its own line.
 */
final class PolicyFile {

  private PolicyFile() {}

  /** The whole document. */
  record Document(
      Info policy,
      Clock clock,
      Map<String, StoreEntry> stores,
      TopicsEntry topics,
      List<RouteEntry> routing,
      SecurityRoutingEntry securityRouting,
      Map<String, SourceEntry> sources,
      List<JsonMappingEntry> jsonMappings,
      com.fasterxml.jackson.databind.JsonNode catalogue,
      String catalogueFile,
      RedactionEntry redaction,
      AccessEntry access) {}

  /** The {@code access} section. */
  record AccessEntry(Map<String, RoleEntry> roles, PrincipalsEntry pipeline, PrincipalsEntry provisioner,
      @com.fasterxml.jackson.annotation.JsonProperty("notify") PrincipalsEntry notifications,
      List<String> externalPrincipals) {}

  /** One role of {@code access.roles}; the role id is its key. */
  record RoleEntry(String name, List<String> principals, List<String> read, List<String> write, List<String> groups) {}

  /** {@code access.pipeline}, {@code access.provisioner} and {@code access.notify}. */
  record PrincipalsEntry(List<String> principals) {}

  /** The {@code redaction} section. */
  record RedactionEntry(
      String user,
      String sourceAddress,
      Map<String, String> attributes,
      String secretRulesFile,
      List<String> secretAllowlist) {}

  /** The {@code policy} section. */
  record Info(
      String title,
      String organization,
      String version,
      String effective,
      String owner,
      String lastReview,
      String source) {}

  /** The {@code clock} section. */
  record Clock(String skewTolerance) {}

  /** One entry of {@code stores}; the store id is its key. */
  record StoreEntry(
      String name,
      List<String> data,
      String retention,
      String topic,
      Boolean underReview,
      String note,
      String encoding) {}

  /** The {@code topics} section. */
  record TopicsEntry(
      String rawPrefix,
      Integer partitions,
      Integer replicationFactor,
      TopicEntry securityEvents,
      TopicEntry alerts,
      TopicEntry deadLetter) {}

  /** One of the pipeline's own topics. */
  record TopicEntry(String name, String cleanupPolicy, String retention, String encoding) {}

  /** One entry of {@code routing}. */
  record RouteEntry(String name, List<String> categories, Boolean errorsOnly, List<String> stores) {}

  /** The {@code security_routing} section. */
  record SecurityRoutingEntry(List<String> actions, List<String> flags) {}

  /** One entry of {@code sources}; the source name is its key. */
  record SourceEntry(String format, String timeZone) {}

  /** One entry of {@code json_mappings}. */
  record JsonMappingEntry(String name, List<String> whenFields, Map<String, String> fields, String category) {}
}
