package io.logwarden.normalize.catalogue;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * A catalogue file as written, bound strictly (unknown keys refused) before {@link CatalogueLoader}
 * checks its meaning. Conditions stay untyped here ({@code Object}: a scalar, a list or a mapping)
 * because their shape says which condition they are.
 */
final class CatalogueFile {

  private CatalogueFile() {}

  /** A shipped file or a user's {@code catalogue_file}. */
  record Document(String source, List<Entry> entries) {}

  /** One entry. */
  record Entry(
      String id,
      String source,
      String description,
      String reference,
      List<String> layouts,
      Boolean enabled,
      Match match,
      TimeEntry time,
      Map<String, String> fields,
      Map<String, List<String>> outcomeValues,
      ClassificationEntry classification) {}

  /** {@code match}: a text match (programs, template or regex) or a field match (fields). */
  record Match(
      List<String> programs,
      String template,
      String regex,
      String contains,
      Map<String, Object> values,
      Boolean kv,
      Map<String, Object> fields) {}

  /** {@code time}. */
  record TimeEntry(String field, String format) {}

  /** {@code classification}. */
  record ClassificationEntry(
      String category,
      String action,
      String outcome,
      String changeKind,
      String severity,
      String targetKind,
      String targetName) {}

  /** The policy file seen only for its catalogue keys; the policy loader checks the rest. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record PolicyView(List<Entry> catalogue, String catalogueFile) {}
}
