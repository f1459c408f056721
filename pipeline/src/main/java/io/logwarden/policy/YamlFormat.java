package io.logwarden.policy;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the shared YAML machinery ({@link StrictYaml}, {@link BindingErrors}) needs to know of one
 * kind of file to word its messages: the policy file, or the detection rules file.
 *
 * @param fileNoun the kind of file, e.g. {@code policy file}
 * @param contentNoun what the file holds, e.g. {@code policy}
 * @param sections the top-level sections, as a message names them
 * @param durationKeys the keys whose values are durations, to explain a duration written without unit
 * @param durationHint how to write a duration, e.g. {@code a duration is a whole number followed by a unit, e.g. 30d}
 * @param entryNames top-level lists whose entries are named in paths by a key of theirs: {@code rules}
 *     to {@code id} writes {@code rules[auth.brute_force.user]} instead of {@code rules[1]}
 */
public record YamlFormat(
    String fileNoun,
    String contentNoun,
    String sections,
    Set<String> durationKeys,
    String durationHint,
    Map<String, String> entryNames) {

  /** The policy file, {@code policy.yaml}. */
  static final YamlFormat POLICY = new YamlFormat(
      "policy file",
      "policy",
      "policy, clock, stores, topics and routing",
      Set.of("retention", "skew_tolerance"),
      "a duration is a whole number followed by a unit, e.g. 30d, or 'unlimited'",
      Map.of());

  public YamlFormat {
    Objects.requireNonNull(fileNoun, "fileNoun");
    Objects.requireNonNull(contentNoun, "contentNoun");
    Objects.requireNonNull(sections, "sections");
    durationKeys = Set.copyOf(durationKeys);
    Objects.requireNonNull(durationHint, "durationHint");
    entryNames = Map.copyOf(entryNames);
  }
}
