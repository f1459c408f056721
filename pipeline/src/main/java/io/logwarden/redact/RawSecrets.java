package io.logwarden.redact;

import java.util.ArrayList;
import java.util.List;

/**
 * The secrets a record's raw text holds, found by scanning the text once before it is parsed, to be
 * replaced wherever the parsed fields hold them. Parsing can part a credential from what marks it (a
 * JSON pair's name from its value, an escaped JSON string from its key, a multi-line record from its
 * first line); the raw text still has them side by side. Each secret is also sought in the forms
 * parsing may decode it to: JSON string escapes resolved ({@code \u002F}, {@code \"}) and
 * percent-encoding resolved. The raw bytes themselves are never rewritten. Immutable.
 */
public final class RawSecrets {

  /** No secrets: replaces nothing, and vouches for no text. */
  public static final RawSecrets NONE = new RawSecrets(new String[0], new String[0], null, new int[0], true);

  /** Shorter finds are left to the field scan: as text they would match too much that is not them. */
  static final int MIN_LENGTH = 4;

  private final String[] texts;
  private final String[] kinds;
  /** The raw text, or null when there is none to vouch with. */
  private final String raw;
  /** Where the scan found something in the raw text: start, end, start, end, ... in text order. */
  private final int[] found;

  /** Whether the rule set could find anything in the raw text (a keyword occurs in it). */
  private final boolean rulesMayFind;

  private RawSecrets(String[] texts, String[] kinds, String raw, int[] found, boolean rulesMayFind) {
    this.texts = texts;
    this.kinds = kinds;
    this.raw = raw;
    this.found = found;
    this.rulesMayFind = rulesMayFind;
  }

  /**
   * Whether a field that {@link #vouchesFor} still needs the rule-set pass: only when a keyword occurs
   * in the raw text, for a part of a text holds no keyword its whole lacks.
   */
  boolean rulesMayFind() {
    return rulesMayFind;
  }

  /** The secrets {@code scanner} finds in {@code raw}, with their decoded forms. */
  static RawSecrets of(SecretScanner scanner, String raw) {
    if (raw == null || raw.isEmpty()) {
      return NONE;
    }
    List<String> texts = new ArrayList<>(0);
    List<String> kinds = new ArrayList<>(0);
    List<Integer> found = new ArrayList<>(0);
    boolean rulesMayFind = scanner.find(raw, (start, end, kind) -> {
      found.add(start);
      found.add(end);
      if (kind.equals(SecretScanner.UNSCANNED)) {
        return; // the whole raw text; each field has its own fallback
      }
      String secret = raw.substring(start, end);
      add(texts, kinds, secret, kind);
      add(texts, kinds, jsonUnescaped(secret), kind);
      add(texts, kinds, percentDecoded(secret), kind);
    });
    int[] spans = new int[found.size()];
    for (int i = 0; i < spans.length; i++) {
      spans[i] = found.get(i);
    }
    return new RawSecrets(texts.toArray(new String[0]), kinds.toArray(new String[0]), raw, spans, rulesMayFind);
  }

  /**
   * Whether {@code value} needs no fast-path scan of its own: it stands verbatim in the raw text at a
   * place where the scan found nothing. The fast path's detectors read a field's text with no less
   * context in the raw text than in the field (a parser cuts fields at delimiters), so what they did
   * not find there they would not find in the field; the rule set's expressions may end at the end of
   * a text, so it still runs on the field. A field that parsing decoded (a JSON escape, a percent-escape) is not
   * verbatim in the raw text and is scanned. Only secrets are vouched for: personal data is still
   * looked for in every field.
   */
  boolean vouchesFor(String value) {
    if (raw == null || value.isEmpty()) {
      return false;
    }
    for (int at = raw.indexOf(value); at >= 0; at = raw.indexOf(value, at + 1)) {
      if (!overlapsFind(at, at + value.length())) {
        return true;
      }
    }
    return false;
  }

