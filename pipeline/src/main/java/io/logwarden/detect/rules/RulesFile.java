package io.logwarden.detect.rules;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.util.List;

/**
 * The detection rules file as written, bound by Jackson before any meaning is checked.
 *
 * <p>As in {@code io.logwarden.policy.PolicyFile}: component names are the YAML keys in camel case
 * (the mapper uses snake case), every value is boxed so that {@link RulesValidator} can tell a
 * missing key from a zero, and durations stay text until the validator reads them.
 */
final class RulesFile {

  private RulesFile() {}

  /** The whole document. */
  record Document(Defaults defaults, List<RuleEntry> rules) {}

  /** The {@code defaults} section: what a rule that does not say uses. */
  record Defaults(String suppression, String grace, String updateInterval, Integer signalCap) {}

  /** One entry of {@code rules}. {@code key} may be written as one field name or a list of them. */
  record RuleEntry(
      String id,
      String title,
      String severity,
      List<String> attack,
      String type,
      String input,
      MatchEntry match,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> key,
      String distinct,
      Integer threshold,
      String window,
      FirstEntry first,
      ThenEntry then,
      String suppression,
      String grace,
      String updateInterval,
      Integer signalCap,
      String summary) {}

  /** A {@code match}: the conditions an event must meet. */
  record MatchEntry(
      List<String> category, List<String> action, List<String> outcome, List<String> flags, Boolean errorsOnly) {}

  /** A sequence's {@code first} step: events ({@code match}) or other rules' alerts, {@code at_least} times. */
  record FirstEntry(MatchEntry match, List<String> alerts, Integer atLeast) {}

  /** A sequence's {@code then} step. */
  record ThenEntry(MatchEntry match) {}
}
