package dev.flotilla.migration.crash;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.codec.MessageCodec;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.command.RollbackMigrations;
import dev.flotilla.contracts.id.CommandId;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.RolledBack;
import dev.flotilla.contracts.reply.WorkerReply;
import dev.flotilla.migration.testing.Telemetry;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import dev.flotilla.testsupport.DeviceFiles.DatabaseBytes;
import dev.flotilla.testsupport.crash.CrashTally;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a worker process at random moments of a migration or a rollback of a device with a
 * large table, then the redelivery of the same command, as after a crash of the worker: the device
 * is never left in between, and what was committed is never applied twice.
 *
 * <p>Each run copies one prepared device, lets a {@link CrashChild} handle the command and kills it
 * at a random moment of the work (see {@link CrashRuns}). The device must then pass {@code
 * integrity_check} and be wholly as it was (every row and schema object, history and command log
 * included) or wholly as an uninterrupted handling in this JVM leaves it, history and command log
 * alike. Handling the same command again must then finish the work, or, when it had committed,
 * return the recorded reply without changing a byte. The delays come from a seeded random, named in
 * every failure; {@code -Dflotilla.crash.seed=<seed>} draws the same delays again.
 */
class MigrationCrashIT {
  private static final DeviceId DEVICE = DeviceId.of("rv-crash");
  private static final String HISTORY = "flotilla_schema_history";
  private static final String LOG = "flotilla_command_log";
  private static final int KILLS = 20;
  // Rollback shares migrate's transaction code, so fewer kills cover it; each costs a JVM start.
  private static final int KILLS_OF_A_ROLLBACK = 10;
  private static final int KILLS_AROUND_A_NO_TRANSACTION_SCRIPT = 6;
  private static final Duration TIME_TO_DEADLINE = Duration.ofMinutes(10);
  private static final MessageCodec CODEC = new MessageCodec();

  private static final String BEFORE_ANY_WRITE = "before the transaction wrote";
  private static final String MID_TRANSACTION = "mid-transaction";
  private static final String COMMITTED_UNREPLIED = "after the commit, before the reply";
  private static final String REPLIED = "after the reply";

  @TempDir static Path work;

  private static final Catalogue catalogue = Catalogue.of(TestSets.telemetry());
  private static final long seed = CrashTally.seed();

  /** The device with {@link Telemetry#READINGS} readings at V1, and a small one to warm up on. */
  private static Path atV1;

  private static Path smallAtV1;
  private static Path smallAtV4;

  @BeforeAll
  static void prepareTheDevices() throws Exception {
    Path fleet = Files.createDirectories(work.resolve("at-v1"));
    atV1 = Telemetry.deviceAtV1(worker(fleet), fleet, DEVICE, Telemetry.READINGS);
    assertThat(DeviceFiles.walOf(atV1)).doesNotExist();
    Path small = Files.createDirectories(work.resolve("small-at-v1"));
    smallAtV1 = Telemetry.deviceAtV1(worker(small), small, DEVICE, 10);
    smallAtV4 = migratedCopy(smallAtV1, "small-at-v4", 4);
  }

  @Test
  void aMigrationKilledAtAnyMomentLeavesTheDeviceWhollyOldOrWhollyNewAndItsRedeliveryFinishesIt()
      throws Exception {
    ApplyMigrations command =
        Commands.migrate(DEVICE, TestSets.TELEMETRY, VersionId.of(4), deadline());
    Path migrated = copyOf(atV1, "migrated");
    assertThat(worker(migrated.getParent()).migrate.handle(command))
        .isInstanceOf(MigrationsApplied.class);

    Map<String, Integer> landed =
        runs()
            .run(
                "migrate",
                atV1,
                smallAtV1,
                command,
                KILLS,
                run -> judgeMigration(run, command, migrated));

    assertThat(landed).as("seed %d", seed).containsKey(MID_TRANSACTION);
  }

