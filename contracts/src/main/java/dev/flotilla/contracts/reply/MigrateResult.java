package dev.flotilla.contracts.reply;

import dev.flotilla.contracts.command.Step;

/** The reply to a {@code MIGRATE} command. */
public sealed interface MigrateResult extends WorkerReply
    permits MigrationsApplied, MigrationFailed, MigrationRehearsed {
  @Override
  default Step step() {
    return Step.MIGRATE;
  }
}
