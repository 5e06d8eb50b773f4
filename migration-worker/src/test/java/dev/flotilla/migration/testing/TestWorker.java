package dev.flotilla.migration.testing;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.step.DiskSpace;
import dev.flotilla.migration.step.MigrateStep;
import dev.flotilla.migration.step.RollbackStep;
import dev.flotilla.migration.step.SafetyCheckStep;
import dev.flotilla.migration.step.Steps;
import dev.flotilla.migration.step.VerifyStep;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/** The four steps of the worker over one fleet folder and catalogue, wired as in production. */
public final class TestWorker {
  public final Catalogue catalogue;

  /** What devices reported about themselves, as the worker's readers would have fed it. */
  public final ReportedDevices devices = new ReportedDevices();

  /** How often a migration caught up with the devices' reports before it began. */
  public final AtomicInteger stateCatchUps = new AtomicInteger();

  public final Path rehearsalDir;
  public final Steps steps;
  public final SafetyCheckStep safetyCheck;
  public final MigrateStep migrate;
  public final VerifyStep verify;
  public final RollbackStep rollback;

  /** Dry runs copy into {@code <fleetDir>/worker-data/rehearsals}, made only if one runs. */
  public TestWorker(Path fleetDir, Catalogue catalogue) {
    this(fleetDir, catalogue, DiskSpace.ofFileStore());
  }

  public TestWorker(Path fleetDir, Catalogue catalogue, DiskSpace diskSpace) {
    this(fleetDir, catalogue, diskSpace, fleetDir.resolve("worker-data"));
  }

  /** A worker whose dry runs copy into {@code <dataDir>/rehearsals}, as in production. */
  public TestWorker(Path fleetDir, Catalogue catalogue, Path dataDir) {
    this(fleetDir, catalogue, DiskSpace.ofFileStore(), dataDir);
  }

  public TestWorker(Path fleetDir, Catalogue catalogue, DiskSpace diskSpace, Path dataDir) {
    this.catalogue = catalogue;
    this.rehearsalDir = dataDir.resolve("rehearsals");
    this.steps =
        Steps.create(
            new DatabaseFolder(fleetDir),
            catalogue,
            devices,
            stateCatchUps::incrementAndGet,
            diskSpace,
            Clock.systemUTC(),
            rehearsalDir);
    this.safetyCheck = steps.safetyCheck();
    this.migrate = steps.migrate();
    this.verify = steps.verify();
    this.rollback = steps.rollback();
  }
}
