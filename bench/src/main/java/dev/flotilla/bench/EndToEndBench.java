package dev.flotilla.bench;

import dev.flotilla.backup.BackupWorkerConfig;
import dev.flotilla.backup.BackupWorkerVerticle;
import dev.flotilla.contracts.catalogue.MigrationScript;
import dev.flotilla.contracts.catalogue.VersionId;
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
import dev.flotilla.devkit.DevBroker;
import dev.flotilla.messaging.KafkaSettings;
import dev.flotilla.messaging.Publisher;
import dev.flotilla.migration.MigrationWorkerConfig;
import dev.flotilla.migration.MigrationWorkerVerticle;
import dev.flotilla.migration.catalogue.MigrationFolder;
import dev.flotilla.notifier.NotifierConfig;
import dev.flotilla.notifier.NotifierVerticle;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The fleet rolled out over Kafka, as {@code flotilla demo} runs it: the coordinator, both workers
 * and the notifier deployed in this JVM on a real broker, the migration set pushed, the devices
 * announced by the migration worker, then an update request published and followed on {@code
 * flotilla.events}. A small rollout on other devices warms the services up first. Every device is
 * healthy and parked: the timing is of the saga itself, not of waiting for devices. During the
 * measured rollout an SSE client of the notifier and a bare consumer follow its events side by side
 * ({@link NotifierLatencyProbe}).
 */
final class EndToEndBench {
  private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(2);

  /** How long the deployment is watched at rest before the rollouts. */
  private static final Duration IDLE_WINDOW = Duration.ofSeconds(10);

  private static final Duration ROLLOUT_TIMEOUT = Duration.ofMinutes(60);

  /** The bare consumer reads the last event at about the time the rollout's follower does. */
  private static final Duration BARE_TAIL_TIMEOUT = Duration.ofSeconds(30);

  /** How long the SSE client may lag the bare consumer before an event counts as missing. */
  private static final Duration SSE_GRACE = Duration.ofSeconds(5);

  private final Workspace workspace;
  private final FleetCheck check;
  private final MigrationSetId set;
  private final int targetVersion;
  private final PrintStream out;
  private final DevBroker broker;

  /**
   * @param broker the broker the services use, for its CPU time; null when it is not this run's
   */
  EndToEndBench(
      DevBroker broker,
      Workspace workspace,
      FleetCheck check,
      MigrationSetId set,
      int targetVersion,
      PrintStream out) {
    this.broker = broker;
    this.workspace = workspace;
    this.check = check;
    this.set = set;
    this.targetVersion = targetVersion;
    this.out = out;
  }

  /** What the measured rollout did, before it is compared with the in-process variants. */
  record Rollout(
      int devices,
      int warmupDevices,
      int maxInFlight,
      long elapsedNanos,
      HeapWatch.Usage heap,
      Map<String, Integer> outcomes,
      NotifierLatencyResult notifierLatency,
      CpuAccount.Split cpu) {

    double msPerDevice() {
      return elapsedNanos / 1e6 / devices;
    }
  }

  /**
   * The measured rollout and the rollouts of other fleet sizes, each on devices of its own, and
   * what the deployment cost at rest before them.
   */
  record Rollouts(Rollout measured, List<Rollout> bySize, CpuAccount.Split idle) {}

  /**
   * Rolls the fleet out: {@code warmup} first and not timed, then {@code measured} (its events
   * followed by the notifier probe), then each of {@code sizes} in order, each timed alone. Every
   * list is copied fresh from the master fleet into one fleet folder; no device is in two lists.
   */
  Rollouts run(
      KafkaSettings kafka,
      List<DeviceId> warmup,
      List<DeviceId> measured,
      List<List<DeviceId>> sizes,
      int maxInFlight)
      throws Exception {
    Path fleet = workspace.emptyDir("end-to-end", "fleet");
    List<DeviceId> all = new ArrayList<>(warmup);
    all.addAll(measured);
    sizes.forEach(all::addAll);
    workspace.freshCopy(fleet, all);
    Path backups = workspace.emptyDir("end-to-end", "backups");
    Path data = workspace.emptyDir("end-to-end", "data");

    Vertx vertx = Vertx.vertx();
    try (RolloutFollower follower = new RolloutFollower(kafka)) {
      deploy(
          vertx,
          new MigrationWorkerVerticle(
              new MigrationWorkerConfig(kafka, fleet, data.resolve("migration-worker"))));
      deploy(vertx, new BackupWorkerVerticle(new BackupWorkerConfig(kafka, fleet, backups)));
      deploy(
          vertx,
          new CoordinatorVerticle(new CoordinatorConfig(kafka, data.resolve("coordinator"), 0)));
      NotifierVerticle notifier = new NotifierVerticle(new NotifierConfig(kafka, 0));
      deploy(vertx, notifier);
      pushMigrations(kafka);
      InventoryWait.until(kafka, all, Duration.ofMinutes(10));
      CpuAccount.Split idle = idle();

      if (!warmup.isEmpty()) {
        Rollout warm = rollout(kafka, follower, warmup, maxInFlight, "warmup", -1);
        out.printf(
            "  warm-up  end to end               %5d devices  %8.2f ms/device%n",
            warm.devices(), warm.msPerDevice());
      }
      Rollout result =
          rollout(kafka, follower, measured, maxInFlight, "measured", notifier.actualPort());
      out.printf(
          "  measured end to end               %5d devices  %8.2f ms/device%n",
          result.devices(), result.msPerDevice());
      checkMigrated(fleet, measured);
      List<Rollout> bySize = new ArrayList<>();
      for (List<DeviceId> devices : sizes) {
        Rollout sized =
            rollout(kafka, follower, devices, maxInFlight, "size-" + devices.size(), -1);
        out.printf(
            "  fleet of %5d end to end         %5d devices  %8.2f ms/device%n",
            devices.size(), sized.devices(), sized.msPerDevice());
        checkMigrated(fleet, devices);
        bySize.add(sized);
      }
      return new Rollouts(
          new Rollout(
              result.devices(),
              warmup.size(),
              maxInFlight,
              result.elapsedNanos(),
              result.heap(),
              result.outcomes(),
              result.notifierLatency(),
              result.cpu()),
          bySize,
          idle);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
    }
  }

