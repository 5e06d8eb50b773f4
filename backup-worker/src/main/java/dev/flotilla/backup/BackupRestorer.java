package dev.flotilla.backup;

import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.RestoreResult;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.devicedb.FileOwnership;
import dev.flotilla.devicedb.Sha256;
import dev.flotilla.devicedb.SqliteCompanions;
import dev.flotilla.devicedb.WorkerIdentity;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.devicedb.open.DeviceConnections;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out {@link RestoreBackup}: puts a device database back as it was in a backup. Nothing is
 * touched until the backup has proved itself (manifest present, checksum equal to the command's and
 * to the file's) and a verified copy of it waits next to the live database; then {@link
 * LiveDatabaseSwap} puts it in place, the result is verified again, and only then is the previous
 * database deleted. A journal entry per command makes a redelivered command replay its reply.
 *
 * <p>Nothing the application wrote is thrown away: the live database is compared with the backup
 * that holds its state ({@link WritesSinceBackup}), and writes since refuse the restore. After a
 * failed migration that is the backup being restored; for an operator's restore it is the fresh
 * backup the restore took just before, which must be intact, so going back past the application's
 * writes loses none of them: they are kept in that backup.
 */
public final class BackupRestorer {
  private static final Logger LOG = LoggerFactory.getLogger(BackupRestorer.class);

  /** The code of a restore refused because the application wrote since the backup. */
  static final String WRITES_SINCE_BACKUP = "writes-since-backup";

  /** The code of a restore refused because the restored file could not be the application's. */
  static final String OWNERSHIP_UNKEEPABLE = "ownership-unkeepable";

  /** The code of a restore refused because the database's folder is gone. */
  static final String DEVICE_FOLDER_MISSING = "device-folder-missing";

  private final BackupLayout layout;
  private final FleetLayout fleet;
  private final DiskSpaceGuard diskSpace;
  private final RestoreJournal journal;
  private final Clock clock;

  public BackupRestorer(
      BackupLayout layout, FleetLayout fleet, FreeSpaceProbe freeSpace, Clock clock) {
    this.layout = layout;
    this.fleet = fleet;
    this.diskSpace = new DiskSpaceGuard(freeSpace);
    this.journal = new RestoreJournal(layout);
    this.clock = clock;
  }

  /** Never throws: every problem becomes a {@code RestoreFailed} reply. */
  public RestoreResult restore(RestoreBackup command) {
    try {
      Optional<Restored> done = journal.find(command.deviceId(), command.commandId());
      if (done.isPresent()) {
        return done.get();
      }
      return restoreNow(command);
    } catch (Exception e) {
      Failure failure = FailureClassifier.classify(e);
      LOG.warn(
          "Restore of {} to {} failed: {}",
          command.backupId(),
          command.deviceId(),
          failure.reason(),
          e instanceof StepFailedException ? null : e);
      discardWorkFiles(command.deviceId());
      return Replies.restoreFailed(command, failure, clock.instant());
    }
  }

  private Restored restoreNow(RestoreBackup command)
      throws IOException, SQLException, StepFailedException {
    DeviceId device = command.deviceId();
    BackupManifest manifest = provenBackup(command);
    Path backupFile = layout.backupFile(device, command.backupId());
    KeptState kept = keptState(command);
    Path live = fleet.database(device);
    requireDeviceFolder(live);
    Path copy = fleet.restoreInProgress(device);
    Optional<FileOwnership> ownership = ownershipToKeep(live);

    journal.begin(device);
    DurableFiles.deleteAll(SqliteCompanions.withCompanions(copy));
    // Room for the copy, and for a copy of the live file where hard links are impossible.
    diskSpace.require(
        fleet.root(),
        manifest.sizeBytes() + DurableFiles.sizeOrZero(live),
        "restoring backup " + command.backupId());
    DurableFiles.copy(backupFile, copy);
    String copied = Sha256.of(copy);
    if (!copied.equals(manifest.sha256())) {
      throw StepFailedException.infrastructure(
          "copy-mismatch: the copy of backup " + command.backupId() + " hashes to " + copied);
    }
    prepare(copy, manifest);
    refuseToDiscardWrites(live, kept);
    if (ownership.isPresent()) {
      ownership.get().applyTo(copy);
    }

    List<Path> keptByEarlierAttempts = tidyEarlierAttempts(command, live);
    Deadline deadline = new Deadline(command.deadline(), clock);
    LiveDatabaseSwap.Swap swap =
        LiveDatabaseSwap.replace(live, copy, unusedKeptName(command), deadline);
    DatabaseFacts restored;
    try {
      restored = verified(live, manifest, deadline);
    } catch (SQLException | StepFailedException | RuntimeException e) {
      throw putBack(swap, copy, e);
    }
    Restored reply = Replies.restored(command, restored.schemaVersion(), clock.instant());
    // The device is restored from here on: tidying up or journalling may fail, the reply may not.
    try {
      LiveDatabaseSwap.commit(swap);
      DurableFiles.deleteAll(
          SqliteCompanions.withCompanions(keptByEarlierAttempts.toArray(Path[]::new)));
      journal.record(reply);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Restored {} but could not tidy up or journal it", live, e);
    }
    return reply;
  }

