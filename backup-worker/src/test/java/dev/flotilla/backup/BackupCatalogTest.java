package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.backup.BackupVerification.Status;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.testsupport.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCatalogTest {
  private static final DeviceId DEVICE = DeviceId.of("rv-0001");

  @TempDir Path fleetDir;
  @TempDir Path backupDir;

  private BackupCompleted older;
  private BackupCompleted newer;
  private BackupCatalog catalog;

  @BeforeEach
  void takeTwoBackups() {
    FleetLayout fleet = new FleetLayout(fleetDir);
    DeviceDatabases.create(fleet.database(DEVICE));
    older = backUp(fleet, "r-1/rv-0001/backup/1", "2026-11-20T08:00:00Z");
    DeviceDatabases.addReadings(fleet.database(DEVICE), 10);
    newer = backUp(fleet, "r-2/rv-0001/backup/1", "2026-11-21T08:00:00Z");
    catalog = new BackupCatalog(backupDir);
  }

  private BackupCompleted backUp(FleetLayout fleet, String commandId, String at) {
    Clock clock = Clock.fixed(Instant.parse(at), ZoneOffset.UTC);
    return (BackupCompleted)
        new BackupTaker(new BackupLayout(backupDir), fleet, FreeSpaceProbe.fileStore(), clock)
            .backup(Commands.takeBackup(DEVICE, commandId));
  }

  @Test
  void listShowsEachFinishedBackupOfADeviceOldestFirst() throws IOException {
    assertThat(catalog.list(DEVICE))
        .extracting(BackupManifest::backupId)
        .containsExactly(older.backupId(), newer.backupId());
    assertThat(catalog.list(DEVICE).get(1).tableRowCounts()).containsEntry("tank_reading", 130L);
    assertThat(catalog.list(DeviceId.of("rv-0404"))).isEmpty();
  }

  @Test
  void verifyFindsTheBackupByIdAndConfirmsItsChecksum() throws IOException {
    BackupVerification verification = catalog.verify(newer.backupId());

    assertThat(verification.status()).isEqualTo(Status.INTACT);
    assertThat(verification.manifest())
        .get()
        .extracting(BackupManifest::sha256)
        .isEqualTo(newer.sha256());
  }

  @Test
  void verifyReportsABackupWhoseBytesChangedAsDamaged() throws IOException {
    Path file = new BackupLayout(backupDir).backupFile(DEVICE, older.backupId());
    DeviceDatabases.flipBytes(file, 100, 1);

    assertThat(catalog.verify(older.backupId()).status()).isEqualTo(Status.DAMAGED);
    assertThat(catalog.verify(newer.backupId()).status()).isEqualTo(Status.INTACT);
  }

  @Test
  void verifyReportsMissingPiecesAndUnknownBackups() throws IOException {
    Files.delete(new BackupLayout(backupDir).backupFile(DEVICE, older.backupId()));

    assertThat(catalog.verify(older.backupId()).status()).isEqualTo(Status.INCOMPLETE);
    assertThat(catalog.verify(BackupId.of("rv-0001-ffffffffffff")).status())
        .isEqualTo(Status.NOT_FOUND);
  }
}
