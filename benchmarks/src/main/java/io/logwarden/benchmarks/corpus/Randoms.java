package io.logwarden.benchmarks.corpus;

import java.util.List;
import java.util.SplittableRandom;

/** Random pieces of text and choices for the corpus generator. */
final class Randoms {

  static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  static final String BASE64URL = ALNUM + "-_";
  static final String HEX = "0123456789abcdef";

  private Randoms() {}

  static String of(SplittableRandom random, String alphabet, int length) {
    char[] text = new char[length];
    for (int i = 0; i < length; i++) {
      text[i] = alphabet.charAt(random.nextInt(alphabet.length()));
    }
    return new String(text);
  }

  static String alnum(SplittableRandom random, int length) {
    return of(random, ALNUM, length);
  }

  static String digits(SplittableRandom random, int length) {
    return random.nextInt(1, 10) + of(random, "0123456789", length - 1);
  }

  static String hex(SplittableRandom random, int length) {
    return of(random, HEX, length);
  }

  static <T> T pick(SplittableRandom random, List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  static String pick(SplittableRandom random, String... choices) {
    return choices[random.nextInt(choices.length)];
  }

  /** A UUID-shaped id (version 4 layout) from the random. */
  static String uuid(SplittableRandom random) {
    String hex = hex(random, 32);
    return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-4" + hex.substring(13, 16) + "-a"
        + hex.substring(17, 20) + "-" + hex.substring(20);
  }
}
