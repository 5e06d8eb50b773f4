package dev.flotilla.bench.backup;

import dev.flotilla.backup.BackupLayout;
import dev.flotilla.backup.BackupPhases;
import dev.flotilla.backup.BackupTaker;
import dev.flotilla.backup.FleetLayout;
import dev.flotilla.backup.FreeSpaceProbe;
import dev.flotilla.contracts.command.TakeBackup;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.reply.BackupCompleted;
import dev.flotilla.contracts.reply.BackupResult;
import dev.flotilla.devicedb.Sha256;
import dev.flotilla.devicedb.UserTables;
import dev.flotilla.devicedb.open.DeviceConnections;
import dev.flotilla.devkit.DemoFleet;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;

/**
 * The backup of one large device database against a plain copy of its file, in MB/s. The database
 * is a demo-fleet device grown to the size asked ({@link LargeDeviceDatabase}, generated once per
 * size and seed and kept in the work folder). Each round runs both, in alternating order, each
 * after the source was read through so it is hot in the page cache for both, into an emptied
 * folder: the peer is {@link PlainFileCopy} (copy, fsync), Flotilla's is {@link
 * BackupTaker#backup}, the backup worker's own code (online page copy, then fsync, SHA-256 and the
 * test restore's checks, atomic rename, manifest). A warm-up round runs first and is not reported.
 * Every backup is checked after its timing: its file's SHA-256 is the one it reported, and its row
 * counts are the source's.
 */
public final class LargeBackupBench {
  private static final DeviceId DEVICE = DeviceId.of("rv-large");
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(3_600);

  private final Path workDir;
  private final PrintStream progress;
  private final int megabytes;
  private final int rounds;
  private final long seed;

