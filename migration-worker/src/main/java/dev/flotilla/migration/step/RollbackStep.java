package dev.flotilla.migration.step;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.RollbackMigrations;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.RollbackResult;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.devicedb.SqliteFailures;
import dev.flotilla.devicedb.history.CommandLog;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.devicedb.open.LockWait;
import dev.flotilla.migration.sqlite.ChainFingerprints;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.sqlite.DeviceDatabase;
import dev.flotilla.migration.sqlite.GuardFailedException;
import dev.flotilla.migration.sqlite.ScriptFailedException;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Answers {@link RollbackMigrations}: takes the device back to the target with a {@link
 * VersionReversal}, recording the reply in the command log in the same transaction. A device the
 * reversal cannot take back stays where it was, for the coordinator to restore from the backup.
 */
public final class RollbackStep {
  private final DatabaseFolder fleet;
  private final VersionReversal reversal;
  private final CommandLog commandLog;
  private final Replies replies;

  public RollbackStep(
      DatabaseFolder fleet,
      Catalogue catalogue,
      ChainFingerprints fingerprints,
      CommandLog commandLog,
      Replies replies) {
    this.fleet = fleet;
    this.reversal = new VersionReversal(catalogue, fingerprints);
    this.commandLog = commandLog;
    this.replies = replies;
  }

  /** Never throws: every failure becomes a {@code RollbackFailed}. */
  public RollbackResult handle(RollbackMigrations command) {
    DeviceDatabase database = fleet.database(command.deviceId());
    if (!database.exists()) {
      return replies.rollbackFailed(
          command, Failure.infrastructure("there is no database file " + database.file()));
    }
    Deadline deadline = new Deadline(command.deadline(), replies.clock());
    try (Handle handle = database.openForWriting(deadline)) {
      return rollback(command, handle, deadline);
    } catch (Exception e) {
      return replies.rollbackFailed(
          command, SqliteFailures.failure(e, LockWait.describe(e, deadline), FailureKind.BUSINESS));
    }
  }

  private RollbackResult rollback(RollbackMigrations command, Handle handle, Deadline deadline)
      throws Exception {
    Optional<RollbackResult> recorded =
        commandLog.recordedReply(handle.getConnection(), command.commandId(), RollbackResult.class);
    if (recorded.isPresent()) {
      return recorded.get();
    }
    VersionId current = SchemaHistory.currentVersion(handle.getConnection());
    if (current.isBefore(command.toVersion())) {
      return replies.rollbackFailed(
          command,
          Failure.business(
              "the device is at V"
                  + current
                  + ", below the rollback target V"
                  + command.toVersion()));
    }
    VersionReversal.Plan plan =
        reversal.plan(
            handle.getConnection(), command.migrationSet(), command.toVersion(), deadline);
    if (plan instanceof VersionReversal.Refused refused) {
      return replies.rollbackFailed(command, refused.failure());
    }
    VersionReversal.Ready ready = (VersionReversal.Ready) plan;
    try {
      return reversal.run(
          handle,
          ready,
          deadline,
          ApplicationHistory.of(handle.getConnection()).afterUndo(),
          (h, lockWindowMillis) -> {
            RolledBack reply = replies.rolledBack(command);
            // With nothing to undo the rollback only proved the schema: it writes nothing, so a
            // database a failed migration left untouched stays byte for byte as it was.
            if (!ready.undoScripts().isEmpty()) {
              commandLog.record(h.getConnection(), reply, replies.clock().instant());
            }
            return reply;
          });
    } catch (ScriptFailedException e) {
      Failure failure =
          e.stoppedAtDeadline()
              ? Failure.business(e.getMessage())
              : SqliteFailures.failure(e, e.getMessage(), FailureKind.BUSINESS);
      return replies.rollbackFailed(command, failure);
    } catch (VersionReversal.SchemaMismatchException | GuardFailedException e) {
      return replies.rollbackFailed(command, Failure.business(e.getMessage()));
    }
  }
}
