package dev.flotilla.migration.step;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.devicedb.history.CommandLog;
import dev.flotilla.migration.adoption.SchemaIdentifier;
import dev.flotilla.migration.sqlite.ChainFingerprints;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import java.nio.file.Path;
import java.time.Clock;

/** The four steps of the migration worker, wired over one fleet folder and one catalogue. */
public record Steps(
    SafetyCheckStep safetyCheck, MigrateStep migrate, VerifyStep verify, RollbackStep rollback) {

  /**
   * @param devices what devices report about themselves, followed from their topics
   * @param stateCatchUp brings {@code devices} up to date just before a migration begins
   * @param scratchRoot where dry runs put their copies of device databases: a folder of the
   *     worker's own, never the fleet folder
   */
  public static Steps create(
      DatabaseFolder fleet,
      Catalogue catalogue,
      ReportedDevices devices,
      StateCatchUp stateCatchUp,
      DiskSpace diskSpace,
      Clock clock,
      Path scratchRoot) {
    Replies replies = new Replies(clock);
    CommandLog commandLog = new CommandLog(new MessageCodec());
    // Shared by verify, dry runs, rollback and adoption: all compare against the same chains.
    ChainFingerprints fingerprints = new ChainFingerprints();
    VersionChecks checks = new VersionChecks(catalogue, fingerprints);
    SchemaIdentifier identifier = new SchemaIdentifier(catalogue, fingerprints);
    PendingVersions pendingVersions =
        new PendingVersions(
            catalogue, fingerprints, commandLog, new Adoptions(identifier, clock), replies);
    DryRun dryRun = new DryRun(fleet, catalogue, pendingVersions, checks, scratchRoot, replies);
    return new Steps(
        new SafetyCheckStep(fleet, catalogue, devices, diskSpace, identifier, replies),
        new MigrateStep(
            fleet,
            commandLog,
            pendingVersions,
            dryRun,
            new StateRecheck(devices, stateCatchUp, clock),
            replies),
        new VerifyStep(fleet, catalogue, checks, replies),
        new RollbackStep(fleet, catalogue, fingerprints, commandLog, replies));
  }
}
