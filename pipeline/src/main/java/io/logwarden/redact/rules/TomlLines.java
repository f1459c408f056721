package io.logwarden.redact.rules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of the tables, keys and list entries of a TOML text, for messages: Jackson's TOML module
 * gives values without positions. It reads TOML as far as the gitleaks rule format uses it: tables,
 * arrays of tables, and keys whose values may span lines (arrays, multi-line strings). It runs only on
 * text that Jackson has already parsed, so it does not check syntax.
 */
final class TomlLines {

  /** One table header as written ({@code ""} for the keys before the first header) and what it holds. */
  private static final class Table {
    final String name;
    final int line;
    final Map<String, Integer> keys = new HashMap<>();
    final Map<String, List<Integer>> elements = new HashMap<>();

    Table(String name, int line) {
      this.name = name;
      this.line = line;
    }
  }

  private final List<Table> tables = new ArrayList<>();

  private TomlLines() {}

  static TomlLines of(String text) {
    TomlLines lines = new TomlLines();
    new Scanner(text, lines.tables).run();
    return lines;
  }

  /**
   * The line of {@code path}, or of the nearest enclosing table or key the text shows (a list's key
   * when its entries cannot be told apart); -1 when the text shows none of it.
   */
  int lineOf(TomlPath path) {
    List<Object> segments = path.segments();
    Table current = tables.get(0);
    int currentIndex = 0;
    int end = tables.size();
    String prefix = "";
    int line = -1;
    for (int k = 0; k < segments.size(); k++) {
      if (!(segments.get(k) instanceof String key)) {
        return line;
      }
      Integer index = k + 1 < segments.size() && segments.get(k + 1) instanceof Integer i ? i : null;
      Integer keyLine = current.keys.get(key);
      if (keyLine != null) {
        List<Integer> elements = current.elements.get(key);
        if (index != null && elements != null && index < elements.size()) {
          return elements.get(index);
        }
        return keyLine;
      }
      String full = prefix.isEmpty() ? key : prefix + "." + key;
      int wanted = index == null ? 0 : index;
      int found = -1;
      for (int t = currentIndex + 1, seen = 0; t < end; t++) {
        if (tables.get(t).name.equals(full) && seen++ == wanted) {
          found = t;
          break;
        }
      }
      if (found < 0) {
        return line;
      }
      current = tables.get(found);
      line = current.line;
      currentIndex = found;
      prefix = full;
      int scopeEnd = found + 1;
      while (scopeEnd < end && tables.get(scopeEnd).name.startsWith(full + ".")) {
        scopeEnd++;
      }
      end = scopeEnd;
      if (index != null) {
        k++;
      }
    }
    return line;
  }

  /** One pass over the text, recording headers, keys and the first line of each list entry. */
  private static final class Scanner {
    private final String text;
    private final List<Table> tables;
    private int i;
    private int line = 1;

    Scanner(String text, List<Table> tables) {
      this.text = text;
      this.tables = tables;
      tables.add(new Table("", 1));
    }

    void run() {
      Table current = tables.get(0);
      int n = text.length();
      while (i < n) {
        char c = text.charAt(i);
        if (c == '\n') {
          line++;
          i++;
        } else if (c == ' ' || c == '\t' || c == '\r') {
          i++;
        } else if (c == '#') {
          skipComment();
        } else if (c == '[') {
          boolean array = i + 1 < n && text.charAt(i + 1) == '[';
          int start = i + (array ? 2 : 1);
          int close = text.indexOf(']', start);
          if (close < 0) {
            return;
          }
          current = new Table(dotted(text.substring(start, close)), line);
          tables.add(current);
          i = close + (array ? 2 : 1);
          skipToLineEnd();
        } else {
          int equals = keyEnd();
          if (equals < 0) {
            skipToLineEnd();
            continue;
          }
          String key = dotted(text.substring(i, equals));
          current.keys.putIfAbsent(key, line);
          i = equals + 1;
          value(current, key);
          skipToLineEnd();
        }
      }
    }

