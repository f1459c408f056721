package io.logwarden.redact.tokens;

/** ASCII character classes for token shapes and the secret scanners: a bit set per character, read from one table. */
public final class CharClasses {

  public static final int ALNUM = 1;
  public static final int UPNUM = 1 << 1; // A-Z 0-9
  public static final int HEX = 1 << 2;
  public static final int B64URL = 1 << 3; // alnum - _
  public static final int B64 = 1 << 4; // alnum + /
  public static final int TOKEN68 = 1 << 5; // alnum - . _ ~ + /
  public static final int KEY = 1 << 6; // alnum _ - .
  public static final int AZURE = 1 << 7; // alnum _ - . ~
  public static final int SLACK = 1 << 8; // alnum -
  public static final int WORD = 1 << 9; // alnum _
  public static final int LOWER = 1 << 10;
  public static final int UPPER = 1 << 11;
  public static final int DIGIT = 1 << 12;
  public static final int PATH = 1 << 13; // alnum _ - /
  /** The punctuation at which a scanner looks closer: {@code : = - < [ ( @ \ %}. */
  public static final int ANCHOR = 1 << 14;
  public static final int LETTER = LOWER | UPPER;
  /** Either base64 alphabet: alnum + / - _. */
  public static final int BASE64_ANY = B64 | B64URL;

  private static final int[] CLS = new int[128];

  static {
    for (char c = 0; c < 128; c++) {
      int m = 0;
      boolean lower = c >= 'a' && c <= 'z';
      boolean upper = c >= 'A' && c <= 'Z';
      boolean digit = c >= '0' && c <= '9';
      if (lower || upper || digit) {
        m |= ALNUM | B64URL | B64 | TOKEN68 | KEY | AZURE | SLACK | WORD | PATH;
      }
      if (lower) {
        m |= LOWER;
      }
      if (upper) {
        m |= UPPER | UPNUM;
      }
      if (digit) {
        m |= DIGIT | UPNUM | HEX;
      }
      if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) {
        m |= HEX;
      }
      switch (c) {
        case '-' -> m |= B64URL | TOKEN68 | KEY | AZURE | SLACK | PATH;
        case '_' -> m |= B64URL | TOKEN68 | KEY | AZURE | WORD | PATH;
        case '.' -> m |= TOKEN68 | KEY | AZURE;
        case '~' -> m |= TOKEN68 | AZURE;
        case '+' -> m |= B64 | TOKEN68;
        case '/' -> m |= B64 | TOKEN68 | PATH;
        default -> { }
      }
      if (":=-<[(@\\%".indexOf(c) >= 0) {
        m |= ANCHOR;
      }
      CLS[c] = m;
    }
  }

  private CharClasses() {}

  /** The classes of {@code c} as bits; none outside ASCII. */
  public static int classes(char c) {
    return c < 128 ? CLS[c] : 0;
  }

  public static boolean is(char c, int cls) {
    return c < 128 && (CLS[c] & cls) != 0;
  }

  /** The end of the run of {@code cls} characters that starts at {@code from}, at most {@code end}. */
  public static int run(String t, int from, int end, int cls) {
    int i = from;
    while (i < end && is(t.charAt(i), cls)) {
      i++;
    }
    return i;
  }

  /** The start of the run of {@code cls} characters that ends at {@code to}, at least {@code start}. */
  public static int runBack(String t, int to, int start, int cls) {
    int i = to;
    while (i > start && is(t.charAt(i - 1), cls)) {
      i--;
    }
    return i;
  }

  public static boolean boundaryBefore(String t, int i) {
    return i == 0 || !is(t.charAt(i - 1), ALNUM);
  }

  public static boolean boundaryAfter(String t, int e) {
    return e >= t.length() || !is(t.charAt(e), ALNUM);
  }

  public static boolean isHexDigit(char c) {
    return is(c, HEX);
  }

  public static int hexValue(char c) {
    if (c <= '9') {
      return c - '0';
    }
    return (c | 0x20) - 'a' + 10;
  }

  /** Upper-case, lower-case and a digit or base64 symbol, and not a hex digest. */
  public static boolean mixedClasses(String t, int s, int e) {
    boolean upper = false;
    boolean lower = false;
    boolean other = false;
    boolean nonHex = false;
    for (int k = s; k < e; k++) {
      char c = t.charAt(k);
      upper |= is(c, UPPER);
      lower |= is(c, LOWER);
      other |= is(c, DIGIT) || c == '+' || c == '/';
      nonHex |= !is(c, HEX);
    }
    return upper && lower && other && nonHex;
  }

  /** Mixed case and digits, and not a hex digest. */
  public static boolean looksRandom(String t, int s, int e) {
    boolean upper = false;
    boolean lower = false;
    boolean digit = false;
    boolean nonHex = false;
    for (int k = s; k < e; k++) {
      char c = t.charAt(k);
      upper |= is(c, UPPER);
      lower |= is(c, LOWER);
      digit |= is(c, DIGIT);
      nonHex |= !is(c, HEX);
    }
    return upper && lower && digit && nonHex;
  }
}
