package dev.flotilla.coordinator.saga;

import dev.flotilla.contracts.reply.BackupFailed;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.RestoreFailed;
import dev.flotilla.contracts.reply.RollbackFailed;
import dev.flotilla.contracts.reply.SafetyCheckFailed;
import dev.flotilla.contracts.reply.VerificationFailed;
import dev.flotilla.contracts.reply.WorkerReply;
import java.util.Optional;

/** A one-line account of what a failed reply says, for the device's final event. */
final class ReplyProblems {
  private ReplyProblems() {}

  static Optional<String> of(WorkerReply reply) {
    if (reply instanceof SafetyCheckFailed failed) {
      return Optional.of(
          String.join(
              "; ",
              failed.reasons().stream().map(r -> r.code() + " (" + r.message() + ")").toList()));
    }
    if (reply instanceof BackupFailed failed) {
      return Optional.of(failed.failure().reason());
    }
    if (reply instanceof MigrationFailed failed) {
      return Optional.of(failed.failure().reason());
    }
    if (reply instanceof VerificationFailed failed) {
      return Optional.of(String.join("; ", failed.problems()));
    }
    if (reply instanceof RollbackFailed failed) {
      return Optional.of(failed.failure().reason());
    }
    if (reply instanceof RestoreFailed failed) {
      return Optional.of(failed.failure().reason());
    }
    return Optional.empty();
  }
}
