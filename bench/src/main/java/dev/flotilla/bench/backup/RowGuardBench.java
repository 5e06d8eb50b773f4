package dev.flotilla.bench.backup;

import dev.flotilla.backup.BackupLayout;
import dev.flotilla.backup.BackupTaker;
import dev.flotilla.backup.FleetLayout;
import dev.flotilla.backup.FreeSpaceProbe;
import dev.flotilla.bench.BenchCommands;
import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.device.ReportedDevices;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.VerificationPassed;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.migration.sqlite.DatabaseFolder;
import dev.flotilla.migration.step.DiskSpace;
import dev.flotilla.migration.step.Steps;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * What each step of the safe sequence costs per device, and the row guard's share: on a fresh copy
 * of the demo fleet, every device goes through safety check, backup, migrate and verify with the
 * workers' own code, as {@code FlotillaSafeSequence} runs them, and around its migrate step the
 * guards' work is done again alone ({@link RowGuardWork}: the counts before, on the database the
 * migration starts from; the foreign-key check, the counts after and the judgement, on the database
 * it left), each timed on its own. The migrate step includes that work once, so migrate without the
 * row guard is migrate minus the row guard's time. A warm-up round on up to 10 devices comes first.
 * Checked on every device: each step's reply is the success, the guard finds no loss, and the rows
 * it counted before are those the backup recorded.
 */
public final class RowGuardBench {
  private static final int WARMUP_DEVICES = 10;

  private final Path workDir;
  private final PrintStream progress;
  private final int devices;
  private final int rounds;
  private final long seed;

  /**
   * @param workDir the fleet, its copies and backups go to {@code workDir/row-guard}, emptied first
   */
  public RowGuardBench(Path workDir, PrintStream progress, int devices, int rounds, long seed) {
    if (devices < 1 || rounds < 1) {
      throw new IllegalArgumentException("devices and rounds must be >= 1");
    }
    this.workDir = workDir;
    this.progress = progress;
    this.devices = devices;
    this.rounds = rounds;
    this.seed = seed;
  }

  public RowGuardResult run() throws Exception {
    Path root = WorkFiles.emptyDir(workDir.resolve("row-guard"));
    Path master = root.resolve("master-fleet");
    List<DeviceId> fleet = DemoFleet.generate(master, devices, seed);
    Path migrations = DemoFleet.sampleMigrations(root.resolve("migrations"));
    MigrationSetId set = MigrationSetId.of(DemoFleet.MIGRATION_SET);
    RowGuardWork guard = new RowGuardWork(pendingScripts(migrations));

    List<PerDevice> measured = new ArrayList<>();
    for (int round = 0; round <= rounds; round++) {
      List<DeviceId> chosen =
          round == 0 ? fleet.subList(0, Math.min(WARMUP_DEVICES, fleet.size())) : fleet;
      PerDevice result = runRound(root, master, migrations, set, guard, chosen);
      progress.printf(
          Locale.ROOT,
          "  %s: %d devices, migrate %.2f ms/device, row guard %.2f ms/device%n",
          round == 0 ? "warm-up" : "round " + round,
          chosen.size(),
          result.migrate,
          result.rowGuard);
      if (round > 0) {
        measured.add(result);
      }
    }
    return new RowGuardResult(
        devices,
        measured.size(),
        seed,
        medianOf(measured, r -> r.safetyCheck),
        medianOf(measured, r -> r.backup),
        medianOf(measured, r -> r.migrate),
        medianOf(measured, r -> r.verify),
        medianOf(measured, r -> r.rowGuard),
        medianOf(measured, r -> r.foreignKeyGuard),
        Medians.of(measured.stream().map(r -> r.rowGuard / r.migrate).toList()),
        Medians.of(
            measured.stream()
                .map(r -> r.rowGuard / (r.safetyCheck + r.backup + r.migrate + r.verify))
                .toList()));
  }

  /** One round's milliseconds per device. */
  private static final class PerDevice {
    double safetyCheck;
    double backup;
    double migrate;
    double verify;
    double rowGuard;
    double foreignKeyGuard;
  }