  /**
   * The backup exists, names this device, and its bytes are those the command and manifest name.
   */
  private BackupManifest provenBackup(RestoreBackup command)
      throws IOException, StepFailedException {
    DeviceId device = command.deviceId();
    BackupId backupId = command.backupId();
    Path manifestFile = layout.manifestFile(device, backupId);
    Path backupFile = layout.backupFile(device, backupId);
    if (!Files.isRegularFile(manifestFile) || !Files.isRegularFile(backupFile)) {
      throw StepFailedException.infrastructure(
          "backup-missing: backup " + backupId + " of " + device + " is not in " + layout.root());
    }
    BackupManifest manifest = ManifestFiles.read(manifestFile);
    if (!manifest.deviceId().equals(device) || !manifest.backupId().equals(backupId)) {
      throw StepFailedException.business(
          "backup-mismatch: "
              + manifestFile
              + " describes backup "
              + manifest.backupId()
              + " of "
              + manifest.deviceId());
    }
    if (!manifest.sha256().equalsIgnoreCase(command.sha256())) {
      throw StepFailedException.business(
          "checksum-mismatch: the command expects sha256 "
              + command.sha256()
              + " but backup "
              + backupId
              + " was recorded as "
              + manifest.sha256());
    }
    String actual = Sha256.of(backupFile);
    if (!actual.equalsIgnoreCase(manifest.sha256())) {
      throw StepFailedException.business(
          "checksum-mismatch: "
              + backupFile
              + " hashes to "
              + actual
              + " but was recorded as "
              + manifest.sha256()
              + "; the backup is damaged");
    }
    return manifest;
  }

  /**
   * The backup that holds the database as it is before this restore, and what it is called in a
   * failure's reason.
   */
  private record KeptState(Path file, String described) {}

  /**
   * The backup the live database is judged against. An operator's restore names the fresh backup it
   * took: it must still be there and intact, or the database it replaces would be kept nowhere.
   */
  private KeptState keptState(RestoreBackup command) throws IOException, StepFailedException {
    BackupId kept = command.replacedStateBackupId();
    if (kept == null) {
      Path backupFile = layout.backupFile(command.deviceId(), command.backupId());
      return new KeptState(backupFile, "the backup " + backupFile);
    }
    BackupVerification check = new BackupCatalog(layout.root()).verify(command.deviceId(), kept);
    if (!check.intact()) {
      String code =
          check.status() == BackupVerification.Status.NOT_FOUND
              ? Failure.BACKUP_NOT_FOUND
              : Failure.BACKUP_DAMAGED;
      throw StepFailedException.of(
          new Failure(
              FailureKind.BUSINESS,
              code
                  + ": backup "
                  + kept
                  + ", which is to keep the database this restore replaces, is "
                  + check.status()
                  + " ("
                  + check.detail()
                  + "); nothing was restored",
              code));
    }
    return new KeptState(
        layout.backupFile(command.deviceId(), kept),
        "the backup " + kept + " taken just before this restore");
  }

