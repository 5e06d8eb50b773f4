package dev.flotilla.cli;

import dev.flotilla.backup.BackupWorkerConfig;
import dev.flotilla.backup.BackupWorkerVerticle;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.device.DeviceReport;
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
import dev.flotilla.coordinator.projection.RolloutProgress;
import dev.flotilla.devkit.DemoFleet;
import dev.flotilla.devkit.DevBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.messaging.TopicProvisioner;
import dev.flotilla.messaging.TopicReader;
import dev.flotilla.migration.MigrationWorkerConfig;
import dev.flotilla.migration.MigrationWorkerVerticle;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.notifier.NotifierConfig;
import dev.flotilla.notifier.NotifierVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code flotilla demo}: the whole system in one process on a real Kafka broker — a demo fleet of
 * SQLite databases, the sample migration set, one rollout to version 5, live progress.
 */
@Command(
    name = "demo",
    description =
        "Start Kafka, the four services and a demo fleet, then roll the sample migration set out"
            + " to every device.")
final class DemoCommand implements Callable<Integer> {
  static final MigrationSetId SET = MigrationSetId.of("coachiq");
  static final int TARGET_VERSION = 5;

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

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the demo fleet's data.")
  long seed;

  @Option(
      names = "--exit-when-done",
      description = "Exit when the rollout ends: 0 if every device reached the target version.")
  boolean exitWhenDone;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    if (devices < 1 || devices > 100_000) {
      throw new UserError("--devices must be between 1 and 100000");
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

    Vertx vertx = Vertx.vertx();
    NotifierVerticle notifier = new NotifierVerticle(new NotifierConfig(kafka, httpPort));
    deploy(
        vertx,
        new MigrationWorkerVerticle(
            new MigrationWorkerConfig(kafka, fleet, data.resolve("migration-worker"))));
    deploy(vertx, new BackupWorkerVerticle(new BackupWorkerConfig(kafka, fleet, backups)));
    CoordinatorVerticle coordinator =
        new CoordinatorVerticle(new CoordinatorConfig(kafka, data.resolve("coordinator"), 0));
    deploy(vertx, coordinator);
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

    awaitInventory(kafka, fleetIds.size());
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
                .withStepTimeoutSeconds(120),
            "flotilla demo",
            MessageId.random(),
            Instant.now());
    try (Publisher publisher = Publisher.create(kafka)) {
      publisher.sendAndWait(Topics.UPDATE_REQUESTS, request);
    }
    String base = "http://127.0.0.1:" + notifier.actualPort();
    out.printf(
        "Published rollout %s: every device to version %d, in waves of %s %% (a canary first)%n",
        rolloutId, TARGET_VERSION, CANARY_WAVES);
    out.println();
    out.println("  fleet        " + fleet);
    out.println("  backups      " + backups);
    out.println("  logs         " + work.resolve("flotilla.log"));
    out.println(
        "  live events  " + base + "/events?rollout=" + rolloutId + "   (Server-Sent Events)");
    out.println("  health       " + base + "/health");
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
    ProgressWatcher.printSummary(progress, System.nanoTime() - rolloutStarted, out);
    out.printf("(demo ran %.1fs in all)%n", (System.nanoTime() - started) / 1e9);
    boolean allDone = progress.finished() && progress.count(DeviceOutcome.DONE) == fleetIds.size();

    Runnable shutdown =
        () -> {
          try {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
          } catch (Exception e) {
            // Ending anyway; the broker is stopped next.
          }
          broker.close();
        };
    if (exitWhenDone) {
      shutdown.run();
      return allDone ? 0 : 1;
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

  private static void deploy(Vertx vertx, Deployable service) throws Exception {
    vertx
        .deployVerticle(service)
        .toCompletionStage()
        .toCompletableFuture()
        .get(120, TimeUnit.SECONDS);
  }

  /** The coordinator only accepts devices it knows: wait until the workers reported them all. */
  private void awaitInventory(KafkaSettings kafka, int expected) throws InterruptedException {
    Set<DeviceId> seen = ConcurrentHashMap.newKeySet();
    CountDownLatch complete = new CountDownLatch(1);
    try (TopicReader<DeviceReport> reader =
        TopicReader.fromBeginning(
            kafka,
            Topics.DEVICES,
            r -> {
              seen.add(r.value().deviceId());
              if (seen.size() >= expected) {
                complete.countDown();
              }
            })) {
      reader.start();
      if (!complete.await(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException(
            "only " + seen.size() + " of " + expected + " devices reported to the inventory");
      }
    }
  }

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
