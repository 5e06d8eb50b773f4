package dev.flotilla.migration.step;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationChain;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.RollbackMigrations;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.RollbackResult;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.devicedb.SchemaFingerprint;
import dev.flotilla.devicedb.SqliteFailures;
import dev.flotilla.devicedb.guard.RowLossAllowance;
import dev.flotilla.devicedb.history.AppliedMigration;
import dev.flotilla.devicedb.history.CommandLog;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.devicedb.open.LockWait;
import dev.flotilla.devicedb.sql.Identifiers;
import dev.flotilla.migration.sqlite.ChainFingerprints;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.sqlite.DeviceDatabase;
import dev.flotilla.migration.sqlite.GuardFailedException;
import dev.flotilla.migration.sqlite.RowLossRule;
import dev.flotilla.migration.sqlite.ScriptBatch;
import dev.flotilla.migration.sqlite.ScriptFailedException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Answers {@link RollbackMigrations}: runs the undo scripts of every applied version above the
 * target, highest first, in one transaction that also deletes their history rows and records the
 * reply in the command log. Before committing, the schema must equal the chain V1..target applied
 * to an empty database; otherwise the transaction is rolled back and the device stays where it was,
 * for the coordinator to restore from the backup. Nothing is undone unless every version to undo
 * has an undo script.
 */
public final class RollbackStep {
  private final DatabaseFolder fleet;
  private final Catalogue catalogue;
  private final ChainFingerprints fingerprints;
  private final CommandLog commandLog;
  private final Replies replies;

  public RollbackStep(
      DatabaseFolder fleet,
      Catalogue catalogue,
      ChainFingerprints fingerprints,
      CommandLog commandLog,
      Replies replies) {
    this.fleet = fleet;
    this.catalogue = catalogue;
    this.fingerprints = fingerprints;
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
    List<VersionId> toUndo =
        SchemaHistory.applied(handle.getConnection()).stream()
            .map(AppliedMigration::version)
            .filter(version -> version.isAfter(command.toVersion()))
            .sorted(Comparator.reverseOrder())
            .toList();
    List<MigrationScript> undoScripts = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (VersionId version : toUndo) {
      catalogue
          .undo(command.migrationSet(), version)
          .ifPresentOrElse(undoScripts::add, () -> missing.add("V" + version));
    }
    if (!missing.isEmpty()) {
      return replies.rollbackFailed(
          command,
          Failure.business(
              "no undo script for "
                  + String.join(", ", missing)
                  + " in set '"
                  + command.migrationSet()
                  + "'; nothing was undone"));
    }
    Optional<MigrationChain> chain = catalogue.chain(command.migrationSet(), command.toVersion());
    if (chain.isEmpty()) {
      return replies.rollbackFailed(
          command,
          Failure.infrastructure(
              catalogue.describeMissing(command.migrationSet(), command.toVersion())));
    }
    SchemaFingerprint expected;
    try {
      expected = fingerprints.of(chain.get(), deadline);
    } catch (ScriptFailedException e) {
      return replies.rollbackFailed(
          command, Failure.business(ChainFingerprints.explain(chain.get(), e)));
    }
    try {
      return undo(command, handle, undoScripts, deadline, chain.get(), expected);
    } catch (ScriptFailedException e) {
      Failure failure =
          e.stoppedAtDeadline()
              ? Failure.business(e.getMessage())
              : SqliteFailures.failure(e, e.getMessage(), FailureKind.BUSINESS);
      return replies.rollbackFailed(command, failure);
    } catch (SchemaMismatchException | GuardFailedException e) {
      return replies.rollbackFailed(command, Failure.business(e.getMessage()));
    }
  }

  private RolledBack undo(
      RollbackMigrations command,
      Handle handle,
      List<MigrationScript> undoScripts,
      Deadline deadline,
      MigrationChain chain,
      SchemaFingerprint expected)
      throws Exception {
    return ScriptBatch.apply(
        handle,
        undoScripts,
        deadline,
        undoRule(expected),
        (h, script, durationMillis) -> SchemaHistory.remove(h.getConnection(), script.version()),
        (h, lockWindowMillis) -> {
          SchemaFingerprint actual = SchemaFingerprint.of(h.getConnection());
          if (!actual.matches(expected)) {
            throw new SchemaMismatchException(
                "after the undo scripts the schema differs from "
                    + chain.label()
                    + " ("
                    + String.join(", ", actual.differencesFrom(expected))
                    + "); the rollback was not committed");
          }
          RolledBack reply = replies.rolledBack(command);
          // With nothing to undo the rollback only proved the schema: it writes nothing, so a
          // database a failed migration left untouched stays byte for byte as it was.
          if (!undoScripts.isEmpty()) {
            commandLog.record(h.getConnection(), reply, replies.clock().instant());
          }
          return reply;
        });
  }

  /**
   * Undo scripts may drop the tables the target version does not have (the schema check proves that
   * is all they dropped), and shrink the tables they declare; no other table may lose a row.
   */
  private static RowLossRule undoRule(SchemaFingerprint target) {
    Set<String> targetTables =
        target.objects().stream()
            .filter(object -> object.type().equals("table"))
            .map(object -> Identifiers.normal(object.name()))
            .collect(Collectors.toSet());
    return (scripts, tablesBefore) ->
        RowLossAllowance.declaredBy(scripts)
            .plus(
                tablesBefore.stream()
                    .filter(table -> !targetTables.contains(Identifiers.normal(table)))
                    .toList());
  }

  /** The undo scripts ran but did not bring back the schema of the target version. */
  private static final class SchemaMismatchException extends Exception {
    private static final long serialVersionUID = 1L;

    SchemaMismatchException(String message) {
      super(message);
    }
  }
}
