package dev.flotilla.migration.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.contracts.catalogue.Catalogue;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.ScriptKind;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.command.ApplyMigrations;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.reply.FailureKind;
import dev.flotilla.contracts.reply.MigrateResult;
import dev.flotilla.contracts.reply.MigrationFailed;
import dev.flotilla.contracts.reply.MigrationsApplied;
import dev.flotilla.contracts.reply.SafetyCheckPassed;
import dev.flotilla.contracts.reply.SafetyCheckResult;
import dev.flotilla.migration.testing.Telemetry;
import dev.flotilla.migration.testing.TestSets;
import dev.flotilla.migration.testing.TestWorker;
import dev.flotilla.testsupport.Commands;
import dev.flotilla.testsupport.DeviceFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runaway statement on one device is stopped at its command's deadline while the same worker
 * migrates other devices with large tables on other threads, as the worker's loop does with its
 * parallel handlers: each connection has its own deadline, and the stopped device is left exactly
 * as it was.
 */
class DeadlineUnderLoadTest {
  /** Telemetry's V1, then V2 joins the big table with itself: 10^10 pairs, hours of work. */
  private static final MigrationSetId RUNAWAY = MigrationSetId.of("telemetry-runaway");

  private static final String CROSS_JOIN =
      "CREATE TABLE reading_pair AS SELECT a.id AS first, b.id AS second"
          + " FROM reading a CROSS JOIN reading b WHERE a.celsius = b.celsius + 100;";

  private static final int OTHER_DEVICES = 4;
  private static final long BOUND_SECONDS = 120;

  @TempDir Path fleet;

  private final ExecutorService others = Executors.newFixedThreadPool(OTHER_DEVICES);
  private final ExecutorService runawayThread = Executors.newSingleThreadExecutor();

  @AfterEach
  void stop() {
    others.shutdownNow();
    runawayThread.shutdownNow();
  }

  @Test
  void aRunawayScriptIsStoppedAtItsDeadlineWhileOtherDevicesMigrateOnOtherThreads()
      throws Exception {
    TestWorker worker = new TestWorker(fleet, catalogue());
    Path template = Files.createDirectories(fleet.resolve("template"));
    DeviceId templateDevice = DeviceId.of("rv-template");
    Path atV1 =
        Telemetry.deviceAtV1(
            new TestWorker(template, worker.catalogue),
            template,
            templateDevice,
            Telemetry.READINGS);
    Path migrated = copy(atV1, fleet.resolve("reference"), templateDevice);
    Telemetry.migrateTo(new TestWorker(migrated.getParent(), worker.catalogue), templateDevice, 4);
    List<DeviceId> devices = new ArrayList<>();
    for (int i = 1; i <= OTHER_DEVICES; i++) {
      devices.add(DeviceId.of("rv-load-" + i));
      copy(atV1, fleet, devices.get(i - 1));
    }
    DeviceId runaway = DeviceId.of("rv-runaway");
    Path runawayFile = copy(atV1, fleet, runaway);
    ApplyMigrations runawayCommand =
        Commands.migrate(
            runaway, RUNAWAY, VersionId.of(2), Instant.now().plus(Duration.ofMillis(800)));

    CountDownLatch start = new CountDownLatch(1);
    List<CompletableFuture<MigrateResult>> loads = new ArrayList<>();
    for (DeviceId device : devices) {
      loads.add(
          CompletableFuture.supplyAsync(
              () -> {
                await(start);
                return worker.migrate.handle(
                    Commands.migrate(device, TestSets.TELEMETRY, VersionId.of(4)));
              },
              others));
    }
    CompletableFuture<MigrateResult> stopped =
        CompletableFuture.supplyAsync(
            () -> {
              await(start);
              return worker.migrate.handle(runawayCommand);
            },
            runawayThread);
    start.countDown();

    // Bounded, not timed: without the deadline the join would run for hours.
    MigrateResult result = stopped.get(BOUND_SECONDS, TimeUnit.SECONDS);
    long stillMigrating = loads.stream().filter(load -> !load.isDone()).count();
    // The thread is free again: the next command for the device runs on it.
    SafetyCheckResult next =
        CompletableFuture.supplyAsync(
                () ->
                    worker.safetyCheck.handle(
                        Commands.safetyCheck(runaway, RUNAWAY, VersionId.of(2), false)),
                runawayThread)
            .get(BOUND_SECONDS, TimeUnit.SECONDS);
    List<MigrateResult> loadResults = new ArrayList<>();
    for (CompletableFuture<MigrateResult> load : loads) {
      loadResults.add(load.get(BOUND_SECONDS, TimeUnit.SECONDS));
    }
    System.out.printf(
        "LOAD: the runaway migration was stopped while %d of %d other migrations still ran%n",
        stillMigrating, OTHER_DEVICES);

    assertThat(result)
        .isInstanceOfSatisfying(
            MigrationFailed.class,
            failed -> {
              assertThat(failed.versionNow()).isEqualTo(VersionId.of(1));
              assertThat(failed.failedVersion()).isEqualTo(VersionId.of(2));
              assertThat(failed.failure().kind()).isEqualTo(FailureKind.BUSINESS);
              assertThat(failed.failure().reason())
                  .isEqualTo(
                      "V2 (made up V2) of set telemetry-runaway was stopped at the deadline "
                          + runawayCommand.deadline());
            });
    // Every row and schema object as before, history and command log included.
    assertThat(DeviceFiles.differences(runawayFile, atV1)).isEmpty();
    assertThat(next).as("%s", next).isInstanceOf(SafetyCheckPassed.class);
    for (int i = 0; i < OTHER_DEVICES; i++) {
      Path file = DeviceFiles.path(fleet, devices.get(i));
      assertThat(loadResults.get(i))
          .as("%s", devices.get(i))
          .isInstanceOfSatisfying(
              MigrationsApplied.class,
              applied ->
                  assertThat(applied.appliedVersions())
                      .containsExactly(VersionId.of(2), VersionId.of(3), VersionId.of(4)));
      assertThat(
              DeviceFiles.differences(
                  file, migrated, "flotilla_schema_history", "flotilla_command_log"))
          .as("%s", devices.get(i))
          .isEmpty();
    }
  }

  /** Telemetry, and a set whose V2 never ends on a device with many readings. */
  private static Catalogue catalogue() {
    Catalogue catalogue = Catalogue.of(TestSets.telemetry());
    MigrationScript v1 =
        catalogue.chain(TestSets.TELEMETRY, VersionId.of(1)).orElseThrow().script(VersionId.of(1));
    catalogue.add(
        new MigrationScript(
            MessageId.random(),
            Instant.now(),
            RUNAWAY,
            VersionId.of(1),
            ScriptKind.MIGRATE,
            v1.description(),
            v1.sql(),
            v1.sha256(),
            true));
    catalogue.add(TestSets.script(RUNAWAY, 2, ScriptKind.MIGRATE, CROSS_JOIN));
    return catalogue;
  }

  private static Path copy(Path device, Path fleet, DeviceId as) throws Exception {
    Path copy = DeviceFiles.path(Files.createDirectories(fleet), as);
    Files.copy(device, copy);
    return copy;
  }

  private static void await(CountDownLatch start) {
    try {
      start.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
