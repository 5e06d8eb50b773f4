package dev.flotilla.migration.testing;

import dev.flotilla.migration.catalogue.Catalogue;
import dev.flotilla.migration.inventory.DeviceConditionsView;
import dev.flotilla.migration.sqlite.Fleet;
import dev.flotilla.migration.step.DiskSpace;
import dev.flotilla.migration.step.MigrateStep;
import dev.flotilla.migration.step.RollbackStep;
import dev.flotilla.migration.step.SafetyCheckStep;
import dev.flotilla.migration.step.Steps;
import dev.flotilla.migration.step.VerifyStep;
import java.nio.file.Path;
import java.time.Clock;

/** The four steps of the worker over one fleet folder and catalogue, wired as in production. */
public final class TestWorker {
  public final Catalogue catalogue;
  public final DeviceConditionsView conditions = new DeviceConditionsView();
  public final Steps steps;
  public final SafetyCheckStep safetyCheck;
  public final MigrateStep migrate;
  public final VerifyStep verify;
  public final RollbackStep rollback;

  public TestWorker(Path fleetDir, Catalogue catalogue) {
    this(fleetDir, catalogue, DiskSpace.ofFileStore());
  }

  public TestWorker(Path fleetDir, Catalogue catalogue, DiskSpace diskSpace) {
    this.catalogue = catalogue;
    this.steps =
        Steps.create(new Fleet(fleetDir), catalogue, conditions, diskSpace, Clock.systemUTC());
    this.safetyCheck = steps.safetyCheck();
    this.migrate = steps.migrate();
    this.verify = steps.verify();
    this.rollback = steps.rollback();
  }
}
