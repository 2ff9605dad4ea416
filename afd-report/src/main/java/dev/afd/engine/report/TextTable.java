package dev.afd.engine.report;

import java.util.ArrayList;
import java.util.List;

/** A plain left-aligned text table for console output. Not thread-safe. */
public final class TextTable {
  private final List<String[]> rows = new ArrayList<>();
  private final int columns;

  /** Creates a table with a header row. */
  public TextTable(String... header) {
    this.columns = header.length;
    rows.add(header.clone());
  }

  /** Adds a row; it must have one cell per column. */
  public TextTable row(String... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
    }
    rows.add(cells.clone());
    return this;
  }

  /** {@return the table, columns padded to their widest cell, two spaces apart} */
  public String render() {
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int column = 0; column < columns; column++) {
        widths[column] = Math.max(widths[column], row[column].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int column = 0; column < columns; column++) {
        line.append(row[column]);
        if (column < columns - 1) {
          line.append(" ".repeat(widths[column] - row[column].length() + 2));
        }
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    return text.toString();
  }
}
