package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.command.Step;

/** The reply to a {@code ROLLBACK} command. */
public sealed interface RollbackResult extends WorkerReply permits RolledBack, RollbackFailed {
  @Override
  default Step step() {
    return Step.ROLLBACK;
  }
}