  /** The services and the broker with nothing to do: what following the topics costs alone. */
  private CpuAccount.Split idle() throws InterruptedException {
    CpuAccount account = CpuAccount.start(broker);
    Thread.sleep(IDLE_WINDOW.toMillis());
    CpuAccount.Split idle = account.stop();
    out.printf(
        "  at rest                            %.2f s of CPU in %.1f s (broker %.2f s)%n",
        idle.total(),
        idle.wallSeconds(),
        idle.secondsByPart().getOrDefault(CpuAccount.BROKER, 0.0));
    return idle;
  }

  private void checkMigrated(Path fleet, List<DeviceId> devices) {
    List<String> problems = check.problems(fleet, devices);
    if (!problems.isEmpty()) {
      throw new IllegalStateException(
          "the rollout left "
              + problems.size()
              + " device(s) short of the latest version, e.g. "
              + problems.get(0));
    }
  }

  private Rollout rollout(
      KafkaSettings kafka,
      RolloutFollower follower,
      List<DeviceId> devices,
      int maxInFlight,
      String name,
      int notifierPort)
      throws Exception {
    RolloutId id = RolloutId.of("bench-" + name + "-" + System.currentTimeMillis());
    UpdateRequest request =
        new UpdateRequest(
            id,
            set,
            VersionId.of(targetVersion),
            Selector.devices(devices),
            RolloutPolicy.DEFAULT.withMaxInFlight(maxInFlight),
            "flotilla bench",
            MessageId.random(),
            Instant.now());
    // Connected before the request is published, so they see the rollout from its first event.
    try (Publisher publisher = Publisher.create(kafka);
        NotifierLatencyProbe probe =
            notifierPort < 0 ? null : NotifierLatencyProbe.start(kafka, notifierPort, id)) {
      HeapWatch watch = HeapWatch.startForAllThreads();
      CpuAccount cpuAccount = CpuAccount.start(broker);
      long started = System.nanoTime();
      RolloutFollower.Ended ended;
      HeapWatch.Usage heap;
      CpuAccount.Split cpu;
      try {
        publisher.sendAndWait(Topics.UPDATE_REQUESTS, request);
        ended = follower.awaitEnd(id, ROLLOUT_TIMEOUT);
      } finally {
        cpu = cpuAccount.stop();
        heap = watch.stop();
      }
      long elapsed = ended.readAtNanos() - started;
      RolloutProgress progress = ended.progress();
      if (progress.rejected()) {
        throw new IllegalStateException("the rollout was rejected: " + progress.rejection());
      }
      Map<String, Integer> outcomes = new LinkedHashMap<>();
      for (DeviceOutcome outcome : DeviceOutcome.values()) {
        outcomes.put(outcome.name(), progress.count(outcome));
      }
      if (progress.count(DeviceOutcome.DONE) != devices.size()) {
        throw new IllegalStateException("not every device of the rollout is done: " + outcomes);
      }
      NotifierLatencyResult latency =
          probe == null ? null : probe.finish(BARE_TAIL_TIMEOUT, SSE_GRACE);
      return new Rollout(devices.size(), 0, maxInFlight, elapsed, heap, outcomes, latency, cpu);
    }
  }

  private void pushMigrations(KafkaSettings kafka) {
    List<MigrationScript> scripts = MigrationFolder.read(set, workspace.migrationSet());
    try (Publisher publisher = Publisher.create(kafka)) {
      for (MigrationScript script : scripts) {
        publisher.sendAndWait(Topics.MIGRATIONS, script);
      }
    }
  }

  private static void deploy(Vertx vertx, Deployable service) throws Exception {
    vertx
        .deployVerticle(service)
        .toCompletionStage()
        .toCompletableFuture()
        .get(DEPLOY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }
}
