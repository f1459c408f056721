package io.logwarden.redact.rules;

import com.google.re2j.Pattern;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where the matches of a rule's regex can start, read from the start of its RE2 source, so that the
 * regex can be tried only there instead of searched for along the whole text (RE2J walks every
 * character of a text it searches; most rules then cost some 25 ns a character, and gitleaks' rules
 * for unprefixed keys three times that).
 *
 * <p>Three forms are read. The literal texts every match begins with ({@code ghp_}, or
 * {@code (?:heroku|HEROKU)}, or a product of such groups), ignoring case: the matches can start only
 * where one of them occurs. A leading {@code \b}, checked by hand at each such place. And gitleaks' lazy
 * lead {@code [\w.-]{0,50}?} before a key name: it does not decide whether a match exists, only how far
 * left the match starts, so the regex is tried from the key name and the match extended left over
 * those characters afterwards, as far as the lead allows. Whatever else a regex starts with gives no
 * plan, and the rule searches the whole text as gitleaks does.
 */
final class RegexStart {

  /** The fewest characters a start literal may have: shorter ones occur too often to save work. */
  static final int SHORTEST_START = 3;
  private static final int MOST_STARTS = 64;

  private static final String LAZY_LEAD = "[\\w.-]{0,50}?";
  private static final String CASELESS = "(?i)";

  /**
   * How to try a regex at the places its matches can start.
   *
   * @param anchored the regex without its lead or leading {@code \b}, tried anchored at each start
   * @param leadMax how many lead characters ({@code [A-Za-z0-9_.-]}) a match extends left over; 0 for none
   * @param boundary whether a word boundary must hold where the match starts
   * @param starts the texts, lower case, one of which every match begins with (after its lead)
   */
  record Plan(Pattern anchored, int leadMax, boolean boundary, Set<String> starts) {}

  private RegexStart() {}

  /** The plan for {@code regex}, or null when its start says nothing usable. */
  static Plan plan(Pattern regex) {
    String source = regex.pattern();
    String flags = "";
    String rest = source;
    int leadMax = 0;
    if (rest.startsWith(CASELESS + LAZY_LEAD)) {
      flags = CASELESS;
      rest = rest.substring(CASELESS.length() + LAZY_LEAD.length());
      leadMax = 50;
    } else if (rest.startsWith(LAZY_LEAD + "(?i:" + LAZY_LEAD)) {
      rest = "(?i:" + rest.substring(LAZY_LEAD.length() * 2 + 4);
      leadMax = 100;
    } else if (rest.startsWith(CASELESS)) {
      flags = CASELESS;
      rest = rest.substring(CASELESS.length());
    }
    boolean boundary = false;
    if (leadMax == 0 && rest.startsWith("\\b")) {
      boundary = true;
      rest = rest.substring(2);
    }
    Set<String> starts = literalStarts(rest);
    if (starts == null) {
      return null;
    }
    if ((boundary || leadMax > 0) && topAlternatives(rest) != 1) {
      return null; // in a|b a lead or \b binds to the first alternative only
    }
    Pattern anchored;
    try {
      anchored = Pattern.compile(flags + rest);
    } catch (RuntimeException e) {
      return null;
    }
    if (anchored.groupCount() != regex.groupCount()) {
      return null;
    }
    return new Plan(anchored, leadMax, boundary, starts);
  }

  /**
   * The texts, lower case, that every match of {@code source} begins with; null when some match may
   * begin otherwise, when one is shorter than {@value #SHORTEST_START} characters, or when there are
   * too many.
   */
  static Set<String> literalStarts(String source) {
    Set<String> starts = new Reader(source).starts();
    if (starts == null || starts.isEmpty() || starts.size() > MOST_STARTS) {
      return null;
    }
    for (String start : starts) {
      if (start.length() < SHORTEST_START) {
        return null;
      }
    }
    return starts;
  }

  private static int topAlternatives(String source) {
    Reader reader = new Reader(source);
    reader.starts();
    return reader.topAlternatives;
  }

  /**
   * For a regex anchored at the start of the text ({@code ^} or {@code (?i)^} first, no alternation
   * at its top level): the texts, lower case, one of which every match begins with; null otherwise
   * or when one of them is empty.
   */
  static Set<String> anchoredStarts(String source) {
    String rest;
    if (source.startsWith("^")) {
      rest = source.substring(1);
    } else if (source.startsWith(CASELESS + "^")) {
      rest = source.substring(CASELESS.length() + 1);
    } else {
      return null;
    }
    Reader reader = new Reader(rest);
    Set<String> starts = reader.starts();
    if (starts == null || reader.topAlternatives != 1 || starts.contains("")) {
      return null;
    }
    return starts;
  }

  /** Reads literal prefixes from RE2 syntax; gives up (null) on anything it does not know. */
  private static final class Reader {
    /** The prefixes of a part of the source, and whether they run to its end (so what follows adds on). */
    private record Prefixes(Set<String> texts, boolean complete) {}

    private final String s;
    private int i;
    private int literalStart;
    /** How many alternatives the source has at its top level. */
    int topAlternatives;

    Reader(String s) {
      this.s = s;
    }

    /** The whole source's prefixes. */
    Set<String> starts() {
      Prefixes all = alternatives(false);
      return all == null ? null : all.texts();
    }

