package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.catalogue.MigrationScript;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Runs a set's verification scripts ({@code C<n>__*.sql}): every query in them must return no rows.
 * Meant for a read-only connection, so a verification script cannot change the device. A query
 * still running when the deadline passes is stopped (on a connection with a {@link
 * DeadlineInterrupt}), and no further query starts.
 */
public final class VerificationQueries {
  private static final int COLUMNS_SHOWN = 5;

  private VerificationQueries() {}

  /**
   * One problem per script that returned rows or failed, none when the data is as expected; once
   * the deadline has passed, the last problem says which script was stopped there.
   */
  public static List<String> problems(
      Handle handle, List<MigrationScript> verifications, Deadline deadline) {
    List<String> problems = new ArrayList<>();
    for (MigrationScript script : verifications) {
      try {
        firstProblem(handle, script, deadline).ifPresent(problems::add);
      } catch (StoppedAtDeadline stopped) {
        problems.add(
            ScriptFailedException.label(script) + " was stopped at the deadline " + deadline.at());
        return problems;
      }
    }
    return problems;
  }

  private static Optional<String> firstProblem(
      Handle handle, MigrationScript script, Deadline deadline) throws StoppedAtDeadline {
    for (String query : SqlStatements.split(script.sql())) {
      if (deadline.passed()) {
        throw new StoppedAtDeadline();
      }
      Optional<String> problem = run(handle, script, query, deadline);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> run(
      Handle handle, MigrationScript script, String query, Deadline deadline)
      throws StoppedAtDeadline {
    try (Statement statement = handle.getConnection().createStatement()) {
      if (!statement.execute(query)) {
        return Optional.empty();
      }
      try (ResultSet rows = statement.getResultSet()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(
            ScriptFailedException.label(script) + " returned rows, the first: " + firstRow(rows));
      }
    } catch (SQLException e) {
      if (SqliteErrors.stoppedAtDeadline(e, deadline)) {
        throw new StoppedAtDeadline();
      }
      return Optional.of(ScriptFailedException.label(script) + " failed: " + e.getMessage());
    }
  }

  private static String firstRow(ResultSet rows) throws SQLException {
    int columns = rows.getMetaData().getColumnCount();
    List<String> values = new ArrayList<>();
    for (int column = 1; column <= Math.min(columns, COLUMNS_SHOWN); column++) {
      values.add(rows.getMetaData().getColumnName(column) + "=" + rows.getString(column));
    }
    return "(" + String.join(", ", values) + (columns > COLUMNS_SHOWN ? ", ..." : "") + ")";
  }

  /** A query was interrupted, or not started, because the deadline passed. */
  private static final class StoppedAtDeadline extends Exception {
    private static final long serialVersionUID = 1L;

    StoppedAtDeadline() {
      super(null, null, false, false);
    }
  }
}
