package dev.flotilla.bench;

import dev.flotilla.backup.BackupLayout;
import dev.flotilla.backup.BackupTaker;
import dev.flotilla.backup.FleetLayout;
import dev.flotilla.backup.FreeSpaceProbe;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.migration.step.Steps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The work a rollout does on each device, in-process and in the saga's order, with the workers' own
 * code: safety check, backup with test restore, migrate, verify. What the saga adds on top is the
 * Kafka round trips and the coordinator's decisions, measured end to end instead.
 */
final class FlotillaSafeSequence implements MigrationVariant {
  private static final List<String> STEPS = List.of("safety-check", "backup", "migrate", "verify");

  private final Path fleetDir;
  private final Path backupDir;
  private final Steps steps;
  private final BackupTaker backups;
  private final MigrationSetId set;
  private final int targetVersion;
  private Map<String, Long> lastNanosByStep = Map.of();

  FlotillaSafeSequence(
      Path fleetDir,
      Path backupDir,
      Path migrationSet,
      MigrationSetId set,
      int targetVersion,
      Path scratchRoot) {
    this.fleetDir = fleetDir;
    this.backupDir = backupDir;
    this.set = set;
    this.targetVersion = targetVersion;
    this.steps = FlotillaMigrateStep.stepsOver(fleetDir, migrationSet, set, scratchRoot);
    this.backups =
        new BackupTaker(
            new BackupLayout(backupDir),
            new FleetLayout(fleetDir),
            FreeSpaceProbe.fileStore(),
            Clock.systemUTC());
  }

  @Override
  public String key() {
    return "safe";
  }

  @Override
  public String title() {
    return "Flotilla safe sequence";
  }

  @Override
  public String does() {
    return "safety check (quick_check, version, checksum drift, disk, write lock), backup"
        + " (online page copy, then at once fsync, SHA-256, quick_check, foreign-key and row-count"
        + " checks on the copy, atomic rename, manifest), the migrate step, verify (integrity_check,"
        + " foreign_key_check, schema fingerprint, C3..C5)";
  }

  @Override
  public Path fleetDir() {
    return fleetDir;
  }

  /** Backups of the previous run go, so every run writes the same files. */
  @Override
  public void beforeRun() throws IOException {
    Workspace.deleteTree(backupDir);
    Files.createDirectories(backupDir);
  }

  @Override
  public void migrateAll(List<DeviceId> devices) {
    BenchCommands commands = BenchCommands.forNewRun(set, targetVersion);
    long[] nanos = new long[STEPS.size()];
    for (DeviceId device : devices) {
      long started = System.nanoTime();
      expect(
          device,
          SafetyCheckPassed.class,
          steps.safetyCheck().handle(commands.safetyCheck(device)));
      long checked = System.nanoTime();
      expect(device, BackupCompleted.class, backups.backup(commands.backup(device)));
      long backedUp = System.nanoTime();
      expect(device, MigrationsApplied.class, steps.migrate().handle(commands.migrate(device)));
      long migrated = System.nanoTime();
      expect(device, VerificationPassed.class, steps.verify().handle(commands.verify(device)));
      long verified = System.nanoTime();
      nanos[0] += checked - started;
      nanos[1] += backedUp - checked;
      nanos[2] += migrated - backedUp;
      nanos[3] += verified - migrated;
    }
    Map<String, Long> byStep = new LinkedHashMap<>();
    for (int i = 0; i < nanos.length; i++) {
      byStep.put(STEPS.get(i), nanos[i]);
    }
    lastNanosByStep = byStep;
  }

  @Override
  public Map<String, Long> nanosByStep() {
    return lastNanosByStep;
  }

  @Override
  public ConnectionSettings connectionSettings(DeviceId device) throws Exception {
    return FlotillaMigrateStep.settingsOfWorker(fleetDir, device);
  }

  private static void expect(
      DeviceId device, Class<? extends WorkerReply> expected, WorkerReply reply) {
    if (!expected.isInstance(reply)) {
      throw new IllegalStateException(
          device + ": expected " + expected.getSimpleName() + ", got " + reply);
    }
  }
}
