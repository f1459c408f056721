package io.logwarden.redact.rules;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds which rules' keywords occur in a text, ignoring case, in one pass: an Aho-Corasick automaton
 * over all keywords, compiled to a full transition table on a small alphabet (the characters the
 * keywords use; every other character is one class).
 *
 * <p>Written by hand rather than taken from a library because the pass runs on every text field of
 * every event: it must allocate nothing when no keyword occurs (the common case), fold case per
 * character instead of copying the text, and report rules rather than match objects.
 *
 * <p>Immutable and thread-safe.
 */
final class KeywordAutomaton {

  /** Number of character classes; class 0 is every character no keyword uses. */
  private final int width;
  /**
   * {@code next[state * width + class]} is the next state times {@code width}; stored as its
   * complement ({@code ~}) when a keyword ends in that state.
   */
  private final int[] next;
  /** The rules whose keywords end in each state (by state number). */
  private final int[][] rulesEndingIn;
  /** Class of each ASCII character, upper case folded to lower. */
  private final int[] ascii = new int[128];
  /** The non-ASCII characters keywords use, sorted, and their classes. */
  private final char[] wide;
  private final int[] wideClass;
  private final int ruleCount;

  /**
   * @param keywordsByRule the keywords of each rule, by rule index; case is ignored
   */
  KeywordAutomaton(List<List<String>> keywordsByRule) {
    ruleCount = keywordsByRule.size();
    Map<Character, Integer> classes = new LinkedHashMap<>();
    List<String[]> lowered = new ArrayList<>();
    for (List<String> keywords : keywordsByRule) {
      String[] lower = new String[keywords.size()];
      for (int k = 0; k < lower.length; k++) {
        lower[k] = keywords.get(k).toLowerCase(Locale.ROOT);
        for (char c : lower[k].toCharArray()) {
          classes.putIfAbsent(c, classes.size() + 1);
        }
      }
      lowered.add(lower);
    }
    width = classes.size() + 1;
    for (char c = 0; c < 128; c++) {
      ascii[c] = classes.getOrDefault(Character.toLowerCase(c), 0);
    }
    char[] wideChars = classes.keySet().stream().filter(c -> c >= 128).map(String::valueOf)
        .sorted().reduce("", String::concat).toCharArray();
    wide = wideChars;
    wideClass = new int[wide.length];
    for (int k = 0; k < wide.length; k++) {
      wideClass[k] = classes.get(wide[k]);
    }

    // The trie.
    List<int[]> child = new ArrayList<>();
    List<BitSet> ends = new ArrayList<>();
    child.add(newRow());
    ends.add(new BitSet());
    for (int rule = 0; rule < lowered.size(); rule++) {
      for (String keyword : lowered.get(rule)) {
        int state = 0;
        for (char c : keyword.toCharArray()) {
          int cls = classes.get(c);
          if (child.get(state)[cls] < 0) {
            child.get(state)[cls] = child.size();
            child.add(newRow());
            ends.add(new BitSet());
          }
          state = child.get(state)[cls];
        }
        ends.get(state).set(rule);
      }
    }

    // Failure links, breadth first, turning the trie into a full transition table.
    int states = child.size();
    int[] fail = new int[states];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    int[] root = child.get(0);
    for (int cls = 0; cls < width; cls++) {
      if (root[cls] < 0) {
        root[cls] = 0;
      } else {
        fail[root[cls]] = 0;
        queue.add(root[cls]);
      }
    }
    while (!queue.isEmpty()) {
      int state = queue.poll();
      int[] row = child.get(state);
      int[] fallback = child.get(fail[state]);
      for (int cls = 0; cls < width; cls++) {
        int target = row[cls];
        if (target < 0) {
          row[cls] = fallback[cls];
        } else {
          fail[target] = fallback[cls];
          ends.get(target).or(ends.get(fail[target]));
          queue.add(target);
        }
      }
    }

    next = new int[states * width];
    rulesEndingIn = new int[states][];
    for (int state = 0; state < states; state++) {
      rulesEndingIn[state] = ends.get(state).stream().toArray();
      int[] row = child.get(state);
      for (int cls = 0; cls < width; cls++) {
        int target = row[cls];
        int value = target * width;
        next[state * width + cls] = ends.get(target).isEmpty() ? value : ~value;
      }
    }
  }

  private int[] newRow() {
    int[] row = new int[width];
    Arrays.fill(row, -1);
    return row;
  }

  /**
   * The rules one of whose keywords occurs in {@code text}, as a bit set over rule indexes (read it
   * with {@link #has}); null, with nothing allocated, when none does.
   */
  long[] scan(String text) {
    long[] hits = null;
    final int[] table = next;
    final int[] classOf = ascii;
    int state = 0;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      int target = table[state + (c < 128 ? classOf[c] : wideClassOf(c))];
      if (target < 0) {
        target = ~target;
        hits = mark(hits, rulesEndingIn[target / width]);
      }
      state = target;
    }
    return hits;
  }

  private long[] mark(long[] hits, int[] rules) {
    long[] out = hits == null ? new long[(ruleCount + 63) >>> 6] : hits;
    for (int rule : rules) {
      out[rule >>> 6] |= 1L << rule;
    }
    return out;
  }

  private int wideClassOf(char c) {
    if (wide.length == 0) {
      return 0;
    }
    int k = Arrays.binarySearch(wide, Character.toLowerCase(c));
    return k < 0 ? 0 : wideClass[k];
  }

  /** Whether {@code rule} is in a set {@link #scan} returned. */
  static boolean has(long[] hits, int rule) {
    return hits != null && (hits[rule >>> 6] & (1L << rule)) != 0;
  }
}
