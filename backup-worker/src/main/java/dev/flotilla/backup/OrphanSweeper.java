package dev.flotilla.backup;

import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.SqliteCompanions;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what crashed backups and restores left behind, and nothing else. A file goes only when it
 * is provably garbage and older than a grace period:
 *
 * <ul>
 *   <li>in a device's backup folder, for backup ids of this worker's naming ({@code <device>-<12
 *       hex>}, see {@link BackupNaming}): the online copy {@code .<id>.tmp}, the test-restore
 *       scratch copy {@code .<id>.verify.tmp}, a manifest being written {@code
 *       .<id>.manifest.json.tmp}, each with its SQLite companions; a backup file {@code <id>.db}
 *       that no manifest names (manifests are written last, so it is unfinished and nothing refers
 *       to it); and restore journal entries being written ({@code restores/.<entry>.json.tmp});
 *   <li>in the fleet folder: the copy an interrupted restore was preparing ({@code
 *       .<d>.db.restore.tmp} and companions), and a pre-restore name that is only a second name
 *       (hard link) of the live database {@code <d>.db}.
 * </ul>
 *
 * <p>A backup a manifest names (even an unreadable manifest, by its file name), a pre-restore file
 * that differs from the live database (it may hold data), any companion of a kept file, the live
 * database and its companions, links, folders and names of any other shape are never touched.
 *
 * <p>The grace period keeps the sweep off the work of a worker that is still running: a file
 * younger than it stays, judged by its modification time, or for a pre-restore name by the time
 * written in the name (a hard link carries the live file's modification time, not its own).
 */
public final class OrphanSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(OrphanSweeper.class);

  /** Longer than any backup or restore takes, so no work in progress is ever swept. */
  public static final Duration DEFAULT_GRACE = RetentionPolicy.SAGA_WINDOW;

  private static final String JOURNAL_ENTRY_TEMP = ".json" + DurableFiles.TEMP_SUFFIX;

  /** A deleted file and why it was garbage. */
  public record Removed(Path file, String reason) {}

  private final BackupLayout backups;
  private final Optional<FleetLayout> fleet;
  private final Duration grace;
  private final Clock clock;

  /**
   * @param fleet the fleet folder too, or empty to sweep the backup folder only
   * @param grace files younger than this are left alone
   */
  public OrphanSweeper(
      BackupLayout backups, Optional<FleetLayout> fleet, Duration grace, Clock clock) {
    this.backups = Objects.requireNonNull(backups, "backups");
    this.fleet = Objects.requireNonNull(fleet, "fleet");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace must not be negative: " + grace);
    }
    this.grace = grace;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Sweeps a backup directory only, as a command-line tool that knows no fleet folder would. */
  public static OrphanSweeper forBackupDir(Path backupDir, Duration grace, Clock clock) {
    return new OrphanSweeper(new BackupLayout(backupDir), Optional.empty(), grace, clock);
  }

  /** Sweeps the backup and fleet folders of a worker with the {@link #DEFAULT_GRACE}. */
  public static OrphanSweeper forWorker(BackupWorkerConfig config, Clock clock) {
    return new OrphanSweeper(
        new BackupLayout(config.backupDir()),
        Optional.of(new FleetLayout(config.fleetDir(), config.fleetLayout())),
        DEFAULT_GRACE,
        clock);
  }

  /** Sweeps every device; returns what was deleted, in the order it was. */
  public List<Removed> sweep() throws IOException {
    List<Removed> removed = new ArrayList<>();
    for (DeviceId device : new BackupCatalog(backups.root()).devices()) {
      sweepBackups(device, removed);
    }
    if (fleet.isPresent()) {
      sweepFleet(fleet.get(), Optional.empty(), removed);
    }
    return removed;
  }

  /** Sweeps one device's leftovers; returns what was deleted, in the order it was. */
  public List<Removed> sweep(DeviceId device) throws IOException {
    List<Removed> removed = new ArrayList<>();
    sweepBackups(device, removed);
    if (fleet.isPresent()) {
      sweepFleet(fleet.get(), Optional.of(device), removed);
    }
    return removed;
  }

  /**
   * What a worker sweeps after each command of a device: its backup folder, and the files beside
   * its database only once a restore was attempted for it (the restore journal's folder is made
   * before a restore's first file there). So a backup costs the same however many databases share a
   * folder; leftovers of restores by versions before the journal folder came first are found by the
   * start-up sweep and by {@link #sweep(DeviceId)}.
   */
  public List<Removed> sweepAfterWork(DeviceId device) throws IOException {
    List<Removed> removed = new ArrayList<>();
    sweepBackups(device, removed);
    if (fleet.isPresent() && restoreAttempted(device)) {
      sweepFleet(fleet.get(), Optional.of(device), removed);
    }
    return removed;
  }

  private boolean restoreAttempted(DeviceId device) {
    try {
      return Files.isDirectory(backups.restoreJournalDir(device), LinkOption.NOFOLLOW_LINKS);
    } catch (UnsafePathException e) {
      return false;
    }
  }

  private void sweepBackups(DeviceId device, List<Removed> removed) throws IOException {
    Path dir;
    try {
      dir = backups.deviceDir(device);
    } catch (UnsafePathException e) {
      LOG.warn("Not sweeping the backups of {}: {}", device, e.getMessage());
      return;
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Instant cutoff = cutoff();
    Set<String> named = backupsNamedByManifests(dir);
    for (Path file : regularFiles(dir, 1)) {
      Optional<String> reason = garbageInDeviceFolder(device, file.getFileName().toString(), named);
      if (reason.isPresent() && modifiedBefore(file, cutoff)) {
        remove(file, reason.get(), removed);
      }
    }
    Path journal = backups.restoreJournalDir(device);
    if (Files.isDirectory(journal, LinkOption.NOFOLLOW_LINKS)) {
      for (Path file : regularFiles(journal, 1)) {
        String name = file.getFileName().toString();
        if (name.startsWith(".")
            && name.endsWith(JOURNAL_ENTRY_TEMP)
            && modifiedBefore(file, cutoff)) {
          remove(file, "a restore journal entry whose writing was interrupted", removed);
        }
      }
    }
  }

  /**
   * Why a file in a device's backup folder is garbage, or empty when it may not be. {@code named}
   * holds the backup ids the folder's manifests name.
   */
  private static Optional<String> garbageInDeviceFolder(
      DeviceId device, String name, Set<String> named) {
    String database = SqliteCompanions.databaseNameOf(name);
    if (database.startsWith(".")) {
      String work = database.substring(1);
      if (BackupNaming.isNamedFor(device, stripped(work, BackupLayout.SCRATCH_SUFFIX))) {
        return Optional.of("the scratch copy of an interrupted test restore");
      }
      if (BackupNaming.isNamedFor(
          device, stripped(work, BackupLayout.MANIFEST_SUFFIX + DurableFiles.TEMP_SUFFIX))) {
        return Optional.of("a manifest whose writing was interrupted");
      }
      if (BackupNaming.isNamedFor(device, stripped(work, BackupLayout.COPY_SUFFIX))) {
        return Optional.of("the online copy of an interrupted backup");
      }
      return Optional.empty();
    }
    String id = stripped(database, BackupLayout.DATABASE_SUFFIX);
    if (BackupNaming.isNamedFor(device, id) && !named.contains(id)) {
      return Optional.of("a backup file without a manifest: unfinished, named by nothing");
    }
    return Optional.empty();
  }

  /**
   * Every id a manifest file name or a readable manifest names. A manifest's name is enough: an
   * unreadable manifest still claims its backup.
   */
  private static Set<String> backupsNamedByManifests(Path dir) throws IOException {
    Set<String> named = new HashSet<>();
    try (DirectoryStream<Path> manifests =
        Files.newDirectoryStream(dir, "[!.]*" + BackupLayout.MANIFEST_SUFFIX)) {
      for (Path manifest : manifests) {
        named.add(stripped(manifest.getFileName().toString(), BackupLayout.MANIFEST_SUFFIX));
        try {
          named.add(ManifestFiles.read(manifest).backupId().value());
        } catch (IOException | IllegalArgumentException e) {
          LOG.debug("Unreadable manifest {}; its name still claims its backup", manifest, e);
        }
      }
    }
    return named;
  }

  private void sweepFleet(FleetLayout fleet, Optional<DeviceId> only, List<Removed> removed)
      throws IOException {
    if (!Files.isDirectory(fleet.root())) {
      return;
    }
    Instant cutoff = cutoff();
    List<Path> files =
        only.isPresent()
            ? workFilesBeside(fleet, only.get())
            : regularFiles(fleet.root(), fleet.depth());
    for (Path file : files) {
      Optional<DeviceId> device = fleet.deviceOfWorkFile(file);
      if (device.isEmpty() || !only.map(device.get()::equals).orElse(true)) {
        continue;
      }
      String name = file.getFileName().toString();
      if (FleetLayout.databaseOfRestoreCopy(SqliteCompanions.databaseNameOf(name)).isPresent()) {
        if (modifiedBefore(file, cutoff)) {
          remove(file, "the copy an interrupted restore was preparing", removed);
        }
        continue;
      }
      Optional<FleetLayout.KeptName> kept = FleetLayout.parseKept(name);
      if (kept.isPresent()
          && !kept.get().keptAt().isAfter(cutoff)
          && isSecondNameOfLiveDatabase(fleet, device.get(), file)) {
        remove(file, "a second name (hard link) of the live database", removed);
      }
    }
  }

  /**
   * The files beside one device's database whose names a restore's work files of that database
   * could have: only the database's own folder is read, never the whole fleet's tree. (Where
   * databases share one folder this still lists it, which is why the worker does so only once a
   * restore was attempted for the device: {@link #sweepAfterWork}.)
   */
  private static List<Path> workFilesBeside(FleetLayout fleet, DeviceId device) throws IOException {
    Path database;
    try {
      database = fleet.database(device);
    } catch (RuntimeException outsideTheFleet) {
      return List.of();
    }
    Path folder = database.getParent();
    if (folder == null || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    String name = database.getFileName().toString();
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(
            folder,
            entry -> {
              String entryName = entry.getFileName().toString();
              return entryName.startsWith("." + name) || entryName.startsWith(name + ".");
            })) {
      for (Path entry : entries) {
        if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
          files.add(entry);
        }
      }
    }
    files.sort(null);
    return files;
  }

  private static boolean isSecondNameOfLiveDatabase(FleetLayout fleet, DeviceId device, Path file)
      throws IOException {
    Path live;
    try {
      live = fleet.database(device);
    } catch (RuntimeException outsideTheFleet) {
      return false;
    }
    return Files.isRegularFile(live, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(file, live);
  }

  private Instant cutoff() {
    return clock.instant().minus(grace);
  }

  private static boolean modifiedBefore(Path file, Instant cutoff) throws IOException {
    return !Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isAfter(cutoff);
  }

  /**
   * The regular files (never links, never folders) exactly {@code depth} levels below a folder,
   * where the layout puts databases, read before deleting; links to folders are not followed.
   */
  private static List<Path> regularFiles(Path dir, int depth) throws IOException {
    List<Path> files;
    try (Stream<Path> entries = Files.walk(dir, depth)) {
      files =
          entries
              .filter(entry -> entry.getNameCount() - dir.getNameCount() == depth)
              .filter(entry -> Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS))
              .sorted()
              .toList();
    }
    return files;
  }

  private static void remove(Path file, String reason, List<Removed> removed) throws IOException {
    if (Files.deleteIfExists(file)) {
      DurableFiles.fsyncDirectory(file.getParent());
      LOG.info("Deleted {}: {}", file, reason);
      removed.add(new Removed(file, reason));
    }
  }

  private static String stripped(String name, String suffix) {
    return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : "";
  }
}