  private PerDevice runRound(
      Path root,
      Path master,
      Path migrations,
      MigrationSetId set,
      RowGuardWork guard,
      List<DeviceId> chosen)
      throws Exception {
    Path fleetDir = freshCopy(master, root.resolve("fleet"), chosen);
    Path backups = WorkFiles.emptyDir(root.resolve("backups"));
    Path scratch = WorkFiles.emptyDir(root.resolve("scratch"));
    Steps steps =
        Steps.create(
            new DatabaseFolder(fleetDir),
            Catalogue.of(MigrationFolder.read(set, migrations)),
            new ReportedDevices(),
            () -> {},
            DiskSpace.ofFileStore(),
            Clock.systemUTC(),
            scratch);
    BackupTaker backup =
        new BackupTaker(
            new BackupLayout(backups),
            new FleetLayout(fleetDir),
            FreeSpaceProbe.fileStore(),
            Clock.systemUTC());
    BenchCommands commands = BenchCommands.forNewRun(set, DemoFleet.LATEST_VERSION);
    long[] nanos = new long[6];
    for (DeviceId device : chosen) {
      Path database = DemoFleet.databaseOf(fleetDir, device);
      nanos[0] +=
          timed(
              device,
              SafetyCheckPassed.class,
              () -> steps.safetyCheck().handle(commands.safetyCheck(device)));
      long started = System.nanoTime();
      WorkerReply backedUp = backup.backup(commands.backup(device));
      nanos[1] += System.nanoTime() - started;
      expect(device, BackupCompleted.class, backedUp);
      RowGuardWork.Before before = guard.before(database);
      if (!before.counts().equals(((BackupCompleted) backedUp).tableRowCounts())) {
        throw new IllegalStateException(
            device + ": the guard counted " + before.counts() + ", the backup " + backedUp);
      }
      nanos[2] +=
          timed(
              device,
              MigrationsApplied.class,
              () -> steps.migrate().handle(commands.migrate(device)));
      RowGuardWork.After after = guard.after(database, before);
      if (!after.losses().isEmpty()) {
        throw new IllegalStateException(device + ": the guard found losses " + after.losses());
      }
      nanos[3] +=
          timed(
              device,
              VerificationPassed.class,
              () -> steps.verify().handle(commands.verify(device)));
      nanos[4] += before.nanos() + after.rowNanos();
      nanos[5] += after.foreignNanos();
    }
    PerDevice result = new PerDevice();
    double perDevice = 1e6 * chosen.size();
    result.safetyCheck = nanos[0] / perDevice;
    result.backup = nanos[1] / perDevice;
    result.migrate = nanos[2] / perDevice;
    result.verify = nanos[3] / perDevice;
    result.rowGuard = nanos[4] / perDevice;
    result.foreignKeyGuard = nanos[5] / perDevice;
    return result;
  }

  private static long timed(
      DeviceId device, Class<? extends WorkerReply> expected, Supplier<WorkerReply> step) {
    long started = System.nanoTime();
    WorkerReply reply = step.get();
    long nanos = System.nanoTime() - started;
    expect(device, expected, reply);
    return nanos;
  }

  private static void expect(
      DeviceId device, Class<? extends WorkerReply> expected, WorkerReply reply) {
    if (!expected.isInstance(reply)) {
      throw new IllegalStateException(
          device + ": expected " + expected.getSimpleName() + ", got " + reply);
    }
  }

  /** The SQL of the versions the fleet is migrated through, V3..V5. */
  private static List<String> pendingScripts(Path migrations) throws IOException {
    List<String> scripts = new ArrayList<>();
    try (Stream<Path> files = Files.list(migrations)) {
      for (Path file : files.sorted().toList()) {
        String name = file.getFileName().toString();
        if (name.startsWith("V") && name.endsWith(".sql") && name.contains("__")) {
          int version = Integer.parseInt(name.substring(1, name.indexOf("__")));
          if (version > DemoFleet.GENERATED_VERSION) {
            scripts.add(Files.readString(file, StandardCharsets.UTF_8));
          }
        }
      }
    }
    return scripts;
  }

  /** A copy of {@code chosen} devices of the master fleet, forced to disk before the round. */
  private static Path freshCopy(Path master, Path target, List<DeviceId> chosen)
      throws IOException {
    WorkFiles.emptyDir(target);
    for (DeviceId device : chosen) {
      Path copy = DemoFleet.databaseOf(target, device);
      Files.copy(DemoFleet.databaseOf(master, device), copy);
      try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
    }
    WorkFiles.fsyncDirectory(target);
    return target;
  }

  private interface Measure {
    double of(PerDevice round);
  }

  private static Medians medianOf(List<PerDevice> rounds, Measure measure) {
    return Medians.of(rounds.stream().map(measure::of).toList());
  }

  /** {@code [work dir] [devices] [rounds] [seed]}: a standalone try. */
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "bench/target/bench-work");
    int devices = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
    new RowGuardBench(work, System.out, devices, rounds, seed).run().printTo(System.out);
  }
}
