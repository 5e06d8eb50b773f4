package dev.flotilla.migration.step;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.RunSafetyCheck;
import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.contracts.reply.SafetyCheckResult;
import dev.flotilla.contracts.reply.SafetyReason;
import dev.flotilla.devicedb.FileOwnership;
import dev.flotilla.devicedb.IntegrityChecks;
import dev.flotilla.devicedb.OutsideFleetException;
import dev.flotilla.devicedb.SqliteFailures;
import dev.flotilla.devicedb.WorkerIdentity;
import dev.flotilla.devicedb.history.AppliedMigration;
import dev.flotilla.devicedb.history.SchemaHistory;
import dev.flotilla.devicedb.open.Deadline;
import dev.flotilla.devicedb.open.DeadlineInterrupt;
import dev.flotilla.migration.adoption.Identification;
import dev.flotilla.migration.adoption.SchemaIdentifier;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.sqlite.DeviceDatabase;
import dev.flotilla.migration.sqlite.ScriptFailedException;
import dev.flotilla.migration.sqlite.ScriptQueries;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;

/**
 * Answers {@link RunSafetyCheck}: gathers the facts about the device (its file, {@code PRAGMA
 * quick_check}, version, history, free disk, catalogue, reported state and its age, what the set's
 * probe scripts of the pending versions find) and lets {@link SafetyRules} judge them. A database
 * without Flotilla's history is identified by its schema ({@link SchemaIdentifier}); the reply of
 * one adopted says at which version and on what evidence. Reports every reason at once. Writes
 * nothing to the device's main file or WAL: it reads (and runs the probes) on a read-only
 * connection, and probes the write lock without writing (see {@link DeviceDatabase#writeLockFree}),
 * so it can come before a dry run.
 */
public final class SafetyCheckStep {
  private final DatabaseFolder fleet;
  private final Catalogue catalogue;
  private final ReportedDevices devices;
  private final DiskSpace diskSpace;
  private final SchemaIdentifier identifier;
  private final Replies replies;

  public SafetyCheckStep(
      DatabaseFolder fleet,
      Catalogue catalogue,
      ReportedDevices devices,
      DiskSpace diskSpace,
      SchemaIdentifier identifier,
      Replies replies) {
    this.fleet = fleet;
    this.catalogue = catalogue;
    this.devices = devices;
    this.diskSpace = diskSpace;
    this.identifier = identifier;
    this.replies = replies;
  }

  /** Never throws: whatever goes wrong becomes a reason in the reply. */
  public SafetyCheckResult handle(RunSafetyCheck command) {
    try {
      SafetyFacts facts = command.restoring() ? gatherBeforeRestore(command) : gather(command);
      List<SafetyReason> reasons =
          command.restoring() ? SafetyRules.beforeRestore(facts) : SafetyRules.reasons(facts);
      if (reasons.isEmpty()) {
        return replies.safetyCheckPassed(
            command,
            facts.currentVersion().orElse(VersionId.ZERO),
            facts.sizeBytes(),
            adopted(facts));
      }
      return replies.safetyCheckFailed(command, reasons);
    } catch (OutsideFleetException e) {
      return replies.safetyCheckFailed(
          command, List.of(SafetyReason.permanent(SafetyRules.OUTSIDE_FLEET, e.getMessage())));
    } catch (RuntimeException unexpected) {
      return replies.safetyCheckFailed(
          command,
          List.of(
              SafetyReason.transientReason(
                  SafetyRules.DATABASE_UNREADABLE,
                  "the safety check could not run: " + SqliteFailures.describe(unexpected))));
    }
  }

  /** The database adopted at a version above zero, if it is. */
  private static Optional<Identification.Adoptable> adopted(SafetyFacts facts) {
    return facts
        .identification()
        .filter(Identification.Adoptable.class::isInstance)
        .map(Identification.Adoptable.class::cast)
        .filter(adoptable -> !adoptable.version().isZero());
  }

  private SafetyFacts gather(RunSafetyCheck command) {
    DeviceDatabase database = fleet.database(command.deviceId());
    DatabaseFacts found = database.exists() ? examine(database, command) : DatabaseFacts.missing();
    Map<VersionId, String> checksums =
        HistoryDrift.catalogueChecksums(catalogue, command.migrationSet());
    return new SafetyFacts(
        command.migrationSet().value(),
        command.targetVersion(),
        database.file(),
        database.exists(),
        found.sizeBytes,
        found.usableDiskBytes,
        found.corruption,
        found.unreadable,
        found.writeLockHeld,
        found.currentVersion,
        found.applied,
        catalogue.knowsSet(command.migrationSet()),
        catalogue.knows(command.migrationSet(), command.targetVersion())
            ? List.of()
            : List.of("V" + command.targetVersion()),
        checksums,
        new ReportedState(
            devices.state(command.deviceId()),
            replies.clock().instant(),
            ReportedState.maxAge(command.maxStateAgeSeconds()),
            command.requireReportedState()),
        found.probes,
        found.ownershipUnkeepable,
        VersionReversal.missingUndo(
            catalogue,
            command.migrationSet(),
            found.applied.stream().map(AppliedMigration::version).toList(),
            command.targetVersion()),
        found.identification,
        command.adopting());
  }

