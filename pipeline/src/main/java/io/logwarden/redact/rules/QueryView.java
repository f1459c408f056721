package io.logwarden.redact.rules;

/**
 * A text as a URL's query or form body means it: {@code %XX} escapes of ASCII characters decoded,
 * {@code +} read as a space, and each {@code &} between parameters read as a space, with a map from
 * each of the view's characters back to the text. gitleaks' expressions end a secret at a quote,
 * whitespace or {@code ;}, not at {@code &}, and see {@code %22%3A} as no quote and colon at all, so
 * the rule set runs on this view too and reports what it finds there at the text's offsets.
 */
final class QueryView {

  private final String text;
  /** For each view character, where it starts in the original; one more entry for the end. */
  private final int[] origin;

  private QueryView(String text, int[] origin) {
    this.text = text;
    this.origin = origin;
  }

  /** The view of {@code text}, or null when it reads the same (no escape, {@code +} or {@code &}). */
  static QueryView of(String text) {
    int n = text.length();
    boolean differs = false;
    for (int i = 0; i < n && !differs; i++) {
      char c = text.charAt(i);
      differs = c == '+' || c == '&' || (c == '%' && escapeAt(text, i) >= 0);
    }
    if (!differs) {
      return null;
    }
    StringBuilder view = new StringBuilder(n);
    int[] origin = new int[n + 1];
    int v = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      origin[v++] = i;
      int decoded = c == '%' ? escapeAt(text, i) : -1;
      if (decoded >= 0) {
        view.append((char) decoded);
        i += 2;
      } else {
        view.append(c == '+' || c == '&' ? ' ' : c);
      }
    }
    origin[v] = n;
    return new QueryView(view.toString(), origin);
  }

  /** The ASCII character {@code %XX} at {@code i} stands for, or -1. */
  private static int escapeAt(String text, int i) {
    if (i + 2 >= text.length()) {
      return -1;
    }
    int hi = Character.digit(text.charAt(i + 1), 16);
    int lo = Character.digit(text.charAt(i + 2), 16);
    return hi < 0 || lo < 0 || hi > 7 ? -1 : hi * 16 + lo;
  }

  String text() {
    return text;
  }

  /** Where the view's {@code [start, end)} lies in the original text: {@code [start(start), start(end))}. */
  int start(int viewOffset) {
    return origin[viewOffset];
  }
}
