package dev.flotilla.cli;

import java.util.ArrayList;
import java.util.List;

/** Rows of text in columns as wide as their widest cell, indented by two, for people. Pure. */
final class TextTable {
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(String... header) {
    rows.add(List.of(header));
  }

  TextTable row(String... cells) {
    rows.add(List.of(cells));
    return this;
  }

  String text() {
    int columns = rows.get(0).size();
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder(" ");
      for (int i = 0; i < columns; i++) {
        line.append(' ').append(String.format("%-" + widths[i] + "s", row.get(i))).append(' ');
      }
      text.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }
    return text.toString();
  }
}
