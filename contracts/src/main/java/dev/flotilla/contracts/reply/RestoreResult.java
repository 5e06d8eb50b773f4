package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.command.Step;

/** The reply to a {@code RESTORE} command. */
public sealed interface RestoreResult extends WorkerReply permits Restored, RestoreFailed {
  @Override
  default Step step() {
    return Step.RESTORE;
  }
}
