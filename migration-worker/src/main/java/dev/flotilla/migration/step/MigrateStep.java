package dev.flotilla.migration.step;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.MigrateResult;
import dev.flotilla.devicedb.SqliteFailures;
import dev.flotilla.devicedb.history.CommandLog;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.devicedb.open.LockWait;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.sqlite.DeviceDatabase;
import dev.flotilla.migration.sqlite.ScriptBatch;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Answers {@link ApplyMigrations}: applies every pending version up to the target in one
 * transaction, with a history row per version and the command-log row holding the reply, so the
 * device moves to the target at once or not at all, and a redelivered command replays the recorded
 * reply instead of migrating twice. Scripts marked {@code -- flotilla:no-transaction} run on their
 * own, between transactions (see {@link ScriptBatch}). A script still running at the command's
 * deadline is interrupted and its transaction rolled back; a wait for another connection's lock
 * ends at the deadline too. A dry run is handed to {@link DryRun}, which never opens the device for
 * writing. Just before the first script, the device's own report is judged again ({@link
 * StateRecheck}): one that started driving after its safety check is left untouched, with {@code
 * unsafe-device-state}, and checked again later. A redelivered command that already migrated
 * replays its recorded reply before that look, whatever the device says now.
 */
public final class MigrateStep {
  private final DatabaseFolder fleet;
  private final CommandLog commandLog;
  private final PendingVersions pendingVersions;
  private final DryRun dryRun;
  private final StateRecheck stateRecheck;
  private final Replies replies;

  MigrateStep(
      DatabaseFolder fleet,
      CommandLog commandLog,
      PendingVersions pendingVersions,
      DryRun dryRun,
      StateRecheck stateRecheck,
      Replies replies) {
    this.fleet = fleet;
    this.commandLog = commandLog;
    this.pendingVersions = pendingVersions;
    this.dryRun = dryRun;
    this.stateRecheck = stateRecheck;
    this.replies = replies;
  }

  /** Never throws: every failure becomes a {@code MigrationFailed}. */
  public MigrateResult handle(ApplyMigrations command) {
    if (command.dryRun()) {
      return dryRun.rehearse(command);
    }
    DeviceDatabase database = fleet.database(command.deviceId());
    if (!database.exists()) {
      return replies.migrationFailed(
          command,
          VersionId.ZERO,
          null,
          Failure.infrastructure("there is no database file " + database.file()));
    }
    Deadline deadline = new Deadline(command.deadline(), replies.clock());
    try (Handle handle = database.openForWriting(deadline, lockWait(command))) {
      return migrate(command, handle);
    } catch (Exception e) {
      return replies.migrationFailed(
          command,
          VersionProbe.currentVersionOrZero(database),
          null,
          SqliteFailures.failure(e, LockWait.describe(e, deadline), FailureKind.BUSINESS));
    }
  }

  /** The rollout's wait for the application's lock, or the worker's default for old commands. */
  private static Duration lockWait(ApplyMigrations command) {
    return command.lockWaitSeconds() == null
        ? DeviceDatabase.LOCK_WAIT
        : Duration.ofSeconds(command.lockWaitSeconds());
  }

  private MigrateResult migrate(ApplyMigrations command, Handle handle) throws Exception {
    Optional<MigrateResult> recorded =
        commandLog.recordedReply(handle.getConnection(), command.commandId(), MigrateResult.class);
    if (recorded.isPresent()) {
      return recorded.get();
    }
    Optional<Failure> unsafe = stateRecheck.unsafe(command);
    if (unsafe.isPresent()) {
      return replies.migrationFailed(
          command, SchemaHistory.currentVersion(handle.getConnection()), null, unsafe.get());
    }
    return pendingVersions.apply(command, handle);
  }
}