  /**
   * Before an operator's restore: the device's file, the disk and its own word on its state, as for
   * a migration, but nothing of a set or a target (a restore has neither); the version is the one
   * Flotilla's history says, the device's version should the restore not happen.
   */
  private SafetyFacts gatherBeforeRestore(RunSafetyCheck command) {
    DeviceDatabase database = fleet.database(command.deviceId());
    DatabaseFacts found = database.exists() ? examine(database, command) : DatabaseFacts.missing();
    return new SafetyFacts(
        null,
        null,
        database.file(),
        database.exists(),
        found.sizeBytes,
        found.usableDiskBytes,
        found.corruption,
        found.unreadable,
        found.writeLockHeld,
        found.currentVersion,
        found.applied,
        true,
        List.of(),
        Map.of(),
        new ReportedState(
            devices.state(command.deviceId()),
            replies.clock().instant(),
            ReportedState.maxAge(command.maxStateAgeSeconds()),
            command.requireReportedState()),
        List.of(),
        found.ownershipUnkeepable,
        List.of(),
        Optional.empty(),
        true);
  }

  /** What could be learnt from the file; each finding independent of the others failing. */
  private static final class DatabaseFacts {
    long sizeBytes;
    OptionalLong usableDiskBytes = OptionalLong.empty();
    List<String> corruption = List.of();
    Optional<String> unreadable = Optional.empty();
    boolean writeLockHeld;
    Optional<VersionId> currentVersion = Optional.empty();
    List<AppliedMigration> applied = List.of();
    List<SafetyFacts.Probe> probes = List.of();
    Optional<String> ownershipUnkeepable = Optional.empty();
    Optional<Identification> identification = Optional.empty();

    static DatabaseFacts missing() {
      return new DatabaseFacts();
    }
  }

  private DatabaseFacts examine(DeviceDatabase database, RunSafetyCheck command) {
    DatabaseFacts facts = new DatabaseFacts();
    try {
      Optional<FileOwnership> ownership = FileOwnership.of(database.file());
      Optional<WorkerIdentity> worker = WorkerIdentity.current();
      if (ownership.isPresent() && worker.isPresent()) {
        facts.ownershipUnkeepable = worker.get().whyCannotKeep(ownership.get());
      }
      facts.sizeBytes = database.sizeBytes();
      facts.usableDiskBytes = OptionalLong.of(diskSpace.usableBytes(database.file()));
    } catch (IOException e) {
      facts.unreadable = Optional.of(SqliteFailures.describe(e));
    }
    try {
      try (Handle handle = database.openForReading()) {
        facts.corruption = IntegrityChecks.quickCheck(handle.getConnection());
        if (!facts.corruption.isEmpty()) {
          return facts;
        }
        facts.applied = SchemaHistory.applied(handle.getConnection());
        facts.currentVersion = Optional.of(SchemaHistory.currentVersion(handle.getConnection()));
        // Before a restore there is no set to identify the database by, and no probes to run.
        if (!command.restoring()
            && facts.applied.isEmpty()
            && catalogue.knowsSet(command.migrationSet())) {
          Identification found =
              identifier.identify(
                  handle.getConnection(),
                  command.migrationSet(),
                  new Deadline(command.deadline(), replies.clock()));
          facts.identification = Optional.of(found);
          if (found instanceof Identification.Adoptable adoptable) {
            facts.currentVersion = Optional.of(adoptable.version());
          }
        }
        if (!command.restoring() && probesApply(facts, command)) {
          facts.probes = runProbes(handle, command, facts.currentVersion.get());
        }
      }
      facts.writeLockHeld = !database.writeLockFree();
    } catch (Exception e) {
      if (SqliteFailures.isCorruption(e)) {
        facts.corruption = List.of(SqliteFailures.describe(e));
      } else if (SqliteFailures.isBusy(e)) {
        facts.writeLockHeld = true;
      } else {
        facts.unreadable = Optional.of(SqliteFailures.describe(e));
      }
    }
    return facts;
  }

  /**
   * A database refused for its schema is not probed: the probes of versions it would not get could
   * only fail on tables it may not have.
   */
  private static boolean probesApply(DatabaseFacts facts, RunSafetyCheck command) {
    return facts.identification.isEmpty()
        || facts.identification.get() instanceof Identification.Adoptable adoptable
            && (command.adopting() || adoptable.version().isZero());
  }

  /**
   * Runs the probes of the versions the command would apply, on the read-only connection. They are
   * the set's own queries, of unknown cost, so from here on the connection stops at the command's
   * deadline; a probe that fails or is stopped does not keep the others from running (those after
   * the deadline are stopped before they start).
   */
  private List<SafetyFacts.Probe> runProbes(
      Handle handle, RunSafetyCheck command, VersionId currentVersion) throws SQLException {
    List<MigrationScript> probes =
        catalogue.probes(command.migrationSet(), currentVersion, command.targetVersion());
    if (probes.isEmpty()) {
      return List.of();
    }
    Deadline deadline = new Deadline(command.deadline(), replies.clock());
    DeadlineInterrupt.install(handle.getConnection(), deadline);
    List<SafetyFacts.Probe> found = new ArrayList<>();
    for (MigrationScript probe : probes) {
      found.add(
          new SafetyFacts.Probe(
              ScriptFailedException.label(probe), ScriptQueries.allRows(handle, probe, deadline)));
    }
    return found;
  }
}
