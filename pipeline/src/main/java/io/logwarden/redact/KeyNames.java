package io.logwarden.redact;

import static io.logwarden.redact.tokens.CharClasses.LETTER;
import static io.logwarden.redact.tokens.CharClasses.LOWER;
import static io.logwarden.redact.tokens.CharClasses.UPPER;
import static io.logwarden.redact.tokens.CharClasses.is;

/**
 * Whether a field, header, parameter or element name says its value is a secret, and which kind of
 * value it holds (a generic secret, an Authorization credential, cookies); see
 * {@link SecretScanner#isSecretKey} for the rule.
 */
final class KeyNames {

  static final int NONE = 0;
  static final int GENERIC = 1;
  static final int AUTHORIZATION = 2;
  static final int COOKIE = 3;
  static final int SET_COOKIE = 4;

  private static final String[] EXACT_WORDS = {"pwd", "pass", "passphrase", "passcode", "signature", "sig"};
  private static final String[] SUFFIX_WORDS = {
    "password", "passwd", "secret", "token", "credential", "credentials", "apikey", "accesskey",
    "privatekey", "secretkey"
  };
  private static final String[] KEY_QUALIFIERS = {
    "api", "access", "private", "secret", "signing", "encryption", "client", "master", "auth",
    "session", "app", "account", "subscription", "license"
  };
  /** A token after one of these words is a position in a listing, not a credential. */
  private static final String[] PAGING_WORDS = {"page", "next", "continuation", "pagination"};

  /** The member of a name/value pair that holds the name ({"name":"x-api-key","value":...}). */
  private static final String[] PAIR_NAME_WORDS = {
    "name", "key", "header", "field", "param", "parameter", "property", "variable", "attribute"
  };

  /** Bit {@code n} set when a pair name has {@code n} letters; bit {@code c - 'a'} of the other when one starts with {@code c}. */
  private static final int PAIR_NAME_LENGTHS;
  private static final int PAIR_NAME_FIRST_LETTERS;

  static {
    int lengths = 0;
    int letters = 0;
    for (String w : PAIR_NAME_WORDS) {
      lengths |= 1 << w.length();
      letters |= 1 << (w.charAt(0) - 'a');
    }
    PAIR_NAME_LENGTHS = lengths;
    PAIR_NAME_FIRST_LETTERS = letters;
  }

  private KeyNames() {}

  /** The kind of value that the name in {@code [ks, ke)} announces, {@link #NONE} for most names. */
  static int kind(String t, int ks, int ke) {
    int e = trimKeyEnd(t, ks, ke);
    if (e <= ks) {
      return NONE;
    }
    // Every secret word ends in one of these letters: most keys are rejected here, before any compare.
    switch (t.charAt(e - 1) | 0x20) {
      case 'd', 's', 'e', 't', 'n', 'l', 'y', 'g' -> { }
      default -> {
        return NONE;
      }
    }
    int s = wordStart(t, ks, e);
    int len = e - s;
    char last = (char) (t.charAt(e - 1) | 0x20);
    if (last == 'n' && endsWithWord(t, s, e, "authorization")) {
      return AUTHORIZATION;
    }
    if (last == 'e' && endsWithWord(t, s, e, "cookie")) {
      if (len == "setcookie".length() && t.regionMatches(true, s, "setcookie", 0, len)) {
        return SET_COOKIE;
      }
      if (len == 6 && previousWordIs(t, ks, s, "set")) {
        return SET_COOKIE;
      }
      return COOKIE;
    }
    for (String w : SUFFIX_WORDS) {
      if (w.charAt(w.length() - 1) == last && endsWithWord(t, s, e, w)) {
        return w.equals("token") && pagingToken(t, ks, s, e) ? NONE : GENERIC;
      }
    }
    for (String w : EXACT_WORDS) {
      if (len == w.length() && w.charAt(len - 1) == last && t.regionMatches(true, s, w, 0, len)) {
        return GENERIC;
      }
    }
    if (len == 3 && t.regionMatches(true, s, "key", 0, 3)) {
      for (String q : KEY_QUALIFIERS) {
        if (previousWordIs(t, ks, s, q)) {
          return GENERIC;
        }
      }
    }
    return NONE;
  }

  /** Whether the last word of {@code [ks, ke)} is {@code key}, which a word in front may qualify. */
  static boolean endsInKey(String t, int ks, int ke) {
    int e = trimKeyEnd(t, ks, ke);
    return e - ks >= 3 && (t.charAt(e - 1) | 0x20) == 'y' && e - wordStart(t, ks, e) == 3
        && t.regionMatches(true, e - 3, "key", 0, 3);
  }

  /** {@code next_page_token}, {@code nextPageToken}, {@code NextToken}, {@code continuationtoken}. */
  private static boolean pagingToken(String t, int ks, int s, int e) {
    if (e - s > 5) {
      // a run-together lower-case word: "nextpagetoken"
      for (String p : PAGING_WORDS) {
        if (endsWithWord(t, s, e - 5, p)) {
          return true;
        }
      }
      return false;
    }
    for (String p : PAGING_WORDS) {
      if (previousWordIs(t, ks, s, p)) {
        return true;
      }
    }
    return false;
  }

  /** Whether the word before the one starting at {@code s} (within {@code [ks, s)}) is {@code w}. */
  private static boolean previousWordIs(String t, int ks, int s, String w) {
    int pe = trimKeyEnd(t, ks, s);
    if (pe <= ks) {
      return false;
    }
    int ps = wordStart(t, ks, pe);
    return pe - ps == w.length() && t.regionMatches(true, ps, w, 0, w.length());
  }

  /** Whether {@code [s, e)} is one of the names under which a name/value pair keeps its name. */
  static boolean isPairName(String t, int s, int e) {
    int len = e - s;
    if (len > 30 || (PAIR_NAME_LENGTHS & (1 << len)) == 0) {
      return false;
    }
    char first = (char) (t.charAt(s) | 0x20);
    if (first < 'a' || first > 'z' || (PAIR_NAME_FIRST_LETTERS & (1 << (first - 'a'))) == 0) {
      return false;
    }
    for (String w : PAIR_NAME_WORDS) {
      if (len == w.length() && w.charAt(0) == first && t.regionMatches(true, s, w, 0, len)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code [s, e)} names the value member of a name/value pair: {@code value} or {@code val}. */
  static boolean isValueName(String t, int s, int e) {
    int len = e - s;
    return (len == 5 && t.regionMatches(true, s, "value", 0, 5)) || (len == 3 && t.regionMatches(true, s, "val", 0, 3));
  }

  /** End of the last word of {@code [ks, ke)}, skipping trailing separators and digits. */
  static int trimKeyEnd(String t, int ks, int ke) {
    int e = ke;
    while (e > ks && !is(t.charAt(e - 1), LETTER)) {
      e--;
    }
    return e;
  }

  /** Start of the word that ends at {@code e}: a lower-case run with its capital, or an upper-case run. */
  static int wordStart(String t, int ks, int e) {
    int j = e - 1;
    char c = t.charAt(j);
    if (is(c, LOWER)) {
      while (j > ks && is(t.charAt(j - 1), LOWER)) {
        j--;
      }
      if (j > ks && is(t.charAt(j - 1), UPPER)) {
        j--;
      }
    } else {
      while (j > ks && is(t.charAt(j - 1), UPPER)) {
        j--;
      }
    }
    return j;
  }

  private static boolean endsWithWord(String t, int s, int e, String w) {
    int len = w.length();
    return e - s >= len && t.regionMatches(true, e - len, w, 0, len);
  }
}
