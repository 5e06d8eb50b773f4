package dev.flotilla.backup;

import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.devicedb.Sha256;

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

  /** Whether {@code name} is a backup id this naming gives a backup of {@code device}. */
  static boolean isNamedFor(DeviceId device, String name) {
    String prefix = device.value() + "-";
    return name.length() == prefix.length() + HASH_DIGITS
        && name.startsWith(prefix)
        && name.substring(prefix.length()).chars().allMatch(BackupNaming::isLowerHexDigit);
  }

  private static boolean isLowerHexDigit(int c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f';
  }
}