  private static String judgeMigration(CrashRuns.Run run, ApplyMigrations command, Path migrated)
      throws Exception {
    assertThat(DeviceFiles.integrityCheck(run.file())).as(run.context()).containsExactly("ok");
    boolean committed = versions(run.file()).equals(List.of(1, 2, 3, 4));
    String landed;
    if (committed) {
      assertLike(run, migrated);
      landed = afterTheCommit(run, command.commandId());
    } else {
      assertThat(versions(run.file())).as(run.context()).containsExactly(1);
      assertThat(DeviceFiles.differences(run.file(), atV1)).as(run.context()).isEmpty();
      landed = beforeTheCommit(run, command.commandId());
    }

    WorkerReply again =
        redeliver(
            run, committed, command.commandId(), fleet -> worker(fleet).migrate.handle(command));

    assertThat(again)
        .as(run.context())
        .isInstanceOfSatisfying(
            MigrationsApplied.class,
            applied -> {
              assertThat(applied.fromVersion()).isEqualTo(VersionId.of(1));
              assertThat(applied.appliedVersions())
                  .containsExactly(VersionId.of(2), VersionId.of(3), VersionId.of(4));
            });
    assertLike(run, migrated);
    return landed;
  }

  @Test
  void aRollbackKilledAtAnyMomentLeavesTheDeviceWhollyMigratedOrWhollyRolledBack()
      throws Exception {
    Path atV4 = migratedCopy(atV1, "at-v4", 4);
    RollbackMigrations command =
        Commands.rollback(DEVICE, TestSets.TELEMETRY, VersionId.of(1), deadline());
    Path rolledBack = copyOf(atV4, "rolled-back");
    assertThat(worker(rolledBack.getParent()).rollback.handle(command))
        .isInstanceOf(RolledBack.class);
    // Every backfill and rewrite of a row was reversed: the rows are those of V1 again.
    assertThat(DeviceFiles.differences(rolledBack, atV1, LOG)).isEmpty();

    Map<String, Integer> landed =
        runs()
            .run(
                "rollback",
                atV4,
                smallAtV4,
                command,
                KILLS_OF_A_ROLLBACK,
                run -> judgeRollback(run, command, atV4, rolledBack));

    assertThat(landed).as("seed %d", seed).containsKey(MID_TRANSACTION);
  }

  private static String judgeRollback(
      CrashRuns.Run run, RollbackMigrations command, Path atV4, Path rolledBack) throws Exception {
    assertThat(DeviceFiles.integrityCheck(run.file())).as(run.context()).containsExactly("ok");
    boolean committed = versions(run.file()).equals(List.of(1));
    String landed;
    if (committed) {
      assertLike(run, rolledBack);
      landed = afterTheCommit(run, command.commandId());
    } else {
      assertThat(versions(run.file())).as(run.context()).containsExactly(1, 2, 3, 4);
      assertThat(DeviceFiles.differences(run.file(), atV4)).as(run.context()).isEmpty();
      landed = beforeTheCommit(run, command.commandId());
    }

    WorkerReply again =
        redeliver(
            run, committed, command.commandId(), fleet -> worker(fleet).rollback.handle(command));

    assertThat(again).as(run.context()).isInstanceOf(RolledBack.class);
    assertLike(run, rolledBack);
    return landed;
  }

  /**
   * V5 is a {@code VACUUM}, which SQLite cannot run inside a transaction: V2..V4 commit in one
   * transaction, V5 runs alone and its history row commits right after it, then V6 commits with the
   * command-log row. A kill leaves the versions committed before it, with the schema and rows of
   * exactly those versions (a kill between the {@code VACUUM} and its row leaves the compacted file
   * at V4, whose rows and schema it has), and the redelivery goes on from there.
   */
  @Test
  void aMigrationKilledAroundANoTransactionScriptKeepsItsHistoryInStepWithItsSchemaAndRows()
      throws Exception {
    ApplyMigrations command =
        Commands.migrate(DEVICE, TestSets.TELEMETRY, VersionId.of(6), deadline());
    // The device as each committed part of the command leaves it.
    Map<Integer, Path> at = new TreeMap<>();
    at.put(1, atV1);
    Path previous = atV1;
    for (int version : List.of(4, 5, 6)) {
      previous = migratedCopy(previous, "stepwise-at-v" + version, version);
      at.put(version, previous);
    }

    Map<String, Integer> landed =
        runs()
            .run(
                "migrate-around-a-vacuum",
                atV1,
                smallAtV1,
                command,
                KILLS_AROUND_A_NO_TRANSACTION_SCRIPT,
                run -> judgeStepwise(run, command, at));

    assertThat(landed.keySet()).as("seed %d", seed).anyMatch(where -> !where.startsWith("at V6"));
  }

