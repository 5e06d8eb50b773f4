package dev.flotilla.devicedb;

import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import org.sqlite.SQLiteException;

/**
 * What a failure while working on a device database was, in the codes every step and the safety
 * check share ({@link Failure#DATABASE_BUSY}, {@link Failure#CORRUPT_DATABASE}, {@link
 * Failure#LOW_DISK}, {@link Failure#MISSING_FILE}, {@link Failure#IO_ERROR}), and its kind: the
 * surroundings ({@code INFRASTRUCTURE}: a lock, the disk, a file; a retry may succeed) or the work
 * on the data ({@code BUSINESS}: a damaged database; retrying will not mend it). The one
 * classification of SQLite and file errors, for every step.
 */
public final class SqliteFailures {
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

  /** Not a code of SQLite's: an SQLException the driver raised without SQLite. */
  private static final int NO_CODE = 0;

  private SqliteFailures() {}

  /** The shared code of {@code failure}, looking through its causes; empty when none applies. */
  public static Optional<String> codeOf(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        Optional<String> code = codeOf(primaryCode(sql));
        if (code.isPresent()) {
          return code;
        }
      }
      if (noSpaceLeft(t)) {
        return Optional.of(Failure.LOW_DISK);
      }
      if (t instanceof NoSuchFileException) {
        return Optional.of(Failure.MISSING_FILE);
      }
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return Optional.of(Failure.IO_ERROR);
      }
    }
    return Optional.empty();
  }

  /**
   * The kind of {@code failure}, decided by the first file or SQLite error among its causes: a
   * damaged database is {@code BUSINESS}; a lock, the disk, memory, a file are {@code
   * INFRASTRUCTURE}; any other SQLite error was the statement's own (its syntax, a constraint) and
   * is what {@code statementErrors} says: a migration script's error is the script's, while a
   * step's own fixed statements failing is no judgement on the data. Anything else (a bug, an
   * unexpected runtime failure) is worth retrying: {@code INFRASTRUCTURE}.
   */
  public static FailureKind kindOf(Throwable failure, FailureKind statementErrors) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return FailureKind.INFRASTRUCTURE;
      }
      if (t instanceof SQLException sql && primaryCode(sql) != NO_CODE) {
        int code = primaryCode(sql);
        if (code == CORRUPT || code == NOTADB) {
          return FailureKind.BUSINESS;
        }
        return codeOf(code).isPresent() || code == NOMEM
            ? FailureKind.INFRASTRUCTURE
            : statementErrors;
      }
    }
    return FailureKind.INFRASTRUCTURE;
  }

  /**
   * A failure with {@code reason}, its kind ({@link #kindOf}) and the shared code of what happened,
   * if any.
   */
  public static Failure failure(Throwable e, String reason, FailureKind statementErrors) {
    return new Failure(kindOf(e, statementErrors), reason, codeOf(e).orElse(null));
  }

  /** The file is damaged or not a database at all. */
  public static boolean isCorruption(Throwable failure) {
    int code = firstSqliteCode(failure);
    return code == CORRUPT || code == NOTADB;
  }

  /** Another connection holds a lock the operation needed. */
  public static boolean isBusy(Throwable failure) {
    int code = firstSqliteCode(failure);
    return code == BUSY || code == LOCKED;
  }

  /** A write was refused because the connection is read-only. */
  public static boolean isReadOnly(Throwable failure) {
    return firstSqliteCode(failure) == READONLY;
  }

  /** SQLite stopped a statement because it was asked to (a progress handler, an interrupt). */
  public static boolean isInterrupt(Throwable failure) {
    return firstSqliteCode(failure) == INTERRUPT;
  }

  /** SQLite's own words when SQLite failed (without a library's statement dump), never null. */
  public static String describe(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException && t.getMessage() != null) {
        return t.getMessage();
      }
    }
    String message = failure.getMessage();
    return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
  }

  /** Whether {@code t}, or what it reports, says the disk is full. */
  public static boolean noSpaceLeft(Throwable t) {
    String text =
        t instanceof FileSystemException fs && fs.getReason() != null
            ? fs.getReason()
            : t.getMessage();
    return text != null && text.toLowerCase(Locale.ROOT).contains("no space left");
  }

  private static Optional<String> codeOf(int primaryCode) {
    return switch (primaryCode) {
      case BUSY, LOCKED -> Optional.of(Failure.DATABASE_BUSY);
      case CORRUPT, NOTADB -> Optional.of(Failure.CORRUPT_DATABASE);
      case FULL -> Optional.of(Failure.LOW_DISK);
      case IOERR, READONLY, CANTOPEN -> Optional.of(Failure.IO_ERROR);
      default -> Optional.empty();
    };
  }

  /** The primary code of the first SQLite error among the causes, {@link #NO_CODE} when none. */
  private static int firstSqliteCode(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && primaryCode(sql) != NO_CODE) {
        return primaryCode(sql);
      }
    }
    return NO_CODE;
  }

  private static int primaryCode(SQLException e) {
    if (e instanceof SQLiteException sqlite && sqlite.getResultCode() != null) {
      return sqlite.getResultCode().code & 0xff;
    }
    return e.getErrorCode() & 0xff;
  }
}
