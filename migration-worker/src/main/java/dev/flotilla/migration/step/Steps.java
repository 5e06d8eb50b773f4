package dev.flotilla.migration.step;

import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.migration.catalogue.Catalogue;
import dev.flotilla.migration.inventory.DeviceConditionsView;
import dev.flotilla.migration.sqlite.ChainFingerprints;
import dev.flotilla.migration.sqlite.CommandLog;
import dev.flotilla.migration.sqlite.Fleet;
import java.time.Clock;

/** The four steps of the migration worker, wired over one fleet folder and one catalogue. */
public record Steps(
    SafetyCheckStep safetyCheck, MigrateStep migrate, VerifyStep verify, RollbackStep rollback) {

  public static Steps create(
      Fleet fleet,
      Catalogue catalogue,
      DeviceConditionsView conditions,
      DiskSpace diskSpace,
      Clock clock) {
    Replies replies = new Replies(clock);
    CommandLog commandLog = new CommandLog(new MessageCodec());
    // Shared by verify and rollback: both compare against the same chains.
    ChainFingerprints fingerprints = new ChainFingerprints();
    return new Steps(
        new SafetyCheckStep(fleet, catalogue, conditions, diskSpace, replies),
        new MigrateStep(fleet, catalogue, commandLog, replies),
        new VerifyStep(fleet, catalogue, fingerprints, replies),
        new RollbackStep(fleet, catalogue, fingerprints, commandLog, replies));
  }
}
