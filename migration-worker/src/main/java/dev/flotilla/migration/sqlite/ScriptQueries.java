package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.devicedb.SqliteFailures;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.devicedb.open.DeadlineInterrupt;
import dev.flotilla.devicedb.sql.SqlScanner;
import dev.flotilla.devicedb.sql.SqlStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Runs the queries of a script made of queries, a set's verification ({@code C}) or probe ({@code
 * P}) scripts, statement by statement ({@link SqlScanner}), and counts and renders the rows they
 * return. Meant for a read-only connection, so such a script cannot change the database. A query
 * still running when the deadline passes is stopped (on a connection with a {@link
 * DeadlineInterrupt}), and no query starts once it has passed.
 */
public final class ScriptQueries {
  /** Rows rendered per script: enough to see what is wrong, short enough for a reply. */
  public static final int ROWS_SHOWN = 3;

  private static final int COLUMNS_SHOWN = 5;
  private static final int VALUE_CHARS = 40;

  private ScriptQueries() {}

  /**
   * Runs the script's queries until one returns a row: {@code Returned} with 0 or 1 row. For
   * verification scripts, where any row is a failure.
   */
  public static QueryOutcome untilFirstRow(
      Handle handle, MigrationScript script, Deadline deadline) {
    return run(handle, script, deadline, 1);
  }

  /** Runs every query of the script and counts every row they return. For probe scripts. */
  public static QueryOutcome allRows(Handle handle, MigrationScript script, Deadline deadline) {
    return run(handle, script, deadline, Long.MAX_VALUE);
  }

  private static QueryOutcome run(
      Handle handle, MigrationScript script, Deadline deadline, long enough) {
    long rowCount = 0;
    List<String> firstRows = new ArrayList<>();
    for (SqlStatement query : SqlScanner.statements(script.sql())) {
      if (rowCount >= enough) {
        break;
      }
      if (deadline.passed()) {
        return new QueryOutcome.StoppedAtDeadline(deadline.at());
      }
      try (Statement statement = handle.getConnection().createStatement()) {
        if (!statement.execute(query.code())) {
          continue;
        }
        try (ResultSet rows = statement.getResultSet()) {
          while (rowCount < enough && rows.next()) {
            rowCount++;
            if (firstRows.size() < ROWS_SHOWN) {
              firstRows.add(render(rows));
            }
          }
        }
      } catch (SQLException e) {
        if (DeadlineInterrupt.stoppedAtDeadline(e, deadline)) {
          return new QueryOutcome.StoppedAtDeadline(deadline.at());
        }
        return new QueryOutcome.Failed(SqliteFailures.describe(e), causeOf(e));
      }
    }
    return new QueryOutcome.Returned(rowCount, firstRows);
  }

  private static QueryOutcome.Cause causeOf(SQLException e) {
    if (SqliteFailures.isReadOnly(e)) {
      // The connection is read-only: a script that tries to write is wrong, not the database.
      return QueryOutcome.Cause.SCRIPT;
    }
    if (SqliteFailures.isBusy(e)) {
      return QueryOutcome.Cause.BUSY;
    }
    if (SqliteFailures.isCorruption(e)) {
      return QueryOutcome.Cause.CORRUPTION;
    }
    return switch (SqliteFailures.kindOf(e, FailureKind.BUSINESS)) {
      case INFRASTRUCTURE -> QueryOutcome.Cause.SURROUNDINGS;
      case BUSINESS -> QueryOutcome.Cause.SCRIPT;
    };
  }

  /** The current row as {@code (column=value, ...)}, long values and many columns cut short. */
  static String render(ResultSet rows) throws SQLException {
    ResultSetMetaData meta = rows.getMetaData();
    int columns = meta.getColumnCount();
    List<String> values = new ArrayList<>();
    for (int column = 1; column <= Math.min(columns, COLUMNS_SHOWN); column++) {
      String value = rows.getString(column);
      values.add(meta.getColumnName(column) + "=" + (value == null ? "NULL" : shorten(value)));
    }
    return "(" + String.join(", ", values) + (columns > COLUMNS_SHOWN ? ", ..." : "") + ")";
  }

  private static String shorten(String value) {
    return value.length() <= VALUE_CHARS ? value : value.substring(0, VALUE_CHARS - 3) + "...";
  }
}
