package dev.flotilla.migration.sqlite;

import java.time.Instant;
import java.util.List;

/** What running the queries of one script ({@link ScriptQueries}) on a database came to. */
public sealed interface QueryOutcome {
  /**
   * The queries ran to their end (or to as many rows as were asked for).
   *
   * @param rowCount the rows they returned, 0 when none
   * @param firstRows the first of them, rendered as {@code (column=value, ...)}
   */
  record Returned(long rowCount, List<String> firstRows) implements QueryOutcome {
    public Returned {
      firstRows = List.copyOf(firstRows);
    }
  }

  /**
   * A query could not run.
   *
   * @param message SQLite's words
   * @param cause whether the script was at fault or the database around it
   */
  record Failed(String message, Cause cause) implements QueryOutcome {}

  /** The deadline passed while a query ran (it was interrupted) or before one could start. */
  record StoppedAtDeadline(Instant deadline) implements QueryOutcome {}

  /** Why a query failed: the fix lies in the script, or waiting or repair may cure it. */
  enum Cause {
    /** The script's own SQL: a syntax error, a table that does not exist, a write refused. */
    SCRIPT,
    /** Another connection held a lock the query needed. */
    BUSY,
    /** The file is damaged or not a database. */
    CORRUPTION,
    /** I/O trouble, memory, a file that cannot be opened. */
    SURROUNDINGS
  }
}
