package dev.flotilla.backup;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.RestoreBackup;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.BackupFailed;
import dev.flotilla.contracts.reply.ChosenBackup;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.RestoreFailed;
import dev.flotilla.contracts.reply.Restored;
import java.time.Instant;

/**
 * Builds the reply to a command: same command, rollout and device ids, caused by the command's
 * message. A success reply's message id is derived from the command id, so a replayed reply is the
 * same message as the first one.
 */
final class Replies {
  private Replies() {}

  /**
   * @param toRestore before an operator's restore, the backup it will put back; else null
   */
  static BackupCompleted completed(
      TakeBackup command, BackupManifest manifest, ChosenBackup toRestore) {
    return new BackupCompleted(
        MessageId.derivedFrom("BackupCompleted/" + command.commandId().value()),
        command.commandId(),
        command.rolloutId(),
        command.deviceId(),
        command.messageId(),
        manifest.createdAt(),
        manifest.backupId(),
        manifest.sha256(),
        manifest.sizeBytes(),
        manifest.sourceVersion(),
        manifest.applicationRowCounts(),
        toRestore);
  }

  static BackupFailed backupFailed(TakeBackup command, Failure failure, Instant now) {
    return new BackupFailed(
        MessageId.random(),
        command.commandId(),
        command.rolloutId(),
        command.deviceId(),
        command.messageId(),
        now,
        failure);
  }

  static Restored restored(RestoreBackup command, VersionId version, Instant now) {
    return new Restored(
        MessageId.derivedFrom("Restored/" + command.commandId().value()),
        command.commandId(),
        command.rolloutId(),
        command.deviceId(),
        command.messageId(),
        now,
        command.backupId(),
        version,
        command.replacedStateBackupId());
  }

  static RestoreFailed restoreFailed(RestoreBackup command, Failure failure, Instant now) {
    return new RestoreFailed(
        MessageId.random(),
        command.commandId(),
        command.rolloutId(),
        command.deviceId(),
        command.messageId(),
        now,
        command.backupId(),
        failure);
  }
}
