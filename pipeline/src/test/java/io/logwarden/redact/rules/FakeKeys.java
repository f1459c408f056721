package io.logwarden.redact.rules;

import java.util.Random;

/**
 * Random characters for fake keys, built at run time so that the repository holds no string that
 * looks like a live key (tests split every prefix, e.g. {@code "shp" + "at_"}).
 */
final class FakeKeys {

  static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  static final String DIGITS = "0123456789";
  static final String ALNUM = UPPER + LOWER + DIGITS;
  static final String LOWER_ALNUM = LOWER + DIGITS;
  static final String UPPER_ALNUM = UPPER + DIGITS;
  static final String HEX = "0123456789abcdef";
  static final String B64 = ALNUM + "+/";
  static final String WORD_DASH = ALNUM + "_-";

  private FakeKeys() {}

  static String chars(Random r, String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** Random characters with an upper-case letter, a lower-case letter and a digit among them. */
  static String mixed(Random r, int n) {
    char[] c = chars(r, ALNUM, n).toCharArray();
    c[0] = UPPER.charAt(r.nextInt(26));
    c[1] = LOWER.charAt(r.nextInt(26));
    c[2] = DIGITS.charAt(r.nextInt(10));
    return new String(c);
  }

  /** A random UUID in its lower-case text form. */
  static String uuid(Random r) {
    return chars(r, HEX, 8) + "-" + chars(r, HEX, 4) + "-" + chars(r, HEX, 4) + "-" + chars(r, HEX, 4) + "-"
        + chars(r, HEX, 12);
  }
}
