package dev.flotilla.migration.step;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationChain;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.devicedb.SchemaFingerprint;
import dev.flotilla.devicedb.guard.RowLossAllowance;
import dev.flotilla.devicedb.history.AppliedMigration;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.devicedb.sql.Identifiers;
import dev.flotilla.migration.sqlite.ChainFingerprints;
import dev.flotilla.migration.sqlite.RowLossRule;
import dev.flotilla.migration.sqlite.ScriptBatch;
import dev.flotilla.migration.sqlite.ScriptFailedException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Takes a database down to a lower version of its set: the undo scripts of every applied version
 * above the target, highest first, in one transaction that also forgets their history rows. Before
 * committing, the schema must equal the chain up to the target applied to an empty database;
 * otherwise the transaction is rolled back and the database stays where it was. Nothing is undone
 * unless every version to undo has an undo script. Shared by the rollback step (a saga undoing its
 * own migration) and the migrate step (an operator's downgrade).
 */
final class VersionReversal {
  private final Catalogue catalogue;
  private final ChainFingerprints fingerprints;

  VersionReversal(Catalogue catalogue, ChainFingerprints fingerprints) {
    this.catalogue = catalogue;
    this.fingerprints = fingerprints;
  }

  /** What a reversal will do, or why it cannot. */
  sealed interface Plan {}

  /**
   * @param undoScripts highest version first; empty when nothing is above the target
   */
  record Ready(List<MigrationScript> undoScripts, MigrationChain target, SchemaFingerprint expected)
      implements Plan {
    Ready {
      undoScripts = List.copyOf(undoScripts);
    }

    List<VersionId> versions() {
      return undoScripts.stream().map(MigrationScript::version).toList();
    }
  }

  record Refused(Failure failure) implements Plan {}

  /** The versions above {@code target} whose undo script {@code set} lacks: {@code V4, V5}. */
  static List<String> missingUndo(
      Catalogue catalogue, MigrationSetId set, List<VersionId> applied, VersionId target) {
    return catalogue.missingUndo(set, applied, target).stream()
        .map(version -> "V" + version)
        .toList();
  }

  Plan plan(Connection db, MigrationSetId set, VersionId target, Deadline deadline)
      throws Exception {
    List<VersionId> toUndo =
        SchemaHistory.applied(db).stream()
            .map(AppliedMigration::version)
            .filter(version -> version.isAfter(target))
            .sorted(Comparator.reverseOrder())
            .toList();
    List<String> missing = missingUndo(catalogue, set, toUndo, target);
    if (!missing.isEmpty()) {
      return new Refused(
          Failure.business(
              "no undo script for "
                  + String.join(", ", missing)
                  + " in set '"
                  + set
                  + "'; nothing was undone"));
    }
    List<MigrationScript> undoScripts = new ArrayList<>();
    toUndo.forEach(version -> undoScripts.add(catalogue.undo(set, version).orElseThrow()));
    var chain = catalogue.chain(set, target);
    if (chain.isEmpty()) {
      return new Refused(Failure.infrastructure(catalogue.describeMissing(set, target)));
    }
    try {
      return new Ready(undoScripts, chain.get(), fingerprints.of(chain.get(), deadline));
    } catch (ScriptFailedException e) {
      return new Refused(Failure.business(ChainFingerprints.explain(chain.get(), e)));
    }
  }

  /**
   * Runs the plan's undo scripts and, inside the same transaction once the schema is proved, {@code
   * completion}.
   *
   * @param afterScript more bookkeeping per undone version, after its history row is forgotten
   * @throws SchemaMismatchException when the undo scripts did not bring back the target's schema;
   *     nothing was committed
   */
  <T> T run(
      Handle handle,
      Ready plan,
      Deadline deadline,
      ScriptBatch.AfterScript afterScript,
      ScriptBatch.Completion<T> completion)
      throws Exception {
    return ScriptBatch.apply(
        handle,
        plan.undoScripts(),
        deadline,
        undoRule(plan.expected()),
        (h, script, durationMillis) -> {
          SchemaHistory.remove(h.getConnection(), script.version());
          afterScript.record(h, script, durationMillis);
        },
        (h, lockWindowMillis) -> {
          SchemaFingerprint actual = SchemaFingerprint.of(h.getConnection());
          if (!actual.matches(plan.expected())) {
            throw new SchemaMismatchException(
                "after the undo scripts the schema differs from "
                    + plan.target().label()
                    + " ("
                    + String.join(", ", actual.differencesFrom(plan.expected()))
                    + "); nothing was committed");
          }
          return completion.complete(h, lockWindowMillis);
        });
  }

  /**
   * Undo scripts may drop the tables the target version does not have (the schema check proves that
   * is all they dropped), and shrink the tables they declare; no other table may lose a row.
   */
  private static RowLossRule undoRule(SchemaFingerprint target) {
    Set<String> targetTables = tablesOf(target);
    return (scripts, tablesBefore) ->
        RowLossAllowance.declaredBy(scripts)
            .plus(
                tablesBefore.stream()
                    .filter(table -> !targetTables.contains(Identifiers.normal(table)))
                    .toList());
  }

  static Set<String> tablesOf(SchemaFingerprint schema) {
    return schema.objects().stream()
        .filter(object -> object.type().equals("table"))
        .map(object -> Identifiers.normal(object.name()))
        .collect(Collectors.toSet());
  }

  /** The undo scripts ran but did not bring back the schema of the target version. */
  static final class SchemaMismatchException extends Exception {
    private static final long serialVersionUID = 1L;

    SchemaMismatchException(String message) {
      super(message);
    }
  }
}
