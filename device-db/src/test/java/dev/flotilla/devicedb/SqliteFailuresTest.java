package dev.flotilla.devicedb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import java.io.IOException;
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
  void aScriptsOwnErrorHasNoCodeAndOnlyADamagedDatabaseIsTheDatabasesFault() {
    assertThat(SqliteFailures.codeOf(new SQLiteException("syntax", SQLiteErrorCode.SQLITE_ERROR)))
        .isEmpty();
    assertThat(SqliteFailures.kindOf(new SQLiteException("bad", SQLiteErrorCode.SQLITE_CORRUPT)))
        .contains(FailureKind.BUSINESS);
    assertThat(SqliteFailures.kindOf(new SQLiteException("busy", SQLiteErrorCode.SQLITE_BUSY)))
        .contains(FailureKind.INFRASTRUCTURE);
  }

  private static String code(Throwable failure) {
    return SqliteFailures.codeOf(failure).orElseThrow();
  }
}
