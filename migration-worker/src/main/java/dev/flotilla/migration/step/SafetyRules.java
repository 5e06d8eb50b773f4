package dev.flotilla.migration.step;

import dev.flotilla.contracts.reply.Failure;
import dev.flotilla.contracts.reply.SafetyReason;
import dev.flotilla.migration.adoption.Identification;
import dev.flotilla.migration.sqlite.QueryOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges the facts about a device: every reason it is not safe to migrate now, none when it is.
 * Transient reasons may pass by themselves (the vehicle is driving); permanent ones will not (the
 * database is corrupt). A device already at the target is refused ({@code already-at-target}): it
 * must not be migrated again, and the coordinator can tell this apart from a failure by the code.
 * Every row a set's pre-flight probe returns is a permanent reason ({@code preflight-failed}): bad
 * data does not fix itself, and the pending version would fail on it. What the device reported
 * about itself is judged by {@link DeviceStateRules}. A database without Flotilla's history that is
 * not empty is adopted at the version its schema proves; one whose version cannot be told is
 * refused ({@code unknown-schema}), as is any when the rollout does not adopt ({@code
 * adoption-disabled}).
 */
public final class SafetyRules {
  public static final String DATABASE_MISSING = "database-missing";
  public static final String CORRUPT_DATABASE = Failure.CORRUPT_DATABASE;
  public static final String DATABASE_UNREADABLE = "database-unreadable";
  public static final String DATABASE_BUSY = Failure.DATABASE_BUSY;
  public static final String ALREADY_AT_TARGET = "already-at-target";
  public static final String MISSING_UNDO = "missing-undo";
  public static final String UNKNOWN_MIGRATION_SET = "unknown-migration-set";
  public static final String UNKNOWN_VERSION = "unknown-version";
  public static final String LOW_DISK = Failure.LOW_DISK;
  public static final String SCHEMA_DRIFT = "schema-drift";
  public static final String VEHICLE_MOVING = "vehicle-moving";
  public static final String ACTIVE_CONNECTIONS = "active-connections";
  public static final String INTERLOCK_ENGAGED = "interlock-engaged";
  public static final String NO_DEVICE_STATE = "no-device-state";
  public static final String STALE_DEVICE_STATE = "stale-device-state";
  public static final String PREFLIGHT_FAILED = "preflight-failed";
  public static final String PREFLIGHT_ERROR = "preflight-error";
  public static final String PREFLIGHT_TIMEOUT = "preflight-timeout";
  public static final String OWNERSHIP_UNKEEPABLE = "ownership-unkeepable";
  public static final String OUTSIDE_FLEET = "outside-fleet";
  public static final String UNKNOWN_SCHEMA = Failure.UNKNOWN_SCHEMA;
  public static final String ADOPTION_DISABLED = "adoption-disabled";
  public static final String ADOPTED_ABOVE_TARGET = "adopted-above-target";

  /** A migration needs room for a backup and for the write-ahead log: twice the database. */
  static final int FREE_SPACE_FACTOR = 2;

  private SafetyRules() {}

  public static List<SafetyReason> reasons(SafetyFacts facts) {
    List<SafetyReason> reasons = new ArrayList<>();
    database(facts, reasons);
    target(facts, reasons);
    disk(facts, reasons);
    catalogue(facts, reasons);
    adoption(facts, reasons);
    drift(facts, reasons);
    preflight(facts, reasons);
    conditions(facts, reasons);
    return reasons;
  }

  /**
   * Every reason not to restore the device now, none when it may be: its file, the disk and its own
   * word on its state are judged as for a migration, for the restore first takes a fresh backup and
   * then replaces the file. A restore has no set or target, so nothing of versions, the catalogue,
   * adoption, drift or probes is judged.
   */
  public static List<SafetyReason> beforeRestore(SafetyFacts facts) {
    List<SafetyReason> reasons = new ArrayList<>();
    database(facts, reasons);
    disk(facts, reasons);
    conditions(facts, reasons);
    return reasons;
  }

