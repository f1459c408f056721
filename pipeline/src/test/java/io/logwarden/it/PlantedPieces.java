package io.logwarden.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds any {@value #PIECE}-character piece of a set of planted secrets in large amounts of output,
 * with a rolling hash (a hundred megabytes of output against a hundred thousand pieces in seconds).
 * Pieces that occur in more than one planted secret are the fixed parts of a token's shape (a
 * provider prefix, a JWT header), not the secret, and are left out.
 */
final class PlantedPieces {

  /** The length of a recognisable piece of a secret. */
  static final int PIECE = 12;
  private static final long BASE = 1_000_003L;
  private static final long BASE_POW;

  static {
    long pow = 1;
    for (int i = 0; i < PIECE - 1; i++) {
      pow *= BASE;
    }
    BASE_POW = pow;
  }

  private final Map<Long, List<byte[]>> byHash = new HashMap<>();
  private final BitSet filter = new BitSet(1 << 24);
  private final int pieces;

  PlantedPieces(Collection<String> secrets) {
    Map<String, Set<String>> owners = new HashMap<>();
    for (String secret : new HashSet<>(secrets)) {
      for (int i = 0; i + PIECE <= secret.length(); i++) {
        owners.computeIfAbsent(secret.substring(i, i + PIECE), p -> new HashSet<>()).add(secret);
      }
    }
    int kept = 0;
    for (Map.Entry<String, Set<String>> entry : owners.entrySet()) {
      if (entry.getValue().size() > 1) {
        continue;
      }
      byte[] piece = entry.getKey().getBytes(StandardCharsets.UTF_8);
      if (piece.length != PIECE) {
        continue; // planted secrets are ASCII; anything else is not compared byte for byte
      }
      long hash = hash(piece, 0);
      byHash.computeIfAbsent(hash, h -> new ArrayList<>()).add(piece);
      filter.set(slot(hash));
      kept++;
    }
    this.pieces = kept;
  }

  /** Leaves out the pieces that occur in this text: it is part of the input corpus, not of a planted secret. */
  void exclude(byte[] data) {
    if (data == null) {
      return;
    }
    for (int i = 0; i + PIECE <= data.length; i++) {
      long hash = hash(data, i);
      List<byte[]> candidates = byHash.get(hash);
      if (candidates != null) {
        int at = i;
        candidates.removeIf(piece -> Arrays.equals(data, at, at + PIECE, piece, 0, PIECE));
      }
    }
  }

  int size() {
    return pieces;
  }

  /** The first planted piece found in the bytes, or null. */
  String find(byte[] data) {
    if (data == null || data.length < PIECE) {
      return null;
    }
    long hash = hash(data, 0);
    for (int i = 0; ; i++) {
      if (filter.get(slot(hash))) {
        List<byte[]> candidates = byHash.get(hash);
        if (candidates != null) {
          for (byte[] piece : candidates) {
            if (Arrays.equals(data, i, i + PIECE, piece, 0, PIECE)) {
              return new String(piece, StandardCharsets.UTF_8);
            }
          }
        }
      }
      if (i + PIECE >= data.length) {
        return null;
      }
      hash = (hash - (data[i] & 0xff) * BASE_POW) * BASE + (data[i + PIECE] & 0xff);
    }
  }

  String find(String text) {
    return text == null ? null : find(text.getBytes(StandardCharsets.UTF_8));
  }

  private static long hash(byte[] data, int from) {
    long hash = 0;
    for (int i = from; i < from + PIECE; i++) {
      hash = hash * BASE + (data[i] & 0xff);
    }
    return hash;
  }

  private static int slot(long hash) {
    return (int) ((hash * 0x9E3779B97F4A7C15L) >>> 40);
  }
}
