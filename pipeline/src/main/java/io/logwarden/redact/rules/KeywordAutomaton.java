package io.logwarden.redact.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds which of a set of literal texts occur in a text, ignoring case, in one pass: the rules'
 * keywords (which rules may match) and the texts their matches start with (where to try them).
 *
 * <p>Every literal has {@value #SHORTEST} characters or more, so the pass reads the text three
 * characters at a time: a bit set over the literals' first three characters (folded to 32 character
 * classes) says at which positions one may start, and only there a trie is walked to see which ones
 * do. The three-character test is independent from one position to the next, so it runs at
 * the speed of reading the text; on log text about one position in sixty passes it.
 *
 * <p>Written by hand rather than taken from a library because the pass runs on every text field of
 * every event: it must allocate nothing when no literal occurs (the common case), fold case per
 * character instead of copying the text, and report ids rather than match objects.
 *
 * <p>Immutable and thread-safe.
 */
final class KeywordAutomaton {

  /** The fewest characters a literal may have. */
  static final int SHORTEST = 3;

  // The filter's classes: a-z, digits, '_', '-', '.', and one for every other character a literal has;
  // 0 for characters none has. Five bits each, so the three-character set is 4 KiB and stays in cache.
  private static final int FILTER_BITS = 5;
  private static final int FILTER_OTHER = 31;
  private static final int FILTER_MASK = (1 << (3 * FILTER_BITS)) - 1;

  private final int width;
  /** {@code child[state * width + class]}: the next trie state, or -1. */
  private final int[] child;
  /** The ids of the literals that end in each state, or null. */
  private final int[][] endingIn;
  /** Class of each ASCII character, upper case folded to lower; 0 for characters no literal has. */
  private final int[] ascii = new int[128];
  private final int[] asciiFilter = new int[128];
  /** The non-ASCII characters literals have, sorted, and their classes. */
  private final char[] wide;
  private final int[] wideClass;
  /** Which first three characters (as filter classes) some literal starts with. */
  private final long[] firstThree = new long[(FILTER_MASK + 1) >>> 6];
  private final int ids;

  /** The longest text whose buffer a thread keeps. */
  private static final int LONGEST_BUFFER = 1 << 16;
  /** Per stream thread, the characters of the text being read; grows with the texts, up to a point. */
  private static final ThreadLocal<char[]> BUFFER = ThreadLocal.withInitial(() -> new char[1024]);

  /**
   * @param literalsById the literals of each id (an id is a rule's index); case is ignored
   * @throws IllegalArgumentException when a literal is shorter than {@value #SHORTEST} characters
   */
  KeywordAutomaton(List<List<String>> literalsById) {
    ids = literalsById.size();
    Map<Character, Integer> classes = new LinkedHashMap<>();
    List<String[]> lowered = new ArrayList<>();
    for (List<String> literals : literalsById) {
      String[] lower = new String[literals.size()];
      for (int k = 0; k < lower.length; k++) {
        lower[k] = literals.get(k).toLowerCase(Locale.ROOT);
        if (lower[k].length() < SHORTEST) {
          throw new IllegalArgumentException("'" + literals.get(k) + "' is shorter than " + SHORTEST + " characters");
        }
        for (char c : lower[k].toCharArray()) {
          classes.putIfAbsent(c, classes.size() + 1);
        }
      }
      lowered.add(lower);
    }
    width = classes.size() + 1;
    for (char c = 0; c < 128; c++) {
      ascii[c] = classes.getOrDefault(Character.toLowerCase(c), 0);
      asciiFilter[c] = ascii[c] == 0 ? 0 : filterClass(Character.toLowerCase(c));
    }
    wide = classes.keySet().stream().filter(c -> c >= 128).sorted()
        .map(String::valueOf).reduce("", String::concat).toCharArray();
    wideClass = new int[wide.length];
    for (int k = 0; k < wide.length; k++) {
      wideClass[k] = classes.get(wide[k]);
    }

    List<int[]> rows = new ArrayList<>();
    List<BitSet> ends = new ArrayList<>();
    rows.add(newRow());
    ends.add(new BitSet());
    for (int id = 0; id < lowered.size(); id++) {
      for (String literal : lowered.get(id)) {
        int state = 0;
        for (char c : literal.toCharArray()) {
          int cls = classes.get(c);
          if (rows.get(state)[cls] < 0) {
            rows.get(state)[cls] = rows.size();
            rows.add(newRow());
            ends.add(new BitSet());
          }
          state = rows.get(state)[cls];
        }
        ends.get(state).set(id);
        int index = (filterClass(literal.charAt(0)) << (2 * FILTER_BITS))
            | (filterClass(literal.charAt(1)) << FILTER_BITS)
            | filterClass(literal.charAt(2));
        firstThree[index >>> 6] |= 1L << index;
      }
    }
    child = new int[rows.size() * width];
    endingIn = new int[rows.size()][];
    for (int state = 0; state < rows.size(); state++) {
      System.arraycopy(rows.get(state), 0, child, state * width, width);
      endingIn[state] = ends.get(state).isEmpty() ? null : ends.get(state).stream().toArray();
    }
  }