  private static void database(SafetyFacts facts, List<SafetyReason> reasons) {
    if (!facts.databaseExists()) {
      reasons.add(
          SafetyReason.permanent(
              DATABASE_MISSING, "there is no database file " + facts.databaseFile()));
      return;
    }
    facts
        .ownershipUnkeepable()
        .ifPresent(
            why ->
                reasons.add(
                    SafetyReason.permanent(
                        OWNERSHIP_UNKEEPABLE,
                        "the database would stop being the application's: " + why)));
    if (!facts.corruption().isEmpty()) {
      reasons.add(
          SafetyReason.permanent(
              CORRUPT_DATABASE,
              "the database is damaged: "
                  + String.join(
                      "; ",
                      facts.corruption().subList(0, Math.min(3, facts.corruption().size())))));
    }
    facts
        .unreadable()
        .ifPresent(
            why ->
                reasons.add(
                    SafetyReason.transientReason(
                        DATABASE_UNREADABLE, "the database could not be examined: " + why)));
    if (facts.writeLockHeld()) {
      reasons.add(
          SafetyReason.transientReason(
              DATABASE_BUSY, "another connection holds the database's write lock"));
    }
  }

  /** Room for a backup and for the write-ahead log, or a restore's copy: twice the database. */
  private static void disk(SafetyFacts facts, List<SafetyReason> reasons) {
    if (!facts.databaseExists()) {
      return;
    }
    long needed = FREE_SPACE_FACTOR * facts.sizeBytes();
    facts
        .usableDiskBytes()
        .ifPresent(
            usable -> {
              if (usable < needed) {
                reasons.add(
                    SafetyReason.transientReason(
                        LOW_DISK,
                        usable
                            + " bytes free, "
                            + needed
                            + " needed (twice the database's "
                            + facts.sizeBytes()
                            + " bytes)"));
              }
            });
  }

  /** A device at the target is not migrated again; one above it needs every undo script. */
  private static void target(SafetyFacts facts, List<SafetyReason> reasons) {
    if (!facts.databaseExists()) {
      return;
    }
    facts
        .currentVersion()
        .ifPresent(
            current -> {
              if (current.equals(facts.targetVersion())) {
                reasons.add(
                    SafetyReason.permanent(
                        ALREADY_AT_TARGET, "the device is at V" + current + ", the target"));
              } else if (current.isAfter(facts.targetVersion()) && !facts.missingUndo().isEmpty()) {
                // Above the target is an operator's downgrade: it needs every undo script.
                reasons.add(
                    SafetyReason.permanent(
                        MISSING_UNDO,
                        "the device is at V"
                            + current
                            + ", above the target V"
                            + facts.targetVersion()
                            + ", and the set has no undo script for "
                            + String.join(", ", facts.missingUndo())));
              }
            });
  }

  private static void catalogue(SafetyFacts facts, List<SafetyReason> reasons) {
    if (!facts.setKnown()) {
      reasons.add(
          SafetyReason.permanent(
              UNKNOWN_MIGRATION_SET,
              "the catalogue has no migration set '" + facts.migrationSet() + "'"));
    } else if (!facts.missingVersions().isEmpty()) {
      reasons.add(
          SafetyReason.permanent(
              UNKNOWN_VERSION,
              "the catalogue of set '"
                  + facts.migrationSet()
                  + "' lacks "
                  + String.join(", ", facts.missingVersions())));
    }
  }

