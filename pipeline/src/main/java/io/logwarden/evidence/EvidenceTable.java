package io.logwarden.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The rows of evidence behind a control: plain text cells, rendered as a table. */
public record EvidenceTable(List<String> columns, List<List<String>> rows) {

  public EvidenceTable {
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a table needs columns");
    }
    List<List<String>> copied = new ArrayList<>(rows.size());
    for (List<String> row : rows) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException("row " + row + " has " + row.size() + " cells, the table " + columns.size());
      }
      copied.add(List.copyOf(row));
    }
    rows = List.copyOf(copied);
  }

  /** A table with these columns, to add rows to. */
  public static Builder of(String... columns) {
    return new Builder(List.of(columns));
  }

  /** Collects the rows of a table. */
  public static final class Builder {
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    private Builder(List<String> columns) {
      this.columns = columns;
    }

    /** Adds a row; numbers and other values are written with {@code toString()}. */
    public Builder row(Object... cells) {
      List<String> row = new ArrayList<>(cells.length);
      for (Object cell : cells) {
        row.add(Objects.toString(cell, ""));
      }
      rows.add(row);
      return this;
    }

    public EvidenceTable build() {
      return new EvidenceTable(columns, rows);
    }
  }
}
