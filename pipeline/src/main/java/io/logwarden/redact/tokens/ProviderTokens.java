package io.logwarden.redact.tokens;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The registry of provider token shapes, and the lookup the secret scan runs at the start of each
 * word. A new provider is one {@link TokenFamily} class in this package, listed in {@link #FAMILIES};
 * {@code TokenShapesTest} then asks for a fake token of each of its prefixes, and the generated
 * reference ({@code docs/reference/secret-kinds.md}) lists it.
 *
 * <p>The lookup stays as cheap as the hand-written dispatch it replaced: a bit set of possible second
 * characters per first character rules out most words with one array read; the shapes of the word's
 * first two characters (one or two mostly, eight for {@code sk}) are tried longest prefix first, and
 * the first whose prefix matches decides alone.
 */
public final class ProviderTokens {

  /** Every registered family, in the order of the generated reference. */
  public static final List<TokenFamily> FAMILIES = List.of(
      AwsKeys.FAMILY,
      GitHubTokens.FAMILY,
      GitLabTokens.FAMILY,
      SlackTokens.FAMILY,
      StripeKeys.FAMILY,
      AiProviderKeys.FAMILY,
      GoogleKeys.FAMILY,
      AzureClientSecrets.FAMILY,
      SendGridKeys.FAMILY,
      TwilioKeys.FAMILY,
      PackageRegistryTokens.FAMILY,
      VaultTokens.FAMILY,
      DatabricksTokens.FAMILY,
      OnePasswordKeys.FAMILY,
      FlyIoTokens.FAMILY,
      AuthressKeys.FAMILY,
      JsonWebTokens.FAMILY);

  /** Every shape, longest prefix first; {@link #match} returns indexes into it. */
  private static final TokenShape[] SHAPES;
  /** For each first two characters {@code c, c1} at {@code c << 6 | (c1 & 63)}, the indexes of their shapes. */
  private static final int[][] BY_PAIR = new int[128 << 6][];
  /** For each ASCII first character, the possible second characters as bits {@code 1 << (c1 & 63)}. */
  private static final long[] SECOND = new long[128];

  static {
    List<TokenShape> all = new ArrayList<>();
    FAMILIES.forEach(family -> all.addAll(family.shapes()));
    all.sort(Comparator.comparingInt((TokenShape shape) -> shape.prefix().length()).reversed());
    SHAPES = all.toArray(TokenShape[]::new);
    for (int k = 0; k < SHAPES.length; k++) {
      String prefix = SHAPES[k].prefix();
      char c = prefix.charAt(0);
      if (c >= 128 || prefix.charAt(1) >= 128) {
        throw new IllegalStateException("a token prefix must start with two ASCII characters: " + prefix);
      }
      int pair = c << 6 | (prefix.charAt(1) & 63);
      int[] bucket = BY_PAIR[pair] == null ? new int[0] : BY_PAIR[pair];
      int[] grown = Arrays.copyOf(bucket, bucket.length + 1);
      grown[bucket.length] = k;
      BY_PAIR[pair] = grown;
      SECOND[c] |= 1L << (prefix.charAt(1) & 63);
    }
  }

  private ProviderTokens() {}

  /**
   * The token that starts at {@code i} (the start of a word), as {@code shapeIndex << 32 | end}, or
   * -1. A shape found by its prefix whose body does not fit gives -1: no shorter prefix is tried.
   */
  public static long match(String t, int i) {
    char c = t.charAt(i);
    if (c >= 128 || i + 1 >= t.length()) {
      return -1;
    }
    char c1 = t.charAt(i + 1);
    if ((SECOND[c] & (1L << (c1 & 63))) == 0) {
      return -1;
    }
    for (int k : BY_PAIR[c << 6 | (c1 & 63)]) {
      TokenShape shape = SHAPES[k];
      if (t.startsWith(shape.prefix(), i)) {
        int end = shape.end().end(t, i);
        return end > i ? (long) k << 32 | end : -1;
      }
    }
    return -1;
  }

  /** The shape of a {@link #match} result. */
  public static TokenShape shape(long match) {
    return SHAPES[(int) (match >>> 32)];
  }

  /** The end of a {@link #match} result. */
  public static int end(long match) {
    return (int) match;
  }

  /** Every kind the registered families can report, in registry order. */
  public static List<String> kinds() {
    List<String> kinds = new ArrayList<>();
    for (TokenFamily family : FAMILIES) {
      for (String kind : family.kinds()) {
        if (!kinds.contains(kind)) {
          kinds.add(kind);
        }
      }
    }
    return kinds;
  }
}
