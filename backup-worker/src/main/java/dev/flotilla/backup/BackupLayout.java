package dev.flotilla.backup;

import dev.flotilla.contracts.id.BackupId;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import java.nio.file.Path;

/**
 * Where backups live: {@code <backup dir>/<deviceId>/<backupId>.db} with {@code
 * <backupId>.manifest.json} beside it, and the restore journal in {@code <deviceId>/restores/}.
 * Names of work in progress start with a dot, which no backup id can, so they never collide with
 * finished backups. Every path is checked to stay inside the backup directory.
 */
public final class BackupLayout {
  static final String DATABASE_SUFFIX = ".db";
  static final String MANIFEST_SUFFIX = ".manifest.json";
  static final String COPY_SUFFIX = ".tmp";
  static final String SCRATCH_SUFFIX = ".verify.tmp";

  private final Path root;

  public BackupLayout(Path backupDir) {
    this.root = backupDir.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  public Path deviceDir(DeviceId device) {
    return ContainedPath.child(root, device.value());
  }

  public Path backupFile(DeviceId device, BackupId backup) {
    return ContainedPath.child(deviceDir(device), backup.value() + DATABASE_SUFFIX);
  }

  public Path manifestFile(DeviceId device, BackupId backup) {
    return ContainedPath.child(deviceDir(device), backup.value() + MANIFEST_SUFFIX);
  }

  /** The online copy before it has been checked and renamed into place. */
  Path copyInProgress(DeviceId device, BackupId backup) {
    return ContainedPath.child(deviceDir(device), "." + backup.value() + COPY_SUFFIX);
  }

  /**
   * Where earlier versions made a throw-away copy of the copy for the test restore; now only
   * cleaned up, as a leftover of an interrupted attempt.
   */
  Path testRestoreScratch(DeviceId device, BackupId backup) {
    return ContainedPath.child(deviceDir(device), "." + backup.value() + SCRATCH_SUFFIX);
  }

  Path restoreJournalDir(DeviceId device) {
    return ContainedPath.child(deviceDir(device), "restores");
  }

  /**
   * A command id may hold {@code /} and {@code :}; they are percent-encoded so the journal entry is
   * always one file name.
   */
  Path restoreJournal(DeviceId device, CommandId command) {
    return ContainedPath.child(restoreJournalDir(device), fileNameOf(command.value()) + ".json");
  }

  private static String fileNameOf(String value) {
    StringBuilder name = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      if (Character.isLetterOrDigit(c) && c < 128 || c == '.' || c == '_' || c == '-') {
        name.append(c);
      } else {
        name.append('%').append(String.format("%02X", (int) c));
      }
    }
    return name.toString();
  }
}
