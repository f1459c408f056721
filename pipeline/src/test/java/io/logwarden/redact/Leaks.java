package io.logwarden.redact;

import java.util.ArrayList;
import java.util.List;

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
    for (String piece : pieces(secret)) {
      if (output.contains(piece)) {
        return piece;
      }
    }
    return null;
  }

  /** Every {@value #PIECE}-character window of {@code secret}, or the secret itself when shorter. */
  public static List<String> pieces(String secret) {
    List<String> out = new ArrayList<>();
    if (secret.length() <= PIECE) {
      out.add(secret);
      return out;
    }
    for (int i = 0; i + PIECE <= secret.length(); i++) {
      out.add(secret.substring(i, i + PIECE));
    }
    return out;
  }
}