  private int[] newRow() {
    int[] row = new int[width];
    Arrays.fill(row, -1);
    return row;
  }

  /** The filter class of a lower-case character some literal has. */
  private static int filterClass(char lower) {
    if (lower >= 'a' && lower <= 'z') {
      return lower - 'a' + 1;
    }
    if (lower >= '0' && lower <= '9') {
      return 27;
    }
    return switch (lower) {
      case '_' -> 28;
      case '-' -> 29;
      case '.' -> 30;
      default -> FILTER_OTHER;
    };
  }

  /**
   * The ids one of whose literals occurs in {@code text}, as a bit set (read it with {@link #has});
   * null, with nothing allocated, when none does.
   */
  long[] scan(String text) {
    int n = text.length();
    if (n < SHORTEST) {
      return null;
    }
    // The characters are read from a copy: String.charAt checks its index and encoding on every call,
    // which costs more than the filter itself; a bulk copy into a per-thread buffer costs little.
    char[] chars = BUFFER.get();
    if (chars.length < n) {
      // A rare huge text (a dead letter's payload) gets a buffer of its own; it is not kept.
      chars = new char[n];
      if (n <= LONGEST_BUFFER) {
        BUFFER.set(chars);
      }
    }
    text.getChars(0, n, chars, 0);
    final int[] filter = asciiFilter;
    final long[] three = firstThree;
    long[] hits = null;
    int window = (filterOf(chars[0]) << FILTER_BITS) | filterOf(chars[1]);
    for (int i = 2; i < n; i++) {
      char c = chars[i];
      window = ((window << FILTER_BITS) | (c < 128 ? filter[c] : filterOf(c))) & FILTER_MASK;
      if ((three[window >>> 6] & (1L << window)) != 0) {
        hits = markFrom(chars, n, i - 2, hits);
      }
    }
    return hits;
  }

  /**
   * Where the literals of the ids in {@code only} occur: {@code [count, id, start, id, start, ...]}
   * in order of start, or null when none does.
   */
  int[] occurrences(String text, long[] only) {
    int n = text.length();
    if (n < SHORTEST) {
      return null;
    }
    int[] found = null;
    int window = (filterOf(text.charAt(0)) << FILTER_BITS) | filterOf(text.charAt(1));
    for (int i = 0; i + 2 < n; i++) {
      window = ((window << FILTER_BITS) | filterOf(text.charAt(i + 2))) & FILTER_MASK;
      if ((firstThree[window >>> 6] & (1L << window)) != 0) {
        found = collectFrom(text, i, only, found);
      }
    }
    return found;
  }

  private long[] markFrom(char[] chars, int n, int start, long[] hits) {
    int state = 0;
    for (int j = start; j < n; j++) {
      state = child[state * width + classOf(chars[j])];
      if (state < 0) {
        break;
      }
      int[] ending = endingIn[state];
      if (ending != null) {
        if (hits == null) {
          hits = new long[(ids + 63) >>> 6];
        }
        for (int id : ending) {
          hits[id >>> 6] |= 1L << id;
        }
      }
    }
    return hits;
  }

  private int[] collectFrom(String text, int start, long[] only, int[] found) {
    int state = 0;
    for (int j = start, n = text.length(); j < n; j++) {
      state = child[state * width + classOf(text.charAt(j))];
      if (state < 0) {
        break;
      }
      int[] ending = endingIn[state];
      if (ending != null) {
        for (int id : ending) {
          if (has(only, id)) {
            found = append(found, id, start);
          }
        }
      }
    }
    return found;
  }

  private static int[] append(int[] found, int id, int start) {
    int[] out = found == null ? new int[17] : found;
    int count = out[0];
    if (1 + 2 * count + 2 > out.length) {
      out = Arrays.copyOf(out, out.length * 2 + 1);
    }
    out[1 + 2 * count] = id;
    out[2 + 2 * count] = start;
    out[0] = count + 1;
    return out;
  }

  private int classOf(char c) {
    if (c < 128) {
      return ascii[c];
    }
    if (wide.length == 0) {
      return 0;
    }
    int k = Arrays.binarySearch(wide, Character.toLowerCase(c));
    return k < 0 ? 0 : wideClass[k];
  }

  private int filterOf(char c) {
    if (c < 128) {
      return asciiFilter[c];
    }
    return classOf(c) == 0 ? 0 : FILTER_OTHER;
  }

  /** Whether {@code id} is in a set {@link #scan} returned. */
  static boolean has(long[] hits, int id) {
    return hits != null && (hits[id >>> 6] & (1L << id)) != 0;
  }
}
