package dev.flotilla.backup;

import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.id.BackupId;

/**
 * Names the backup a command makes: {@code <deviceId>-<first 12 hex digits of SHA-256(commandId)>}.
 * The same command always names the same backup, which is what makes a redelivered command find the
 * backup it already made.
 */
public final class BackupNaming {
  private static final int HASH_DIGITS = 12;

  private BackupNaming() {}

  public static BackupId backupIdFor(TakeBackup command) {
    String hash = Sha256.of(command.commandId().value()).substring(0, HASH_DIGITS);
    return BackupId.of(command.deviceId().value() + "-" + hash);
  }
}
