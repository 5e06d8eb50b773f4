package dev.flotilla.devicedb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

class SqliteFailuresTest {
  @Test
  void sqlitesOwnCodesBecomeTheSharedOnes() {
    assertThat(code(new SQLiteException("locked", SQLiteErrorCode.SQLITE_BUSY)))
        .isEqualTo(Failure.DATABASE_BUSY);
    assertThat(code(new SQLiteException("bad", SQLiteErrorCode.SQLITE_CORRUPT)))
        .isEqualTo(Failure.CORRUPT_DATABASE);
    assertThat(code(new SQLiteException("not a db", SQLiteErrorCode.SQLITE_NOTADB)))
        .isEqualTo(Failure.CORRUPT_DATABASE);
    assertThat(code(new SQLiteException("full", SQLiteErrorCode.SQLITE_FULL)))
        .isEqualTo(Failure.LOW_DISK);
    assertThat(code(new SQLiteException("io", SQLiteErrorCode.SQLITE_IOERR_WRITE)))
        .isEqualTo(Failure.IO_ERROR);
    assertThat(code(new SQLException("[SQLITE_BUSY] database is locked", null, 5)))
        .isEqualTo(Failure.DATABASE_BUSY);
  }

  @Test
  void filesAndDisksHaveTheirCodesDeepInsideOtherExceptions() {
    assertThat(code(new IllegalStateException(new NoSuchFileException("/fleet/a.db"))))
        .isEqualTo(Failure.MISSING_FILE);
    assertThat(code(new FileSystemException("/b", null, "No space left on device")))
        .isEqualTo(Failure.LOW_DISK);
    assertThat(code(new IOException("Input/output error"))).isEqualTo(Failure.IO_ERROR);
  }

  @Test
  void aScriptsOwnErrorHasNoCodeAndItsKindIsTheCallers() {
    SQLiteException syntax = new SQLiteException("syntax", SQLiteErrorCode.SQLITE_ERROR);

    assertThat(SqliteFailures.codeOf(syntax)).isEmpty();
    assertThat(SqliteFailures.kindOf(syntax, FailureKind.BUSINESS)).isEqualTo(FailureKind.BUSINESS);
    assertThat(SqliteFailures.kindOf(syntax, FailureKind.INFRASTRUCTURE))
        .isEqualTo(FailureKind.INFRASTRUCTURE);
  }

  @Test
  void onlyADamagedDatabaseIsTheDatabasesFault() {
    assertThat(kind(new SQLiteException("bad", SQLiteErrorCode.SQLITE_CORRUPT)))
        .isEqualTo(FailureKind.BUSINESS);
    assertThat(kind(new SQLException("not a database", null, 26))).isEqualTo(FailureKind.BUSINESS);
    assertThat(kind(new SQLiteException("busy", SQLiteErrorCode.SQLITE_BUSY)))
        .isEqualTo(FailureKind.INFRASTRUCTURE);
    assertThat(kind(new SQLiteException("full", SQLiteErrorCode.SQLITE_FULL)))
        .isEqualTo(FailureKind.INFRASTRUCTURE);
    assertThat(kind(new SQLiteException("memory", SQLiteErrorCode.SQLITE_NOMEM)))
        .isEqualTo(FailureKind.INFRASTRUCTURE);
    assertThat(kind(new UncheckedIOException(new IOException("Input/output error"))))
        .isEqualTo(FailureKind.INFRASTRUCTURE);
  }

  @Test
  void whatIsNotSqlitesNorAFilesIsWorthRetrying() {
    assertThat(kind(new IllegalStateException("a bug"))).isEqualTo(FailureKind.INFRASTRUCTURE);
    // The driver's own complaint, with no SQLite code, judges no statement.
    assertThat(kind(new SQLException("database connection closed")))
        .isEqualTo(FailureKind.INFRASTRUCTURE);
  }

  @Test
  void theFailureCarriesTheReasonItsKindAndItsCode() {
    Failure failure =
        SqliteFailures.failure(
            new IllegalStateException(new SQLiteException("locked", SQLiteErrorCode.SQLITE_BUSY)),
            "the device is busy",
            FailureKind.BUSINESS);

    assertThat(failure)
        .isEqualTo(
            new Failure(FailureKind.INFRASTRUCTURE, "the device is busy", Failure.DATABASE_BUSY));
  }

  @Test
  void busyCorruptReadOnlyAndInterruptAreFoundBehindWrappers() {
    assertThat(
            SqliteFailures.isBusy(
                new RuntimeException(new SQLiteException("l", SQLiteErrorCode.SQLITE_LOCKED))))
        .isTrue();
    assertThat(
            SqliteFailures.isCorruption(
                new RuntimeException(new SQLiteException("n", SQLiteErrorCode.SQLITE_NOTADB))))
        .isTrue();
    assertThat(SqliteFailures.isReadOnly(new SQLiteException("r", SQLiteErrorCode.SQLITE_READONLY)))
        .isTrue();
    assertThat(
            SqliteFailures.isInterrupt(new SQLiteException("i", SQLiteErrorCode.SQLITE_INTERRUPT)))
        .isTrue();
    assertThat(SqliteFailures.isBusy(new SQLiteException("x", SQLiteErrorCode.SQLITE_ERROR)))
        .isFalse();
  }

  @Test
  void theDescriptionIsSqlitesOwnWords() {
    SQLiteException cause = new SQLiteException("no such table: t", SQLiteErrorCode.SQLITE_ERROR);

    assertThat(SqliteFailures.describe(new RuntimeException("SELECT * FROM t failed", cause)))
        .isEqualTo(cause.getMessage());
    assertThat(SqliteFailures.describe(new IllegalStateException()))
        .isEqualTo("IllegalStateException");
  }

  private static FailureKind kind(Throwable failure) {
    return SqliteFailures.kindOf(failure, FailureKind.BUSINESS);
  }

  private static String code(Throwable failure) {
    return SqliteFailures.codeOf(failure).orElseThrow();
  }
}