  private static String judgeStepwise(
      CrashRuns.Run run, ApplyMigrations command, Map<Integer, Path> at) throws Exception {
    assertThat(DeviceFiles.integrityCheck(run.file())).as(run.context()).containsExactly("ok");
    List<Integer> versions = versions(run.file());
    int version = versions.get(versions.size() - 1);
    assertThat(at).as(run.context()).containsKey(version);
    assertThat(versions)
        .as(run.context())
        .isEqualTo(IntStream.rangeClosed(1, version).boxed().toList());
    assertThat(DeviceFiles.differences(run.file(), at.get(version), HISTORY, LOG))
        .as(run.context() + ": the history says V" + version)
        .isEmpty();
    assertThat(history(run.file()))
        .as(run.context())
        .isEqualTo(historyTo(version, command.commandId()));
    boolean finished = version == 6;
    assertThat(recordedReply(run.file(), command.commandId()).isPresent())
        .as(run.context())
        .isEqualTo(finished);
    if (finished) {
      afterTheCommit(run, command.commandId());
    }

    WorkerReply again =
        redeliver(
            run, finished, command.commandId(), fleet -> worker(fleet).migrate.handle(command));

    // Resumed or replayed, the reply tells all that this command applied.
    assertThat(again)
        .as(run.context())
        .isInstanceOfSatisfying(
            MigrationsApplied.class,
            applied -> {
              assertThat(applied.fromVersion()).isEqualTo(VersionId.of(1));
              assertThat(applied.appliedVersions())
                  .containsExactly(
                      VersionId.of(2),
                      VersionId.of(3),
                      VersionId.of(4),
                      VersionId.of(5),
                      VersionId.of(6));
            });
    assertThat(DeviceFiles.differences(run.file(), at.get(6), HISTORY, LOG))
        .as(run.context())
        .isEmpty();
    assertThat(history(run.file())).as(run.context()).isEqualTo(historyTo(6, command.commandId()));
    return "at V" + version + (run.reply().isPresent() ? ", replied" : "");
  }

  /**
   * The device is as the reference (the same command handled whole in this JVM): the same rows and
   * schema, the same history but for its moments and durations, the same command-log rows.
   */
  private static void assertLike(CrashRuns.Run run, Path reference) {
    assertThat(DeviceFiles.differences(run.file(), reference, HISTORY, LOG))
        .as(run.context())
        .isEmpty();
    assertThat(history(run.file())).as(run.context()).isEqualTo(history(reference));
    assertThat(DeviceFiles.rows(run.file(), "SELECT command_id, step FROM " + LOG + " ORDER BY 1"))
        .as(run.context())
        .isEqualTo(
            DeviceFiles.rows(reference, "SELECT command_id, step FROM " + LOG + " ORDER BY 1"));
  }

  /** Killed before the commit: had the transaction already spilled pages into the WAL? */
  private static String beforeTheCommit(CrashRuns.Run run, CommandId commandId) {
    assertThat(run.reply()).as(run.context()).isEmpty();
    assertThat(recordedReply(run.file(), commandId)).as(run.context()).isEmpty();
    return run.walBytesAfter() > 0 ? MID_TRANSACTION : BEFORE_ANY_WRITE;
  }

