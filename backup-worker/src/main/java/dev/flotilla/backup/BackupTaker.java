package dev.flotilla.backup;

import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.BackupResult;
import dev.flotilla.contracts.reply.ChosenBackup;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.devicedb.FileOwnership;
import dev.flotilla.devicedb.Sha256;
import dev.flotilla.devicedb.SqliteCompanions;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.devicedb.open.DeviceConnections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out {@link TakeBackup}: a page-for-page online copy of one snapshot of the device
 * database ({@link DeviceConnections#pageCopy}), proved before it is published ({@link CopyProof}:
 * forced to disk, checksummed and checked, what it holds read from the copy itself since the live
 * file may already have moved on), renamed into place, then described by its manifest. The manifest
 * is written last, so its presence means the backup is complete; a redelivered command whose backup
 * still matches its manifest gets the same reply again without a second copy. Before an operator's
 * restore, the backup to put back is found and proved first ({@link BackupChooser}): one that
 * cannot be restored fails the step before the database is even read, and the reply names the one
 * found.
 */
public final class BackupTaker {
  private static final Logger LOG = LoggerFactory.getLogger(BackupTaker.class);

  private final BackupLayout layout;
  private final FleetLayout fleet;
  private final DiskSpaceGuard diskSpace;
  private final BackupChooser chooser;
  private final Clock clock;
  private final Consumer<BackupPhases> onPhases;

  public BackupTaker(
      BackupLayout layout, FleetLayout fleet, FreeSpaceProbe freeSpace, Clock clock) {
    this(layout, fleet, freeSpace, clock, phases -> {});
  }

  /**
   * @param onPhases told how long the phases of every backup taken took (not of one found done)
   */
  public BackupTaker(
      BackupLayout layout,
      FleetLayout fleet,
      FreeSpaceProbe freeSpace,
      Clock clock,
      Consumer<BackupPhases> onPhases) {
    this.onPhases = onPhases;
    this.layout = layout;
    this.fleet = fleet;
    this.diskSpace = new DiskSpaceGuard(freeSpace);
    this.chooser = new BackupChooser(new BackupCatalog(layout.root()));
    this.clock = clock;
  }

  /** Never throws: every problem becomes a {@code BackupFailed} reply. */
  public BackupResult backup(TakeBackup command) {
    BackupId backupId = BackupNaming.backupIdFor(command);
    try {
      ChosenBackup toRestore =
          command.toRestore() == null
              ? null
              : chooser.choose(command.deviceId(), command.toRestore(), backupId);
      Optional<BackupManifest> done = finishedBackup(command, backupId);
      if (done.isPresent()) {
        return Replies.completed(command, done.get(), toRestore);
      }
      return Replies.completed(command, take(command, backupId), toRestore);
    } catch (Exception e) {
      Failure failure = FailureClassifier.classify(e);
      LOG.warn(
          "Backup {} failed: {}",
          backupId,
          failure.reason(),
          e instanceof StepFailedException ? null : e);
      discardUnfinished(command.deviceId(), backupId);
      return Replies.backupFailed(command, failure, clock.instant());
    }
  }

  private Optional<BackupManifest> finishedBackup(TakeBackup command, BackupId backupId)
      throws IOException, StepFailedException {
    DeviceId device = command.deviceId();
    Path manifestFile = layout.manifestFile(device, backupId);
    if (!Files.exists(manifestFile)) {
      return Optional.empty();
    }
    BackupManifest manifest;
    try {
      manifest = ManifestFiles.read(manifestFile);
    } catch (IOException e) {
      LOG.warn("Unreadable manifest {}, taking the backup again", manifestFile, e);
      return Optional.empty();
    }
    if (!manifest.commandId().equals(command.commandId())) {
      throw StepFailedException.business(
          "backup-id-taken: backup "
              + backupId
              + " already belongs to command "
              + manifest.commandId());
    }
    Path file = layout.backupFile(device, backupId);
    if (Files.isRegularFile(file)
        && Files.size(file) == manifest.sizeBytes()
        && Sha256.of(file).equals(manifest.sha256())) {
      return Optional.of(manifest);
    }
    LOG.warn("Backup {} no longer matches its manifest, taking it again", file);
    return Optional.empty();
  }

  private BackupManifest take(TakeBackup command, BackupId backupId)
      throws IOException, SQLException, StepFailedException {
    DeviceId device = command.deviceId();
    Path source = fleet.database(device);
    if (!Files.isRegularFile(source)) {
      throw StepFailedException.infrastructure(
          "missing-file: the device database " + source + " does not exist");
    }
    long sourceBytes = Files.size(source) + DurableFiles.sizeOrZero(SqliteCompanions.wal(source));
    // The copy takes up to the database's size; as much again stays free for the device's own use.
    diskSpace.require(
        layout.root(), 2 * sourceBytes, "a backup of the " + sourceBytes + "-byte database");

    DurableFiles.createDirectories(layout.deviceDir(device));
    Path copy = layout.copyInProgress(device, backupId);
    Path scratch = layout.testRestoreScratch(device, backupId);
    DurableFiles.deleteAll(SqliteCompanions.withCompanions(copy, scratch));

    String journalMode = journalModeOf(source);
    long started = System.nanoTime();
    long pages =
        DeviceConnections.pageCopy(
            source, copy, new Deadline(command.deadline(), clock), DeviceConnections.LOCK_WAIT);
    // Reading a database in WAL mode may have made its -shm as the workers' user.
    FileOwnership.alignCompanions(source);
    long copied = System.nanoTime();
    ProvedCopy proved = CopyProof.prove(copy, pages);
    long provedAt = System.nanoTime();
    DurableFiles.moveAtomically(copy, layout.backupFile(device, backupId));
    BackupManifest manifest =
        new BackupManifest(
            BackupManifest.CURRENT_FORMAT,
            device,
            backupId,
            command.commandId(),
            command.rolloutId(),
            proved.database().schemaVersion(),
            proved.sizeBytes(),
            proved.sha256(),
            clock.instant().truncatedTo(ChronoUnit.MILLIS),
            proved.database().rowCounts(),
            proved.applicationRows(),
            journalMode);
    ManifestFiles.write(layout.manifestFile(device, backupId), manifest);
    BackupPhases phases =
        new BackupPhases(
            proved.sizeBytes(),
            copied - started,
            provedAt - copied,
            proved.syncNanos(),
            proved.hashNanos(),
            proved.checkNanos(),
            System.nanoTime() - provedAt);
    LOG.debug("Backup {} took {}", backupId, phases);
    onPhases.accept(phases);
    return manifest;
  }

  /** The journal mode the application chose for its database ({@code wal}, {@code delete}, …). */
  private static String journalModeOf(Path source) throws SQLException {
    try (Connection db = DeviceConnections.readOnly(source)) {
      return DatabaseInspector.pragma(db, "journal_mode");
    }
  }

  /**
   * Removes the work files of a failed attempt. A backup file without a manifest is unfinished and
   * referenced by nothing, so it goes too; a backup with a manifest is left alone.
   */
  private void discardUnfinished(DeviceId device, BackupId backupId) {
    try {
      List<Path> leftovers =
          SqliteCompanions.withCompanions(
              layout.copyInProgress(device, backupId), layout.testRestoreScratch(device, backupId));
      if (!Files.exists(layout.manifestFile(device, backupId))) {
        leftovers.add(layout.backupFile(device, backupId));
      }
      DurableFiles.deleteAll(leftovers);
    } catch (UnsafePathException e) {
      // Refused before anything was written.
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not clean up after backup {}", backupId, e);
    }
  }
}
