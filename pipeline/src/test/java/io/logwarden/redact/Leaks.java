package io.logwarden.redact;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The leak rule of the secret tests: after redaction no 12-character piece of a planted secret may be
 * left in the output, or, for a secret shorter than that, the secret itself.
 */
public final class Leaks {

  /** The length of the pieces looked for. */
  public static final int PIECE = 12;

  private Leaks() {}

  /** Fails, naming the piece, when a piece of {@code secret} is in {@code output}. */
  public static void assertNoPieceSurvives(String output, String secret) {
    String piece = survivingPiece(output, secret);
    if (piece != null) {
      throw new AssertionError("piece \"" + piece + "\" of the secret survived in: " + output);
    }
  }

  /** Whether no piece of {@code secret} is in {@code output}. */
  public static boolean noPieceSurvives(String output, String secret) {
    return survivingPiece(output, secret) == null;
  }

  /** The first piece of {@code secret} found in {@code output}, or null. */
  public static String survivingPiece(String output, String secret) {
    return survivor(pieces(secret), output).orElse(null);
  }

  /** Every {@value #PIECE}-character window of {@code secret} (each once), or the secret itself when shorter. */
  public static List<String> pieces(String secret) {
    if (secret.length() <= PIECE) {
      return List.of(secret);
    }
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (int i = 0; i + PIECE <= secret.length(); i++) {
      out.add(secret.substring(i, i + PIECE));
    }
    return new ArrayList<>(out);
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
}
