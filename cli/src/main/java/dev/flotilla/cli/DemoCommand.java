package dev.flotilla.cli;

import dev.flotilla.backup.BackupWorkerConfig;
import dev.flotilla.backup.BackupWorkerVerticle;
import dev.flotilla.cli.simulator.ApplicationWriters;
import dev.flotilla.cli.simulator.DeviceStateSimulator;
import dev.flotilla.cli.simulator.DrivingSchedule;
import dev.flotilla.cli.simulator.WriterReport;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
import dev.flotilla.contracts.event.DeviceFinished;
import dev.flotilla.contracts.event.DeviceOutcome;
import dev.flotilla.contracts.id.DeviceId;
import dev.flotilla.contracts.id.MessageId;
import dev.flotilla.contracts.id.MigrationSetId;
import dev.flotilla.contracts.id.RolloutId;
import dev.flotilla.contracts.request.RolloutPolicy;
import dev.flotilla.contracts.request.Selector;
import dev.flotilla.contracts.request.UpdateRequest;
import dev.flotilla.contracts.topic.Topics;
import dev.flotilla.coordinator.CoordinatorConfig;
import dev.flotilla.coordinator.CoordinatorVerticle;
import dev.flotilla.coordinator.engine.InventoryWait;
import dev.flotilla.coordinator.projection.RolloutProgress;
import dev.flotilla.devkit.ApplicationWriter;
import dev.flotilla.devkit.ClimateSensor;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.devkit.DevBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.migration.MigrationWorkerConfig;
import dev.flotilla.migration.MigrationWorkerVerticle;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.notifier.DashboardConfig;
import dev.flotilla.notifier.NotifierConfig;
import dev.flotilla.notifier.NotifierVerticle;
import dev.flotilla.ops.access.AccessSettings;
import dev.flotilla.ops.access.AccessTokens;
import dev.flotilla.ops.access.Role;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flotilla demo}: the whole system in one process on a real Kafka broker — a demo fleet of
 * SQLite databases, the sample migration set, one rollout to version 5, live progress. Some devices
 * drive, one is damaged, and a few run an application that keeps writing to its database through
 * the whole rollout.
 */
@Command(
    name = "demo",
    description =
        "Start Kafka, the four services and a demo fleet, then roll the sample migration set out"
            + " to every device.")
final class DemoCommand implements Callable<Integer> {
  static final MigrationSetId SET = MigrationSetId.of("coachiq");
  static final VersionId TARGET_VERSION = VersionId.of(5);

  /** A canary device first, then half the fleet, then the rest. */
  static final List<Integer> CANARY_WAVES = List.of(2, 50, 100);

  @Option(
      names = "--devices",
      defaultValue = "50",
      description = "Fleet size (default ${DEFAULT-VALUE}).")
  int devices;

  @Option(
      names = "--work-dir",
      defaultValue = ConsoleLogging.DEFAULT_DEMO_DIR,
      paramLabel = "DIR",
      description =
          "Where the fleet, backups and logs go; emptied first (default ${DEFAULT-VALUE}).")
  Path workDir;

  @Option(
      names = "--http-port",
      defaultValue = "8080",
      description =
          "Port of the notifier's event stream; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--max-in-flight",
      defaultValue = "10",
      description = "Devices migrated at once (default ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(
      names = "--driving-percent",
      defaultValue = "10",
      description =
          "Share of the devices driving at the start; the safety check defers them until they"
              + " park (default ${DEFAULT-VALUE}).")
  int drivingPercent;

  @Option(
      names = "--broken-devices",
      defaultValue = "1",
      description =
          "Devices whose database is damaged; the safety check skips them untouched (default"
              + " ${DEFAULT-VALUE}).")
  int brokenDevices;

  @Option(
      names = "--writing-percent",
      defaultValue = "10",
      paramLabel = "P",
      description =
          "Share of the devices whose application keeps writing to its database during the whole"
              + " rollout, at least one; 0 for none (default ${DEFAULT-VALUE}).")
  int writingPercent;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the demo fleet's data.")
  long seed;

