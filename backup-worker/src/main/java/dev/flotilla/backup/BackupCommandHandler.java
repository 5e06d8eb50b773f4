package dev.flotilla.backup;

import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.BackupResult;
import dev.flotilla.contracts.reply.ChosenBackup;
import dev.flotilla.contracts.reply.RestoreResult;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.messaging.Incoming;
import dev.flotilla.messaging.Outgoing;
import dev.flotilla.messaging.RecordHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers each command of the backup and restore topics with its reply on {@link Topics#REPLIES}.
 * The taker and restorer turn every problem into a failure reply; only reading the restored file's
 * size for the inventory may throw, and then the batch is retried (the restore journal replays the
 * reply).
 *
 * <p>Two commands for one device never run at once: both topics are keyed by device id and the
 * transactional loop keeps the records of one key in order, one after the other.
 */
public final class BackupCommandHandler implements RecordHandler {
  private static final Logger LOG = LoggerFactory.getLogger(BackupCommandHandler.class);

  private final BackupTaker taker;
  private final BackupRestorer restorer;
  private final BackupPruner pruner;
  private final OrphanSweeper sweeper;
  private final RestoredDeviceReports inventory;

  BackupCommandHandler(
      BackupTaker taker,
      BackupRestorer restorer,
      BackupPruner pruner,
      OrphanSweeper sweeper,
      RestoredDeviceReports inventory) {
    this.taker = taker;
    this.restorer = restorer;
    this.pruner = pruner;
    this.sweeper = sweeper;
    this.inventory = inventory;
  }

  public static BackupCommandHandler create(
      BackupWorkerConfig config, FreeSpaceProbe freeSpace, Clock clock) {
    BackupLayout backups = new BackupLayout(config.backupDir());
    FleetLayout fleet = new FleetLayout(config.fleetDir(), config.fleetLayout());
    return new BackupCommandHandler(
        new BackupTaker(backups, fleet, freeSpace, clock),
        new BackupRestorer(backups, fleet, freeSpace, clock),
        new BackupPruner(backups, config.retention(), clock),
        OrphanSweeper.forWorker(config, clock),
        new RestoredDeviceReports(fleet, clock));
  }

  @Override
  public List<Outgoing<?>> handle(Incoming<?> record) throws IOException {
    Object command = record.value();
    if (command instanceof TakeBackup backup) {
      BackupResult result = taker.backup(backup);
      if (result instanceof BackupCompleted completed) {
        applyRetention(backup.deviceId(), completed.toRestore());
      }
      sweepOrphans(backup.deviceId());
      return List.of(Outgoing.to(Topics.REPLIES, result));
    }
    if (command instanceof RestoreBackup restore) {
      RestoreResult result = restorer.restore(restore);
      sweepOrphans(restore.deviceId());
      if (result instanceof Restored restored) {
        // The inventory learns the device's version changed back in the same transaction.
        return List.of(
            Outgoing.to(Topics.REPLIES, result),
            Outgoing.to(Topics.DEVICE_INVENTORY, inventory.after(restored)));
      }
      return List.of(Outgoing.to(Topics.REPLIES, result));
    }
    // Another step's command on our topics has no reply this worker could give.
    LOG.warn(
        "Ignoring {} at {}-{}@{}: not a backup or restore command",
        command.getClass().getSimpleName(),
        record.topic().name(),
        record.partition(),
        record.offset());
    return List.of();
  }

  /**
   * Runs after the new backup is complete, so it is the newest and kept, as is the backup an
   * operator's restore is about to put back. A failure here leaves extra backups, never fewer, and
   * does not change the backup's reply.
   */
  private void applyRetention(DeviceId device, ChosenBackup toRestore) {
    try {
      pruner.prune(device, toRestore == null ? Set.of() : Set.of(toRestore.backupId()));
    } catch (IOException | RuntimeException e) {
      LOG.warn("Retention of the backups of {} failed; they are kept for now", device, e);
    }
  }

  /**
   * Removes what crashed attempts at other commands of this device left, once old enough: a worker
   * that never restarts would otherwise keep them for ever. Never changes the reply.
   */
  private void sweepOrphans(DeviceId device) {
    try {
      sweeper.sweepAfterWork(device);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Sweeping the leftovers of {} failed; they are kept for now", device, e);
    }
  }
}
