package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.command.Step;

/** The reply to a {@code BACKUP} command. */
public sealed interface BackupResult extends WorkerReply permits BackupCompleted, BackupFailed {
  @Override
  default Step step() {
    return Step.BACKUP;
  }
}