  /**
   * An empty database without Flotilla's history is at version 0, as always. Any other is adopted
   * only when the rollout adopts and its version is proven; both refusals are permanent, for
   * neither the schema nor the policy changes by waiting.
   */
  private static void adoption(SafetyFacts facts, List<SafetyReason> reasons) {
    if (facts.identification().isEmpty()) {
      return;
    }
    Identification found = facts.identification().get();
    if (found instanceof Identification.Tracked
        || found instanceof Identification.Adoptable empty && empty.version().isZero()) {
      return;
    }
    if (!facts.adopt()) {
      reasons.add(
          SafetyReason.permanent(
              ADOPTION_DISABLED,
              "the database has no Flotilla history but is not empty, and the rollout does not"
                  + " adopt existing databases (adoptExisting is false): "
                  + (found instanceof Identification.Adoptable adoptable
                      ? adoptable.evidence()
                      : ((Identification.Unknown) found).describe())));
    } else if (found instanceof Identification.Unknown unknown) {
      reasons.add(
          SafetyReason.permanent(
              UNKNOWN_SCHEMA,
              "the database has no Flotilla history and its version cannot be told: "
                  + unknown.describe()));
    } else if (found instanceof Identification.Adoptable adoptable
        && adoptable.version().isAfter(facts.targetVersion())) {
      reasons.add(
          SafetyReason.permanent(
              ADOPTED_ABOVE_TARGET, Adoptions.aboveTarget(adoptable, facts.targetVersion())));
    }
  }

  /** Applied versions must be exactly the catalogue's scripts, V1 up without gaps. */
  private static void drift(SafetyFacts facts, List<SafetyReason> reasons) {
    if (!facts.setKnown()) {
      return;
    }
    List<String> drifts = HistoryDrift.of(facts.applied(), facts.catalogueChecksums());
    if (!drifts.isEmpty()) {
      reasons.add(SafetyReason.permanent(SCHEMA_DRIFT, String.join("; ", drifts)));
    }
  }

  /**
   * One reason per probe that returned rows or could not run; one for all the probes the deadline
   * stopped (or kept from starting), which a later check with time to spare may run.
   */
  private static void preflight(SafetyFacts facts, List<SafetyReason> reasons) {
    List<String> stopped = new ArrayList<>();
    Instant deadline = null;
    for (SafetyFacts.Probe probe : facts.probes()) {
      QueryOutcome outcome = probe.outcome();
      if (outcome instanceof QueryOutcome.Returned returned && returned.rowCount() > 0) {
        reasons.add(SafetyReason.permanent(PREFLIGHT_FAILED, rowsFound(probe.script(), returned)));
      } else if (outcome instanceof QueryOutcome.Failed failed) {
        reasons.add(probeFailure(probe.script(), failed));
      } else if (outcome instanceof QueryOutcome.StoppedAtDeadline stop) {
        stopped.add(probe.script());
        deadline = stop.deadline();
      }
    }
    if (!stopped.isEmpty()) {
      reasons.add(
          SafetyReason.transientReason(
              PREFLIGHT_TIMEOUT,
              String.join(", ", stopped)
                  + (stopped.size() == 1 ? " was" : " were")
                  + " stopped at the deadline "
                  + deadline));
    }
  }

  /** {@code P3 (unique vin) returned 4 rows: (vin=A, n=2); (vin=B, n=2); (vin=C, n=3); 1 more}. */
  private static String rowsFound(String script, QueryOutcome.Returned returned) {
    long count = returned.rowCount();
    long notShown = count - returned.firstRows().size();
    return script
        + " returned "
        + count
        + (count == 1 ? " row: " : " rows: ")
        + String.join("; ", returned.firstRows())
        + (notShown > 0 ? "; " + notShown + " more" : "");
  }

  /** The script's own fault is permanent; a lock or the disk may clear, damage will not. */
  private static SafetyReason probeFailure(String script, QueryOutcome.Failed failed) {
    return switch (failed.cause()) {
      case SCRIPT ->
          SafetyReason.permanent(PREFLIGHT_ERROR, script + " could not run: " + failed.message());
      case BUSY ->
          SafetyReason.transientReason(
              DATABASE_BUSY,
              "another connection held a lock " + script + " needed: " + failed.message());
      case CORRUPTION ->
          SafetyReason.permanent(
              CORRUPT_DATABASE,
              "the database is damaged: " + script + " read: " + failed.message());
      case SURROUNDINGS ->
          SafetyReason.transientReason(
              DATABASE_UNREADABLE,
              "the database could not be examined: " + script + " failed: " + failed.message());
    };
  }

  private static void conditions(SafetyFacts facts, List<SafetyReason> reasons) {
    reasons.addAll(DeviceStateRules.reasons(facts.deviceState()));
  }
}
