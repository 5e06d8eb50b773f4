package dev.flotilla.migration.sqlite;

import java.util.List;
import org.jdbi.v3.core.Handle;

/** SQLite's own checks of a database file and of its foreign keys. */
public final class IntegrityChecks {
  private static final int MAX_PROBLEMS = 20;

  private IntegrityChecks() {}

  /** {@code PRAGMA quick_check}: the problems found, none when the file is sound. */
  public static List<String> quickCheck(Handle handle) {
    return problems(handle, "PRAGMA quick_check(" + MAX_PROBLEMS + ")");
  }

  /** {@code PRAGMA integrity_check}, slower and thorough (indexes match their tables). */
  public static List<String> integrityCheck(Handle handle) {
    return problems(handle, "PRAGMA integrity_check(" + MAX_PROBLEMS + ")");
  }

  /** {@code PRAGMA foreign_key_check}: one line per row whose parent row is missing. */
  public static List<String> foreignKeyViolations(Handle handle) {
    return handle
        .createQuery("PRAGMA foreign_key_check")
        .map(
            (row, context) ->
                "row "
                    + row.getLong("rowid")
                    + " of table "
                    + row.getString("table")
                    + " references a missing row of "
                    + row.getString("parent"))
        .list()
        .stream()
        .limit(MAX_PROBLEMS)
        .toList();
  }

  private static List<String> problems(Handle handle, String pragma) {
    List<String> lines = handle.createQuery(pragma).mapTo(String.class).list();
    return lines.equals(List.of("ok")) ? List.of() : lines;
  }
}
