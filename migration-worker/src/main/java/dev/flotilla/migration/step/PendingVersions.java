package dev.flotilla.migration.step;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationChain;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.MigrateResult;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.devicedb.SqliteFailures;
import dev.flotilla.devicedb.history.AppliedMigration;
import dev.flotilla.devicedb.history.CommandLog;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.migration.sqlite.ChainFingerprints;
import dev.flotilla.migration.sqlite.GuardFailedException;
import dev.flotilla.migration.sqlite.RowLossRule;
import dev.flotilla.migration.sqlite.ScriptBatch;
import dev.flotilla.migration.sqlite.ScriptFailedException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Applies the pending versions of an {@link ApplyMigrations} to an open database: every version up
 * to the target in one transaction (see {@link ScriptBatch}) with a history row per version and the
 * command-log row holding the reply. The one code path of a migration, whether on the device or on
 * a dry run's copy of it. A database without Flotilla's history starts from the version its schema
 * proves, and gets the history of the versions up to it with its first script ({@link Adoptions}).
 */
final class PendingVersions {
  private final Catalogue catalogue;
  private final VersionReversal reversal;
  private final CommandLog commandLog;
  private final Adoptions adoptions;
  private final Replies replies;

  PendingVersions(
      Catalogue catalogue,
      ChainFingerprints fingerprints,
      CommandLog commandLog,
      Adoptions adoptions,
      Replies replies) {
    this.catalogue = catalogue;
    this.reversal = new VersionReversal(catalogue, fingerprints);
    this.commandLog = commandLog;
    this.adoptions = adoptions;
    this.replies = replies;
  }

  /**
   * A {@code MigrationsApplied}, or a {@code MigrationFailed} when the versions cannot or could not
   * all be applied.
   *
   * @throws Exception when the database fails outside the scripts (I/O, locks, bookkeeping)
   */
  MigrateResult apply(ApplyMigrations command, Handle handle) throws Exception {
    Deadline deadline = new Deadline(command.deadline(), replies.clock());
    Adoptions.Start start = adoptions.start(command, handle.getConnection(), deadline);
    if (start.refusal().isPresent()) {
      return replies.migrationFailed(command, start.version(), null, start.refusal().get());
    }
    VersionId current = start.version();
    if (current.isAfter(command.targetVersion())) {
      return downgrade(command, handle, current);
    }
    Optional<MigrationChain> chain =
        catalogue.chain(command.migrationSet(), command.targetVersion());
    if (chain.isEmpty()) {
      return replies.migrationFailed(
          command,
          current,
          null,
          Failure.infrastructure(
              catalogue.describeMissing(command.migrationSet(), command.targetVersion())));
    }
    if (deadline.passed()) {
      return replies.migrationFailed(
          command,
          current,
          null,
          Failure.infrastructure(
              "the deadline " + command.deadline() + " passed before anything was applied"));
    }
    List<MigrationScript> pending = chain.get().pendingAfter(current);
    List<VersionId> appliedEarlier = appliedEarlierBy(command, handle);
    VersionId fromVersion =
        appliedEarlier.isEmpty() ? current : chain.get().versionBefore(appliedEarlier.get(0));
    try {
      return applyScripts(
          command,
          handle,
          chain.get(),
          start.adoption(),
          fromVersion,
          appliedEarlier,
          pending,
          deadline);
    } catch (Adoptions.AdoptionChangedException e) {
      return replies.migrationFailed(
          command,
          SchemaHistory.currentVersion(handle.getConnection()),
          null,
          Adoptions.unknownSchema(e.getMessage()),
          e.committed());
    } catch (ScriptFailedException e) {
      Failure failure =
          e.stoppedAtDeadline()
              ? Failure.business(e.getMessage())
              : SqliteFailures.failure(e, e.getMessage(), FailureKind.BUSINESS);
      return replies.migrationFailed(
          command,
          SchemaHistory.currentVersion(handle.getConnection()),
          e.script().version(),
          failure);
    } catch (GuardFailedException e) {
      return replies.migrationFailed(
          command,
          SchemaHistory.currentVersion(handle.getConnection()),
          e.firstScript().version(),
          Failure.business(e.getMessage()),
          e.committed());
    }
  }

