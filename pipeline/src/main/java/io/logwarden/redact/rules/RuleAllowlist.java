package io.logwarden.redact.rules;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.Locale;

/**
 * One gitleaks allowlist: when it holds for a finding, the finding is not a secret. Its regexes are
 * tried (unanchored, as gitleaks does) on the secret, the whole match or the match's line; its
 * stopwords are looked for, ignoring case, inside the secret. With condition OR (the default) either
 * check suffices; with AND every check it has must hold.
 *
 * <p>Paths and commits cannot match a log line: an allowlist that checks only those never holds, and
 * one that needs them under AND never holds either (the safe side: the value is redacted).
 *
 * <p>Immutable and thread-safe.
 */
final class RuleAllowlist {

  /** What the regexes are tried on. */
  enum Target {
    SECRET, MATCH, LINE
  }

  private final boolean all;
  private final Target target;
  private final Pattern[] regexes;
  /**
   * For each regex anchored at the start of its target ({@code ^...}), the texts its matches begin
   * with (lower case); null for the others. Most of gitleaks' global allowlist is of this kind
   * ({@code ^\$...}, {@code ^/usr/...}), so a target that begins otherwise skips the RE2J run.
   */
  private final String[][] anchoredStarts;
  private final String[] stopwords;
  private final boolean needsLocation;

  /**
   * @param all true for condition AND
   * @param stopwords compared ignoring case
   * @param needsLocation whether it also checks paths or commits
   */
  RuleAllowlist(boolean all, Target target, List<Pattern> regexes, List<String> stopwords, boolean needsLocation) {
    this.all = all;
    this.target = target;
    this.regexes = regexes.toArray(new Pattern[0]);
    this.anchoredStarts = new String[this.regexes.length][];
    for (int k = 0; k < this.regexes.length; k++) {
      java.util.Set<String> starts = RegexStart.anchoredStarts(this.regexes[k].pattern());
      anchoredStarts[k] = starts == null ? null : starts.toArray(new String[0]);
    }
    this.stopwords = stopwords.stream().map(s -> s.toLowerCase(Locale.ROOT)).toArray(String[]::new);
    this.needsLocation = needsLocation;
  }

  /** An allowlist of regexes on the secret alone, such as the policy's {@code secret_allowlist}. */
  static RuleAllowlist ofSecretRegexes(List<Pattern> regexes) {
    return new RuleAllowlist(false, Target.SECRET, regexes, List.of(), false);
  }

  /**
   * Whether the finding whose match is {@code text[matchStart, matchEnd)} and whose secret is
   * {@code text[secretStart, secretEnd)} is allowed.
   */
  boolean allows(String text, int matchStart, int matchEnd, int secretStart, int secretEnd) {
    boolean hasRegexes = regexes.length > 0;
    boolean hasStopwords = stopwords.length > 0;
    if (all) {
      if (needsLocation || (!hasRegexes && !hasStopwords)) {
        return false;
      }
      return (!hasRegexes || regexAllowed(text, matchStart, matchEnd, secretStart, secretEnd))
          && (!hasStopwords || hasStopword(text, secretStart, secretEnd));
    }
    return (hasRegexes && regexAllowed(text, matchStart, matchEnd, secretStart, secretEnd))
        || (hasStopwords && hasStopword(text, secretStart, secretEnd));
  }

  private boolean regexAllowed(String text, int matchStart, int matchEnd, int secretStart, int secretEnd) {
    String on = switch (target) {
      case SECRET -> text.substring(secretStart, secretEnd);
      case MATCH -> text.substring(matchStart, matchEnd);
      case LINE -> {
        int start = text.lastIndexOf('\n', matchStart - 1) + 1;
        int end = text.indexOf('\n', matchEnd);
        yield text.substring(start, end < 0 ? text.length() : end);
      }
    };
    if (on.isEmpty()) {
      return false;
    }
    for (int k = 0; k < regexes.length; k++) {
      if (beginsWithOneOf(on, anchoredStarts[k]) && regexes[k].matcher(on).find()) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code text} begins with one of {@code starts}, ignoring case; true when there are none to check. */
  private static boolean beginsWithOneOf(String text, String[] starts) {
    if (starts == null) {
      return true;
    }
    for (String start : starts) {
      if (text.regionMatches(true, 0, start, 0, start.length())) {
        return true;
      }
    }
    return false;
  }

  private boolean hasStopword(String text, int secretStart, int secretEnd) {
    String secret = text.substring(secretStart, secretEnd).toLowerCase(Locale.ROOT);
    for (String stopword : stopwords) {
      if (secret.contains(stopword)) {
        return true;
      }
    }
    return false;
  }
}
