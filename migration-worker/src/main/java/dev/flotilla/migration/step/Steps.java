package dev.flotilla.migration.step;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.device.DeviceConditionsView;
import dev.flotilla.devicedb.history.CommandLog;
import dev.flotilla.migration.catalogue.Catalogue;
import dev.flotilla.migration.sqlite.ChainFingerprints;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import java.nio.file.Path;
import java.time.Clock;

/** The four steps of the migration worker, wired over one fleet folder and one catalogue. */
public record Steps(
    SafetyCheckStep safetyCheck, MigrateStep migrate, VerifyStep verify, RollbackStep rollback) {

  /**
   * @param scratchRoot where dry runs put their copies of device databases: a folder of the
   *     worker's own, never the fleet folder
   */
  public static Steps create(
      DatabaseFolder fleet,
      Catalogue catalogue,
      DeviceConditionsView conditions,
      DiskSpace diskSpace,
      Clock clock,
      Path scratchRoot) {
    Replies replies = new Replies(clock);
    CommandLog commandLog = new CommandLog(new MessageCodec());
    // Shared by verify, dry runs and rollback: all compare against the same chains.
    ChainFingerprints fingerprints = new ChainFingerprints();
    VersionChecks checks = new VersionChecks(catalogue, fingerprints);
    PendingVersions pendingVersions = new PendingVersions(catalogue, commandLog, replies);
    DryRun dryRun = new DryRun(fleet, catalogue, pendingVersions, checks, scratchRoot, replies);
    return new Steps(
        new SafetyCheckStep(fleet, catalogue, conditions, diskSpace, replies),
        new MigrateStep(fleet, commandLog, pendingVersions, dryRun, replies),
        new VerifyStep(fleet, catalogue, checks, replies),
        new RollbackStep(fleet, catalogue, fingerprints, commandLog, replies));
  }
}
