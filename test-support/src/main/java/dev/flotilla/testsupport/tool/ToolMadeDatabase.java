package dev.flotilla.testsupport.tool;

import dev.flotilla.devicedb.foreign.ForeignHistoryTable;
import dev.flotilla.devicedb.foreign.ForeignTool;
import dev.flotilla.devicedb.foreign.ScriptRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * A database migrated the way an application's own migration tool migrates it, with plain JDBC: the
 * tool's history table made as the tool makes it on its first run, then each up script run under
 * the tool's transaction rules and recorded with device-db's writer for that tool, which writes
 * exactly the row the tool writes. What the tool leaves behind, for tests of databases that
 * Flotilla adopts.
 *
 * <p>The tools run each script in a transaction of its own and record it in that same transaction
 * (Flyway, sqlx, diesel, dbmate, goose, and hand-rolled {@code user_version} migrators), unless the
 * tool's marker says the script cannot run in one ({@code VACUUM}): then the script runs alone and
 * is recorded after it. golang-migrate always records apart: it marks the version dirty, runs the
 * script, and sets the version clean in a statement of its own; what it leaves is the clean row.
 * The application's connection keeps SQLite's default of foreign keys off, as the tools leave it.
 */
public final class ToolMadeDatabase {
  private ToolMadeDatabase() {}

  /** Runs {@code ups} in order on {@code file} as {@code tool} would, recording each. */
  public static void migrate(Path file, ForeignTool tool, List<ToolMigration> ups) {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      ToolHistoryTables.ensure(db, tool);
      ForeignHistoryTable history = tool.historyTable();
      for (ToolMigration up : ups) {
        apply(db, tool, history, up);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(tool + " could not migrate " + file + ": " + e, e);
    }
  }

  private static void apply(
      Connection db, ForeignTool tool, ForeignHistoryTable history, ToolMigration up)
      throws SQLException {
    long started = System.nanoTime();
    boolean recordedWithScript = up.transactional() && tool != ForeignTool.GOLANG_MIGRATE;
    if (recordedWithScript) {
      inTransaction(
          db,
          () -> {
            run(db, up);
            history.recordApplied(db, scriptRun(up, started));
          });
      return;
    }
    if (up.transactional()) {
      inTransaction(db, () -> run(db, up));
    } else {
      run(db, up);
    }
    inTransaction(db, () -> history.recordApplied(db, scriptRun(up, started)));
  }

  private static void run(Connection db, ToolMigration up) throws SQLException {
    try (Statement statement = db.createStatement()) {
      // sqlite-jdbc runs every statement of the text, as the tools hand a script to SQLite.
      statement.executeUpdate(up.sql());
    } catch (SQLException e) {
      throw new SQLException(up.scriptName() + ": " + e.getMessage(), e);
    }
  }

  private static ScriptRun scriptRun(ToolMigration up, long startedNanos) {
    return new ScriptRun(
        up.version(),
        up.description(),
        up.scriptName(),
        up.sql(),
        Duration.ofNanos(System.nanoTime() - startedNanos),
        "");
  }

  private interface Work {
    void run() throws SQLException;
  }

  private static void inTransaction(Connection db, Work work) throws SQLException {
    db.setAutoCommit(false);
    try {
      work.run();
      db.commit();
    } catch (SQLException | RuntimeException e) {
      db.rollback();
      throw e;
    } finally {
      db.setAutoCommit(true);
    }
  }
}
