package io.logwarden.redact;

import static io.logwarden.redact.tokens.CharClasses.KEY;
import static io.logwarden.redact.tokens.CharClasses.LETTER;
import static io.logwarden.redact.tokens.CharClasses.is;
import static io.logwarden.redact.tokens.CharClasses.run;

/**
 * Secrets in XML and HTML: the content of elements whose names say secret ({@code <password>},
 * {@code <wsse:Password Type="…">}, {@code <ns:ClientSecret>}), the value of a name/value element
 * whose name attribute says secret ({@code <add key="ClientSecret" value="…"/>}, {@code <parameter
 * name="password" value="…"/>}, or the content of {@code <property name="db.password">…</property>}),
 * and of HTML password inputs ({@code <input type="password" value="…">}). Attributes named secret
 * ({@code password="…"}) are key=value pairs and need nothing here. Only the content or value goes;
 * CDATA sections are looked into.
 *
 * <p>A tag is read up to its {@code >}, never past the next {@code <} nor {@value #MAX_TAG}
 * characters, and content up to the next {@code <}, so that every character is read a bounded number
 * of times.
 */
final class MarkupSecrets {

  private static final int MAX_TAG = 2048;
  private static final int MAX_CONTENT = 4096;

  private MarkupSecrets() {}

  /** At a {@code <}: an element that holds a secret. */
  static Spans atTag(String t, int lt, Spans spans) {
    int n = t.length();
    int ns = lt + 1;
    if (ns >= n || !is(t.charAt(ns), LETTER)) {
      return spans;
    }
    int ne = run(t, ns, Math.min(n, ns + 64), KEY);
    while (ne < n && t.charAt(ne) == ':' && ne + 1 < n && is(t.charAt(ne + 1), LETTER)) {
      ns = ne + 1; // the local name: wsse:Password
      ne = run(t, ns, Math.min(n, ns + 64), KEY);
    }
    int elementKind = KeyNames.kind(t, ns, ne);
    boolean passwordInput = false;
    int nameKind = KeyNames.NONE;
    int valueStart = -1;
    int valueEnd = -1;
    int max = Math.min(n, lt + MAX_TAG);
    int k = ne;
    int contentStart = -1;
    boolean closed = false;
    while (k < max) {
      char c = t.charAt(k);
      if (c == '>') {
        contentStart = k + 1;
        closed = true;
        break;
      }
      if (c == '/' && k + 1 < n && t.charAt(k + 1) == '>') {
        closed = true;
        break; // self-closing: no content
      }
      if (c == '<') {
        return spans;
      }
      if (!is(c, LETTER)) {
        k++;
        continue;
      }
      // An attribute: name = value.
      int as = k;
      int ae = run(t, as, max, KEY);
      while (ae < max && t.charAt(ae) == ':') {
        as = ae + 1;
        ae = run(t, as, max, KEY);
      }
      k = ae;
      while (k < max && t.charAt(k) == ' ') {
        k++;
      }
      if (k >= max || t.charAt(k) != '=') {
        continue;
      }
      k++;
      while (k < max && t.charAt(k) == ' ') {
        k++;
      }
      int vs;
      int ve;
      if (k < max && (t.charAt(k) == '"' || t.charAt(k) == '\'')) {
        vs = k + 1;
        ve = attributeValueEnd(t, vs, max, t.charAt(k), false);
        if (ve < 0) {
          return spans;
        }
        k = ve + 1;
      } else if (k + 1 < max && t.charAt(k) == '\\' && t.charAt(k + 1) == '"') {
        vs = k + 2;
        ve = attributeValueEnd(t, vs, max, '"', true);
        if (ve < 0) {
          return spans;
        }
        k = ve + 2;
      } else {
        vs = k;
        while (k < max && t.charAt(k) != ' ' && t.charAt(k) != '>' && t.charAt(k) != '<') {
          k++;
        }
        ve = k;
      }
      int alen = ae - as;
      if (alen == 5 && t.regionMatches(true, as, "value", 0, 5)) {
        valueStart = vs;
        valueEnd = ve;
      } else if (alen == 4 && t.regionMatches(true, as, "type", 0, 4)) {
        passwordInput = ve - vs == 8 && t.regionMatches(true, vs, "password", 0, 8);
      } else if (KeyNames.isPairName(t, as, ae) && ve - vs <= 64 && run(t, vs, ve, KEY) == ve) {
        nameKind = KeyNames.kind(t, vs, ve);
      }
    }
    if (!closed) {
      return spans; // not a tag: "a < b", or cut off
    }
    if (passwordInput && nameKind == KeyNames.NONE) {
      nameKind = KeyNames.GENERIC;
    }
    if (nameKind != KeyNames.NONE && valueStart >= 0) {
      return secret(t, valueStart, valueEnd, nameKind, spans);
    }
    int kind = nameKind != KeyNames.NONE ? nameKind : elementKind;
    if (kind == KeyNames.NONE || contentStart < 0) {
      return spans;
    }
    int cs = contentStart;
    int cmax = Math.min(n, cs + MAX_CONTENT);
    int ce;
    if (t.startsWith("<![CDATA[", cs)) {
      cs += 9;
      ce = cs;
      while (ce < cmax && !t.startsWith("]]>", ce)) {
        ce++;
      }
      if (ce >= cmax) {
        return spans;
      }
    } else {
      ce = cs;
      while (ce < cmax && t.charAt(ce) != '<') {
        ce++;
      }
      // "usage: login <user> <password>" is a placeholder in prose: content counts only before a closing tag.
      if (!t.startsWith("</", ce)) {
        return spans;
      }
    }
    while (cs < ce && Character.isWhitespace(t.charAt(cs))) {
      cs++;
    }
    while (ce > cs && Character.isWhitespace(t.charAt(ce - 1))) {
      ce--;
    }
    return secret(t, cs, ce, kind, spans);
  }

  /** Content that holds a marker was redacted already, in part or whole. */
  private static boolean containsMarker(String t, int s, int e) {
    int m = t.indexOf(SecretScanner.MARKER_OPEN, s);
    return m >= 0 && m < e;
  }

  /** The closing quote of an attribute value, or -1 when a {@code <} or the tag's limit comes first. */
  private static int attributeValueEnd(String t, int from, int max, char quote, boolean escaped) {
    for (int k = from; k < max; k++) {
      char c = t.charAt(k);
      if (c == '<') {
        return -1;
      }
      if (escaped ? c == '\\' && k + 1 < max && t.charAt(k + 1) == quote : c == quote) {
        return k;
      }
    }
    return -1;
  }

  private static Spans secret(String t, int s, int e, int kind, Spans spans) {
    if (e <= s || containsMarker(t, s, e) || KeyValueSecrets.isPlaceholder(t, s, e)
        || KeyValueSecrets.allStars(t, s, e)) {
      return spans;
    }
    return switch (kind) {
      case KeyNames.AUTHORIZATION -> HeaderSecrets.authorizationValue(t, s, e, true, false, spans);
      case KeyNames.COOKIE, KeyNames.SET_COOKIE ->
          HeaderSecrets.cookieValue(t, s, e, kind == KeyNames.SET_COOKIE, false, spans);
      default -> Spans.add(spans, s, e, SecretScanner.SECRET_VALUE, Spans.PRIO_GENERIC);
    };
  }
}
