package dev.flotilla.backup;

import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.devicedb.SqliteFailures;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Turns whatever stopped a step into the failure the coordinator acts on: {@code BUSINESS} when a
 * database failed its checks (retrying will not help), {@code INFRASTRUCTURE} when the surroundings
 * failed (disk, I/O, a missing file), so a retry may succeed.
 */
final class FailureClassifier {
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_FULL = 13;
  private static final int SQLITE_NOTADB = 26;

  private FailureClassifier() {}

  /**
   * The failure, with the shared code of what happened ({@link SqliteFailures}) where it has one.
   */
  static Failure classify(Throwable problem) {
    Failure failure = describe(problem);
    if (failure.code() != null) {
      return failure;
    }
    return new Failure(
        failure.kind(), failure.reason(), SqliteFailures.codeOf(problem).orElse(null));
  }

  private static Failure describe(Throwable problem) {
    if (problem instanceof StepFailedException step) {
      return step.failure();
    }
    if (problem instanceof UnsafePathException unsafe) {
      return Failure.business("unsafe-path: " + unsafe.getMessage());
    }
    if (problem instanceof SQLException sql) {
      int primaryCode = sql.getErrorCode() & 0xff;
      if (primaryCode == SQLITE_CORRUPT || primaryCode == SQLITE_NOTADB) {
        return Failure.business("database-corrupt: " + sql.getMessage());
      }
      if (primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED) {
        // The device's application held its lock past our wait: it is in use, not broken.
        return new Failure(
            FailureKind.INFRASTRUCTURE,
            Failure.DATABASE_BUSY
                + ": the device's application held the database's lock ("
                + sql.getMessage()
                + ")",
            Failure.DATABASE_BUSY);
      }
      if (primaryCode == SQLITE_FULL) {
        return Failure.infrastructure(
            "low-disk: no space left on device (" + sql.getMessage() + ")");
      }
      return Failure.infrastructure("sqlite: " + sql.getMessage());
    }
    if (isNoSpaceLeft(problem)) {
      return Failure.infrastructure("low-disk: no space left on device (" + problem + ")");
    }
    if (problem instanceof NoSuchFileException missing) {
      return Failure.infrastructure("missing-file: " + missing.getFile());
    }
    if (problem instanceof IOException io) {
      return Failure.infrastructure("io: " + io);
    }
    return Failure.infrastructure("unexpected: " + problem);
  }

  private static boolean isNoSpaceLeft(Throwable problem) {
    for (Throwable t = problem; t != null; t = t.getCause()) {
      String text =
          t instanceof FileSystemException fs && fs.getReason() != null
              ? fs.getReason()
              : t.getMessage();
      if (text != null && text.toLowerCase(Locale.ROOT).contains("no space left")) {
        return true;
      }
    }
    return false;
  }
}