  @Option(
      names = "--exit-when-done",
      description =
          "Exit when the rollout ends: 0 if every healthy device reached the target version,"
              + " every damaged one was skipped untouched, and every reading a writing device"
              + " committed is in its database once.")
  boolean exitWhenDone;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    if (devices < 1 || devices > 100_000) {
      throw new UserError("--devices must be between 1 and 100000");
    }
    if (drivingPercent < 0 || drivingPercent > 100) {
      throw new UserError("--driving-percent must be between 0 and 100");
    }
    if (writingPercent < 0 || writingPercent > 100) {
      throw new UserError("--writing-percent must be between 0 and 100");
    }
    if (brokenDevices < 0 || brokenDevices >= devices) {
      throw new UserError("--broken-devices must be at least 0 and fewer than --devices");
    }
    Path work = workDir.toAbsolutePath().normalize();
    Path fleet = work.resolve("fleet");
    Path backups = work.resolve("backups");
    Path data = work.resolve("data");
    for (Path dir :
        List.of(fleet, backups, data, work.resolve("broker"), work.resolve("migrations"))) {
      deleteTree(dir);
    }
    for (Path dir : List.of(work, backups, data)) {
      Files.createDirectories(dir);
    }
    long started = System.nanoTime();

    out.println("Starting a Kafka broker (KRaft, single node) ...");
    DevBroker broker = DevBroker.start(work.resolve("broker"));
    KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers());
    TopicProvisioner.ensureTopics(kafka);
    out.println("  Kafka at " + broker.bootstrapServers());

    List<DeviceId> fleetIds = DemoFleet.generate(fleet, devices, seed);
    out.printf("Generated %d device databases at schema version 2 in %s%n", fleetIds.size(), fleet);
    // The last devices: the canary (the first) is a healthy one.
    List<DeviceId> broken = fleetIds.subList(fleetIds.size() - brokenDevices, fleetIds.size());
    for (DeviceId device : broken) {
      DemoFleet.corrupt(DemoFleet.databaseOf(fleet, device));
    }
    if (!broken.isEmpty()) {
      out.printf("  damaged on purpose (the safety check must skip them): %s%n", broken);
    }

    Vertx vertx = Vertx.vertx();
    // A secret of this run alone: its tokens mean nothing to any other fleet.
    AccessSettings access = AccessSettings.signedWith(randomSecret());
    String adminToken =
        AccessTokens.create(vertx, access)
            .issue("demo-admin", EnumSet.of(Role.ADMIN), Duration.ofDays(1), Instant.now())
            .token();
    deploy(
        vertx,
        new MigrationWorkerVerticle(
            new MigrationWorkerConfig(kafka, fleet, data.resolve("migration-worker"))));
    deploy(vertx, new BackupWorkerVerticle(new BackupWorkerConfig(kafka, fleet, backups)));
    CoordinatorVerticle coordinator =
        new CoordinatorVerticle(
            new CoordinatorConfig(kafka, data.resolve("coordinator"), 0).withAccess(access));
    deploy(vertx, coordinator);
    NotifierVerticle notifier =
        new NotifierVerticle(
            new NotifierConfig(kafka, httpPort).withAccess(access),
            DashboardConfig.localCoordinator(coordinator.actualHttpPort()));
    try {
      deploy(vertx, notifier);
    } catch (java.util.concurrent.ExecutionException e) {
      vertx.close();
      broker.close();
      throw new UserError(
          "the notifier cannot listen on port "
              + httpPort
              + " ("
              + e.getCause().getMessage()
              + "); pass --http-port 0 to pick a free port");
    }
    out.println("Services running: coordinator, backup-worker, migration-worker, notifier");

    Path migrations = DemoFleet.sampleMigrations(work.resolve("migrations"));
    List<MigrationScript> scripts = MigrationFolder.read(SET, migrations);
    MigrationsCommand.MigrationPush.push(kafka, scripts);
    out.printf("Pushed migration set '%s' (%d scripts) from %s%n", SET, scripts.size(), migrations);

    InventoryWait.until(kafka, fleetIds, Duration.ofMinutes(2));
    DrivingSchedule driving =
        DrivingSchedule.random(
            fleetIds, drivingPercent, Duration.ofSeconds(4), Duration.ofSeconds(12), seed);
    Publisher statePublisher = Publisher.create(kafka);
    DeviceStateSimulator simulator =
        SimulateDevicesCommand.simulatorFor(
                SimulateDevicesCommand.reportedSoFar(kafka), statePublisher, driving)
            .start(fleetIds);
    if (!driving.driveTimes().isEmpty()) {
      out.printf(
          "  driving (deferred by the safety check until they park, within %ds): %s%n",
          driving.lastParking().toSeconds(), driving.driveTimes().keySet());
    }
    ApplicationWriters writers =
        ApplicationWriters.start(
            ApplicationWriters.choose(
                fleetIds, writingPercent, broken, driving.driveTimes().keySet(), seed),
            device -> DemoFleet.databaseOf(fleet, device));
    if (!writers.devices().isEmpty()) {
      int count = writers.devices().size();
      out.printf(
          "  %d %s writing while %s migrate (a climate reading every %d ms, busy_timeout %d ms):"
              + " %s%n",
          count,
          count == 1 ? "device keeps" : "devices keep",
          count == 1 ? "it" : "they",
          ClimateSensor.INTERVAL.toMillis(),
          ApplicationWriter.BUSY_TIMEOUT_MILLIS,
          writers.devices().stream().map(DeviceId::value).collect(Collectors.joining(", ")));
    }
    RolloutId rolloutId =
        RolloutId.of(
            "demo-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(ZoneOffset.UTC)
                    .format(Instant.now()));
    UpdateRequest request =
        new UpdateRequest(
            rolloutId,
            SET,
            TARGET_VERSION,
            Selector.everyDevice(),
            RolloutPolicy.DEFAULT
                .withWaves(CANARY_WAVES)
                .withMaxInFlight(maxInFlight)
                .withStepTimeoutSeconds(120)
                .withSafetyRetry(2, 600),
            "flotilla demo",
            MessageId.random(),
            Instant.now());
    try (Publisher publisher = Publisher.create(kafka)) {
      publisher.sendAndWait(Topics.UPDATE_REQUESTS, request);
    }
    String base = "http://127.0.0.1:" + notifier.actualPort();
    out.printf(
        "Published rollout %s: every device to version %s, in waves of %s %% (a canary first)%n",
        rolloutId, TARGET_VERSION, CANARY_WAVES);
    out.println();
    out.println("  fleet        " + fleet);
    out.println("  backups      " + backups);
    out.println("  logs         " + work.resolve("flotilla.log"));
    out.println("  admin token  " + adminToken);
    out.println(
        "               (good for a day; export FLOTILLA_TOKEN=<it> for flotilla commands)");
    out.println("  dashboard    " + base + "/dashboard/#token=" + adminToken);
    out.println(
        "  live events  curl -N -H \"Authorization: Bearer $FLOTILLA_TOKEN\" '"
            + base
            + "/events?rollout="
            + rolloutId
            + "'");
    out.println("  health       " + base + "/health/ready");
    String api = "http://127.0.0.1:" + coordinator.actualHttpPort();
    out.println(
        "  api          "
            + api
            + "/rollouts/"
            + rolloutId
            + "   (flotilla status --api "
            + api
            + " "
            + rolloutId
            + ")");
    out.println();

    long rolloutStarted = System.nanoTime();
    RolloutProgress progress =
        new ProgressWatcher(kafka, out).follow(rolloutId, Duration.ofMinutes(30));
    long rolloutNanos = System.nanoTime() - rolloutStarted;
    // Stopped before the check: it counts the rows each application committed.
    List<WriterReport> written = writers.stop();
    ProgressWatcher.printSummary(progress, rolloutNanos, out);
    boolean writersMigrated = printWriters(written, progress, out);
    out.printf("(demo ran %.1fs in all)%n", (System.nanoTime() - started) / 1e9);
    boolean asExpected = asExpected(progress, fleetIds.size(), broken) && writersMigrated;
    if (exitWhenDone) {
      out.println(
          asExpected
              ? "Every healthy device is at version "
                  + TARGET_VERSION
                  + "; the damaged ones are untouched"
                  + (written.isEmpty()
                      ? "."
                      : "; every reading the writing devices committed is there once.")
              : "The rollout did not end as expected; see the log.");
    }

    Runnable shutdown =
        () -> {
          writers.close();
          simulator.close();
          statePublisher.close();
          try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
          } catch (Exception e) {
            // Ending anyway; the broker is stopped next.
          }
          broker.close();
        };
    if (exitWhenDone) {
      shutdown.run();
      return asExpected ? 0 : 1;
    }
    out.println();
    out.println(
        "Still serving the event stream at "
            + base
            + "/events and the API at "
            + api
            + "/rollouts ; Ctrl-C stops the demo.");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  shutdown.run();
                  stopped.countDown();
                }));
    stopped.await();
    return 0;
  }

  /** 48 random bytes, base64: the demo's token secret. */
  private static String randomSecret() {
    byte[] secret = new byte[48];
    new SecureRandom().nextBytes(secret);
    return Base64.getEncoder().encodeToString(secret);
  }

  /** Every healthy device done, every damaged one skipped by the safety check. */
  private static boolean asExpected(RolloutProgress progress, int devices, List<DeviceId> broken) {
    if (!progress.finished() || progress.count(DeviceOutcome.DONE) != devices - broken.size()) {
      return false;
    }
    return broken.stream()
        .allMatch(
            device -> {
              DeviceFinished finish = progress.finishes().get(device);
              return finish != null && finish.outcome() == DeviceOutcome.SKIPPED;
            });
  }

  /**
   * Reports what each writing device's application did and what its database holds; true when every
   * one is at the target version with every reading it committed there exactly once.
   */
  private static boolean printWriters(
      List<WriterReport> reports, RolloutProgress progress, PrintStream out) {
    if (reports.isEmpty()) {
      return true;
    }
    out.println();
    out.println("Devices whose application kept writing during the rollout:");
    boolean all = true;
    for (WriterReport report : reports) {
      DeviceFinished finish = progress.finishes().get(report.device());
      boolean migrated = report.atVersion(TARGET_VERSION) && report.readingsIntact();
      all &= migrated;
      out.printf(
          "  %-12s %s, %s   %d rows written, %d writes failed, longest write %d ms; %s%n",
          report.device(),
          finish == null ? "NOT FINISHED" : finish.outcome(),
          report.version().map(v -> "at version " + v).orElse("version unreadable"),
          report.rowsWritten(),
          report.failedWrites(),
          report.longestWrite().toMillis(),
          readings(report));
      report.firstFailure().ifPresent(why -> out.println("      first failed write: " + why));
      if (finish != null && !finish.reasons().isEmpty() && !migrated) {
        out.println("      " + finish.outcome() + ": " + String.join("; ", finish.reasons()));
      }
    }
    return all;
  }

  private static String readings(WriterReport report) {
    if (report.unreadable().isPresent()) {
      return "the database could not be read: " + report.unreadable().get();
    }
    if (report.readingsIntact()) {
      return "every committed row is there once";
    }
    return String.format(
        "%d committed rows missing, %d duplicated, %d never committed but there",
        report.missing(), report.duplicated(), report.unexpected());
  }

  private static void deploy(Vertx vertx, Deployable service) throws Exception {
    vertx
        .deployVerticle(service)
        .toCompletionStage()
        .toCompletableFuture()
        .get(120, TimeUnit.SECONDS);
  }

  /** The coordinator only accepts devices it knows: waits until the workers reported them all. */
  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
