package dev.flotilla.migration.step;

import dev.flotilla.contracts.catalogue.MigrationChain;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.migration.adoption.AdoptionRows;
import dev.flotilla.migration.adoption.Identification;
import dev.flotilla.migration.adoption.SchemaIdentifier;
import java.sql.Connection;
import java.time.Clock;
import java.util.Optional;

/**
 * Where a migration starts from, and the adoption of a database without Flotilla's history. Such a
 * database is identified again when the migration begins (its schema may have changed since the
 * safety check); one adopted at version n then gets Flotilla's history rows of V1..Vn in the
 * transaction of the first script applied, after that script ran and the database was found to be
 * exactly what Vn and that script make, with its tool's history unchanged: a crash leaves both or
 * neither, and a database that changed meanwhile is left as it was, with {@code unknown-schema}.
 * (ScriptBatch opens that transaction; it offers no moment inside it before the first script, so
 * the look inside it comes right after.)
 */
final class Adoptions {
  private final SchemaIdentifier identifier;
  private final Clock clock;

  Adoptions(SchemaIdentifier identifier, Clock clock) {
    this.identifier = identifier;
    this.clock = clock;
  }

  /**
   * The version a migration starts from.
   *
   * @param adoption the adoption to record, when the database is adopted above version 0
   * @param refusal why the migration must not start: the database's version cannot be told
   */
  record Start(VersionId version, Optional<Adoption> adoption, Optional<Failure> refusal) {}

  /** Flotilla's history's version; for a database without it, when adopting, its schema's. */
  Start start(ApplyMigrations command, Connection db, Deadline deadline) throws Exception {
    VersionId tracked = SchemaHistory.currentVersion(db);
    if (!command.adopting() || !SchemaHistory.applied(db).isEmpty()) {
      return new Start(tracked, Optional.empty(), Optional.empty());
    }
    Identification found = identifier.identify(db, command.migrationSet(), deadline);
    if (found instanceof Identification.Unknown unknown) {
      return new Start(
          tracked,
          Optional.empty(),
          Optional.of(
              unknownSchema(
                  "the database has no Flotilla history and its version cannot be told: "
                      + unknown.describe()
                      + "; nothing was applied")));
    }
    if (found instanceof Identification.Adoptable adoptable
        && adoptable.version().isAfter(command.targetVersion())) {
      // The safety check refuses this: the database changed since.
      return new Start(
          tracked,
          Optional.empty(),
          Optional.of(
              unknownSchema(
                  aboveTarget(adoptable, command.targetVersion()) + "; nothing was applied")));
    }
    if (found instanceof Identification.Adoptable adoptable && !adoptable.version().isZero()) {
      return new Start(
          adoptable.version(), Optional.of(new Adoption(command, adoptable)), Optional.empty());
    }
    return new Start(tracked, Optional.empty(), Optional.empty());
  }

  /**
   * Why a database without Flotilla's history above the target is not taken down: a downgrade
   * undoes the versions Flotilla's history records, and it records none yet.
   */
  static String aboveTarget(Identification.Adoptable adoptable, VersionId target) {
    return "the database has no Flotilla history and is at V"
        + adoptable.version()
        + " ("
        + adoptable.evidence()
        + "), above the target V"
        + target
        + ": a downgrade undoes only versions Flotilla's history records, and it records none"
        + " here";
  }

  static Failure unknownSchema(String reason) {
    return new Failure(FailureKind.BUSINESS, reason, Failure.UNKNOWN_SCHEMA);
  }

  /** The database changed since it was identified; the transaction must not commit. */
  static final class AdoptionChangedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean committed;

    AdoptionChangedException(String why, boolean committed) {
      super(
          "the database is no longer the one identified when the migration began: "
              + why
              + (committed
                  ? "; the script that ran outside a transaction stays applied"
                  : "; nothing was applied"));
      this.committed = committed;
    }

    /** A script that cannot run in a transaction had already committed its changes. */
    boolean committed() {
      return committed;
    }
  }

  /** One migration's adoption: confirmed and recorded once, before its first history row. */
  final class Adoption {
    private final ApplyMigrations command;
    private final Identification.Adoptable adopted;
    private boolean recorded;

    private Adoption(ApplyMigrations command, Identification.Adoptable adopted) {
      this.command = command;
      this.adopted = adopted;
    }

    VersionId version() {
      return adopted.version();
    }

    /**
     * Inside the transaction of {@code applied}, the first script the migration applied (null when
     * it applies none): confirms the database is still the one adopted and writes the history of
     * the adopted versions. Does nothing once done.
     *
     * @param chain the migration's chain, V1 to the target
     * @throws AdoptionChangedException when it is not; the caller's transaction must roll back
     */
    void recordBefore(
        Connection db, MigrationChain chain, MigrationScript applied, Deadline deadline)
        throws Exception {
      if (recorded) {
        return;
      }
      MigrationChain appliedSoFar = chain.upTo(applied == null ? version() : applied.version());
      Optional<String> changed =
          identifier.changedSince(db, command.migrationSet(), adopted, appliedSoFar, deadline);
      if (changed.isPresent()) {
        throw new AdoptionChangedException(
            changed.get(), applied != null && !applied.transactional());
      }
      AdoptionRows.write(db, chain.upTo(version()), command.commandId().value(), clock.instant());
      recorded = true;
    }
  }
}
