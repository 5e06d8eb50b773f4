package dev.flotilla.backup;

import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.devicedb.OutsideFleetException;
import dev.flotilla.devicedb.SqliteFailures;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Turns whatever stopped a step into the failure the coordinator acts on, as {@link SqliteFailures}
 * classifies it: {@code BUSINESS} when a database failed its checks or is damaged (retrying will
 * not help), {@code INFRASTRUCTURE} when the surroundings failed (disk, I/O, a lock, a missing
 * file), so a retry may succeed. Only the words of the reason are the backup's own. Every statement
 * a backup runs is the worker's own, so an SQLite error without a shared code is no judgement on
 * the data either.
 */
final class FailureClassifier {
  private FailureClassifier() {}

  /** The failure, with the shared code of what happened where it has one. */
  static Failure classify(Throwable problem) {
    Optional<String> code = SqliteFailures.codeOf(problem);
    Failure failure = describe(problem, code.orElse(""));
    return failure.code() != null
        ? failure
        : new Failure(failure.kind(), failure.reason(), code.orElse(null));
  }

  private static Failure describe(Throwable problem, String code) {
    if (problem instanceof StepFailedException step) {
      return step.failure();
    }
    if (problem instanceof UnsafePathException unsafe) {
      return Failure.business("unsafe-path: " + unsafe.getMessage());
    }
    if (problem instanceof OutsideFleetException outside) {
      return Failure.business("outside-fleet: " + outside.getMessage());
    }
    return new Failure(
        SqliteFailures.kindOf(problem, FailureKind.INFRASTRUCTURE), reason(problem, code));
  }

  private static String reason(Throwable problem, String code) {
    if (problem instanceof SQLException sql) {
      return switch (code) {
        case Failure.CORRUPT_DATABASE -> "database-corrupt: " + sql.getMessage();
        // The device's application held its lock past our wait: it is in use, not broken.
        case Failure.DATABASE_BUSY ->
            Failure.DATABASE_BUSY
                + ": the device's application held the database's lock ("
                + sql.getMessage()
                + ")";
        case Failure.LOW_DISK -> "low-disk: no space left on device (" + sql.getMessage() + ")";
        default -> "sqlite: " + sql.getMessage();
      };
    }
    if (code.equals(Failure.LOW_DISK)) {
      return "low-disk: no space left on device (" + problem + ")";
    }
    if (problem instanceof NoSuchFileException missing) {
      return "missing-file: " + missing.getFile();
    }
    if (problem instanceof IOException io) {
      return "io: " + io;
    }
    return "unexpected: " + problem;
  }
}
