package dev.flotilla.migration.catalogue.format;

import java.util.List;

/**
 * A run of lines of one file: a goose or dbmate section.
 *
 * @param sql the lines, each ended by {@code \n}
 * @param firstLine the 1-based line of the file its first line is
 */
record Section(String sql, int firstLine) {
  /** Lines {@code from} (inclusive, 0-based) to {@code to} (exclusive) of {@code lines}. */
  static Section of(List<String> lines, int from, int to) {
    return new Section(SqlText.join(lines.subList(from, to)), from + 1);
  }
}
