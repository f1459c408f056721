package io.logwarden.benchmarks.corpus;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Ranks 1..n drawn from a Zipf distribution: rank k with probability proportional to 1 / k^s. The
 * cumulative weights are computed once; a draw is a uniform number and a binary search over them.
 */
public final class ZipfSampler {

  private final double[] cumulative;
  private final double total;

  /**
   * @param n the number of ranks
   * @param exponent the exponent s (1.1 for the corpus's users and addresses)
   */
  public ZipfSampler(int n, double exponent) {
    if (n < 1 || exponent <= 0) {
      throw new IllegalArgumentException("n must be at least 1 and the exponent positive");
    }
    cumulative = new double[n];
    double sum = 0;
    for (int k = 1; k <= n; k++) {
      sum += Math.pow(k, -exponent);
      cumulative[k - 1] = sum;
    }
    total = sum;
  }

  /** The number of ranks. */
  public int size() {
    return cumulative.length;
  }

  /** A rank from 1 to {@link #size()}. */
  public int sample(SplittableRandom random) {
    double u = random.nextDouble() * total;
    int found = Arrays.binarySearch(cumulative, u);
    // Not found: (-(insertion point) - 1); the insertion point is the first cumulative weight above u.
    int index = found >= 0 ? found + 1 : -found - 1;
    return Math.min(index, cumulative.length - 1) + 1;
  }

  /** The probability of rank {@code k} (1-based). */
  public double probability(int k) {
    double below = k == 1 ? 0 : cumulative[k - 2];
    return (cumulative[k - 1] - below) / total;
  }
}
