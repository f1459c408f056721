package io.logwarden.redact.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.logwarden.redact.SecretSpans;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One compiled rule of the gitleaks format, and gitleaks' reading of a match: the secret is capture
 * group {@code secretGroup} when set, else the first capture group that matched something, else the
 * whole match (newlines at either end trimmed); it counts only when its Shannon entropy is above
 * {@code entropy} (when set) and no allowlist, global or the rule's own, holds for it.
 *
 * <p>Immutable and thread-safe.
 *
 * <p>A rule with a {@code path} is, in gitleaks, a rule for files whose path matches it; a log line
 * has no path, so such a rule never fires (the shipped set leaves the vendored ones out).
 *
 * @param id the rule's id, also the kind in {@code [REDACTED:<id>]}
 * @param keywords what must occur in a text, ignoring case, for the regex to run on it
 * @param entropy the Shannon entropy (bits per character) a secret must exceed; 0 for no check
 * @param path the rule's file path expression, or null
 */
record SecretRule(
    String id,
    String description,
    Pattern regex,
    int secretGroup,
    double entropy,
    List<String> keywords,
    List<RuleAllowlist> allowlists,
    String path) {

  SecretRule {
    keywords = List.copyOf(keywords);
    allowlists = List.copyOf(allowlists);
  }

  /** This rule with more allowlists (a global {@code [[allowlists]]} that targets it). */
  SecretRule withAllowlists(List<RuleAllowlist> more) {
    List<RuleAllowlist> all = new ArrayList<>(allowlists);
    all.addAll(more);
    return new SecretRule(id, description, regex, secretGroup, entropy, keywords, all, path);
  }

  /** Whether the rule is for files of some path only, and so never fires on a log line. */
  boolean fileScoped() {
    return path != null;
  }

  /** Reports every secret this rule finds in {@code text}. */
  void find(String text, List<RuleAllowlist> global, SecretSpans.Sink sink) {
    Matcher m = regex.matcher(text);
    int groups = m.groupCount();
    while (m.find()) {
      int matchStart = m.start();
      int matchEnd = m.end();
      while (matchStart < matchEnd && text.charAt(matchStart) == '\n') {
        matchStart++;
      }
      while (matchEnd > matchStart && text.charAt(matchEnd - 1) == '\n') {
        matchEnd--;
      }
      if (matchStart == matchEnd) {
        continue;
      }
      int secretStart = matchStart;
      int secretEnd = matchEnd;
      if (groups > 0) {
        if (secretGroup > 0) {
          if (m.start(secretGroup) >= 0 && m.end(secretGroup) > m.start(secretGroup)) {
            secretStart = m.start(secretGroup);
            secretEnd = m.end(secretGroup);
          } else if (entropy > 0) {
            continue; // gitleaks' empty secret, whose entropy 0 never passes the check
          }
          // else gitleaks reports the match itself: redact it whole, the safe reading
        } else {
          for (int g = 1; g <= groups; g++) {
            if (m.start(g) >= 0 && m.end(g) > m.start(g)) {
              secretStart = m.start(g);
              secretEnd = m.end(g);
              break;
            }
          }
        }
      }
      secretStart = Math.max(secretStart, matchStart);
      secretEnd = Math.min(secretEnd, matchEnd);
      if (secretEnd <= secretStart) {
        continue;
      }
      if (entropy > 0 && shannonEntropy(text, secretStart, secretEnd) <= entropy) {
        continue;
      }
      if (allowed(global, text, matchStart, matchEnd, secretStart, secretEnd)
          || allowed(allowlists, text, matchStart, matchEnd, secretStart, secretEnd)) {
        continue;
      }
      sink.add(secretStart, secretEnd, id);
    }
  }

  private static boolean allowed(List<RuleAllowlist> lists, String text, int ms, int me, int ss, int se) {
    for (RuleAllowlist list : lists) {
      if (list.allows(text, ms, me, ss, se)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Shannon entropy in bits per character of {@code text[start, end)}, over code points; for ASCII
   * the same figure as gitleaks' (which divides by the length in bytes).
   */
  static double shannonEntropy(String text, int start, int end) {
    int length = 0;
    int[] ascii = new int[128];
    Map<Integer, Integer> other = null;
    for (int i = start; i < end; ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      length++;
      if (cp < 128) {
        ascii[cp]++;
      } else {
        if (other == null) {
          other = new HashMap<>();
        }
        other.merge(cp, 1, Integer::sum);
      }
    }
    if (length == 0) {
      return 0;
    }
    double entropy = 0;
    for (int count : ascii) {
      entropy -= term(count, length);
    }
    if (other != null) {
      for (int count : other.values()) {
        entropy -= term(count, length);
      }
    }
    return entropy;
  }

  private static double term(int count, int length) {
    if (count == 0) {
      return 0;
    }
    double p = (double) count / length;
    return p * (Math.log(p) / Math.log(2));
  }
}