  private boolean overlapsFind(int start, int end) {
    for (int k = 0; k < found.length; k += 2) {
      if (found[k] < end && start < found[k + 1]) {
        return true;
      }
    }
    return false;
  }

  private static void add(List<String> texts, List<String> kinds, String secret, String kind) {
    if (secret != null && secret.length() >= MIN_LENGTH && !texts.contains(secret)) {
      texts.add(secret);
      kinds.add(kind);
    }
  }

  /** Whether there is nothing to replace. */
  public boolean isEmpty() {
    return texts.length == 0;
  }

  /** The number of secret texts sought, decoded forms included. */
  int size() {
    return texts.length;
  }

  /**
   * {@code value} with every occurrence of each secret replaced by its marker, counted in
   * {@code counts}; the same instance when there is none. An occurrence inside a longer word or
   * token ({@code abcd} in {@code xabcdy}) is not the secret and stays.
   */
  String replaceIn(String value, RedactionCounts counts) {
    if (value == null || texts.length == 0) {
      return value;
    }
    String result = value;
    for (int k = 0; k < texts.length; k++) {
      String secret = texts[k];
      int at = result.indexOf(secret);
      if (at < 0) {
        continue;
      }
      StringBuilder out = null;
      int copied = 0;
      while (at >= 0) {
        int end = at + secret.length();
        if (!bounded(result, at, end, secret)) {
          at = result.indexOf(secret, at + 1);
          continue;
        }
        if (out == null) {
          out = new StringBuilder(result.length());
        }
        out.append(result, copied, at).append(SecretScanner.marker(kinds[k]));
        copied = end;
        if (counts != null) {
          counts.add(kinds[k], 1);
        }
        at = result.indexOf(secret, end);
      }
      if (out != null) {
        result = out.append(result, copied, result.length()).toString();
      }
    }
    return result;
  }

  /** {@code s} with JSON string escapes resolved, or null when it has none or a broken one. */
  static String jsonUnescaped(String s) {
    int slash = s.indexOf('\\');
    if (slash < 0) {
      return null;
    }
    StringBuilder out = new StringBuilder(s.length());
    out.append(s, 0, slash);
    for (int i = slash; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      if (++i >= s.length()) {
        return null;
      }
      char e = s.charAt(i);
      switch (e) {
        case '"', '\\', '/' -> out.append(e);
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          if (i + 4 >= s.length()) {
            return null;
          }
          int code = hex4(s, i + 1);
          if (code < 0) {
            return null;
          }
          out.append((char) code);
          i += 4;
        }
        default -> {
          return null;
        }
      }
    }
    return out.toString();
  }

  private static int hex4(String s, int from) {
    int code = 0;
    for (int k = from; k < from + 4; k++) {
      int d = Character.digit(s.charAt(k), 16);
      if (d < 0) {
        return -1;
      }
      code = code * 16 + d;
    }
    return code;
  }

  /** {@code s} with {@code %XX} escapes resolved as UTF-8, or null when it has none or a broken one. */
  static String percentDecoded(String s) {
    int pct = s.indexOf('%');
    if (pct < 0) {
      return null;
    }
    byte[] bytes = new byte[s.length()];
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes[n++] = (byte) (hi * 16 + lo);
        i += 2;
      } else if (c < 0x80) {
        bytes[n++] = (byte) c;
      } else {
        return null; // raw non-ASCII beside escapes: not a percent-encoded token
      }
    }
    return new String(bytes, 0, n, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static boolean bounded(String text, int start, int end, String secret) {
    boolean before = start > 0 && Character.isLetterOrDigit(text.charAt(start - 1))
        && Character.isLetterOrDigit(secret.charAt(0));
    boolean after = end < text.length() && Character.isLetterOrDigit(text.charAt(end))
        && Character.isLetterOrDigit(secret.charAt(secret.length() - 1));
    return !before && !after;
  }
}
