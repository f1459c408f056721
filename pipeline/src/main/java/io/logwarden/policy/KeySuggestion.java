package io.logwarden.policy;

import java.util.Collection;
import java.util.Optional;

/** Suggests the known key a misspelt one was probably meant to be ({@code retentoin} for {@code retention}). */
public final class KeySuggestion {

  private KeySuggestion() {}

  /** The known key nearest to the given one by edit distance, if it is close enough to be a typo. */
  public static Optional<String> closest(String key, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = distance(key.toLowerCase(java.util.Locale.ROOT), candidate);
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    // Two edits cover a swapped pair of letters or a '-' for '_'; more would suggest unrelated keys.
    int allowed = Math.min(2, Math.max(1, key.length() / 3));
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
