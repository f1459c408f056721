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
 * <p>Where the start of its regex says where matches can start ({@link RegexStart}), the regex is
 * tried anchored at those places only, which finds the same matches as gitleaks' search along the
 * whole text at a fraction of the cost; otherwise it searches the whole text.
 *
 * <p>A rule with a {@code path} is, in gitleaks, a rule for files whose path matches it; a log line
 * has no path, so such a rule never fires (the shipped set leaves the vendored ones out).
 *
 * <p>Immutable and thread-safe.
 */
final class SecretRule {

  private final String id;
  private final String description;
  private final Pattern regex;
  private final int secretGroup;
  private final double entropy;
  private final List<String> keywords;
  private final List<RuleAllowlist> allowlists;
  private final String path;
  private final RegexStart.Plan plan;

  /**
   * @param id the rule's id, also the kind in {@code [REDACTED:<id>]}
   * @param keywords what must occur in a text, ignoring case, for the regex to run on it
   * @param entropy the Shannon entropy (bits per character) a secret must exceed; 0 for no check
   * @param path the rule's file path expression, or null
   */
  SecretRule(String id, String description, Pattern regex, int secretGroup, double entropy, List<String> keywords,
      List<RuleAllowlist> allowlists, String path) {
    this(id, description, regex, secretGroup, entropy, keywords, allowlists, path, RegexStart.plan(regex));
  }

  private SecretRule(String id, String description, Pattern regex, int secretGroup, double entropy,
      List<String> keywords, List<RuleAllowlist> allowlists, String path, RegexStart.Plan plan) {
    this.id = id;
    this.description = description;
    this.regex = regex;
    this.secretGroup = secretGroup;
    this.entropy = entropy;
    this.keywords = List.copyOf(keywords);
    this.allowlists = List.copyOf(allowlists);
    this.path = path;
    this.plan = plan;
    this.groupsOnlyLabel = secretGroup == 0 && regex.groupCount() > 0 && regex.namedGroups().size() == regex.groupCount();
  }

  /**
   * Whether every capture group is named and none is chosen as the secret: the groups then label
   * which alternative matched ({@code jwt-base64}'s {@code (?P<alg>...)|(?P<kid>...)}), and the
   * secret is the whole match, not the label.
   */
  private final boolean groupsOnlyLabel;

  String id() {
    return id;
  }

  String description() {
    return description;
  }

  Pattern regex() {
    return regex;
  }

  List<String> keywords() {
    return keywords;
  }

  /** Where matches can start, or null when the rule searches the whole text. */
  RegexStart.Plan plan() {
    return plan;
  }

  /** Whether the rule is for files of some path only, and so never fires on a log line. */
  boolean fileScoped() {
    return path != null;
  }

  /** This rule with more allowlists (a global {@code [[allowlists]]} that targets it). */
  SecretRule withAllowlists(List<RuleAllowlist> more) {
    List<RuleAllowlist> all = new ArrayList<>(allowlists);
    all.addAll(more);
    return new SecretRule(id, description, regex, secretGroup, entropy, keywords, all, path, plan);
  }

  /** This rule searching the whole text, as gitleaks does (to check that both ways find the same). */
  SecretRule searchingEverywhere() {
    return new SecretRule(id, description, regex, secretGroup, entropy, keywords, allowlists, path, null);
  }

  /**
   * Reports every secret this rule finds in {@code text}.
   *
   * @param starts where the rules' start literals occur, as {@link KeywordAutomaton#occurrences} gives
   *     them (null for none)
   * @param self this rule's id in {@code starts}
   */
  void find(String text, int[] starts, int self, List<RuleAllowlist> global, SecretSpans.Sink sink) {
    if (plan == null) {
      Matcher m = regex.matcher(text);
      while (m.find()) {
        report(text, m, 0, m.start(), m.end(), global, sink);
      }
      return;
    }
    if (starts == null) {
      return;
    }
    int from = 0;
    int last = -1;
    for (int k = 0, count = starts[0]; k < count; k++) {
      int at = starts[2 + 2 * k];
      if (starts[1 + 2 * k] != self || at < from || at == last) {
        continue;
      }
      last = at;
      if (plan.boundary() && !wordBoundary(text, at)) {
        continue;
      }
      Matcher m = plan.anchored().matcher(new TextFrom(text, at));
      if (!m.lookingAt()) {
        continue;
      }
      int matchEnd = at + m.end();
      report(text, m, at, leadStart(text, at, from, plan.leadMax()), matchEnd, global, sink);
      from = matchEnd > at ? matchEnd : at + 1;
    }
  }