  /**
   * Refuses the restore when the device's application wrote since the backup that holds its state
   * was taken: putting the backup in place would throw those writes away without a word. Nothing is
   * changed; both the device's database and the backup stay for an operator to reconcile, and the
   * failure names what was written. A live database that cannot be read (damaged, which is often
   * why it is restored) is restored anyway: there is nothing readable to keep.
   */
  private static void refuseToDiscardWrites(Path live, KeptState kept) throws StepFailedException {
    if (!Files.isRegularFile(live)) {
      return;
    }
    List<WritesSinceBackup.TableWrites> writes;
    try {
      writes = WritesSinceBackup.find(live, kept.file());
    } catch (SQLException | IOException e) {
      LOG.warn("Could not compare {} with its backup; restoring it", live, e);
      return;
    }
    if (!writes.isEmpty()) {
      throw StepFailedException.of(
          new Failure(
              FailureKind.BUSINESS,
              WRITES_SINCE_BACKUP
                  + ": the application wrote to the database since "
                  + kept.described()
                  + " ("
                  + WritesSinceBackup.describe(writes)
                  + "); restoring would discard that, so nothing was restored: the device's"
                  + " database "
                  + live
                  + " and "
                  + kept.described()
                  + " are both kept for an operator to reconcile (written since the backup)",
              WRITES_SINCE_BACKUP));
    }
  }

  /**
   * The restored file must stay the application's: the worker often runs as another user (root in a
   * container), and a restored file owned by it, with its default mode, is one the application can
   * no longer write. The live file's owner, group and permissions go to the copy before it takes
   * the live file's place, and to the companions verifying it makes. A worker that could not give
   * them refuses before anything is touched. Where the file system has no POSIX attributes, or
   * there is no live file, nothing to keep.
   */
  private static Optional<FileOwnership> ownershipToKeep(Path live)
      throws IOException, StepFailedException {
    Optional<FileOwnership> ownership =
        Files.isRegularFile(live) ? FileOwnership.of(live) : Optional.empty();
    Optional<WorkerIdentity> worker = WorkerIdentity.current();
    if (ownership.isPresent() && worker.isPresent()) {
      Optional<String> why = worker.get().whyCannotKeep(ownership.get());
      if (why.isPresent()) {
        throw StepFailedException.of(
            new Failure(
                FailureKind.BUSINESS,
                OWNERSHIP_UNKEEPABLE
                    + ": nothing was restored, the restored "
                    + live
                    + " would not be the application's: "
                    + why.get(),
                OWNERSHIP_UNKEEPABLE));
      }
    }
    return ownership;
  }

  /**
   * A restore puts a database back in its folder, never makes the folder. A missing folder is a
   * device's place removed on purpose, or a volume not mounted: a folder made there would hide the
   * restored database from the application once the volume is back, and its owner and mode would be
   * a guess. So the restore refuses, for good, before anything is written; a database gone from a
   * folder still there is recreated in it.
   */
  private static void requireDeviceFolder(Path live) throws StepFailedException {
    Path folder = live.getParent();
    if (!Files.isDirectory(folder)) {
      throw StepFailedException.of(
          new Failure(
              FailureKind.BUSINESS,
              DEVICE_FOLDER_MISSING
                  + ": nothing was restored, the folder "
                  + folder
                  + " of "
                  + live.getFileName()
                  + " does not exist (a removed device, or a volume not mounted?); make it, owned"
                  + " as the application needs, and restore again",
              DEVICE_FOLDER_MISSING));
    }
  }

  /**
   * Checks the copy and turns it into the device database the application had: in WAL mode or in
   * rollback-journal mode as the manifest recorded (a {@code VACUUM INTO} copy of a database in
   * rollback mode is in rollback mode, of one in WAL mode in WAL mode, but a copy can be asked to
   * serve either), leaving no file beside it.
   */
  private static void prepare(Path copy, BackupManifest manifest)
      throws IOException, SQLException, StepFailedException {
    try (Connection db = DeviceConnections.readWrite(copy)) {
      requireSound(db, manifest, "backup-unsound", "the backup");
      String wanted = manifest.walMode() ? "wal" : "delete";
      String mode = DatabaseInspector.pragma(db, "journal_mode = " + wanted);
      if (!wanted.equalsIgnoreCase(mode)) {
        throw StepFailedException.infrastructure(
            "journal-mode-refused: the restored copy stayed in journal mode "
                + mode
                + ", not "
                + wanted);
      }
    }
    for (Path companion : SqliteCompanions.all(copy)) {
      if (DurableFiles.sizeOrZero(companion) > 0) {
        throw StepFailedException.infrastructure(
            "io: " + companion + " was left behind with content after preparing the copy");
      }
    }
    DurableFiles.deleteAll(SqliteCompanions.all(copy));
    DurableFiles.fsync(copy);
  }

