package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class FailureClassifierTest {
  @Test
  void aFullDiskIsAnInfrastructureFailureNamedLowDisk() {
    Failure failure =
        FailureClassifier.classify(
            new FileSystemException("/backups/rv-0001/.x.tmp", null, "No space left on device"));

    assertThat(failure.kind()).isEqualTo(FailureKind.INFRASTRUCTURE);
    assertThat(failure.reason()).startsWith("low-disk:");
  }

  @Test
  void aFullDiskReportedDeepInsideAnotherExceptionIsStillLowDisk() {
    Failure failure =
        FailureClassifier.classify(
            new UncheckedIOException(new IOException("write failed: No space left on device")));

    assertThat(failure.reason()).startsWith("low-disk:");
  }

  @Test
  void sqliteReportingAFullDiskIsLowDisk() {
    Failure failure =
        FailureClassifier.classify(
            new SQLException("[SQLITE_FULL] database or disk is full", null, 13));

    assertThat(failure.kind()).isEqualTo(FailureKind.INFRASTRUCTURE);
    assertThat(failure.reason())
        .startsWith("low-disk: no space left on device")
        .contains("SQLITE_FULL");
    assertThat(failure.code()).isEqualTo(Failure.LOW_DISK);
  }

  @Test
  void aDatabaseLockedByTheApplicationIsBusyNotBroken() {
    Failure failure =
        FailureClassifier.classify(new SQLException("[SQLITE_BUSY] database is locked", null, 5));

    assertThat(failure.kind()).isEqualTo(FailureKind.INFRASTRUCTURE);
    assertThat(failure.is(Failure.DATABASE_BUSY)).isTrue();
    assertThat(failure.reason()).startsWith("database-busy: the device's application held");
  }

  @Test
  void aCorruptDatabaseIsABusinessFailure() {
    assertThat(FailureClassifier.classify(new SQLException("malformed", null, 11)).kind())
        .isEqualTo(FailureKind.BUSINESS);
    assertThat(FailureClassifier.classify(new SQLException("malformed", null, 11)).code())
        .isEqualTo(Failure.CORRUPT_DATABASE);
    assertThat(FailureClassifier.classify(new SQLException("not a database", null, 26)).kind())
        .isEqualTo(FailureKind.BUSINESS);
  }

  @Test
  void aMissingFileIsAnInfrastructureFailure() {
    Failure failure = FailureClassifier.classify(new NoSuchFileException("/fleet/rv-0001.db"));

    assertThat(failure.kind()).isEqualTo(FailureKind.INFRASTRUCTURE);
    assertThat(failure.reason()).isEqualTo("missing-file: /fleet/rv-0001.db");
    assertThat(failure.code()).isEqualTo(Failure.MISSING_FILE);
  }
}