  /** Committed with its reply; the reply the child printed, if it did, is the one recorded. */
  private static String afterTheCommit(CrashRuns.Run run, CommandId commandId) {
    Optional<WorkerReply> recorded = recordedReply(run.file(), commandId);
    assertThat(recorded).as(run.context()).isPresent();
    if (run.reply().isEmpty()) {
      return COMMITTED_UNREPLIED;
    }
    assertThat(recorded).as(run.context()).isEqualTo(run.reply());
    return REPLIED;
  }

  /**
   * Handles the command again in this JVM, as the worker does when the command is redelivered. When
   * the first handling had committed, the recorded reply comes back and not a byte changes.
   */
  private static WorkerReply redeliver(
      CrashRuns.Run run,
      boolean committed,
      CommandId commandId,
      Function<Path, WorkerReply> handling)
      throws Exception {
    Path file = run.file();
    if (!committed) {
      WorkerReply reply = handling.apply(run.fleet());
      assertThat(recordedReply(file, commandId)).as(run.context()).contains(reply);
      return reply;
    }
    WorkerReply recorded = recordedReply(file, commandId).orElseThrow();
    List<List<String>> historyBefore = DeviceFiles.rows(file, "SELECT * FROM " + HISTORY);
    List<List<String>> logBefore = DeviceFiles.rows(file, "SELECT * FROM " + LOG);
    DatabaseBytes bytesBefore = DeviceFiles.bytes(file);

    WorkerReply reply = handling.apply(run.fleet());

    assertThat(reply).as(run.context()).isEqualTo(recorded);
    assertThat(DeviceFiles.rows(file, "SELECT * FROM " + HISTORY))
        .as(run.context())
        .isEqualTo(historyBefore);
    assertThat(DeviceFiles.rows(file, "SELECT * FROM " + LOG))
        .as(run.context())
        .isEqualTo(logBefore);
    assertThat(DeviceFiles.bytes(file)).as(run.context()).isEqualTo(bytesBefore);
    return reply;
  }

  private static Optional<WorkerReply> recordedReply(Path file, CommandId commandId) {
    return DeviceFiles.rows(
            file, "SELECT reply FROM " + LOG + " WHERE command_id = '" + commandId.value() + "'")
        .stream()
        .map(row -> CODEC.decode(row.get(0), WorkerReply.class))
        .findFirst();
  }

  private static List<Integer> versions(Path file) {
    return DeviceFiles.rows(file, "SELECT version FROM " + HISTORY + " ORDER BY version").stream()
        .map(row -> Integer.parseInt(row.get(0)))
        .toList();
  }

  /** The history without the moments and durations, which differ from run to run. */
  private static List<List<String>> history(Path file) {
    return DeviceFiles.rows(
        file,
        "SELECT version, description, checksum, command_id FROM " + HISTORY + " ORDER BY version");
  }

  /** V1 as the prepared device has it, then V2..V{@code version} applied by {@code command}. */
  private static List<List<String>> historyTo(int version, CommandId command) {
    List<List<String>> expected = new ArrayList<>(history(atV1));
    for (int v = 2; v <= version; v++) {
      MigrationScript script =
          catalogue
              .chain(TestSets.TELEMETRY, VersionId.of(v))
              .orElseThrow()
              .script(VersionId.of(v));
      expected.add(
          List.of(String.valueOf(v), script.description(), script.sha256(), command.value()));
    }
    return expected;
  }

  private static CrashRuns runs() {
    return new CrashRuns(work, seed, DEVICE, TestSets.TELEMETRY);
  }

  private static TestWorker worker(Path fleet) {
    return new TestWorker(fleet, catalogue);
  }

  private static Path copyOf(Path device, String folder) throws Exception {
    Path copy = DeviceFiles.path(Files.createDirectories(work.resolve(folder)), DEVICE);
    Files.copy(device, copy);
    return copy;
  }

  private static Path migratedCopy(Path device, String folder, int version) throws Exception {
    Path copy = copyOf(device, folder);
    Telemetry.migrateTo(worker(copy.getParent()), DEVICE, version);
    return copy;
  }

  private static Instant deadline() {
    return Instant.now().plus(TIME_TO_DEADLINE);
  }
}
