package dev.flotilla.coordinator.projection;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.BackupFailed;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationRehearsed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.RestoreFailed;
import dev.flotilla.contracts.reply.Restored;
import dev.flotilla.contracts.reply.RollbackFailed;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.contracts.reply.SafetyCheckFailed;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.VerificationFailed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.contracts.reply.WorkerReply;

/**
 * What a reply tells of its device, for the device's row and history.
 *
 * @param version the schema version the device holds after the reply, when the reply says; else
 *     null
 * @param backupId the backup the reply took; else null
 * @param rehearsal what a dry run's rehearsal found; else null
 */
record ReplyFacts(VersionId version, String backupId, RehearsalRow rehearsal) {
  private static final ReplyFacts NONE = new ReplyFacts(null, null, null);

  static ReplyFacts of(WorkerReply reply) {
    return reply.accept(READER);
  }

  private static ReplyFacts version(VersionId version) {
    return new ReplyFacts(version, null, null);
  }

  private static final WorkerReply.Visitor<ReplyFacts> READER =
      new WorkerReply.Visitor<>() {
        @Override
        public ReplyFacts visit(SafetyCheckPassed passed) {
          return version(passed.currentVersion());
        }

        @Override
        public ReplyFacts visit(SafetyCheckFailed failed) {
          return NONE;
        }

        @Override
        public ReplyFacts visit(BackupCompleted backup) {
          return new ReplyFacts(backup.sourceVersion(), backup.backupId().value(), null);
        }

        @Override
        public ReplyFacts visit(BackupFailed failed) {
          return NONE;
        }

        @Override
        public ReplyFacts visit(MigrationsApplied applied) {
          return version(applied.toVersion());
        }

        @Override
        public ReplyFacts visit(MigrationFailed failed) {
          return version(failed.versionNow());
        }

        @Override
        public ReplyFacts visit(MigrationRehearsed rehearsed) {
          // A rehearsal ran on a copy: the device is where it was.
          return new ReplyFacts(rehearsed.fromVersion(), null, RehearsalRow.of(rehearsed));
        }

        @Override
        public ReplyFacts visit(VerificationPassed passed) {
          return version(passed.version());
        }

        @Override
        public ReplyFacts visit(VerificationFailed failed) {
          return NONE;
        }

        @Override
        public ReplyFacts visit(RolledBack rolledBack) {
          return version(rolledBack.version());
        }

        @Override
        public ReplyFacts visit(RollbackFailed failed) {
          return NONE;
        }

        @Override
        public ReplyFacts visit(Restored restored) {
          return version(restored.version());
        }

        @Override
        public ReplyFacts visit(RestoreFailed failed) {
          return NONE;
        }
      };
}
