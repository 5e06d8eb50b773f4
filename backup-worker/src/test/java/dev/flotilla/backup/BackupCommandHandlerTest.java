package dev.flotilla.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.Step;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.command.WorkerCommand;
import dev.flotilla.contracts.device.DeviceInventoryReport;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.BackupFailed;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.RestoreFailed;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Outgoing;
import dev.flotilla.testsupport.Commands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandHandlerTest {
  private static final DeviceId DEVICE = DeviceId.of("rv-0001");

  @TempDir Path fleetDir;
  @TempDir Path backupDir;

  private BackupCommandHandler handler(FreeSpaceProbe freeSpace) {
    BackupWorkerConfig config =
        new BackupWorkerConfig(KafkaSettings.of("127.0.0.1:9"), fleetDir, backupDir);
    return BackupCommandHandler.create(config, freeSpace, Clock.systemUTC());
  }

  private static Incoming<WorkerCommand> incoming(Step step, WorkerCommand command) {
    return new Incoming<>(Topics.commands(step), 0, 7L, command.deviceId().value(), command);
  }

  @Test
  void backupCommandIsAnsweredWithItsReplyOnTheRepliesTopic() throws IOException {
    DeviceDatabases.create(new FleetLayout(fleetDir).database(DEVICE));
    TakeBackup command = Commands.takeBackup(DEVICE, "r-1/rv-0001/backup/1");

    List<Outgoing<?>> out =
        handler(FreeSpaceProbe.fileStore()).handle(incoming(Step.BACKUP, command));

    assertThat(out).hasSize(1);
    assertThat(out.get(0).topic()).isEqualTo(Topics.REPLIES);
    assertThat(out.get(0).value()).isInstanceOf(BackupCompleted.class);
  }

  @Test
  void aRestoreTellsTheInventoryAloneTheDeviceIsBackAtTheBackupsVersion() throws IOException {
    Path live = new FleetLayout(fleetDir).database(DEVICE);
    DeviceDatabases.create(live);
    BackupCommandHandler handler = handler(FreeSpaceProbe.fileStore());
    BackupCompleted backup =
        (BackupCompleted)
            handler
                .handle(incoming(Step.BACKUP, Commands.takeBackup(DEVICE, "r-1/rv-0001/backup/1")))
                .get(0)
                .value();
    DeviceDatabases.migrateToVersion3(live);
    Instant beforeRestore = Instant.now();

    List<Outgoing<?>> out =
        handler.handle(
            incoming(
                Step.RESTORE,
                Commands.restore(
                    DEVICE, "r-1/rv-0001/restore/1", backup.backupId(), backup.sha256())));

    assertThat(out.stream().map(o -> o.topic().name()))
        .containsExactly(Topics.REPLIES.name(), Topics.DEVICE_INVENTORY.name());
    assertThat(out.get(0).value()).isInstanceOf(Restored.class);
    DeviceInventoryReport report = (DeviceInventoryReport) out.get(1).value();
    assertThat(report.deviceId()).isEqualTo(DEVICE);
    assertThat(report.schemaVersion()).isEqualTo(VersionId.of(2));
    assertThat(report.sizeBytes()).isEqualTo(Files.size(live) + walSize(live));
    assertThat(report.observedAt()).isAfterOrEqualTo(beforeRestore);
  }

  @Test
  void aFailedRestoreLeavesTheInventoryAlone() throws IOException {
    DeviceDatabases.create(new FleetLayout(fleetDir).database(DEVICE));

    List<Outgoing<?>> out =
        handler(FreeSpaceProbe.fileStore())
            .handle(
                incoming(
                    Step.RESTORE,
                    Commands.restore(
                        DEVICE,
                        "r-1/rv-0001/restore/1",
                        BackupId.of("rv-0001-0123456789ab"),
                        "0".repeat(64))));

    assertThat(out).singleElement().extracting(Outgoing::value).isInstanceOf(RestoreFailed.class);
  }

  private static long walSize(Path live) throws IOException {
    Path wal = live.resolveSibling(live.getFileName() + "-wal");
    return Files.exists(wal) ? Files.size(wal) : 0;
  }

  @Test
  void aFailureInsideTheWorkIsAnsweredAsAFailureReplyNotThrown() throws IOException {
    DeviceDatabases.create(new FleetLayout(fleetDir).database(DEVICE));
    FreeSpaceProbe brokenDisk =
        directory -> {
          throw new java.io.IOException("Input/output error");
        };

    List<Outgoing<?>> out =
        handler(brokenDisk)
            .handle(incoming(Step.BACKUP, Commands.takeBackup(DEVICE, "r-1/rv-0001/backup/1")));

    assertThat(out).singleElement().extracting(Outgoing::value).isInstanceOf(BackupFailed.class);
    assertThat(((BackupFailed) out.get(0).value()).failure().kind())
        .isEqualTo(FailureKind.INFRASTRUCTURE);
  }

  @Test
  void leftoversOfAnEarlierCrashedBackupOfTheDeviceAreSweptOnceOlderThanAnyWorkInProgress()
      throws IOException {
    DeviceDatabases.create(new FleetLayout(fleetDir).database(DEVICE));
    BackupLayout layout = new BackupLayout(backupDir);
    Path old = layout.backupFile(DEVICE, BackupId.of("rv-0001-0123456789ab"));
    Path recent = layout.copyInProgress(DEVICE, BackupId.of("rv-0001-ba9876543210"));
    Files.createDirectories(old.getParent());
    Files.write(old, new byte[] {1, 2, 3});
    Files.write(recent, new byte[] {4, 5, 6});
    Instant now = Instant.now();
    Files.setLastModifiedTime(
        old, FileTime.from(now.minus(OrphanSweeper.DEFAULT_GRACE).minusSeconds(60)));
    Files.setLastModifiedTime(recent, FileTime.from(now.minusSeconds(60)));

    handler(FreeSpaceProbe.fileStore())
        .handle(incoming(Step.BACKUP, Commands.takeBackup(DEVICE, "r-2/rv-0001/backup/1")));

    assertThat(old).doesNotExist();
    assertThat(recent).exists();
  }

  @Test
  void aCommandForAnotherStepGetsNoReplyFromThisWorker() throws IOException {
    Instant now = Instant.now();
    ApplyMigrations migrate =
        new ApplyMigrations(
            MessageId.random(),
            CommandId.of("r-1/rv-0001/migrate/1"),
            Commands.ROLLOUT,
            DEVICE,
            MessageId.random(),
            now,
            now.plusSeconds(60),
            MigrationSetId.of("coachiq"),
            VersionId.of(5),
            false);

    assertThat(handler(FreeSpaceProbe.fileStore()).handle(incoming(Step.BACKUP, migrate)))
        .isEmpty();
  }
}