  /**
   * The versions this very command applied before: when a set has a no-transaction script, a crash
   * between its transactions leaves the versions before it committed, and the redelivered command
   * goes on from there. Its reply then still tells all that the command applied.
   */
  private static List<VersionId> appliedEarlierBy(ApplyMigrations command, Handle handle)
      throws SQLException {
    return SchemaHistory.applied(handle.getConnection()).stream()
        .filter(applied -> command.commandId().value().equals(applied.commandId()))
        .map(AppliedMigration::version)
        .toList();
  }

  private MigrationsApplied applyScripts(
      ApplyMigrations command,
      Handle handle,
      MigrationChain chain,
      Optional<Adoptions.Adoption> adoption,
      VersionId fromVersion,
      List<VersionId> appliedEarlier,
      List<MigrationScript> pending,
      Deadline deadline)
      throws Exception {
    List<VersionId> applied = new ArrayList<>(appliedEarlier);
    pending.forEach(script -> applied.add(script.version()));
    ApplicationHistory applicationHistory = ApplicationHistory.of(handle.getConnection());
    long started = System.nanoTime();
    return ScriptBatch.apply(
        handle,
        pending,
        deadline,
        RowLossRule.DECLARED,
        (h, script, durationMillis) -> {
          if (adoption.isPresent()) {
            // Before this script's rows, Flotilla's and the application's: the adopted database
            // is confirmed as it was, its tool's history included.
            adoption.get().recordBefore(h.getConnection(), chain, script, deadline);
          }
          SchemaHistory.record(
              h.getConnection(),
              new AppliedMigration(
                  script.version(),
                  script.description(),
                  script.sha256(),
                  replies.clock().instant().toString(),
                  durationMillis,
                  command.commandId().value()));
          applicationHistory.afterApply().record(h, script, durationMillis);
        },
        (h, lockWindowMillis) -> {
          if (adoption.isPresent()) {
            // Nothing pending: the adoption alone, still confirmed under the write lock.
            adoption.get().recordBefore(h.getConnection(), chain, null, deadline);
          }
          MigrationsApplied reply =
              replies.migrationsApplied(
                  command,
                  fromVersion,
                  applied,
                  List.of(),
                  (System.nanoTime() - started) / 1_000_000,
                  lockWindowMillis);
          commandLog.record(h.getConnection(), reply, replies.clock().instant());
          return reply;
        });
  }

  /**
   * An operator's downgrade: the device is above the target, so the undo scripts of every version
   * above it run, highest first, in one transaction proved against the target's schema (see {@link
   * VersionReversal}). A device whose versions lack an undo script is left untouched.
   */
  private MigrateResult downgrade(ApplyMigrations command, Handle handle, VersionId current)
      throws Exception {
    Deadline deadline = new Deadline(command.deadline(), replies.clock());
    VersionReversal.Plan plan =
        reversal.plan(
            handle.getConnection(), command.migrationSet(), command.targetVersion(), deadline);
    if (plan instanceof VersionReversal.Refused refused) {
      return replies.migrationFailed(command, current, null, refused.failure());
    }
    VersionReversal.Ready ready = (VersionReversal.Ready) plan;
    long started = System.nanoTime();
    try {
      return reversal.run(
          handle,
          ready,
          deadline,
          ApplicationHistory.of(handle.getConnection()).afterUndo(),
          (h, lockWindowMillis) -> {
            MigrationsApplied reply =
                replies.migrationsApplied(
                    command,
                    current,
                    List.of(),
                    ready.versions(),
                    (System.nanoTime() - started) / 1_000_000,
                    lockWindowMillis);
            commandLog.record(h.getConnection(), reply, replies.clock().instant());
            return reply;
          });
    } catch (ScriptFailedException e) {
      Failure failure =
          e.stoppedAtDeadline()
              ? Failure.business(e.getMessage())
              : SqliteFailures.failure(e, e.getMessage(), FailureKind.BUSINESS);
      return replies.migrationFailed(command, current, e.script().version(), failure);
    } catch (VersionReversal.SchemaMismatchException e) {
      return replies.migrationFailed(command, current, null, Failure.business(e.getMessage()));
    } catch (GuardFailedException e) {
      return replies.migrationFailed(
          command,
          SchemaHistory.currentVersion(handle.getConnection()),
          e.firstScript().version(),
          Failure.business(e.getMessage()),
          e.committed());
    }
  }
}
