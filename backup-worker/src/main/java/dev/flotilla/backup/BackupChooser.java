package dev.flotilla.backup;

import dev.flotilla.backup.BackupVerification.Status;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.ChosenBackup;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.request.BackupChoice;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the backup an operator's restore puts back, before anything is touched: the one it names,
 * which must be this device's, with its manifest, and hash to the manifest's SHA-256; or, when it
 * names none, the device's newest intact backup taken before the restore was accepted, never the
 * one the restore's own backup step makes. A backup that cannot be restored is a failure with a
 * code ({@code backup-not-found}, {@code backup-damaged}): no retry will find it.
 */
final class BackupChooser {
  private final BackupCatalog catalog;

  BackupChooser(BackupCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * @param fresh the backup the restore's own backup step makes, never chosen
   */
  ChosenBackup choose(DeviceId device, BackupChoice choice, BackupId fresh)
      throws IOException, StepFailedException {
    return choice.backupId() == null
        ? newest(device, choice.madeBefore(), fresh)
        : named(device, choice.backupId());
  }

  private ChosenBackup named(DeviceId device, BackupId backupId)
      throws IOException, StepFailedException {
    BackupVerification check = catalog.verify(device, backupId);
    if (check.status() == Status.NOT_FOUND) {
      throw failure(
          Failure.BACKUP_NOT_FOUND,
          device
              + " has no backup "
              + backupId
              + " ("
              + check.detail()
              + "); nothing was touched. See `flotilla backups list --device "
              + device
              + "`");
    }
    if (!check.intact()) {
      throw damaged(backupId, check.detail());
    }
    BackupManifest manifest = check.manifest().orElseThrow();
    if (!manifest.deviceId().equals(device) || !manifest.backupId().equals(backupId)) {
      throw damaged(
          backupId,
          "its manifest describes backup " + manifest.backupId() + " of " + manifest.deviceId());
    }
    return chosen(manifest);
  }

  /** Newest first, sizes compared before a checksum is read; damaged ones are passed over. */
  private ChosenBackup newest(DeviceId device, Instant madeBefore, BackupId fresh)
      throws IOException, StepFailedException {
    List<BackupVerification> candidates = new ArrayList<>(catalog.checkAll(device, false));
    candidates.sort(
        (a, b) ->
            b.manifest()
                .map(BackupManifest::createdAt)
                .orElse(Instant.MIN)
                .compareTo(a.manifest().map(BackupManifest::createdAt).orElse(Instant.MIN)));
    List<String> passedOver = new ArrayList<>();
    for (BackupVerification candidate : candidates) {
      if (candidate.manifest().isEmpty()
          || candidate.backupId().equals(fresh)
          || !candidate.manifest().get().createdAt().isBefore(madeBefore)) {
        continue;
      }
      BackupVerification check =
          candidate.intact() ? catalog.verify(device, candidate.backupId()) : candidate;
      if (check.intact() && check.manifest().orElseThrow().deviceId().equals(device)) {
        return chosen(check.manifest().orElseThrow());
      }
      passedOver.add(candidate.backupId() + " (" + check.status() + ")");
    }
    throw failure(
        Failure.BACKUP_NOT_FOUND,
        device
            + " has no intact backup taken before "
            + madeBefore
            + (passedOver.isEmpty() ? "" : "; passed over as not intact: " + passedOver)
            + "; nothing was touched");
  }

  private static ChosenBackup chosen(BackupManifest manifest) {
    return new ChosenBackup(
        manifest.backupId(), manifest.sha256(), manifest.sourceVersion(), manifest.createdAt());
  }

  private static StepFailedException damaged(BackupId backupId, String detail) {
    return failure(
        Failure.BACKUP_DAMAGED,
        "backup " + backupId + " cannot be restored: " + detail + "; nothing was touched");
  }

  private static StepFailedException failure(String code, String detail) {
    return StepFailedException.of(new Failure(FailureKind.BUSINESS, code + ": " + detail, code));
  }
}
