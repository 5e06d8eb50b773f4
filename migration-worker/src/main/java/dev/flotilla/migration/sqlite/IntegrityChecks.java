package dev.flotilla.migration.sqlite;

import dev.flotilla.devicedb.ForeignKeyCheck;
import java.sql.SQLException;
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

  /**
   * {@code PRAGMA foreign_key_check}: the rows whose parent row is missing, grouped by table
   * ({@link ForeignKeyCheck}).
   */
  public static List<String> foreignKeyViolations(Handle handle) {
    try {
      return ForeignKeyCheck.describe(
          ForeignKeyCheck.violations(handle.getConnection(), MAX_PROBLEMS));
    } catch (SQLException e) {
      // Callers take unchecked failures; the cause keeps SQLite's code for classifying.
      throw new IllegalStateException(e);
    }
  }

  private static List<String> problems(Handle handle, String pragma) {
    List<String> lines = handle.createQuery(pragma).mapTo(String.class).list();
    return lines.equals(List.of("ok")) ? List.of() : lines;
  }
}