  private static DatabaseFacts verified(Path live, BackupManifest manifest, Deadline deadline)
      throws SQLException, StepFailedException {
    try (Connection db = DeviceConnections.readWrite(live, deadline, DeviceConnections.LOCK_WAIT)) {
      return requireSound(db, manifest, "restored-unsound", "the restored database");
    } finally {
      keepOwnershipOfCompanions(live);
    }
  }

  private static void keepOwnershipOfCompanions(Path live) {
    try {
      FileOwnership.alignCompanions(live);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not give the companions of {} its owner and mode", live, e);
    }
  }

  private static DatabaseFacts requireSound(
      Connection db, BackupManifest manifest, String code, String what)
      throws SQLException, StepFailedException {
    List<String> problems = DatabaseInspector.problems(db);
    if (!problems.isEmpty()) {
      throw StepFailedException.business(
          code + ": " + what + " failed its checks: " + String.join("; ", problems));
    }
    DatabaseFacts facts = DatabaseInspector.facts(db);
    List<String> differences = facts.differencesFrom(manifest.facts());
    if (!differences.isEmpty()) {
      throw StepFailedException.business(
          code + ": " + what + " differs from its manifest: " + String.join("; ", differences));
    }
    return facts;
  }

  /**
   * Puts the previous database back after the restored one failed verification. When even that
   * fails, the reply must say where the previous database is, since it is no longer in place.
   */
  private static StepFailedException putBack(
      LiveDatabaseSwap.Swap swap, Path aside, Exception cause) {
    Failure failure = FailureClassifier.classify(cause);
    try {
      LiveDatabaseSwap.putBack(swap, aside);
      return new StepFailedException(
          new Failure(failure.kind(), failure.reason() + "; the previous database was put back"));
    } catch (IOException | RuntimeException e) {
      LOG.error("Could not put the previous database back at {}", swap.live(), e);
      return new StepFailedException(
          new Failure(
              failure.kind(),
              failure.reason()
                  + "; putting the previous database back failed ("
                  + e
                  + "), it is kept as "
                  + swap.kept().map(Path::toString).orElse("(there was none)")));
    }
  }

  /**
   * Tidies what crashed attempts left beside the live database. A pre-restore name that is just a
   * second name of the live file holds nothing the live file does not, and goes now. A different
   * file kept by this same command is the database as it was before the command's first attempt,
   * whose swap went through before it crashed: it is returned, to be deleted once this attempt has
   * verified, as that attempt would have done. Files kept by other restores may hold data and are
   * left for an operator.
   */
  private List<Path> tidyEarlierAttempts(RestoreBackup command, Path live) throws IOException {
    List<Path> keptByThisCommand = new ArrayList<>();
    if (!Files.exists(live)) {
      return keptByThisCommand;
    }
    DeviceId device = command.deviceId();
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(live.getParent(), fleet.preRestorePrefix(device) + "*")) {
      for (Path entry : entries) {
        Optional<FleetLayout.KeptName> kept = FleetLayout.parseKept(entry.getFileName().toString());
        if (kept.isEmpty()
            || !kept.get().database().equals(live.getFileName().toString())
            || !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        if (Files.isSameFile(entry, live)) {
          DurableFiles.deleteAll(List.of(entry));
        } else if (kept.get().keptBy(command.commandId())) {
          keptByThisCommand.add(entry);
        } else {
          LOG.warn("Keeping {}, left by an earlier restore, for an operator", entry);
        }
      }
    }
    return keptByThisCommand;
  }

  /**
   * A pre-restore name no earlier attempt used, even when the clock stood still or stepped back.
   */
  private Path unusedKeptName(RestoreBackup command) {
    Instant at = clock.instant();
    Path name = fleet.preRestore(command.deviceId(), command.commandId(), at);
    while (Files.exists(name, LinkOption.NOFOLLOW_LINKS)) {
      at = at.plusMillis(1);
      name = fleet.preRestore(command.deviceId(), command.commandId(), at);
    }
    return name;
  }

  private void discardWorkFiles(DeviceId device) {
    try {
      DurableFiles.deleteAll(SqliteCompanions.withCompanions(fleet.restoreInProgress(device)));
    } catch (UnsafePathException e) {
      // Refused before anything was written.
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not clean up after restoring {}", device, e);
    }
  }
}
