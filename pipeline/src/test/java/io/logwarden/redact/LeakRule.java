package io.logwarden.redact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * When a secret counts as leaked: some run of {@value #PIECE} of its characters survives in the
 * output, or the whole secret where it is shorter. A marker in place of the secret, or a remainder
 * too short to use, is no leak.
 */
public final class LeakRule {

  /** The length of a surviving piece that counts as a leak. */
  public static final int PIECE = 12;

  private LeakRule() {}

  /** Every run of {@value #PIECE} characters of {@code secret}, or the secret itself when shorter. */
  public static List<String> pieces(String secret) {
    if (secret.length() <= PIECE) {
      return List.of(secret);
    }
    LinkedHashSet<String> pieces = new LinkedHashSet<>();
    for (int i = 0; i + PIECE <= secret.length(); i++) {
      pieces.add(secret.substring(i, i + PIECE));
    }
    return new ArrayList<>(pieces);
  }

  /** The first of {@code pieces} that occurs in {@code text}. */
  public static Optional<String> survivor(Collection<String> pieces, String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    for (String piece : pieces) {
      if (!piece.isEmpty() && text.contains(piece)) {
        return Optional.of(piece);
      }
    }
    return Optional.empty();
  }

  /** Whether {@code secret} leaks in {@code text}. */
  public static boolean leaks(String secret, String text) {
    return survivor(pieces(secret), text).isPresent();
  }
}
