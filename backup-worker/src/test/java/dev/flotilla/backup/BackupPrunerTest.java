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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupPrunerTest {
  private static final DeviceId DEVICE = DeviceId.of("rv-0001");
  private static final DeviceId OTHER = DeviceId.of("rv-0002");
  private static final Instant FIRST = Instant.parse("2026-11-01T08:00:00Z");

  @TempDir Path fleetDir;
  @TempDir Path backupDir;

  private BackupLayout layout;
  private FleetLayout fleet;

  /** Six daily backups of DEVICE, oldest first: the last is taken at FIRST + 5 days. */
  private final List<BackupId> daily = new ArrayList<>();

  @BeforeEach
  void takeDailyBackups() {
    layout = new BackupLayout(backupDir);
    fleet = new FleetLayout(fleetDir);
    DeviceDatabases.create(fleet.database(DEVICE));
    DeviceDatabases.create(fleet.database(OTHER));
    for (int day = 0; day < 6; day++) {
      DeviceDatabases.addReadings(fleet.database(DEVICE), 5);
      daily.add(backUp(DEVICE, "r-" + day + "/rv-0001/backup/1", FIRST.plus(Duration.ofDays(day))));
    }
    backUp(OTHER, "r-0/rv-0002/backup/1", FIRST);
  }

  private BackupId backUp(DeviceId device, String commandId, Instant at) {
    Clock clock = Clock.fixed(at, ZoneOffset.UTC);
    BackupCompleted done =
        (BackupCompleted)
            new BackupTaker(layout, fleet, FreeSpaceProbe.fileStore(), clock)
                .backup(Commands.takeBackup(device, commandId));
    return done.backupId();
  }

  private BackupPruner pruner(Duration maxAge, int keep, Instant now) {
    return new BackupPruner(
        layout, new RetentionPolicy(maxAge, keep), Clock.fixed(now, ZoneOffset.UTC));
  }

  private List<BackupId> remaining(DeviceId device) throws IOException {
    return new BackupCatalog(backupDir)
        .list(device).stream().map(BackupManifest::backupId).toList();
  }

  @Test
  void retentionDeletesTheOldestBackupsBeyondBothLimitsWithTheirManifests() throws IOException {
    // At day 5 with keep 3 and max age 2 days: days 3, 4, 5 are the newest three, day 3 is also
    // exactly two days old; days 0, 1 and 2 are beyond both limits.
    List<BackupId> deleted =
        pruner(Duration.ofDays(2), 3, FIRST.plus(Duration.ofDays(5))).prune(DEVICE);

    assertThat(deleted).containsExactlyElementsOf(daily.subList(0, 3));
    assertThat(remaining(DEVICE)).containsExactlyElementsOf(daily.subList(3, 6));
    for (BackupId gone : deleted) {
      assertThat(layout.backupFile(DEVICE, gone)).doesNotExist();
      assertThat(layout.manifestFile(DEVICE, gone)).doesNotExist();
    }
    BackupCatalog catalog = new BackupCatalog(backupDir);
    assertThat(catalog.checkAll(DEVICE, true))
        .extracting(BackupVerification::status)
        .containsOnly(Status.INTACT)
        .hasSize(3);
    assertThat(remaining(OTHER)).hasSize(1);
  }

  @Test
  void theNewestBackupSurvivesTheTightestPolicyFarInTheFuture() throws IOException {
    Instant muchLater = FIRST.plus(Duration.ofDays(3650));

    assertThat(pruner(Duration.ZERO, 1, muchLater).prune(DEVICE)).hasSize(5);
    assertThat(remaining(DEVICE)).containsExactly(daily.get(5));
    assertThat(pruner(Duration.ZERO, 1, muchLater).prune(DEVICE)).isEmpty();
    assertThat(new BackupCatalog(backupDir).verify(DEVICE, daily.get(5)).status())
        .isEqualTo(Status.INTACT);
  }

  @Test
  void aBackupIsDeletedOnlyWhenBeyondBothTheCountAndTheAge() throws IOException {
    Instant daySix = FIRST.plus(Duration.ofDays(6));
    assertThat(pruner(Duration.ofDays(30), 1, daySix).prune(DEVICE)).isEmpty();
    assertThat(pruner(Duration.ofDays(1), 6, daySix).prune(DEVICE)).isEmpty();
    assertThat(pruner(Duration.ofDays(3), 5, daySix).prune(DEVICE)).containsExactly(daily.get(0));
    assertThat(remaining(DEVICE)).containsExactlyElementsOf(daily.subList(1, 6));
  }

  @Test
  void nothingIsDeletedWhileTheNewestBackupIsDamaged() throws IOException {
    DeviceDatabases.flipBytes(layout.backupFile(DEVICE, daily.get(5)), 100, 1);

    assertThat(pruner(Duration.ZERO, 1, FIRST.plus(Duration.ofDays(3650))).prune(DEVICE)).isEmpty();
    assertThat(remaining(DEVICE)).containsExactlyElementsOf(daily);
  }

  @Test
  void aCheckOfEveryPieceReportsFilesWithoutManifestsAsIncomplete() throws IOException {
    Files.delete(layout.manifestFile(DEVICE, daily.get(0)));
    Files.delete(layout.backupFile(DEVICE, daily.get(1)));

    List<BackupVerification> checks = new BackupCatalog(backupDir).checkAll(DEVICE, false);

    assertThat(checks).hasSize(6);
    assertThat(checks.get(0).backupId()).isEqualTo(daily.get(1));
    assertThat(checks.get(0).status()).isEqualTo(Status.INCOMPLETE);
    assertThat(checks.get(5).backupId()).isEqualTo(daily.get(0));
    assertThat(checks.get(5).status()).isEqualTo(Status.INCOMPLETE);
    assertThat(new BackupCatalog(backupDir).devices()).containsExactly(DEVICE, OTHER);
  }
}
