package io.logwarden.evidence;

import java.util.List;

/** Facts about table cells that both renderers need. */
final class TextCells {

  private TextCells() {}

  /** Whether every row has a number in this column, so both renderers align it right. */
  static boolean numeric(EvidenceTable table, int column) {
    if (table.rows().isEmpty()) {
      return false;
    }
    for (List<String> row : table.rows()) {
      if (!row.get(column).matches("-?\\d+")) {
        return false;
      }
    }
    return true;
  }

  /** Replaces the characters a text document cannot carry (controls but tab and line breaks, lone surrogates). */
  static String printable(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok;
      if (Character.isHighSurrogate(c)) {
        ok = i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
        if (ok) {
          if (out != null) {
            out.append(c).append(text.charAt(i + 1));
          }
          i++;
          continue;
        }
      } else if (Character.isLowSurrogate(c)) {
        ok = false;
      } else {
        ok = c >= 0x20 && c != 0x7f && c != 0xfffe && c != 0xffff || c == '\t' || c == '\n' || c == '\r';
      }
      if (!ok && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.append(ok ? c : '\ufffd');
      }
    }
    return out == null ? text : out.toString();
  }
}