  /** Where a match whose key name starts at {@code at} starts: its lazy lead extended left. */
  private static int leadStart(String text, int at, int from, int leadMax) {
    int start = at;
    while (start > from && at - start < leadMax && isLead(text.charAt(start - 1))) {
      start--;
    }
    return start;
  }

  private static boolean isLead(char c) {
    return isWord(c) || c == '.' || c == '-';
  }

  /** RE2's {@code \b}: a word character (ASCII letter, digit, '_') on one side only. */
  private static boolean wordBoundary(String text, int at) {
    boolean before = at > 0 && isWord(text.charAt(at - 1));
    boolean after = at < text.length() && isWord(text.charAt(at));
    return before != after;
  }

  private static boolean isWord(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  /** One match, whose groups are offset by {@code offset} in {@code text}. */
  private void report(String text, Matcher m, int offset, int matchStart, int matchEnd, List<RuleAllowlist> global,
      SecretSpans.Sink sink) {
    while (matchStart < matchEnd && text.charAt(matchStart) == '\n') {
      matchStart++;
    }
    while (matchEnd > matchStart && text.charAt(matchEnd - 1) == '\n') {
      matchEnd--;
    }
    if (matchStart == matchEnd) {
      return;
    }
    int secretStart = matchStart;
    int secretEnd = matchEnd;
    int groups = m.groupCount();
    if (groups > 0) {
      if (secretGroup > 0) {
        if (m.start(secretGroup) >= 0 && m.end(secretGroup) > m.start(secretGroup)) {
          secretStart = offset + m.start(secretGroup);
          secretEnd = offset + m.end(secretGroup);
        } else if (entropy > 0) {
          return; // gitleaks' empty secret, whose entropy 0 never passes the check
        }
        // else gitleaks reports the match itself: redact it whole, the safe reading
      } else if (!groupsOnlyLabel) {
        for (int g = 1; g <= groups; g++) {
          if (m.start(g) >= 0 && m.end(g) > m.start(g)) {
            secretStart = offset + m.start(g);
            secretEnd = offset + m.end(g);
            break;
          }
        }
      }
    }
    secretStart = Math.max(secretStart, matchStart);
    secretEnd = Math.min(secretEnd, matchEnd);
    if (secretEnd <= secretStart) {
      return;
    }
    if (entropy > 0 && shannonEntropy(text, secretStart, secretEnd) <= entropy) {
      return;
    }
    if (allowed(global, text, matchStart, matchEnd, secretStart, secretEnd)
        || allowed(allowlists, text, matchStart, matchEnd, secretStart, secretEnd)) {
      return;
    }
    sink.add(secretStart, tokenEnd(text, secretEnd), id);
  }

  /**
   * Where the token a secret ends in ends: a rule whose expression stops inside a token (Bedrock's
   * short-lived key is matched by its constant prefix only) must not leave the token's rest behind.
   * Token characters are letters, digits and {@code + / _ -}.
   */
  static int tokenEnd(String text, int end) {
    int e = end;
    int n = text.length();
    while (e < n && isTokenChar(text.charAt(e))) {
      e++;
    }
    return e;
  }

  private static boolean isTokenChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
        || c == '_' || c == '-';
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

  /** The text from {@code offset} on, without a copy, for an anchored match there. */
  private static final class TextFrom implements CharSequence {
    private final String text;
    private final int offset;

    TextFrom(String text, int offset) {
      this.text = text;
      this.offset = offset;
    }

    @Override
    public int length() {
      return text.length() - offset;
    }

    @Override
    public char charAt(int index) {
      return text.charAt(offset + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return text.subSequence(offset + start, offset + end);
    }

    @Override
    public String toString() {
      return text.substring(offset);
    }
  }
}
