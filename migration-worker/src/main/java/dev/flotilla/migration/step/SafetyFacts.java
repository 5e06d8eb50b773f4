package dev.flotilla.migration.step;

import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.devicedb.history.AppliedMigration;
import dev.flotilla.migration.adoption.Identification;
import dev.flotilla.migration.sqlite.QueryOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything the safety check found out about one device, before judging it.
 *
 * @param corruption what {@code PRAGMA quick_check} (or opening the file) said was wrong; empty for
 *     a sound file
 * @param unreadable why the database could not be examined (I/O), if it could not
 * @param writeLockHeld another connection holds the database's write lock
 * @param currentVersion empty when the version could not be read
 * @param missingVersions the target version when the catalogue lacks it, e.g. {@code V6}
 * @param catalogueChecksums SHA-256 of each migrate script the catalogue has, by version
 * @param deviceState what the device last reported about itself, with the age it may have
 * @param probes what the set's probe scripts of the versions the command would apply found, in
 *     version order; none when no such probe exists or the database could not be read
 * @param ownershipUnkeepable why the files the workers would write beside the database could not be
 *     given its owner and mode ({@link dev.flotilla.devicedb.WorkerIdentity#whyCannotKeep})
 * @param missingUndo for a device above the target (an operator's downgrade), the versions above
 *     the target whose undo script the set lacks, e.g. {@code V5}; empty otherwise
 * @param identification for a database without Flotilla's history, the version its schema proves
 *     (then also {@code currentVersion}), or why none; empty when the history says, or the database
 *     could not be read
 * @param adopt whether the rollout adopts a database without Flotilla's history
 */
public record SafetyFacts(
    String migrationSet,
    VersionId targetVersion,
    Path databaseFile,
    boolean databaseExists,
    long sizeBytes,
    OptionalLong usableDiskBytes,
    List<String> corruption,
    Optional<String> unreadable,
    boolean writeLockHeld,
    Optional<VersionId> currentVersion,
    List<AppliedMigration> applied,
    boolean setKnown,
    List<String> missingVersions,
    Map<VersionId, String> catalogueChecksums,
    ReportedState deviceState,
    List<Probe> probes,
    Optional<String> ownershipUnkeepable,
    List<String> missingUndo,
    Optional<Identification> identification,
    boolean adopt) {
  public SafetyFacts {
    missingUndo = List.copyOf(missingUndo);
    corruption = List.copyOf(corruption);
    applied = List.copyOf(applied);
    missingVersions = List.copyOf(missingVersions);
    catalogueChecksums = Map.copyOf(catalogueChecksums);
    probes = List.copyOf(probes);
  }

  /** Facts of a device whose version Flotilla's history says, in a rollout that adopts. */
  public SafetyFacts(
      String migrationSet,
      VersionId targetVersion,
      Path databaseFile,
      boolean databaseExists,
      long sizeBytes,
      OptionalLong usableDiskBytes,
      List<String> corruption,
      Optional<String> unreadable,
      boolean writeLockHeld,
      Optional<VersionId> currentVersion,
      List<AppliedMigration> applied,
      boolean setKnown,
      List<String> missingVersions,
      Map<VersionId, String> catalogueChecksums,
      ReportedState deviceState,
      List<Probe> probes,
      Optional<String> ownershipUnkeepable,
      List<String> missingUndo) {
    this(
        migrationSet,
        targetVersion,
        databaseFile,
        databaseExists,
        sizeBytes,
        usableDiskBytes,
        corruption,
        unreadable,
        writeLockHeld,
        currentVersion,
        applied,
        setKnown,
        missingVersions,
        catalogueChecksums,
        deviceState,
        probes,
        ownershipUnkeepable,
        missingUndo,
        Optional.empty(),
        true);
  }

  /** Facts of a device above nothing to undo, whose ownership may not be keepable. */
  public SafetyFacts(
      String migrationSet,
      VersionId targetVersion,
      Path databaseFile,
      boolean databaseExists,
      long sizeBytes,
      OptionalLong usableDiskBytes,
      List<String> corruption,
      Optional<String> unreadable,
      boolean writeLockHeld,
      Optional<VersionId> currentVersion,
      List<AppliedMigration> applied,
      boolean setKnown,
      List<String> missingVersions,
      Map<VersionId, String> catalogueChecksums,
      ReportedState deviceState,
      List<Probe> probes,
      Optional<String> ownershipUnkeepable) {
    this(
        migrationSet,
        targetVersion,
        databaseFile,
        databaseExists,
        sizeBytes,
        usableDiskBytes,
        corruption,
        unreadable,
        writeLockHeld,
        currentVersion,
        applied,
        setKnown,
        missingVersions,
        catalogueChecksums,
        deviceState,
        probes,
        ownershipUnkeepable,
        List.of());
  }

  /** Facts of a device whose ownership the workers can keep. */
  public SafetyFacts(
      String migrationSet,
      VersionId targetVersion,
      Path databaseFile,
      boolean databaseExists,
      long sizeBytes,
      OptionalLong usableDiskBytes,
      List<String> corruption,
      Optional<String> unreadable,
      boolean writeLockHeld,
      Optional<VersionId> currentVersion,
      List<AppliedMigration> applied,
      boolean setKnown,
      List<String> missingVersions,
      Map<VersionId, String> catalogueChecksums,
      ReportedState deviceState,
      List<Probe> probes) {
    this(
        migrationSet,
        targetVersion,
        databaseFile,
        databaseExists,
        sizeBytes,
        usableDiskBytes,
        corruption,
        unreadable,
        writeLockHeld,
        currentVersion,
        applied,
        setKnown,
        missingVersions,
        catalogueChecksums,
        deviceState,
        probes,
        Optional.empty(),
        List.of());
  }

  /**
   * One pre-flight probe run on the device.
   *
   * @param script the probe for messages, e.g. {@code P4 (battery monitor)}
   */
  public record Probe(String script, QueryOutcome outcome) {}
}