    /** The {@code =} of the key that starts at {@code i} on this line, or -1. */
    private int keyEnd() {
      int n = text.length();
      for (int k = i; k < n; k++) {
        char c = text.charAt(k);
        if (c == '=') {
          return k;
        }
        if (c == '\n') {
          return -1;
        }
        if (c == '"' || c == '\'') {
          int close = text.indexOf(c, k + 1);
          if (close < 0) {
            return -1;
          }
          k = close;
        }
      }
      return -1;
    }

    /** Skips one value; for an array under a key, records the line each of its entries starts on. */
    private void value(Table table, String key) {
      skipBlanks(false);
      int n = text.length();
      if (i >= n) {
        return;
      }
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        string(c);
      } else if (c == '[') {
        i++;
        List<Integer> starts = key == null ? null : table.elements.computeIfAbsent(key, k -> new ArrayList<>());
        while (i < n) {
          skipBlanks(true);
          if (i >= n) {
            return;
          }
          char e = text.charAt(i);
          if (e == ']') {
            i++;
            return;
          }
          if (e == ',') {
            i++;
            continue;
          }
          if (starts != null) {
            starts.add(line);
          }
          value(table, null);
        }
      } else if (c == '{') {
        int depth = 0;
        while (i < n) {
          char e = text.charAt(i);
          if (e == '"' || e == '\'') {
            string(e);
            continue;
          }
          if (e == '\n') {
            line++;
          } else if (e == '{') {
            depth++;
          } else if (e == '}' && --depth == 0) {
            i++;
            return;
          }
          i++;
        }
      } else {
        while (i < n) {
          char e = text.charAt(i);
          if (e == ',' || e == ']' || e == '}' || e == '\n' || e == '#') {
            return;
          }
          i++;
        }
      }
    }

    /** Skips a string of any of TOML's four kinds, counting the lines it spans. */
    private void string(char quote) {
      int n = text.length();
      boolean multi = text.startsWith(String.valueOf(quote).repeat(3), i);
      i += multi ? 3 : 1;
      while (i < n) {
        char c = text.charAt(i);
        if (c == '\\' && quote == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '\n') {
            line++;
          }
          i += 2;
          continue;
        }
        if (c == '\n') {
          line++;
        }
        if (c == quote) {
          if (!multi) {
            i++;
            return;
          }
          if (text.startsWith(String.valueOf(quote).repeat(3), i)) {
            i += 3;
            // A closing delimiter may be preceded by up to two quotes of the content.
            while (i < n && text.charAt(i) == quote) {
              i++;
            }
            return;
          }
        }
        i++;
      }
    }

    private void skipBlanks(boolean newlines) {
      int n = text.length();
      while (i < n) {
        char c = text.charAt(i);
        if (c == ' ' || c == '\t' || c == '\r') {
          i++;
        } else if (c == '\n' && newlines) {
          line++;
          i++;
        } else if (c == '#' && newlines) {
          skipComment();
        } else {
          return;
        }
      }
    }

    private void skipComment() {
      int end = text.indexOf('\n', i);
      i = end < 0 ? text.length() : end;
    }

    private void skipToLineEnd() {
      int end = text.indexOf('\n', i);
      i = end < 0 ? text.length() : end;
    }

    /** A key or table name with blanks around its dots and quotes around its parts removed. */
    private static String dotted(String raw) {
      StringBuilder name = new StringBuilder();
      for (String part : raw.split("\\.", -1)) {
        String p = part.strip();
        if (p.length() >= 2 && (p.charAt(0) == '"' || p.charAt(0) == '\'') && p.charAt(p.length() - 1) == p.charAt(0)) {
          p = p.substring(1, p.length() - 1);
        }
        if (name.length() > 0) {
          name.append('.');
        }
        name.append(p);
      }
      return name.toString();
    }
  }
}
