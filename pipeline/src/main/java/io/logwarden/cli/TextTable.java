package io.logwarden.cli;

import java.util.List;

/** Left-aligned columns separated by two spaces; the last column is not padded. */
final class TextTable {

  private TextTable() {}

  static String render(List<String[]> rows) {
    if (rows.isEmpty()) {
      return "";
    }
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns - 1; i++) {
        widths[i] = Math.max(widths[i], cell(row[i]).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        String cell = cell(row[i]);
        line.append(cell);
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - cell.length() + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String cell(String text) {
    return text == null ? "" : text.replaceAll("\\s+", " ").strip();
  }
}
