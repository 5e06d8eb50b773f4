package dev.flotilla.devicedb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Changing a file's owner needs root; CI runs as root, and this fails loudly anywhere else. */
class FileOwnershipTest {
  private static final FileOwnership APPLICATION =
      new FileOwnership(4242, 4343, PosixFilePermissions.fromString("rw-------"));

  @TempDir Path dir;

  @BeforeEach
  void needsRoot() {
    assertThat(WorkerIdentity.current().map(WorkerIdentity::isRoot))
        .as("this test changes file owners and needs root (CI runs as root)")
        .contains(true);
  }

  @Test
  void aFileGetsTheOwnerGroupAndModeGiven() throws IOException {
    Path file = Files.writeString(dir.resolve("app.db"), "");

    APPLICATION.applyTo(file);

    assertThat(FileOwnership.of(file)).contains(APPLICATION);
  }

  @Test
  void companionsTheWorkersCreatedBecomeTheDatabases() throws IOException {
    Path database = Files.writeString(dir.resolve("app.db"), "");
    APPLICATION.applyTo(database);
    Path wal = Files.writeString(SqliteCompanions.wal(database), "");
    Path shm = Files.writeString(SqliteCompanions.shm(database), "");

    FileOwnership.alignCompanions(database);

    assertThat(FileOwnership.of(wal)).contains(APPLICATION);
    assertThat(FileOwnership.of(shm)).contains(APPLICATION);
    assertThat(Files.exists(SqliteCompanions.journal(database))).isFalse();
  }
}