  /**
   * @param workDir the generated database is kept in {@code workDir/large-db} for later runs; the
   *     copies go to {@code workDir/large-backup}, emptied first
   * @param megabytes the size of the database (at least)
   * @param rounds measured rounds, after one warm-up round
   */
  public LargeBackupBench(
      Path workDir, PrintStream progress, int megabytes, int rounds, long seed) {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be >= 1, not " + rounds);
    }
    this.workDir = workDir;
    this.progress = progress;
    this.megabytes = megabytes;
    this.rounds = rounds;
    this.seed = seed;
  }

  public LargeBackupResult run() throws Exception {
    long generating = System.nanoTime();
    Path source = LargeDeviceDatabase.ensure(workDir.resolve("large-db"), megabytes, seed);
    long bytes = Files.size(source);
    progress.printf(
        Locale.ROOT,
        "Large backup: a %d MB device database ready in %.1f s (%s)%n",
        bytes >> 20,
        (System.nanoTime() - generating) / 1e9,
        source.getFileName());
    SortedMap<String, Long> sourceRows;
    try (Connection db = DeviceConnections.readOnly(source)) {
      sourceRows = UserTables.rowCounts(db);
    }

    Path root = WorkFiles.emptyDir(workDir.resolve("large-backup"));
    // The worker finds the device in its fleet folder: a second name for the source, no copy.
    Path fleet = Files.createDirectories(root.resolve("fleet"));
    Files.createLink(DemoFleet.databaseOf(fleet, DEVICE), source);
    Path copies = root.resolve("copies");
    Path backups = root.resolve("backups");

    List<Round> measured = new ArrayList<>();
    for (int round = 0; round <= rounds; round++) {
      boolean copyFirst = round % 2 == 0;
      Round result = new Round();
      for (int turn = 0; turn < 2; turn++) {
        if (copyFirst == (turn == 0)) {
          result.copyNanos = timeCopy(source, copies);
        } else {
          timeBackup(fleet, backups, result, sourceRows);
        }
      }
      String label = round == 0 ? "warm-up" : "round " + round;
      progress.printf(
          Locale.ROOT,
          "  %s (%s first): copy %.0f MB/s, backup %.0f MB/s%n",
          label,
          copyFirst ? "copy" : "backup",
          mbPerSecond(bytes, result.copyNanos),
          mbPerSecond(bytes, result.backupNanos));
      if (round > 0) {
        measured.add(result);
      }
    }
    WorkFiles.deleteTree(copies);
    WorkFiles.deleteTree(backups);
    return result(bytes, sourceRows, measured);
  }

  /** One round's times; the backup's phases as its worker reported them. */
  private static final class Round {
    long copyNanos;
    long backupNanos;
    BackupPhases phases;
  }

  private static long timeCopy(Path source, Path copies) throws IOException {
    WorkFiles.emptyDir(copies);
    WorkFiles.readThrough(source);
    long started = System.nanoTime();
    PlainFileCopy.copy(source, copies.resolve("copy.db"));
    return System.nanoTime() - started;
  }

  private void timeBackup(Path fleet, Path backups, Round round, SortedMap<String, Long> sourceRows)
      throws IOException {
    WorkFiles.emptyDir(backups);
    WorkFiles.readThrough(DemoFleet.databaseOf(fleet, DEVICE));
    AtomicReference<BackupPhases> phases = new AtomicReference<>();
    BackupLayout layout = new BackupLayout(backups);
    BackupTaker taker =
        new BackupTaker(
            layout,
            new FleetLayout(fleet),
            FreeSpaceProbe.fileStore(),
            Clock.systemUTC(),
            phases::set);
    TakeBackup command = command();
    long started = System.nanoTime();
    BackupResult reply = taker.backup(command);
    round.backupNanos = System.nanoTime() - started;
    if (!(reply instanceof BackupCompleted done)) {
      throw new IllegalStateException("the backup failed: " + reply);
    }
    round.phases = phases.get();
    Path file = layout.backupFile(DEVICE, done.backupId());
    if (!Sha256.of(file).equals(done.sha256()) || Files.size(file) != done.sizeBytes()) {
      throw new IllegalStateException("the backup " + file + " is not what it reported");
    }
    SortedMap<String, Long> backedUp = done.tableRowCounts();
    if (!backedUp.entrySet().containsAll(sourceRows.entrySet())) {
      throw new IllegalStateException(
          "the backup counted " + backedUp + ", the source holds " + sourceRows);
    }
  }

  private TakeBackup command() {
    Instant now = Instant.now();
    RolloutId rollout = RolloutId.of("large-backup-" + seed + "-" + MessageId.random().value());
    return new TakeBackup(
        MessageId.random(),
        CommandId.of(rollout.value() + "/" + DEVICE.value() + "/backup"),
        rollout,
        DEVICE,
        MessageId.random(),
        now,
        now.plus(STEP_TIMEOUT));
  }

  private LargeBackupResult result(
      long bytes, SortedMap<String, Long> sourceRows, List<Round> measured) {
    List<Double> ratios = new ArrayList<>();
    for (Round round : measured) {
      ratios.add((double) round.copyNanos / round.backupNanos);
    }
    long rows = sourceRows.values().stream().mapToLong(Long::longValue).sum();
    return new LargeBackupResult(
        bytes,
        rows,
        seed,
        measured.size(),
        true,
        mbps(bytes, measured, r -> r.copyNanos),
        mbps(bytes, measured, r -> r.backupNanos),
        Medians.of(ratios),
        millis(measured, r -> r.copyNanos),
        millis(measured, r -> r.backupNanos),
        millis(measured, r -> r.phases.copyNanos()),
        millis(measured, r -> r.phases.proveNanos()),
        millis(measured, r -> r.phases.syncNanos()),
        millis(measured, r -> r.phases.hashNanos()),
        millis(measured, r -> r.phases.checkNanos()),
        millis(measured, r -> r.phases.publishNanos()));
  }

  private static Medians mbps(long bytes, List<Round> rounds, ToLongFunction<Round> nanos) {
    return Medians.of(rounds.stream().map(r -> mbPerSecond(bytes, nanos.applyAsLong(r))).toList());
  }

  private static Medians millis(List<Round> rounds, ToLongFunction<Round> nanos) {
    return Medians.of(rounds.stream().map(r -> nanos.applyAsLong(r) / 1e6).toList());
  }

  private static double mbPerSecond(long bytes, long nanos) {
    return bytes / 1048576.0 / (nanos / 1e9);
  }

  /** {@code [work dir] [megabytes] [rounds] [seed]}: a standalone try. */
  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 ? args[0] : "bench/target/bench-work");
    int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
    LargeBackupResult result =
        new LargeBackupBench(work, System.out, megabytes, rounds, seed).run();
    result.printTo(System.out);
  }
}
