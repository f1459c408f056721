package io.logwarden.redact;

import java.util.Arrays;

/**
 * The spans of one text to replace, created on the first hit only, and the one place where a text is
 * rewritten: {@link SecretScanner} collects candidate secrets here, {@link PersonalDataScanner} the
 * personal data it pseudonymizes or masks. Overlapping spans merge into one replacement that takes the
 * kind of its highest-priority member; the output is built once.
 */
final class Spans {

  // Span priorities when spans overlap: structure knows the exact extent, a provider token names the
  // kind best, a generic value under a secret key is the fallback.
  // A rule-set span names its provider better than a generic value, but the fast path's own kinds win.
  static final int PRIO_GENERIC = 1;
  static final int PRIO_RULE = 2;
  static final int PRIO_TOKEN = 3;
  static final int PRIO_STRUCTURE = 4;

  private int[] start = new int[8];
  private int[] end = new int[8];
  private int[] prio = new int[8];
  private String[] kind = new String[8];
  private int size;

  static Spans addIf(Spans spans, int s, int e, String kind, int prio) {
    return e > s ? add(spans, s, e, kind, prio) : spans;
  }

  static Spans add(Spans spans, int s, int e, String kind, int prio) {
    Spans out = spans == null ? new Spans() : spans;
    if (out.size == out.start.length) {
      int cap = out.size * 2;
      out.start = Arrays.copyOf(out.start, cap);
      out.end = Arrays.copyOf(out.end, cap);
      out.prio = Arrays.copyOf(out.prio, cap);
      out.kind = Arrays.copyOf(out.kind, cap);
    }
    out.start[out.size] = s;
    out.end[out.size] = e;
    out.prio[out.size] = prio;
    out.kind[out.size] = kind;
    out.size++;
    return out;
  }

  /**
   * Adds the spans found in a decoded copy of the text, each mapped back through {@code origin}
   * ({@code origin[k]} is where decoded character {@code k} starts in the text, {@code origin[len]}
   * the text's length), keeping kind and priority.
   */
  static Spans addMapped(Spans spans, Spans decoded, int[] origin) {
    Spans out = spans;
    for (int k = 0; k < decoded.size; k++) {
      out = addIf(out, origin[decoded.start[k]], origin[decoded.end[k]], decoded.kind[k], decoded.prio[k]);
    }
    return out;
  }

  /** The kind of the highest-priority span (the first of equals). */
  String strongestKind() {
    int best = 0;
    for (int k = 1; k < size; k++) {
      if (prio[k] > prio[best]) {
        best = k;
      }
    }
    return kind[best];
  }

  /** What replaces the span {@code [start, end)} of {@code text} found as {@code kind}. */
  @FunctionalInterface
  interface Replacement {
    String of(String kind, String text, int start, int end);
  }

  /** {@code t} with each merged span replaced by its marker, {@code [REDACTED:<kind>]}, counted per kind. */
  String apply(String t, RedactionCounts counts) {
    return apply(t, counts, null);
  }

  /** {@code t} with each merged span replaced as {@code replacement} says (by its marker when null), counted per kind. */
  String apply(String t, RedactionCounts counts, Replacement replacement) {
    sortByStart();
    StringBuilder sb = new StringBuilder(t.length() + 32);
    int copied = 0;
    for (int k = 0; k < size; ) {
      k = group(k);
      sb.append(t, copied, groupStart);
      if (replacement == null) {
        sb.append(SecretScanner.MARKER_OPEN).append(groupKind).append(']');
      } else {
        sb.append(replacement.of(groupKind, t, groupStart, groupEnd));
      }
      copied = groupEnd;
      if (counts != null) {
        counts.add(groupKind, 1);
      }
    }
    return sb.append(t, copied, t.length()).toString();
  }

  /** The spans in text order, overlapping ones merged into one of the most specific member's kind. */
  void merged(SecretSpans.Sink sink) {
    sortByStart();
    for (int k = 0; k < size; ) {
      k = group(k);
      sink.add(groupStart, groupEnd, groupKind);
    }
  }

  // The last group read by group(k).
  private int groupStart;
  private int groupEnd;
  private String groupKind;

  /** Reads the group of overlapping spans that starts at sorted index {@code k}; the index after it. */
  private int group(int k) {
    int s = start[k];
    int e = end[k];
    int p = prio[k];
    String kd = kind[k];
    int next = k + 1;
    while (next < size && start[next] < e) {
      if (prio[next] > p) {
        p = prio[next];
        kd = kind[next];
      }
      e = Math.max(e, end[next]);
      next++;
    }
    groupStart = s;
    groupEnd = e;
    groupKind = kd;
    return next;
  }

  private void sortByStart() {
    if (size > 16 && !sorted()) {
      sortMany();
      return;
    }
    for (int a = 1; a < size; a++) {
      int s = start[a];
      int e = end[a];
      int p = prio[a];
      String kd = kind[a];
      int b = a - 1;
      while (b >= 0 && before(s, e, start[b], end[b])) {
        start[b + 1] = start[b];
        end[b + 1] = end[b];
        prio[b + 1] = prio[b];
        kind[b + 1] = kind[b];
        b--;
      }
      start[b + 1] = s;
      end[b + 1] = e;
      prio[b + 1] = p;
      kind[b + 1] = kd;
    }
  }

  /** By start, the longer span first among those starting together. */
  private static boolean before(int s, int e, int s2, int e2) {
    return s2 > s || (s2 == s && e2 < e);
  }

  private boolean sorted() {
    for (int a = 1; a < size; a++) {
      if (before(start[a], end[a], start[a - 1], end[a - 1])) {
        return false;
      }
    }
    return true;
  }

  /** Many spans out of order (a decoded copy's spans come after the text's own): an n log n sort. */
  private void sortMany() {
    Integer[] order = new Integer[size];
    for (int a = 0; a < size; a++) {
      order[a] = a;
    }
    Arrays.sort(order, (x, y) -> start[x] != start[y] ? Integer.compare(start[x], start[y]) : Integer.compare(end[y], end[x]));
    int[] s2 = new int[start.length];
    int[] e2 = new int[start.length];
    int[] p2 = new int[start.length];
    String[] k2 = new String[start.length];
    for (int a = 0; a < size; a++) {
      s2[a] = start[order[a]];
      e2[a] = end[order[a]];
      p2[a] = prio[order[a]];
      k2[a] = kind[order[a]];
    }
    start = s2;
    end = e2;
    prio = p2;
    kind = k2;
  }
}
