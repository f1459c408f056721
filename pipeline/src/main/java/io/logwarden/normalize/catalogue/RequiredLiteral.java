package io.logwarden.normalize.catalogue;

/**
 * The longest run of literal text that every match of a regular expression contains, read from the
 * expression's top level (outside groups and classes, not under a quantifier, and only when the top
 * level has no alternation); null when there is none of at least three characters. A cheap {@code
 * contains} before the expression rules most lines out.
 */
final class RequiredLiteral {

  private static final int MIN_CHARS = 3;
  private static final String ESCAPABLE = "\\.[](){}*+?|^$/-'\"<>=:,;#@!%&~` ";

  private RequiredLiteral() {}

  static String of(String regex) {
    if (regex.contains("(?i") || regex.contains("(?s") || regex.contains("(?m")) {
      // Flags change what a literal matches; no prefilter.
      return null;
    }
    String best = null;
    StringBuilder run = new StringBuilder();
    int depth = 0;
    int i = 0;
    int n = regex.length();
    while (i < n) {
      char c = regex.charAt(i);
      if (c == '\\') {
        if (i + 1 >= n) {
          return null;
        }
        char next = regex.charAt(i + 1);
        if (depth == 0 && ESCAPABLE.indexOf(next) >= 0) {
          i += 2;
          if (quantified(regex, i)) {
            best = longer(best, run);
            run.setLength(0);
            i = skipQuantifier(regex, i);
          } else {
            run.append(next);
          }
          continue;
        }
        // A class (\d, \s, \S, \w, \b, ...): the run ends here.
        best = longer(best, run);
        run.setLength(0);
        i += 2;
        continue;
      }
      if (c == '[') {
        best = longer(best, run);
        run.setLength(0);
        i = classEnd(regex, i);
        if (i < 0) {
          return null;
        }
        i = skipQuantifier(regex, i);
        continue;
      }
      if (c == '(') {
        if (depth == 0) {
          best = longer(best, run);
          run.setLength(0);
        }
        depth++;
        i++;
        continue;
      }
      if (c == ')') {
        depth--;
        i++;
        if (depth == 0) {
          i = skipQuantifier(regex, i);
        }
        continue;
      }
      if (depth > 0) {
        i++;
        continue;
      }
      if (c == '|') {
        return null;
      }
      if (c == '^' || c == '$' || c == '.') {
        best = longer(best, run);
        run.setLength(0);
        i++;
        continue;
      }
      if (quantified(regex, i)) {
        run.setLength(0);
        i = skipQuantifier(regex, i);
        continue;
      }
      i++;
      if (quantified(regex, i)) {
        // The character before a quantifier is optional or repeated: the run so far ends before it.
        best = longer(best, run);
        run.setLength(0);
        i = skipQuantifier(regex, i);
      } else {
        run.append(c);
      }
    }
    best = longer(best, run);
    return best;
  }

  private static boolean quantified(String regex, int at) {
    if (at >= regex.length()) {
      return false;
    }
    char c = regex.charAt(at);
    return c == '*' || c == '+' || c == '?' || c == '{';
  }

  // Past a quantifier at `at` (*, +, ?, {n,m}, each possibly lazy or possessive), or `at` itself when none.
  private static int skipQuantifier(String regex, int at) {
    if (!quantified(regex, at)) {
      return at;
    }
    int i = at;
    if (regex.charAt(i) == '{') {
      int close = regex.indexOf('}', i);
      i = close < 0 ? regex.length() : close + 1;
    } else {
      i++;
    }
    if (i < regex.length() && (regex.charAt(i) == '?' || regex.charAt(i) == '+')) {
      i++;
    }
    return i;
  }

  private static int classEnd(String regex, int open) {
    int i = open + 1;
    if (i < regex.length() && regex.charAt(i) == '^') {
      i++;
    }
    if (i < regex.length() && regex.charAt(i) == ']') {
      i++;
    }
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == ']') {
        return i + 1;
      } else {
        i++;
      }
    }
    return -1;
  }

  private static String longer(String best, StringBuilder run) {
    if (run.length() >= MIN_CHARS && (best == null || run.length() > best.length())) {
      return run.toString();
    }
    return best;
  }
}
