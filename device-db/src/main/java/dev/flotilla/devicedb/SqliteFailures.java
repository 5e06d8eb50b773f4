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
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * What a failure while working on a device database was, in the codes every step and the safety
 * check share ({@link Failure#DATABASE_BUSY}, {@link Failure#CORRUPT_DATABASE}, {@link
 * Failure#LOW_DISK}, {@link Failure#MISSING_FILE}, {@link Failure#IO_ERROR}), and its kind: the
 * surroundings ({@code INFRASTRUCTURE}: a lock, the disk, a file) or the database itself ({@code
 * BUSINESS}: damaged). One classification for both workers.
 */
public final class SqliteFailures {
  private static final int BUSY = 5;
  private static final int LOCKED = 6;
  private static final int READONLY = 8;
  private static final int IOERR = 10;
  private static final int CORRUPT = 11;
  private static final int FULL = 13;
  private static final int CANTOPEN = 14;
  private static final int NOTADB = 26;

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

  /** {@code BUSINESS} for a damaged database, {@code INFRASTRUCTURE} for any other coded one. */
  public static Optional<FailureKind> kindOf(Throwable failure) {
    return codeOf(failure)
        .map(
            code ->
                code.equals(Failure.CORRUPT_DATABASE)
                    ? FailureKind.BUSINESS
                    : FailureKind.INFRASTRUCTURE);
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

  private static int primaryCode(SQLException e) {
    if (e instanceof SQLiteException sqlite && sqlite.getResultCode() != null) {
      SQLiteErrorCode code = sqlite.getResultCode();
      return code.code & 0xff;
    }
    return e.getErrorCode() & 0xff;
  }

  private static boolean noSpaceLeft(Throwable t) {
    String text =
        t instanceof FileSystemException fs && fs.getReason() != null
            ? fs.getReason()
            : t.getMessage();
    return text != null && text.toLowerCase(Locale.ROOT).contains("no space left");
  }
}
