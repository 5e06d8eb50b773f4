package dev.flotilla.migration.sqlite;

import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.devicedb.SqliteFailures;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.sqlite.SQLiteException;

/**
 * Sorts failures into the two kinds the coordinator acts on: the surroundings (disk, locks, a
 * missing file: retry) and the work on this device's data (a script error, corruption: compensate).
 */
public final class SqliteErrors {
  private static final int BUSY = 5;
  private static final int LOCKED = 6;
  private static final int NOMEM = 7;
  private static final int READONLY = 8;
  private static final int INTERRUPT = 9;
  private static final int IOERR = 10;
  private static final int CORRUPT = 11;
  private static final int FULL = 13;
  private static final int CANTOPEN = 14;
  private static final int NOTADB = 26;

  private SqliteErrors() {}

  /** A failure with {@code reason}, its kind, and the shared code of what happened, if any. */
  public static Failure failure(Throwable e, String reason) {
    return new Failure(kindOf(e), reason, SqliteFailures.codeOf(e).orElse(null));
  }

  public static FailureKind kindOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return FailureKind.INFRASTRUCTURE;
      }
      if (t instanceof SQLiteException sqlite) {
        return switch (primaryCode(sqlite)) {
          case BUSY, LOCKED, NOMEM, READONLY, IOERR, FULL, CANTOPEN -> FailureKind.INFRASTRUCTURE;
          default -> FailureKind.BUSINESS;
        };
      }
      if (t instanceof ScriptFailedException) {
        return kindOf(t.getCause()) == FailureKind.INFRASTRUCTURE
            ? FailureKind.INFRASTRUCTURE
            : FailureKind.BUSINESS;
      }
    }
    // Not a judgement on the data (a bug, an unexpected runtime failure): worth retrying.
    return FailureKind.INFRASTRUCTURE;
  }

  /** The file is damaged or not a database at all. */
  public static boolean isCorruption(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException sqlite) {
        int code = primaryCode(sqlite);
        return code == CORRUPT || code == NOTADB;
      }
    }
    return false;
  }

  /** Another connection holds a lock the operation needed. */
  public static boolean isBusy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException sqlite) {
        int code = primaryCode(sqlite);
        return code == BUSY || code == LOCKED;
      }
    }
    return false;
  }

  /** A write was refused because the connection is read-only. */
  static boolean isReadOnly(Throwable failure) {
    return failure instanceof SQLiteException sqlite && primaryCode(sqlite) == READONLY;
  }

  static boolean isInterrupt(Throwable failure) {
    return failure instanceof SQLiteException sqlite && primaryCode(sqlite) == INTERRUPT;
  }

  /** SQLite stopped the work because the deadline passed (see {@link DeadlineInterrupt}). */
  public static boolean stoppedAtDeadline(Throwable failure, Deadline deadline) {
    if (!deadline.passed()) {
      return false;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLiteException sqlite) {
        return primaryCode(sqlite) == INTERRUPT;
      }
    }
    return false;
  }

  /** SQLite's own words when SQLite failed (without Jdbi's statement dump), never null. */
  public static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  /**
   * {@link #describe(Throwable)}, saying why when the work gave up waiting for a lock because the
   * command's deadline passed (see {@link LockWait}).
   */
  public static String describe(Throwable failure, Deadline deadline) {
    if (isBusy(failure) && deadline.passed()) {
      return "the deadline "
          + deadline.at()
          + " passed while another connection held the database's lock: "
          + describe(failure);
    }
    return describe(failure);
  }

  private static int primaryCode(SQLiteException e) {
    return e.getResultCode().code & 0xff;
  }
}
