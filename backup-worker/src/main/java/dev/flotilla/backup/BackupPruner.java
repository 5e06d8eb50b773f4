package dev.flotilla.backup;

import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link RetentionPolicy} to one device's backups on disk. Runs on the worker's own
 * thread after a successful backup of that device, never on an event loop.
 *
 * <p>Before anything is deleted, the newest backup (the one always kept) is re-checked against its
 * manifest: an old backup is never given up while the newest is not intact. Each deletion removes
 * the manifest first and then the file, forcing the directory after each, so a crash can leave a
 * backup file without its manifest (unfinished, never restored from, reported as INCOMPLETE) but
 * never a manifest naming a file that is gone.
 */
public final class BackupPruner {
  private static final Logger LOG = LoggerFactory.getLogger(BackupPruner.class);

  private final BackupLayout layout;
  private final BackupCatalog catalog;
  private final RetentionPolicy policy;
  private final Clock clock;

  public BackupPruner(BackupLayout layout, RetentionPolicy policy, Clock clock) {
    this.layout = layout;
    this.catalog = new BackupCatalog(layout.root());
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * Deletes the device's backups the policy gives up.
   *
   * @return the ids of the deleted backups, oldest first
   */
  public List<BackupId> prune(DeviceId device) throws IOException {
    return prune(device, Set.of());
  }

  /**
   * Deletes the device's backups the policy gives up, except {@code needed}: a backup an operator's
   * restore is about to put back is kept whatever its age.
   *
   * @return the ids of the deleted backups, oldest first
   */
  public List<BackupId> prune(DeviceId device, Set<BackupId> needed) throws IOException {
    List<BackupManifest> backups = catalog.list(device);
    List<BackupManifest> deletable =
        policy.deletable(backups, clock.instant()).stream()
            .filter(backup -> !needed.contains(backup.backupId()))
            .toList();
    if (deletable.isEmpty()) {
      return List.of();
    }
    BackupManifest newest = backups.get(backups.size() - 1);
    BackupVerification newestCheck = catalog.verify(device, newest.backupId());
    if (!newestCheck.intact()) {
      LOG.warn(
          "Keeping every backup of {}: the newest, {}, is {} ({})",
          device,
          newest.backupId(),
          newestCheck.status(),
          newestCheck.detail());
      return List.of();
    }
    List<BackupId> deleted = new ArrayList<>();
    for (BackupManifest backup : deletable) {
      DurableFiles.deleteAll(
          List.of(
              layout.manifestFile(device, backup.backupId()),
              layout.backupFile(device, backup.backupId())));
      deleted.add(backup.backupId());
    }
    LOG.info("Retention deleted {} backup(s) of {}: {}", deleted.size(), device, deleted);
    return deleted;
  }
}