    /** Alternatives up to the end, or up to the group's closing parenthesis (consumed). */
    private Prefixes alternatives(boolean inGroup) {
      Set<String> all = new LinkedHashSet<>();
      boolean complete = true;
      while (true) {
        if (!inGroup) {
          topAlternatives++;
        }
        Prefixes one = sequence();
        if (one == null) {
          return null;
        }
        all.addAll(one.texts());
        complete &= one.complete();
        if (all.size() > MOST_STARTS) {
          return null;
        }
        if (i >= s.length()) {
          return inGroup ? null : new Prefixes(all, complete);
        }
        char c = s.charAt(i);
        if (c == '|') {
          i++;
        } else if (c == ')' && inGroup) {
          i++;
          return new Prefixes(all, complete);
        } else {
          return null;
        }
      }
    }

    /** One alternative's prefixes; leaves {@code i} at the {@code |} or {@code )} that ends it, or at the end. */
    private Prefixes sequence() {
      Set<String> prefixes = new LinkedHashSet<>();
      prefixes.add("");
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '|' || c == ')') {
          return new Prefixes(prefixes, true);
        }
        if (c == '(') {
          if (flagOnly()) {
            continue;
          }
          if (!groupOpening()) {
            return null;
          }
          Prefixes inner = alternatives(true);
          if (inner == null) {
            return null;
          }
          if (quantified()) {
            return stop(prefixes); // an optional or repeated group: the prefix ends before it
          }
          prefixes = product(prefixes, inner.texts());
          if (prefixes == null) {
            return null;
          }
          if (!inner.complete()) {
            return stop(prefixes);
          }
          continue;
        }
        int literal = literalAt();
        if (literal < 0) {
          return stop(prefixes);
        }
        if (quantified()) {
          i = literalStart; // the atom before a quantifier may be absent or repeated
          return stop(prefixes);
        }
        prefixes = product(prefixes, Set.of(String.valueOf((char) literal)));
        if (prefixes == null) {
          return null;
        }
      }
      return new Prefixes(prefixes, true);
    }

    /** Ends an alternative early: its prefixes so far, the rest of it skipped. */
    private Prefixes stop(Set<String> prefixes) {
      int depth = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '\\') {
          i += 2;
          continue;
        }
        if (c == '[') {
          skipClass();
          continue;
        }
        if (c == '(') {
          depth++;
        } else if (c == ')') {
          if (depth == 0) {
            break;
          }
          depth--;
        } else if (c == '|' && depth == 0) {
          break;
        }
        i++;
      }
      return new Prefixes(prefixes, false);
    }

    private void skipClass() {
      i++;
      if (i < s.length() && s.charAt(i) == '^') {
        i++;
      }
      if (i < s.length() && s.charAt(i) == ']') {
        i++;
      }
      while (i < s.length() && s.charAt(i) != ']') {
        if (s.charAt(i) == '\\') {
          i++;
        }
        i++;
      }
      i++;
    }

    /** Skips a zero-width flag group such as {@code (?i)}; true when there was one. */
    private boolean flagOnly() {
      if (!s.startsWith("(?", i)) {
        return false;
      }
      int k = i + 2;
      while (k < s.length() && "imsU-".indexOf(s.charAt(k)) >= 0) {
        k++;
      }
      if (k > i + 2 && k < s.length() && s.charAt(k) == ')') {
        i = k + 1;
        return true;
      }
      return false;
    }

    /** Consumes a group's opening: {@code (}, {@code (?:}, {@code (?i:}, {@code (?P<n>}, {@code (?<n>}. */
    private boolean groupOpening() {
      if (!s.startsWith("(?", i)) {
        i++;
        return true;
      }
      int k = i + 2;
      if (k < s.length() && (s.charAt(k) == 'P' || s.charAt(k) == '<')) {
        int close = s.indexOf('>', k);
        if (close < 0) {
          return false;
        }
        i = close + 1;
        return true;
      }
      while (k < s.length() && "imsU-".indexOf(s.charAt(k)) >= 0) {
        k++;
      }
      if (k < s.length() && s.charAt(k) == ':') {
        i = k + 1;
        return true;
      }
      return false;
    }

    /** The literal character at {@code i}, lower case, consumed; -1 (nothing consumed) when the atom is not one. */
    private int literalAt() {
      literalStart = i;
      char c = s.charAt(i);
      if (c == '\\') {
        if (i + 1 >= s.length() || Character.isLetterOrDigit(s.charAt(i + 1))) {
          return -1; // \b \w \s \d \x60 ... are not one literal character
        }
        char escaped = s.charAt(i + 1);
        i += 2;
        return Character.toLowerCase(escaped);
      }
      if (c == '[') {
        // [Ee]: one letter in either case, as gitleaks writes key names.
        int close = s.indexOf(']', i + 1);
        if (close == i + 3 && Character.isLetter(s.charAt(i + 1))
            && Character.toLowerCase(s.charAt(i + 1)) == Character.toLowerCase(s.charAt(i + 2))) {
          i = close + 1;
          return Character.toLowerCase(s.charAt(literalStart + 1));
        }
        return -1;
      }
      if (".^$*+?{}".indexOf(c) >= 0) {
        return -1;
      }
      i++;
      return Character.toLowerCase(c);
    }

    private boolean quantified() {
      return i < s.length() && "?*+{".indexOf(s.charAt(i)) >= 0;
    }

    private static Set<String> product(Set<String> heads, Set<String> tails) {
      Set<String> out = new LinkedHashSet<>();
      for (String head : heads) {
        for (String tail : tails) {
          out.add((head + tail).toLowerCase(Locale.ROOT));
          if (out.size() > MOST_STARTS) {
            return null;
          }
        }
      }
      return out;
    }
  }
}
